//! Home: my next shift, large, in my zone and the desk's; then the next two weeks;
//! my time off waiting for a decision; my unread notifications.

use actix_web::{get, web, HttpResponse};
use askama::Template;
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;

use super::error::PageError;
use super::format::{day, period, starts_in, teammates, times, zone_label};
use super::render::{ok, Chrome};
use super::session::PageCaller;
use crate::domain::time_zone::stored_zone;
use crate::domain::TimeOffStatus;
use crate::http::state::AppState;
use crate::service::rosters::mine::{my_shifts, MyShift};
use crate::service::time_off::list::TimeOffFilter;
use crate::service::{notifications, time_off};

/// One of my shifts as a line of the page.
pub struct ShiftLine {
    pub day: String,
    pub times: String,
    pub template: String,
    pub desk: String,
    pub with: String,
    /// The desk's day and times, when its zone is not mine.
    pub at_desk: Option<String>,
}

pub struct NextShift {
    pub line: ShiftLine,
    pub zone: String,
    pub starts_in: String,
    pub desk_zone: Option<String>,
}

pub struct PendingLeave {
    pub when: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    first_name: String,
    zone: String,
    next: Option<NextShift>,
    /// The shifts after the next one, within two weeks.
    later: Vec<ShiftLine>,
    pending: Vec<PendingLeave>,
    unread: Vec<String>,
    unread_count: i64,
}

fn line(shift: &MyShift, mine: Tz) -> ShiftLine {
    let desk_zone = stored_zone(&shift.desk_time_zone);
    let at_desk = (desk_zone != mine).then(|| {
        format!(
            "{} {} at the desk ({})",
            day(shift.start, desk_zone),
            times(shift.start, shift.end, desk_zone),
            zone_label(shift.start, desk_zone)
        )
    });
    ShiftLine {
        day: day(shift.start, mine),
        times: times(shift.start, shift.end, mine),
        template: shift.template.clone(),
        desk: shift.desk_name.clone(),
        with: teammates(&shift.with),
        at_desk,
    }
}

fn next_shift(shift: &MyShift, mine: Tz, now: DateTime<Utc>) -> NextShift {
    let desk_zone = stored_zone(&shift.desk_time_zone);
    NextShift {
        line: line(shift, mine),
        zone: zone_label(shift.start, mine),
        starts_in: starts_in(shift.start, shift.end, now),
        desk_zone: (desk_zone != mine).then(|| zone_label(shift.start, desk_zone)),
    }
}

#[get("/")]
pub async fn home(state: web::Data<AppState>, PageCaller(who): PageCaller) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let (shifts, pending, inbox, now) = state
        .run(move |ctx| {
            let now = ctx.now();
            // Yesterday too: a night that started yesterday may still be on.
            let from = now.date_naive().checked_sub_days(Days::new(1));
            let to = now.date_naive().checked_add_days(Days::new(14));
            let shifts = my_shifts(ctx, &actor, from, to, None)?;
            let filter = TimeOffFilter {
                person_id: Some(actor.id.clone()),
                status: Some(TimeOffStatus::Pending),
                limit: 20,
                ..TimeOffFilter::default()
            };
            let pending = time_off::list::list(ctx, &actor, filter)?;
            let inbox = notifications::list(ctx, &actor, true, None, 5)?;
            Ok((shifts, pending, inbox, now))
        })
        .await?;
    let mine = stored_zone(&shifts.time_zone);
    let mut coming = shifts.shifts.iter().filter(|s| s.end > now);
    let next = coming.next().map(|s| next_shift(s, mine, now));
    let later = coming.map(|s| line(s, mine)).collect();
    let pending = pending
        .iter()
        .map(|t| PendingLeave { when: period(&t.period, mine), reason: t.reason.as_str().to_string() })
        .collect();
    let page = HomePage {
        chrome: Chrome::signed_in("Home", &who, inbox.unread_count),
        first_name: who.person.name.split_whitespace().next().unwrap_or(&who.person.name).to_string(),
        zone: zone_label(now, mine),
        next,
        later,
        pending,
        unread: inbox.items.iter().map(|n| n.message.clone()).collect(),
        unread_count: inbox.unread_count,
    };
    Ok(ok(&page))
}
