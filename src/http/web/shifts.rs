//! My shifts: a week or a month, day by day, in my zone or in each desk's zone, across
//! desks. Every day and every time says which zone it is in.

use actix_web::{get, web, HttpResponse};
use askama::Template;
use chrono::{Datelike, Days, Months, NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::Deserialize;

use super::error::PageError;
use super::format::{times, zone_label};
use super::render::{ok, Chrome};
use super::session::PageCaller;
use crate::domain::time_zone::stored_zone;
use crate::http::query::{invalid_query, query_date};
use crate::http::state::AppState;
use crate::service::notifications;
use crate::service::rosters::mine::{my_shifts, MyShift};

#[derive(Debug, Deserialize)]
pub struct ShiftsQuery {
    from: Option<String>,
    view: Option<String>,
    zone: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Week,
    Month,
}

pub struct DayRow {
    pub label: String,
    pub zone: String,
    pub today: bool,
    pub shifts: Vec<DayShift>,
}

pub struct DayShift {
    pub times: String,
    pub template: String,
    pub desk: String,
    pub with: String,
    /// In desk mode: the desk's zone, when it is not the day's.
    pub zone: Option<String>,
}

#[derive(Template)]
#[template(path = "shifts.html")]
struct ShiftsPage {
    chrome: Chrome,
    heading: String,
    month: bool,
    in_desk_zone: bool,
    my_zone: String,
    days: Vec<DayRow>,
    total: usize,
    previous: String,
    next: String,
    this_period: String,
    week_link: String,
    month_link: String,
    my_zone_link: String,
    desk_zone_link: String,
}

fn link(from: NaiveDate, view: View, desk: bool) -> String {
    let view = if view == View::Month { "month" } else { "week" };
    let zone = if desk { "&zone=desk" } else { "" };
    format!("/shifts?from={from}&view={view}{zone}")
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The first and last day of the period holding `from`.
fn period(from: NaiveDate, view: View) -> (NaiveDate, NaiveDate) {
    match view {
        View::Week => {
            let monday = monday_of(from);
            (monday, monday + Days::new(6))
        }
        View::Month => {
            let first = from.with_day(1).unwrap_or(from);
            let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first);
            (first, last)
        }
    }
}

fn shift_line(shift: &MyShift, zone: Tz, show_zone: bool) -> DayShift {
    DayShift {
        times: times(shift.start, shift.end, zone),
        template: shift.template.clone(),
        desk: shift.desk_name.clone(),
        with: super::format::teammates(&shift.with),
        zone: show_zone.then(|| zone_label(shift.start, zone)),
    }
}

#[get("/shifts")]
pub async fn my_shifts_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    query: web::Query<ShiftsQuery>,
) -> Result<HttpResponse, PageError> {
    let view = match query.view.as_deref() {
        None | Some("week") => View::Week,
        Some("month") => View::Month,
        Some(_) => return Err(invalid_query("view", "week or month").into()),
    };
    let in_desk_zone = match query.zone.as_deref() {
        None | Some("mine") => false,
        Some("desk") => true,
        Some(_) => return Err(invalid_query("zone", "mine or desk").into()),
    };
    let asked = query.from.as_deref().map(|d| query_date("from", d)).transpose()?;
    let actor = who.actor.clone();
    let mine = stored_zone(&who.person.time_zone);
    let now = state.service.now();
    let today = now.with_timezone(&mine).date_naive();
    let (first, last) = period(asked.unwrap_or(today), view);
    // A day before and after: in a desk's zone a shift may fall on a neighbouring date.
    let (fetch_from, fetch_to) = (first.pred_opt(), last.succ_opt());
    let (shifts, unread) = state
        .run(move |ctx| {
            let shifts = my_shifts(ctx, &actor, fetch_from, fetch_to, None)?;
            Ok((shifts, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    let mut days = Vec::new();
    let mut total = 0;
    let mut date = first;
    while date <= last {
        let noon = mine.from_local_datetime(&date.and_hms_opt(12, 0, 0).unwrap_or_default()).earliest();
        let noon = noon.map(|t| t.with_timezone(&chrono::Utc)).unwrap_or(now);
        let on_day: Vec<DayShift> = shifts
            .shifts
            .iter()
            .filter_map(|s| {
                let zone = if in_desk_zone { stored_zone(&s.desk_time_zone) } else { mine };
                (s.start.with_timezone(&zone).date_naive() == date).then(|| shift_line(s, zone, in_desk_zone))
            })
            .collect();
        total += on_day.len();
        days.push(DayRow {
            label: date.format("%a %-d %b").to_string(),
            zone: if in_desk_zone { "each desk's zone".into() } else { zone_label(noon, mine) },
            today: date == today,
            shifts: on_day,
        });
        date = match date.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
    let step = |forward: bool| match view {
        View::Week if forward => first + Days::new(7),
        View::Week => first - Days::new(7),
        View::Month if forward => first.checked_add_months(Months::new(1)).unwrap_or(first),
        View::Month => first.checked_sub_months(Months::new(1)).unwrap_or(first),
    };
    let heading = match view {
        View::Week => format!("Week of {}", first.format("%-d %b %Y")),
        View::Month => first.format("%B %Y").to_string(),
    };
    let page = ShiftsPage {
        chrome: Chrome::signed_in("My shifts", &who, unread),
        heading,
        month: view == View::Month,
        in_desk_zone,
        my_zone: who.person.time_zone.clone(),
        days,
        total,
        previous: link(step(false), view, in_desk_zone),
        next: link(step(true), view, in_desk_zone),
        this_period: link(today, view, in_desk_zone),
        week_link: link(first, View::Week, in_desk_zone),
        month_link: link(first, View::Month, in_desk_zone),
        my_zone_link: link(first, view, false),
        desk_zone_link: link(first, view, true),
    };
    Ok(ok(&page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_whole_weeks_from_monday_and_whole_months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(period(d(2026, 3, 18), View::Week), (d(2026, 3, 16), d(2026, 3, 22)));
        assert_eq!(period(d(2026, 2, 10), View::Month), (d(2026, 2, 1), d(2026, 2, 28)));
        assert_eq!(period(d(2026, 12, 31), View::Month), (d(2026, 12, 1), d(2026, 12, 31)));
    }
}
