//! Web sessions and the one-time ids of create forms.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::schema::{form_submissions, sessions};
use super::{stored, DbConnection, StoreError};
use crate::domain::session::Session;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
struct SessionRow {
    id_hash: String,
    person_id: String,
    token_generation: i64,
    csrf_token: String,
    created_at: chrono::NaiveDateTime,
    last_seen_at: chrono::NaiveDateTime,
    expires_at: chrono::NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, session: &Session) -> Result<(), StoreError> {
    let row = SessionRow {
        id_hash: session.id_hash.clone(),
        person_id: session.person_id.clone(),
        token_generation: session.token_generation,
        csrf_token: session.csrf_token.clone(),
        created_at: stored(session.created_at),
        last_seen_at: stored(session.last_seen_at),
        expires_at: stored(session.expires_at),
    };
    diesel::insert_into(sessions::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id_hash: &str) -> Result<Option<Session>, StoreError> {
    let row: Option<SessionRow> =
        sessions::table.find(id_hash).select(SessionRow::as_select()).first(conn).optional()?;
    Ok(row.map(|r| Session {
        id_hash: r.id_hash,
        person_id: r.person_id,
        token_generation: r.token_generation,
        csrf_token: r.csrf_token,
        created_at: r.created_at.and_utc(),
        last_seen_at: r.last_seen_at.and_utc(),
        expires_at: r.expires_at.and_utc(),
    }))
}

pub fn touch(conn: &mut DbConnection, id_hash: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    diesel::update(sessions::table.find(id_hash)).set(sessions::last_seen_at.eq(stored(now))).execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id_hash: &str) -> Result<(), StoreError> {
    diesel::delete(sessions::table.find(id_hash)).execute(conn)?;
    Ok(())
}

/// Ends every session of a person (deactivation; a password or role change ends
/// them through the token generation already, this also frees the rows).
pub fn delete_of_person(conn: &mut DbConnection, person_id: &str) -> Result<usize, StoreError> {
    Ok(diesel::delete(sessions::table.filter(sessions::person_id.eq(person_id))).execute(conn)?)
}

/// Drops sessions past their lifetime or idle since `idle_before`.
pub fn prune(conn: &mut DbConnection, now: DateTime<Utc>, idle_before: DateTime<Utc>) -> Result<usize, StoreError> {
    let dead = sessions::expires_at.le(stored(now)).or(sessions::last_seen_at.le(stored(idle_before)));
    Ok(diesel::delete(sessions::table.filter(dead)).execute(conn)?)
}

/// Where the first post of this form id went, if it was posted before by this person.
pub fn form_result(conn: &mut DbConnection, form_id: &str, person_id: &str) -> Result<Option<String>, StoreError> {
    Ok(form_submissions::table
        .find(form_id)
        .filter(form_submissions::person_id.eq(person_id))
        .select(form_submissions::location)
        .first(conn)
        .optional()?)
}

/// Records a form id with the page its result is on. Inside the transaction that
/// creates the thing: of two posts at once, the second fails on the primary key and
/// its transaction (and its thing) is rolled back.
pub fn record_form(
    conn: &mut DbConnection,
    form_id: &str,
    person_id: &str,
    location: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::insert_into(form_submissions::table)
        .values((
            form_submissions::form_id.eq(form_id),
            form_submissions::person_id.eq(person_id),
            form_submissions::location.eq(location),
            form_submissions::created_at.eq(stored(now)),
        ))
        .execute(conn)
        .map_err(super::error::conflict_on("form_id"))?;
    Ok(())
}
