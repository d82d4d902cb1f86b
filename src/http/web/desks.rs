//! The desks I may read, and a desk's page: its week drawn in its zone and in UTC with
//! what the coverage check found, its shift types and its templates.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{get, web, HttpResponse};
use askama::Template;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Deserialize;

use super::error::PageError;
use super::format::span;
use super::render::{html, ok, Chrome};
use super::session::PageCaller;
use super::timeline::{self, Timeline};
use crate::domain::desk::{ShiftTemplate, SkillMinimum};
use crate::domain::roster::RosterStatus;
use crate::domain::time_zone::stored_zone;
use crate::domain::Desk;
use crate::http::query::query_date;
use crate::http::state::AppState;
use crate::planner::time::resolve_local;
use crate::service::desks::week::DeskWeek;
use crate::service::sessions::{random_token, SignedIn};
use crate::service::{desks, notifications, rosters, teams};

pub struct DeskRow {
    pub id: String,
    pub name: String,
    pub zone: String,
    pub teams: String,
    pub templates: usize,
}

#[derive(Template)]
#[template(path = "desks.html")]
struct DesksPage {
    chrome: Chrome,
    rows: Vec<DeskRow>,
}

/// The desk's teams by name (by id where the reader may not read the team).
fn team_names(desk: &Desk, names: &HashMap<String, String>) -> String {
    let listed: Vec<&str> = desk.teams.iter().map(|id| names.get(id).unwrap_or(id).as_str()).collect();
    listed.join(", ")
}

