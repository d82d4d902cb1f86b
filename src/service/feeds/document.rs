//! What a feed holds, as a calendar document: a person's shifts and approved time
//! off, a team's shifts, or a desk's shifts with who is on them; only published
//! rosters, only active people, only the feed's window. Each kind is one function
//! here; `calendar::ics` writes the bytes. The same data gives the same bytes (every
//! stamp is a change's time, never "now").

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::readable_target;
use crate::calendar::ics::{self, Calendar, Event, When};
use crate::domain::feed::{Feed, FeedKind};
use crate::domain::time_off::TimeOffStatus;
use crate::domain::time_zone::stored_zone;
use crate::domain::TimeOffPeriod;
use crate::planner::time::resolve_local;
use crate::service::{settings, time_off, Actor, Context, Error};
use crate::store::feeds::FeedShift;
use crate::store::time_off::TimeOffQuery;
use crate::store::{self, DbConnection};

/// A rendered feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    /// The latest change of anything in it, the feed's creation, today's start.
    pub last_modified: DateTime<Utc>,
    pub filename: String,
}

/// The feed's first day in the subscriber's zone: its window moves at their midnight.
pub fn first_day(feed: &Feed, zone: Tz, now: DateTime<Utc>) -> NaiveDate {
    let today = now.with_timezone(&zone).date_naive();
    today.checked_sub_days(Days::new(u64::from(feed.days_back))).unwrap_or(today)
}

fn midnight(zone: Tz, date: NaiveDate) -> DateTime<Utc> {
    resolve_local(zone, date.and_time(NaiveTime::MIN))
}

/// "Sat 28 Mar 22:00 – Sun 29 Mar 06:00 (Europe/Warsaw)".
fn local_span(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> String {
    let (s, e) = (start.with_timezone(&zone), end.with_timezone(&zone));
    let to = if s.date_naive() == e.date_naive() { e.format("%H:%M") } else { e.format("%a %-d %b %H:%M") };
    format!("{} – {to} ({})", s.format("%a %-d %b %H:%M"), zone.name())
}

struct Render<'a> {
    zone: Tz,
    base_url: Option<&'a str>,
    names: HashMap<String, String>,
}

impl Render<'_> {
    fn url(&self, path: &str) -> Option<String> {
        self.base_url.map(|base| format!("{}{path}", base.trim_end_matches('/')))
    }

    fn with(&self, ids: &[&str]) -> String {
        let mut names: Vec<&str> = ids.iter().filter_map(|id| self.names.get(*id).map(String::as_str)).collect();
        names.sort();
        if names.is_empty() {
            "On your own".to_string()
        } else {
            format!("With {}", names.join(", "))
        }
    }
}

/// The lines every shift's description starts with: its times in the subscriber's
/// zone and, when that differs, in the desk's.
fn times(shift: &FeedShift, zone: Tz) -> Vec<String> {
    let desk_zone = stored_zone(&shift.desk_time_zone);
    let mut lines = vec![format!("{}, {}", shift.shift.template_name, shift.desk_name)];
    lines.push(format!("Your time: {}", local_span(shift.shift.start, shift.shift.end, zone)));
    if desk_zone != zone {
        lines.push(format!("Desk time: {}", local_span(shift.shift.start, shift.shift.end, desk_zone)));
    }
    lines
}

