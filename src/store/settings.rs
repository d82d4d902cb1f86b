use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::schema::settings;
use super::{stored, DbConnection, StoreError};
use crate::domain::settings::{OrgRules, Settings};

const ROW: i32 = 1;

fn corrupt() -> StoreError {
    StoreError::Corrupt { entity: "settings", id: ROW.to_string(), what: "document" }
}

/// The organisation's rules; the migration writes the one row.
pub fn get(conn: &mut DbConnection) -> Result<Settings, StoreError> {
    let (document, version, updated_at) = settings::table
        .find(ROW)
        .select((settings::document, settings::version, settings::updated_at))
        .first::<(String, i64, chrono::NaiveDateTime)>(conn)?;
    let rules: OrgRules = serde_json::from_str(&document).map_err(|_| corrupt())?;
    Ok(Settings { rules, version, updated_at: updated_at.and_utc() })
}

/// Saves `rules` if the stored version is still `expected_version`.
pub fn put(
    conn: &mut DbConnection,
    rules: &OrgRules,
    expected_version: i64,
    now: DateTime<Utc>,
) -> Result<Settings, StoreError> {
    let version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    let document = serde_json::to_string(rules).map_err(|_| corrupt())?;
    let changed =
        diesel::update(settings::table.filter(settings::id.eq(ROW).and(settings::version.eq(expected_version))))
            .set((settings::document.eq(document), settings::version.eq(version), settings::updated_at.eq(stored(now))))
            .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::Stale);
    }
    Ok(Settings { rules: rules.clone(), version, updated_at: now })
}
