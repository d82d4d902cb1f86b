//! Time off requests. The whole-day form keeps its dates as dates; the span columns
//! (see the migration) let overlap queries use an index whatever the person's zone.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use diesel::prelude::*;

use super::error::missing_or_stale;
use super::schema::{people, team_memberships, time_off};
use super::{stored, DbConnection, StoreError};
use crate::domain::{Role, TeamRole, TimeOff, TimeOffPeriod, TimeOffReason, TimeOffStatus};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = time_off, treat_none_as_null = true)]
struct TimeOffRow {
    id: String,
    person_id: String,
    first_date: Option<NaiveDate>,
    last_date: Option<NaiveDate>,
    starts_at: Option<NaiveDateTime>,
    ends_at: Option<NaiveDateTime>,
    span_start: NaiveDateTime,
    span_end: NaiveDateTime,
    reason: String,
    note: String,
    status: String,
    requested_by: String,
    decided_by: Option<String>,
    decided_at: Option<NaiveDateTime>,
    decision_comment: Option<String>,
    version: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Which time off a list returns, in (span start, id) order after the cursor.
#[derive(Debug, Clone, Default)]
pub struct TimeOffQuery {
    pub person_ids: Option<Vec<String>>,
    pub team_id: Option<String>,
    /// Only this person's own and that of the people in these teams (what a
    /// non-admin may see); None: everyone's.
    pub visible_to: Option<(String, Vec<String>)>,
    pub status: Option<TimeOffStatus>,
    /// Local dates, both inclusive: whole days that share a date with them, and
    /// ranges that may touch them in some zone (the caller narrows those).
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// UTC instants, end exclusive: time off whose span touches them.
    pub span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub after: Option<(DateTime<Utc>, String)>,
    pub limit: i64,
}

fn to_row(time_off: &TimeOff) -> TimeOffRow {
    let (span_start, span_end) = time_off.period.envelope();
    let (first_date, last_date, starts_at, ends_at) = match time_off.period {
        TimeOffPeriod::Dates { first, last } => (Some(first), Some(last), None, None),
        TimeOffPeriod::Range { start, end } => (None, None, Some(stored(start)), Some(stored(end))),
    };
    TimeOffRow {
        id: time_off.id.clone(),
        person_id: time_off.person_id.clone(),
        first_date,
        last_date,
        starts_at,
        ends_at,
        span_start: stored(span_start),
        span_end: stored(span_end),
        reason: time_off.reason.as_str().to_string(),
        note: time_off.note.clone(),
        status: time_off.status.as_str().to_string(),
        requested_by: time_off.requested_by.clone(),
        decided_by: time_off.decided_by.clone(),
        decided_at: time_off.decided_at.map(stored),
        decision_comment: time_off.decision_comment.clone(),
        version: time_off.version,
        created_at: stored(time_off.created_at),
        updated_at: stored(time_off.updated_at),
    }
}

fn from_row(row: TimeOffRow, time_zone: String) -> Result<TimeOff, StoreError> {
    let corrupt = |what| StoreError::Corrupt { entity: "time_off", id: row.id.clone(), what };
    let period = match (row.first_date, row.last_date, row.starts_at, row.ends_at) {
        (Some(first), Some(last), None, None) => TimeOffPeriod::Dates { first, last },
        (None, None, Some(start), Some(end)) => TimeOffPeriod::Range { start: start.and_utc(), end: end.and_utc() },
        _ => return Err(corrupt("period")),
    };
    let reason = TimeOffReason::parse(&row.reason).ok_or_else(|| corrupt("reason"))?;
    let status = TimeOffStatus::parse(&row.status).ok_or_else(|| corrupt("status"))?;
    Ok(TimeOff {
        period,
        reason,
        status,
        time_zone,
        decided_at: row.decided_at.map(|at| at.and_utc()),
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        id: row.id,
        person_id: row.person_id,
        note: row.note,
        requested_by: row.requested_by,
        decided_by: row.decided_by,
        decision_comment: row.decision_comment,
        version: row.version,
    })
}

fn midnight(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN)
}