/// Renders `feed` as it stands now; None when its owner may no longer read what it
/// shows (left the team, deactivated): the URL then opens nothing.
pub fn render(ctx: &Context, feed: &Feed, now: DateTime<Utc>) -> Result<Option<Document>, Error> {
    let base_url = settings::public_base_url(ctx)?;
    ctx.read(|conn| {
        let Some(owner) = store::people::find(conn, &feed.owner_id)?.filter(|p| p.active) else { return Ok(None) };
        let actor = Actor::of(&owner);
        let Some((target_name, true)) = readable_target(conn, &actor, feed.kind, &feed.target_id)? else {
            return Ok(None);
        };
        let zone = stored_zone(&owner.time_zone);
        let first = first_day(feed, zone, now);
        let last = now.with_timezone(&zone).date_naive() + Days::new(u64::from(feed.days_ahead));
        let (from, to) = (midnight(zone, first), midnight(zone, last + Days::new(1)));
        let mut cx = Render { zone, base_url: base_url.as_deref(), names: HashMap::new() };
        let mut events = match feed.kind {
            FeedKind::Person => person(conn, &mut cx, &feed.target_id, from, to)?,
            FeedKind::Team => team(conn, &mut cx, &feed.target_id, from, to)?,
            FeedKind::Desk => desk(conn, &mut cx, &feed.target_id, from, to)?,
        };
        // By start, then by what it says (a team's people by name), then by UID.
        events.sort_by(|a, b| {
            (start_of(&a.when, zone), &a.summary, &a.uid).cmp(&(start_of(&b.when, zone), &b.summary, &b.uid))
        });
        // Never older than the feed, nor than today's start (the window moved then).
        let today = midnight(zone, now.with_timezone(&zone).date_naive());
        let last_modified =
            events.iter().map(|e| e.changed).chain([feed.created_at, today.min(now)]).max().unwrap_or(now);
        let calendar = Calendar { name: format!("{target_name} · rota"), time_zone: owner.time_zone.clone(), events };
        Ok(Some(Document {
            text: ics::write(&calendar),
            last_modified,
            filename: format!("rota-{}.ics", feed.kind.as_str()),
        }))
    })
}

fn start_of(when: &When, zone: Tz) -> DateTime<Utc> {
    match when {
        When::Timed { start, .. } => *start,
        When::AllDay { first, .. } => midnight(zone, *first),
    }
}

/// Active people by name, for who else is on a shift.
fn active_names(conn: &mut DbConnection, ids: &[String]) -> Result<HashMap<String, String>, Error> {
    Ok(store::people::active_names(conn, ids)?)
}

/// Who is on each of these shifts, by shift id; the active ones among them by name go
/// into `cx` (a deactivated person is on no feed).
fn people_on(
    conn: &mut DbConnection,
    cx: &mut Render,
    shift_ids: &[String],
) -> Result<HashMap<String, Vec<String>>, Error> {
    let mut on: HashMap<String, Vec<String>> = HashMap::new();
    for a in store::assignments::on_shifts(conn, shift_ids)? {
        on.entry(a.shift_id).or_default().push(a.person_id);
    }
    let mut ids: Vec<String> = on.values().flatten().cloned().collect();
    ids.sort();
    ids.dedup();
    cx.names = active_names(conn, &ids)?;
    Ok(on)
}

