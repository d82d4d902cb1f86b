//! Who works which shift of a roster.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::{assignments, roster_shifts};
use super::{stored, DbConnection, StoreError};
use crate::domain::roster::Assignment;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = assignments)]
pub(super) struct AssignmentRow {
    id: String,
    roster_id: String,
    shift_id: String,
    person_id: String,
    sequence: i64,
    forced: bool,
    force_reason: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

pub(super) fn from_row(row: AssignmentRow) -> Assignment {
    Assignment {
        id: row.id,
        roster_id: row.roster_id,
        shift_id: row.shift_id,
        person_id: row.person_id,
        sequence: row.sequence,
        forced: row.forced,
        force_reason: row.force_reason,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    }
}

/// The roster's assignments, by shift then person.
pub fn of_roster(conn: &mut DbConnection, roster_id: &str) -> Result<Vec<Assignment>, StoreError> {
    let rows: Vec<AssignmentRow> = assignments::table
        .filter(assignments::roster_id.eq(roster_id))
        .select(AssignmentRow::as_select())
        .order((assignments::shift_id.asc(), assignments::person_id.asc()))
        .load(conn)?;
    Ok(rows.into_iter().map(from_row).collect())
}

fn to_row(assignment: &Assignment) -> AssignmentRow {
    AssignmentRow {
        id: assignment.id.clone(),
        roster_id: assignment.roster_id.clone(),
        shift_id: assignment.shift_id.clone(),
        person_id: assignment.person_id.clone(),
        sequence: assignment.sequence,
        forced: assignment.forced,
        force_reason: assignment.force_reason.clone(),
        created_at: stored(assignment.created_at),
        updated_at: stored(assignment.updated_at),
    }
}

pub fn insert(conn: &mut DbConnection, assignment: &Assignment) -> Result<(), StoreError> {
    diesel::insert_into(assignments::table).values(to_row(assignment)).execute(conn)?;
    super::feeds::bump_shifts(conn, std::slice::from_ref(&assignment.shift_id), assignment.updated_at)
}

/// Gives the assignment to `person_id`: the same assignment (its id is what calendars
/// know the event by), a higher sequence.
pub fn reassign(
    conn: &mut DbConnection,
    id: &str,
    person_id: &str,
    forced: bool,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let shift_id: String = assignments::table.find(id).select(assignments::shift_id).first(conn)?;
    diesel::update(assignments::table.find(id))
        .set((
            assignments::person_id.eq(person_id),
            assignments::forced.eq(forced),
            assignments::force_reason.eq(reason),
            assignments::sequence.eq(assignments::sequence + 1),
            assignments::updated_at.eq(stored(now)),
        ))
        .execute(conn)?;
    super::feeds::bump_shifts(conn, &[shift_id], now)
}

/// The shifts of these assignments.
fn shifts_of(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<String>, StoreError> {
    let mut shifts = Vec::new();
    for chunk in ids.chunks(BATCH) {
        let found: Vec<String> =
            assignments::table.filter(assignments::id.eq_any(chunk)).select(assignments::shift_id).load(conn)?;
        shifts.extend(found);
    }
    Ok(shifts)
}

/// Removes one assignment; false when it was already gone.
/// Rows per statement when many are written at once: a plan stores thousands, and one
/// round trip per row cost PostgreSQL a second and a half for 4 000 (9 columns × 500
/// stays far below either database's limit of bound parameters).
const BATCH: usize = 500;

/// Inserts many assignments, a few hundred per statement.
pub fn insert_many(conn: &mut DbConnection, assignments: &[Assignment]) -> Result<(), StoreError> {
    for chunk in assignments.chunks(BATCH) {
        let rows: Vec<AssignmentRow> = chunk.iter().map(to_row).collect();
        // Multi-row VALUES is per backend: diesel's MultiConnection has no batch insert.
        let insert = diesel::insert_into(assignments::table).values(rows);
        match conn {
            DbConnection::Postgresql(pg) => insert.execute(pg)?,
            DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
        };
    }
    let Some(now) = assignments.iter().map(|a| a.updated_at).max() else { return Ok(()) };
    let shifts: Vec<String> = assignments.iter().map(|a| a.shift_id.clone()).collect();
    super::feeds::bump_shifts(conn, &shifts, now)
}

/// Removes many assignments by id, a few hundred per statement.
pub fn remove_many(conn: &mut DbConnection, ids: &[String], now: DateTime<Utc>) -> Result<(), StoreError> {
    let shifts = shifts_of(conn, ids)?;
    for chunk in ids.chunks(BATCH) {
        diesel::delete(assignments::table.filter(assignments::id.eq_any(chunk))).execute(conn)?;
    }
    super::feeds::bump_shifts(conn, &shifts, now)
}

pub fn remove(conn: &mut DbConnection, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let shifts = shifts_of(conn, &[id.to_string()])?;
    let removed = diesel::delete(assignments::table.find(id)).execute(conn)? > 0;
    super::feeds::bump_shifts(conn, &shifts, now)?;
    Ok(removed)
}

/// Marks a kept assignment forced or not (with its reason), bumping its sequence.
pub fn set_forced(
    conn: &mut DbConnection,
    id: &str,
    forced: bool,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(assignments::table.find(id))
        .set((
            assignments::forced.eq(forced),
            assignments::force_reason.eq(reason),
            assignments::sequence.eq(assignments::sequence + 1),
            assignments::updated_at.eq(stored(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whether the person is on any roster (their assignments are history).
pub fn person_has_any(conn: &mut DbConnection, person_id: &str) -> Result<bool, StoreError> {
    let count: i64 = assignments::table.filter(assignments::person_id.eq(person_id)).count().get_result(conn)?;
    Ok(count > 0)
}

/// The assignments of these shifts, by shift then person.
pub fn on_shifts(conn: &mut DbConnection, shift_ids: &[String]) -> Result<Vec<Assignment>, StoreError> {
    let mut ids: Vec<&String> = shift_ids.iter().collect();
    ids.sort();
    ids.dedup();
    let mut found = Vec::new();
    // In chunks: a year of a desk's shifts would pass SQLite's limit of bound values.
    for chunk in ids.chunks(BATCH) {
        let rows: Vec<AssignmentRow> = assignments::table
            .filter(assignments::shift_id.eq_any(chunk.iter().map(|s| s.as_str())))
            .select(AssignmentRow::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(from_row));
    }
    found.sort_by(|a, b| (&a.shift_id, &a.person_id).cmp(&(&b.shift_id, &b.person_id)));
    Ok(found)
}

/// The person's assignments on shifts that start after `now`, on any roster.
pub fn future_of_person(
    conn: &mut DbConnection,
    person_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Assignment>, StoreError> {
    let rows: Vec<AssignmentRow> = assignments::table
        .inner_join(roster_shifts::table)
        .filter(assignments::person_id.eq(person_id))
        .filter(roster_shifts::starts_at.gt(stored(now)))
        .select(AssignmentRow::as_select())
        .order((assignments::roster_id.asc(), roster_shifts::starts_at.asc()))
        .load(conn)?;
    Ok(rows.into_iter().map(from_row).collect())
}