#[get("/desks")]
pub async fn desks_page(state: web::Data<AppState>, PageCaller(who): PageCaller) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let (list, names, unread) = state
        .run(move |ctx| {
            let list = desks::list(ctx, &actor, false, None, 200)?;
            let ids: Vec<String> = list.iter().flat_map(|d| d.teams.iter().cloned()).collect();
            let names = teams::names(ctx, &actor, &ids)?;
            Ok((list, names, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    let rows = list
        .iter()
        .map(|d| DeskRow {
            id: d.id.clone(),
            name: d.name.clone(),
            zone: d.time_zone.clone(),
            teams: team_names(d, &names),
            templates: d.templates.len(),
        })
        .collect();
    Ok(ok(&DesksPage { chrome: Chrome::signed_in("Desks", &who, unread), rows }))
}

/// One line of what the coverage check found this week, in the desk's zone.
pub struct Finding {
    pub kind: &'static str,
    pub when: String,
    pub what: String,
}

pub struct TemplateRow {
    pub name: String,
    pub shift_type: String,
    pub times: String,
    pub weekdays: String,
    pub headcount: String,
    pub skills: String,
}

#[derive(Template)]
#[template(path = "desk.html")]
struct DeskPage {
    chrome: Chrome,
    desk: Desk,
    teams: String,
    week_heading: String,
    previous: String,
    next: String,
    this_week: String,
    timelines: Vec<Timeline>,
    findings: Vec<Finding>,
    templates: Vec<TemplateRow>,
    shift_types: Vec<(String, String, String)>,
    closed: Vec<String>,
    /// (link, period, status) of the desk's rosters I may read.
    rosters: Vec<(String, String, &'static str)>,
    manages: bool,
    csrf: String,
    /// A new id for every form shown: posting it twice creates one roster.
    form_id: String,
    new_roster: NewRosterForm,
    notice: Option<&'static str>,
}

/// The new-roster form as shown: its values (suggested, or as typed) and the messages
/// beside its fields.
#[derive(Default)]
pub struct NewRosterForm {
    pub from: String,
    pub to: String,
    pub from_error: Option<String>,
    pub to_error: Option<String>,
    pub other_error: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct WeekQuery {
    week: Option<String>,
    /// `saved` after the template editor stored the templates.
    templates: Option<String>,
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn weekdays(days: &[u8]) -> String {
    if days.len() == 7 {
        return "every day".into();
    }
    if days == [1, 2, 3, 4, 5] {
        return "Mon–Fri".into();
    }
    let names: Vec<&str> = days.iter().filter_map(|d| WEEKDAYS.get(usize::from(*d).wrapping_sub(1)).copied()).collect();
    names.join(", ")
}

fn skill(minimum: &SkillMinimum) -> String {
    let mut parts = Vec::new();
    if let Some(language) = &minimum.language {
        parts.push(language.to_uppercase());
    }
    if let Some(tier) = &minimum.tier_at_least {
        parts.push(format!("{tier:?}+"));
    }
    if let Some(channel) = &minimum.channel {
        parts.push(format!("{channel:?}").to_lowercase());
    }
    format!("{} × {}", minimum.min, parts.join(" "))
}

fn template_row(template: &ShiftTemplate, desk: &Desk) -> TemplateRow {
    let shift_type = desk
        .shift_types
        .iter()
        .find(|t| t.id == template.shift_type)
        .map(|t| t.name.clone())
        .unwrap_or_else(|| template.shift_type.clone());
    let headcount = if template.min_headcount == template.target_headcount {
        template.min_headcount.to_string()
    } else {
        format!("{}–{}", template.min_headcount, template.target_headcount)
    };
    let skills: Vec<String> = template.skill_minimums.iter().map(skill).collect();
    TemplateRow {
        name: template.name.clone(),
        shift_type,
        times: format!("{}–{} {}", template.start.format("%H:%M"), template.end.format("%H:%M"), template.time_zone),
        weekdays: weekdays(&template.weekdays),
        headcount,
        skills: if skills.is_empty() { "—".into() } else { skills.join(", ") },
    }
}

/// What the check found that touches the week, in the desk's zone.
fn findings(week: &DeskWeek) -> Vec<Finding> {
    let zone = stored_zone(&week.desk.time_zone);
    let start = resolve_local(zone, week.monday.and_time(chrono::NaiveTime::MIN));
    let end = resolve_local(zone, (week.monday + Days::new(7)).and_time(chrono::NaiveTime::MIN));
    let touches = |a: DateTime<Utc>, b: DateTime<Utc>| a < end && b > start;
    let when = |a, b| span(a, b, zone);
    let mut found = Vec::new();
    for gap in week.check.gaps.iter().filter(|g| touches(g.start, g.end)) {
        found.push(Finding { kind: "gap", when: when(gap.start, gap.end), what: "no shift covers it".into() });
    }
    for overlap in week.check.overlaps.iter().filter(|o| touches(o.span.start, o.span.end)) {
        let names: Vec<&str> = overlap.shifts.iter().map(|s| s.template.as_str()).collect();
        let what = format!("{} both cover it", names.join(" and "));
        found.push(Finding { kind: "overlap", when: when(overlap.span.start, overlap.span.end), what });
    }
    for outside in week.check.outside.iter().filter(|o| touches(o.span.start, o.span.end)) {
        let what = format!("{} runs outside the window", outside.shift.template);
        found.push(Finding { kind: "outside", when: when(outside.span.start, outside.span.end), what });
    }
    found
}

#[get("/desks/{id}")]
pub async fn desk_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    query: web::Query<WeekQuery>,
) -> Result<HttpResponse, PageError> {
    let date = match query.week.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        Some(text) => Some(query_date("week", text)?),
        None => None,
    };
    let notice = query.templates.as_ref().map(|_| "Templates saved; the week below is drawn from them.");
    render(&state, &who, path.into_inner(), date, StatusCode::OK, None, notice).await
}

/// The desk's page; `new_roster` is the form as posted, when it was refused.
pub async fn render(
    state: &AppState,
    who: &SignedIn,
    id: String,
    date: Option<NaiveDate>,
    status: StatusCode,
    new_roster: Option<NewRosterForm>,
    notice: Option<&'static str>,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let (week, rosters, names, unread) = state
        .run(move |ctx| {
            let week = desks::week::week(ctx, &actor, &id, date)?;
            let rosters = rosters::of_desk(ctx, &actor, &id)?;
            let names = teams::names(ctx, &actor, &week.desk.teams)?;
            Ok((week, rosters, names, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    // Suggested: the two weeks after the last roster, or from next Monday.
    let new_roster = new_roster.unwrap_or_else(|| {
        let after_last = rosters.iter().map(|r| r.last_date).max().and_then(|d| d.succ_opt());
        let from = after_last.unwrap_or(week.monday + Days::new(7));
        NewRosterForm { from: from.to_string(), to: (from + Days::new(13)).to_string(), ..NewRosterForm::default() }
    });
    let link = |monday: NaiveDate| format!("/desks/{}?week={monday}", week.desk.id);
    let page = DeskPage {
        chrome: Chrome::signed_in(&week.desk.name, who, unread),
        manages: who.actor.manages_desk(&week.desk),
        csrf: super::csrf::masked(&who.csrf_token),
        form_id: random_token(),
        new_roster,
        notice,
        teams: team_names(&week.desk, &names),
        week_heading: format!("Week of {}", week.monday.format("%-d %b %Y")),
        previous: link(week.monday - Days::new(7)),
        next: link(week.monday + Days::new(7)),
        this_week: format!("/desks/{}", week.desk.id),
        timelines: vec![timeline::draw(&week, &week.desk.time_zone), timeline::draw(&week, "UTC")],
        findings: findings(&week),
        templates: week.desk.templates.iter().map(|t| template_row(t, &week.desk)).collect(),
        shift_types: week
            .desk
            .shift_types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), t.id.clone(), format!("type-{}", i % 6)))
            .collect(),
        closed: week
            .closed
            .iter()
            .filter(|(d, _)| **d >= week.monday && **d < week.monday + Days::new(7))
            .map(|(d, why)| format!("{}: {why}", d.format("%a %-d %b")))
            .collect(),
        rosters: rosters
            .iter()
            .map(|r| {
                let period = format!("{} – {}", r.first_date.format("%a %-d %b"), r.last_date.format("%a %-d %b %Y"));
                let status = if r.status == RosterStatus::Published { "published" } else { "draft" };
                (format!("/rosters/{}", r.id), period, status)
            })
            .collect(),
        desk: week.desk,
    };
    Ok(html(status, &page))
}