/// A person's shifts (opaque: their busy time), with who else is on each, and their
/// approved time off as all-day events in their zone (or its exact times).
fn person(
    conn: &mut DbConnection,
    cx: &mut Render,
    person_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Event>, Error> {
    let work = store::feeds::assignments_of(conn, &[person_id.to_string()], from, to)?;
    let shift_ids: Vec<String> = work.iter().map(|(_, s)| s.shift.id.clone()).collect();
    let on = people_on(conn, cx, &shift_ids)?;
    let mut events = Vec::with_capacity(work.len());
    for (assignment, shift) in &work {
        let others: Vec<&str> =
            on.get(&shift.shift.id).into_iter().flatten().map(String::as_str).filter(|id| *id != person_id).collect();
        let mut lines = times(shift, cx.zone);
        lines.push(cx.with(&others));
        let date = shift.shift.start.with_timezone(&cx.zone).date_naive();
        events.push(Event {
            uid: format!("rota-person-{}", assignment.id),
            when: When::Timed { start: shift.shift.start, end: shift.shift.end },
            changed: assignment.updated_at.max(shift.changed_at),
            sequence: u32::try_from(assignment.sequence).unwrap_or(u32::MAX),
            summary: format!("{} · {}", shift.shift.template_name, shift.desk_name),
            description: lines.join("\n"),
            url: cx.url(&format!("/shifts?from={date}")),
            transparent: false,
        });
    }
    let query = TimeOffQuery {
        person_ids: Some(vec![person_id.to_string()]),
        status: Some(TimeOffStatus::Approved),
        span: Some((from, to)),
        limit: i64::MAX,
        ..TimeOffQuery::default()
    };
    for leave in store::time_off::list(conn, &query)? {
        let (start, end) = time_off::bounds(&leave)?;
        if start >= to || end <= from {
            continue;
        }
        let when = match leave.period {
            TimeOffPeriod::Dates { first, last } => When::AllDay { first, last },
            TimeOffPeriod::Range { start, end } => When::Timed { start, end },
        };
        events.push(Event {
            uid: format!("rota-person-timeoff-{}", leave.id),
            when,
            changed: leave.updated_at,
            sequence: u32::try_from(leave.version).unwrap_or(u32::MAX),
            summary: format!("Time off ({})", leave.reason.as_str()),
            description: leave.note.clone(),
            url: cx.url("/time-off"),
            transparent: false,
        });
    }
    Ok(events)
}

/// Who of the team works when: each active member's shifts, transparent (a colleague's
/// shift is not the subscriber's busy time).
fn team(
    conn: &mut DbConnection,
    cx: &mut Render,
    team_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Event>, Error> {
    let Some(team) = store::teams::find(conn, team_id)? else { return Ok(Vec::new()) };
    let member_ids: Vec<String> = team.members.iter().map(|m| m.person_id.clone()).collect();
    let members = active_names(conn, &member_ids)?;
    let active: Vec<String> = members.keys().cloned().collect();
    let work = store::feeds::assignments_of(conn, &active, from, to)?;
    let shift_ids: Vec<String> = work.iter().map(|(_, s)| s.shift.id.clone()).collect();
    let on = people_on(conn, cx, &shift_ids)?;
    let mut events = Vec::with_capacity(work.len());
    for (assignment, shift) in &work {
        let name = members.get(&assignment.person_id).cloned().unwrap_or_default();
        let others: Vec<&str> = on
            .get(&shift.shift.id)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(|id| *id != assignment.person_id)
            .collect();
        let mut lines = vec![name.clone()];
        lines.extend(times(shift, cx.zone));
        lines.push(cx.with(&others));
        let date = shift.shift.start.with_timezone(&cx.zone).date_naive();
        events.push(Event {
            uid: format!("rota-team-{}", assignment.id),
            when: When::Timed { start: shift.shift.start, end: shift.shift.end },
            changed: assignment.updated_at.max(shift.changed_at),
            sequence: u32::try_from(assignment.sequence).unwrap_or(u32::MAX),
            summary: format!("{name} · {} · {}", shift.shift.template_name, shift.desk_name),
            description: lines.join("\n"),
            url: cx.url(&format!("/desks/{}?week={date}", shift.desk_id)),
            transparent: true,
        });
    }
    Ok(events)
}

/// A desk's shifts, one event each with who is on it; transparent.
fn desk(
    conn: &mut DbConnection,
    cx: &mut Render,
    desk_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Event>, Error> {
    let shifts = store::feeds::desk_shifts(conn, desk_id, from, to)?;
    let shift_ids: Vec<String> = shifts.iter().map(|s| s.shift.id.clone()).collect();
    let on = people_on(conn, cx, &shift_ids)?;
    let mut events = Vec::with_capacity(shifts.len());
    for shift in &shifts {
        let people: Vec<&str> = on.get(&shift.shift.id).into_iter().flatten().map(String::as_str).collect();
        let mut lines = times(shift, cx.zone);
        let named: Vec<&str> = people.iter().filter(|id| cx.names.contains_key(**id)).copied().collect();
        lines.push(if named.is_empty() {
            "Nobody is on it yet".to_string()
        } else {
            cx.with(&named).replacen("With", "On it:", 1)
        });
        let date = shift.shift.start.with_timezone(&cx.zone).date_naive();
        events.push(Event {
            uid: format!("rota-desk-{}", shift.shift.id),
            when: When::Timed { start: shift.shift.start, end: shift.shift.end },
            changed: shift.changed_at,
            sequence: u32::try_from(shift.changes).unwrap_or(u32::MAX),
            summary: format!("{} · {}", shift.shift.template_name, shift.desk_name),
            description: lines.join("\n"),
            url: cx.url(&format!("/desks/{desk_id}?week={date}")),
            transparent: true,
        });
    }
    Ok(events)
}
