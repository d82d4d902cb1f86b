use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::error::{conflict_on, missing_or_stale};
use super::schema::{team_memberships, teams};
use super::{DbConnection, StoreError};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = teams)]
pub struct TeamRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = team_memberships)]
pub struct MembershipRow {
    pub team_id: String,
    pub person_id: String,
    pub role: String,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &TeamRow) -> Result<(), StoreError> {
    diesel::insert_into(teams::table).values(row).execute(conn).map_err(conflict_on("name"))?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<TeamRow>, StoreError> {
    Ok(teams::table.find(id).select(TeamRow::as_select()).first(conn).optional()?)
}

/// Teams in name order after the cursor; `member` limits them to that person's teams.
pub fn list(
    conn: &mut DbConnection,
    member: Option<&str>,
    after: Option<&(String, String)>,
    limit: i64,
) -> Result<Vec<TeamRow>, StoreError> {
    let mut select = teams::table.select(TeamRow::as_select()).into_boxed();
    if let Some(person_id) = member {
        let own = team_memberships::table
            .filter(team_memberships::person_id.eq(person_id.to_string()))
            .select(team_memberships::team_id);
        select = select.filter(teams::id.eq_any(own));
    }
    if let Some((name, id)) = after {
        select =
            select.filter(teams::name.gt(name.clone()).or(teams::name.eq(name.clone()).and(teams::id.gt(id.clone()))));
    }
    Ok(select.order((teams::name.asc(), teams::id.asc())).limit(limit).load(conn)?)
}

/// Saves `row` if the stored version is still `expected_version`; bumps it.
pub fn update(conn: &mut DbConnection, row: &TeamRow, expected_version: i64) -> Result<TeamRow, StoreError> {
    let mut next = row.clone();
    // The version comes from the client's If-Match; one that cannot be followed by
    // another is no version this row ever had.
    next.version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    next.updated_at = super::now_utc();
    let changed = diesel::update(teams::table.filter(teams::id.eq(&row.id).and(teams::version.eq(expected_version))))
        .set(&next)
        .execute(conn)
        .map_err(conflict_on("name"))?;
    if changed == 0 {
        return Err(missing_or_stale(find(conn, &row.id)?.is_some()));
    }
    Ok(next)
}

pub fn delete(conn: &mut DbConnection, id: &str, expected_version: i64) -> Result<(), StoreError> {
    let deleted =
        diesel::delete(teams::table.filter(teams::id.eq(id).and(teams::version.eq(expected_version)))).execute(conn)?;
    if deleted == 0 {
        return Err(missing_or_stale(find(conn, id)?.is_some()));
    }
    Ok(())
}

pub fn memberships_of_teams(conn: &mut DbConnection, team_ids: &[String]) -> Result<Vec<MembershipRow>, StoreError> {
    Ok(team_memberships::table
        .filter(team_memberships::team_id.eq_any(team_ids))
        .select(MembershipRow::as_select())
        .order((team_memberships::team_id, team_memberships::person_id))
        .load(conn)?)
}

pub fn memberships_of_people(conn: &mut DbConnection, person_ids: &[String]) -> Result<Vec<MembershipRow>, StoreError> {
    Ok(team_memberships::table
        .filter(team_memberships::person_id.eq_any(person_ids))
        .select(MembershipRow::as_select())
        .order((team_memberships::person_id, team_memberships::team_id))
        .load(conn)?)
}

pub fn memberships_of_person(conn: &mut DbConnection, person_id: &str) -> Result<Vec<MembershipRow>, StoreError> {
    memberships_of_people(conn, &[person_id.to_string()])
}

/// Adds the person to the team or changes their seat.
pub fn upsert_membership(conn: &mut DbConnection, row: &MembershipRow) -> Result<(), StoreError> {
    let updated = diesel::update(
        team_memberships::table
            .filter(team_memberships::team_id.eq(&row.team_id).and(team_memberships::person_id.eq(&row.person_id))),
    )
    .set(team_memberships::role.eq(&row.role))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(team_memberships::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// Removes the membership; false when there was none.
pub fn remove_membership(conn: &mut DbConnection, team_id: &str, person_id: &str) -> Result<bool, StoreError> {
    let deleted = diesel::delete(
        team_memberships::table
            .filter(team_memberships::team_id.eq(team_id).and(team_memberships::person_id.eq(person_id))),
    )
    .execute(conn)?;
    Ok(deleted > 0)
}