pub fn insert(conn: &mut DbConnection, time_off: &TimeOff) -> Result<(), StoreError> {
    diesel::insert_into(time_off::table).values(to_row(time_off)).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<TimeOff>, StoreError> {
    let found: Option<(TimeOffRow, String)> = time_off::table
        .inner_join(people::table)
        .filter(time_off::id.eq(id))
        .select((TimeOffRow::as_select(), people::time_zone))
        .first(conn)
        .optional()?;
    found.map(|(row, zone)| from_row(row, zone)).transpose()
}

pub fn list(conn: &mut DbConnection, query: &TimeOffQuery) -> Result<Vec<TimeOff>, StoreError> {
    let mut select =
        time_off::table.inner_join(people::table).select((TimeOffRow::as_select(), people::time_zone)).into_boxed();
    if let Some(person_ids) = &query.person_ids {
        select = select.filter(time_off::person_id.eq_any(person_ids.clone()));
    }
    if let Some(team_id) = &query.team_id {
        let members = team_memberships::table
            .filter(team_memberships::team_id.eq(team_id.clone()))
            .select(team_memberships::person_id);
        select = select.filter(time_off::person_id.eq_any(members));
    }
    if let Some((viewer, teams)) = &query.visible_to {
        let their_people = team_memberships::table
            .filter(team_memberships::team_id.eq_any(teams.clone()))
            .select(team_memberships::person_id);
        select = select.filter(time_off::person_id.eq(viewer.clone()).or(time_off::person_id.eq_any(their_people)));
    }
    if let Some(status) = query.status {
        select = select.filter(time_off::status.eq(status.as_str()));
    }
    if let Some((from, to)) = query.dates {
        let whole_days =
            time_off::first_date.is_not_null().and(time_off::last_date.ge(from)).and(time_off::first_date.le(to));
        // In any zone, the dates run from a day before `from` (read as UTC) to a day
        // after the end of `to`.
        let after_start = midnight(from) - Duration::days(1);
        let before_end = midnight(to) + Duration::days(2);
        let ranges = time_off::first_date
            .is_null()
            .and(time_off::span_end.gt(after_start))
            .and(time_off::span_start.lt(before_end));
        select = select.filter(whole_days.or(ranges));
    }
    if let Some((start, end)) = query.span {
        select = select.filter(time_off::span_end.gt(stored(start)).and(time_off::span_start.lt(stored(end))));
    }
    if let Some((span_start, id)) = &query.after {
        let span_start = stored(*span_start);
        select = select.filter(
            time_off::span_start
                .gt(span_start)
                .or(time_off::span_start.eq(span_start).and(time_off::id.gt(id.clone()))),
        );
    }
    let rows: Vec<(TimeOffRow, String)> =
        select.order((time_off::span_start.asc(), time_off::id.asc())).limit(query.limit).load(conn)?;
    rows.into_iter().map(|(row, zone)| from_row(row, zone)).collect()
}

/// Writes `time_off` over the stored one if the stored version is still
/// `expected_version`; returns what was written, with the next version. A second
/// writer that read the same version waits for the first (PostgreSQL locks the row,
/// SQLite's write transaction the database) and then finds no row: `Stale`.
pub fn update(
    conn: &mut DbConnection,
    time_off: &TimeOff,
    expected_version: i64,
    now: DateTime<Utc>,
) -> Result<TimeOff, StoreError> {
    let mut next = time_off.clone();
    next.version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    next.updated_at = now;
    let changed = diesel::update(
        time_off::table.filter(time_off::id.eq(&time_off.id).and(time_off::version.eq(expected_version))),
    )
    .set(to_row(&next))
    .execute(conn)?;
    if changed == 0 {
        let exists = time_off::table.find(&time_off.id).count().get_result::<i64>(conn)? > 0;
        return Err(missing_or_stale(exists));
    }
    Ok(next)
}

/// The active people who may decide on this person's time off as a team manager:
/// those holding a manager seat in one of the person's teams with a role that makes
/// the seat count (see `Actor::manages_team`), the person excluded.
pub fn team_managers_of(conn: &mut DbConnection, person_id: &str) -> Result<Vec<String>, StoreError> {
    let their_teams: Vec<String> = team_memberships::table
        .filter(team_memberships::person_id.eq(person_id))
        .select(team_memberships::team_id)
        .load(conn)?;
    let mut managers: Vec<String> = team_memberships::table
        .inner_join(people::table)
        .filter(team_memberships::team_id.eq_any(their_teams))
        .filter(team_memberships::role.eq(TeamRole::Manager.as_str()))
        .filter(people::role.eq_any([Role::Manager.as_str(), Role::Admin.as_str()]))
        .filter(people::active.eq(true))
        .filter(people::id.ne(person_id))
        .select(people::id)
        .order(people::id)
        .load(conn)?;
    managers.dedup();
    Ok(managers)
}
