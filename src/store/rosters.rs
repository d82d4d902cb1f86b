//! Rosters and their shifts.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::error::missing_or_stale;
use super::schema::{assignments, desks, roster_shifts, rosters};
use super::{stored, DbConnection, StoreError};
use crate::domain::roster::{Roster, RosterShift, RosterStatus, ShiftRequirements};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = rosters)]
struct RosterRow {
    id: String,
    desk_id: String,
    first_date: String,
    last_date: String,
    status: String,
    plan_report: Option<String>,
    created_by: String,
    version: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    published_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = roster_shifts)]
pub(super) struct ShiftRow {
    id: String,
    roster_id: String,
    template_id: String,
    template_name: String,
    shift_type: String,
    local_date: String,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    min_headcount: i32,
    target_headcount: i32,
    requirements: String,
}

pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn corrupt(entity: &'static str, id: &str, what: &'static str) -> StoreError {
    StoreError::Corrupt { entity, id: id.to_string(), what }
}

fn parse_date(entity: &'static str, id: &str, text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| corrupt(entity, id, "date"))
}

fn to_row(roster: &Roster) -> Result<RosterRow, StoreError> {
    Ok(RosterRow {
        id: roster.id.clone(),
        desk_id: roster.desk_id.clone(),
        first_date: date_text(roster.first_date),
        last_date: date_text(roster.last_date),
        status: roster.status.as_str().to_string(),
        plan_report: roster.plan_report.as_ref().map(|r| r.to_string()),
        created_by: roster.created_by.clone(),
        version: roster.version,
        created_at: stored(roster.created_at),
        updated_at: stored(roster.updated_at),
        published_at: roster.published_at.map(stored),
    })
}

fn from_row(row: RosterRow) -> Result<Roster, StoreError> {
    let status = RosterStatus::parse(&row.status).ok_or_else(|| corrupt("roster", &row.id, "status"))?;
    let plan_report = match &row.plan_report {
        Some(text) => Some(serde_json::from_str(text).map_err(|_| corrupt("roster", &row.id, "plan report"))?),
        None => None,
    };
    Ok(Roster {
        first_date: parse_date("roster", &row.id, &row.first_date)?,
        last_date: parse_date("roster", &row.id, &row.last_date)?,
        status,
        plan_report,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
        published_at: row.published_at.map(|t| t.and_utc()),
        id: row.id,
        desk_id: row.desk_id,
        created_by: row.created_by,
        version: row.version,
    })
}

fn shift_row(shift: &RosterShift) -> Result<ShiftRow, StoreError> {
    let count = |value: u32| i32::try_from(value).map_err(|_| corrupt("roster shift", &shift.id, "headcount"));
    Ok(ShiftRow {
        id: shift.id.clone(),
        roster_id: shift.roster_id.clone(),
        template_id: shift.template_id.clone(),
        template_name: shift.template_name.clone(),
        shift_type: shift.shift_type.clone(),
        local_date: date_text(shift.local_date),
        starts_at: stored(shift.start),
        ends_at: stored(shift.end),
        min_headcount: count(shift.min_headcount)?,
        target_headcount: count(shift.target_headcount)?,
        requirements: serde_json::to_string(&shift.requirements)
            .map_err(|_| corrupt("roster shift", &shift.id, "requirements"))?,
    })
}

pub(super) fn shift_from_row(row: ShiftRow) -> Result<RosterShift, StoreError> {
    let count = |value: i32| u32::try_from(value).map_err(|_| corrupt("roster shift", &row.id, "headcount"));
    let requirements: ShiftRequirements =
        serde_json::from_str(&row.requirements).map_err(|_| corrupt("roster shift", &row.id, "requirements"))?;
    Ok(RosterShift {
        local_date: parse_date("roster shift", &row.id, &row.local_date)?,
        start: row.starts_at.and_utc(),
        end: row.ends_at.and_utc(),
        min_headcount: count(row.min_headcount)?,
        target_headcount: count(row.target_headcount)?,
        requirements,
        id: row.id,
        roster_id: row.roster_id,
        template_id: row.template_id,
        template_name: row.template_name,
        shift_type: row.shift_type,
    })
}

