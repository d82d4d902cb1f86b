use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::error::{conflict_on, missing_or_stale};
use super::schema::{audit_events, people, team_memberships};
use super::{DbConnection, StoreError};

/// A person as stored. Skills lists are JSON arrays in text columns: both
/// backends share that type, and they are always read whole.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = people, treat_none_as_null = true)]
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub email_normalized: String,
    pub role: String,
    pub password_hash: Option<String>,
    pub time_zone: String,
    pub holiday_region: String,
    pub languages: String,
    pub tier: String,
    pub channels: String,
    pub max_minutes_per_week: i32,
    pub min_rest_minutes: i32,
    pub max_consecutive_days: i32,
    pub max_nights_per_week: i32,
    pub volunteer_earliest: String,
    pub volunteer_latest: String,
    pub active: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Which people a list returns, in (name, id) order after the cursor.
#[derive(Debug, Clone, Default)]
pub struct PeopleQuery {
    pub team_id: Option<String>,
    /// Only people who share a team with this person, and the person.
    pub visible_to: Option<String>,
    pub include_inactive: bool,
    pub after: Option<(String, String)>,
    pub limit: i64,
}

pub fn insert(conn: &mut DbConnection, row: &PersonRow) -> Result<(), StoreError> {
    diesel::insert_into(people::table).values(row).execute(conn).map_err(conflict_on("email"))?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<PersonRow>, StoreError> {
    Ok(people::table.find(id).select(PersonRow::as_select()).first(conn).optional()?)
}

pub fn find_by_email(conn: &mut DbConnection, email_normalized: &str) -> Result<Option<PersonRow>, StoreError> {
    Ok(people::table
        .filter(people::email_normalized.eq(email_normalized))
        .select(PersonRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn list(conn: &mut DbConnection, query: &PeopleQuery) -> Result<Vec<PersonRow>, StoreError> {
    let mut select = people::table.select(PersonRow::as_select()).into_boxed();
    if let Some(team_id) = &query.team_id {
        let members = team_memberships::table
            .filter(team_memberships::team_id.eq(team_id.clone()))
            .select(team_memberships::person_id);
        select = select.filter(people::id.eq_any(members));
    }
    if let Some(viewer) = &query.visible_to {
        let viewer_teams = team_memberships::table
            .filter(team_memberships::person_id.eq(viewer.clone()))
            .select(team_memberships::team_id)
            .load::<String>(conn)?;
        let teammates = team_memberships::table
            .filter(team_memberships::team_id.eq_any(viewer_teams))
            .select(team_memberships::person_id);
        select = select.filter(people::id.eq(viewer.clone()).or(people::id.eq_any(teammates)));
    }
    if !query.include_inactive {
        select = select.filter(people::active.eq(true));
    }
    if let Some((name, id)) = &query.after {
        select = select
            .filter(people::name.gt(name.clone()).or(people::name.eq(name.clone()).and(people::id.gt(id.clone()))));
    }
    Ok(select.order((people::name.asc(), people::id.asc())).limit(query.limit).load(conn)?)
}

/// Writes `row` over the stored person if the stored version is still
/// `expected_version`; the written row carries the next version.
pub fn update(conn: &mut DbConnection, row: &PersonRow, expected_version: i64) -> Result<PersonRow, StoreError> {
    let mut next = row.clone();
    // The version comes from the client's If-Match; one that cannot be followed by
    // another is no version this row ever had.
    next.version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    next.updated_at = super::now_utc();
    let changed =
        diesel::update(people::table.filter(people::id.eq(&row.id).and(people::version.eq(expected_version))))
            .set(&next)
            .execute(conn)
            .map_err(conflict_on("email"))?;
    if changed == 0 {
        return Err(missing_or_stale(find(conn, &row.id)?.is_some()));
    }
    Ok(next)
}

/// True when something recorded refers to this person, so deleting them
/// would rewrite history; such people are deactivated instead.
pub fn has_history(conn: &mut DbConnection, id: &str) -> Result<bool, StoreError> {
    let authored: i64 = audit_events::table.filter(audit_events::actor_id.eq(id)).count().get_result(conn)?;
    Ok(authored > 0)
}

pub fn delete(conn: &mut DbConnection, id: &str, expected_version: i64) -> Result<(), StoreError> {
    let deleted = diesel::delete(people::table.filter(people::id.eq(id).and(people::version.eq(expected_version))))
        .execute(conn)?;
    if deleted == 0 {
        return Err(missing_or_stale(find(conn, id)?.is_some()));
    }
    Ok(())
}

pub fn count(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(people::table.count().get_result(conn)?)
}
