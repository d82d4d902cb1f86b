use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::schema::preferences;
use super::{stored, DbConnection, StoreError};
use crate::domain::preference::Preference;

/// A person's preferences and their version (0: never saved).
pub fn of_person(conn: &mut DbConnection, person_id: &str) -> Result<(Vec<Preference>, i64), StoreError> {
    let row: Option<(String, i64)> = preferences::table
        .find(person_id)
        .select((preferences::document, preferences::version))
        .first(conn)
        .optional()?;
    match row {
        None => Ok((Vec::new(), 0)),
        Some((document, version)) => Ok((parse(person_id, &document)?, version)),
    }
}

fn parse(person_id: &str, document: &str) -> Result<Vec<Preference>, StoreError> {
    serde_json::from_str(document).map_err(|_| StoreError::Corrupt {
        entity: "preferences",
        id: person_id.to_string(),
        what: "document",
    })
}

/// Everyone's preferences among `person_ids`.
pub fn of_people(
    conn: &mut DbConnection,
    person_ids: &[String],
) -> Result<HashMap<String, Vec<Preference>>, StoreError> {
    let rows: Vec<(String, String)> = preferences::table
        .filter(preferences::person_id.eq_any(person_ids))
        .select((preferences::person_id, preferences::document))
        .load(conn)?;
    rows.into_iter().map(|(id, document)| Ok((id.clone(), parse(&id, &document)?))).collect()
}

/// Saves the list if the stored version is still `expected_version` (0: none yet).
pub fn put(
    conn: &mut DbConnection,
    person_id: &str,
    items: &[Preference],
    expected_version: i64,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let document = serde_json::to_string(items).map_err(|_| StoreError::Corrupt {
        entity: "preferences",
        id: person_id.to_string(),
        what: "document",
    })?;
    let version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    if expected_version == 0 {
        diesel::insert_into(preferences::table)
            .values((
                preferences::person_id.eq(person_id),
                preferences::document.eq(&document),
                preferences::version.eq(version),
                preferences::updated_at.eq(stored(now)),
            ))
            .execute(conn)
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                    StoreError::Stale
                }
                other => StoreError::from(other),
            })?;
        return Ok(version);
    }
    let changed = diesel::update(
        preferences::table.filter(preferences::person_id.eq(person_id).and(preferences::version.eq(expected_version))),
    )
    .set((
        preferences::document.eq(&document),
        preferences::version.eq(version),
        preferences::updated_at.eq(stored(now)),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::Stale);
    }
    Ok(version)
}