/// Stores a new roster with its shifts.
pub fn insert(conn: &mut DbConnection, roster: &Roster, shifts: &[RosterShift]) -> Result<(), StoreError> {
    diesel::insert_into(rosters::table).values(to_row(roster)?).execute(conn)?;
    // One row at a time: MultiConnection has no batch insert.
    for shift in shifts {
        diesel::insert_into(roster_shifts::table).values(shift_row(shift)?).execute(conn)?;
    }
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Roster>, StoreError> {
    let row = rosters::table.find(id).select(RosterRow::as_select()).first(conn).optional()?;
    row.map(from_row).transpose()
}

/// A desk's rosters, latest horizon first.
pub fn of_desk(conn: &mut DbConnection, desk_id: &str) -> Result<Vec<Roster>, StoreError> {
    let rows: Vec<RosterRow> = rosters::table
        .filter(rosters::desk_id.eq(desk_id))
        .select(RosterRow::as_select())
        .order((rosters::first_date.desc(), rosters::id.asc()))
        .load(conn)?;
    rows.into_iter().map(from_row).collect()
}

/// The desk's rosters whose horizon shares a date with `first..=last`.
pub fn overlapping(
    conn: &mut DbConnection,
    desk_id: &str,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Roster>, StoreError> {
    let rows: Vec<RosterRow> = rosters::table
        .filter(rosters::desk_id.eq(desk_id))
        .filter(rosters::first_date.le(date_text(last)).and(rosters::last_date.ge(date_text(first))))
        .select(RosterRow::as_select())
        .load(conn)?;
    rows.into_iter().map(from_row).collect()
}

/// Whether the desk has a published roster.
pub fn desk_has_published(conn: &mut DbConnection, desk_id: &str) -> Result<bool, StoreError> {
    let count: i64 = rosters::table
        .filter(rosters::desk_id.eq(desk_id).and(rosters::status.eq(RosterStatus::Published.as_str())))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// The roster's shifts in start order.
pub fn shifts_of(conn: &mut DbConnection, roster_id: &str) -> Result<Vec<RosterShift>, StoreError> {
    let rows: Vec<ShiftRow> = roster_shifts::table
        .filter(roster_shifts::roster_id.eq(roster_id))
        .select(ShiftRow::as_select())
        .order((roster_shifts::starts_at.asc(), roster_shifts::template_name.asc(), roster_shifts::id.asc()))
        .load(conn)?;
    rows.into_iter().map(shift_from_row).collect()
}

pub fn delete(conn: &mut DbConnection, id: &str, expected_version: i64) -> Result<(), StoreError> {
    let deleted = diesel::delete(rosters::table.filter(rosters::id.eq(id).and(rosters::version.eq(expected_version))))
        .execute(conn)?;
    if deleted == 0 {
        let exists = rosters::table.find(id).count().get_result::<i64>(conn)? > 0;
        return Err(missing_or_stale(exists));
    }
    Ok(())
}

/// A published shift someone works, with its desk: what the planner takes as a
/// commitment (another desk), as history (before the horizon) and for the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedWork {
    pub person_id: String,
    pub desk_id: String,
    pub desk_name: String,
    /// The desk's zone (the one its manager thinks in).
    pub desk_time_zone: String,
    pub shift: RosterShift,
}

/// The published shifts of `person_ids` that overlap `from..to` (UTC), in start order.
pub fn published_work(
    conn: &mut DbConnection,
    person_ids: &[String],
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<PublishedWork>, StoreError> {
    let rows: Vec<(String, String, String, String, ShiftRow)> = assignments::table
        .inner_join(roster_shifts::table.inner_join(rosters::table.inner_join(desks::table)))
        .filter(assignments::person_id.eq_any(person_ids))
        .filter(rosters::status.eq(RosterStatus::Published.as_str()))
        .filter(roster_shifts::starts_at.lt(stored(to)).and(roster_shifts::ends_at.gt(stored(from))))
        .select((assignments::person_id, desks::id, desks::name, desks::time_zone, ShiftRow::as_select()))
        .order((roster_shifts::starts_at.asc(), assignments::person_id.asc()))
        .load(conn)?;
    rows.into_iter()
        .map(|(person_id, desk_id, desk_name, desk_time_zone, row)| {
            Ok(PublishedWork { person_id, desk_id, desk_name, desk_time_zone, shift: shift_from_row(row)? })
        })
        .collect()
}

/// Publishes a draft if the stored version is still `expected_version`; returns the
/// new version.
pub fn publish(
    conn: &mut DbConnection,
    id: &str,
    expected_version: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, StoreError> {
    let version = touch(conn, id, expected_version, now)?;
    diesel::update(rosters::table.find(id))
        .set((rosters::status.eq(RosterStatus::Published.as_str()), rosters::published_at.eq(Some(stored(now)))))
        .execute(conn)?;
    Ok(version)
}

/// Stores a plan's report on the roster if its version is still `expected_version`
/// (its assignments changed with it); returns the new version.
pub fn record_plan(
    conn: &mut DbConnection,
    id: &str,
    expected_version: i64,
    report: &serde_json::Value,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, StoreError> {
    let version = touch(conn, id, expected_version, now)?;
    diesel::update(rosters::table.find(id)).set(rosters::plan_report.eq(Some(report.to_string()))).execute(conn)?;
    Ok(version)
}

/// Bumps the roster's version (its assignments changed) against `expected_version`.
pub fn touch(
    conn: &mut DbConnection,
    id: &str,
    expected_version: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, StoreError> {
    let version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    let changed = diesel::update(rosters::table.filter(rosters::id.eq(id).and(rosters::version.eq(expected_version))))
        .set((rosters::version.eq(version), rosters::updated_at.eq(stored(now))))
        .execute(conn)?;
    if changed == 0 {
        let exists = rosters::table.find(id).count().get_result::<i64>(conn)? > 0;
        return Err(missing_or_stale(exists));
    }
    Ok(version)
}
