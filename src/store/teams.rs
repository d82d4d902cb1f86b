use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::error::{conflict_on, missing_or_stale};
use super::schema::{team_memberships, teams};
use super::{stored, DbConnection, StoreError};
use crate::domain::{Member, Team, TeamRole, TeamSeat};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = teams)]
struct TeamRow {
    id: String,
    name: String,
    description: String,
    version: i64,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = team_memberships)]
struct MembershipRow {
    team_id: String,
    person_id: String,
    role: String,
    created_at: chrono::NaiveDateTime,
}

fn to_row(team: &Team) -> TeamRow {
    TeamRow {
        id: team.id.clone(),
        name: team.name.clone(),
        description: team.description.clone(),
        version: team.version,
        created_at: stored(team.created_at),
        updated_at: stored(team.updated_at),
    }
}

fn seat_role(row: &MembershipRow) -> Result<TeamRole, StoreError> {
    TeamRole::parse(&row.role).ok_or_else(|| StoreError::Corrupt {
        entity: "team",
        id: row.team_id.clone(),
        what: "seat",
    })
}

/// Teams with their members, in the order given.
fn with_members(conn: &mut DbConnection, rows: Vec<TeamRow>) -> Result<Vec<Team>, StoreError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let seats: Vec<MembershipRow> = team_memberships::table
        .filter(team_memberships::team_id.eq_any(&ids))
        .select(MembershipRow::as_select())
        .order((team_memberships::team_id, team_memberships::person_id))
        .load(conn)?;
    let mut members: HashMap<String, Vec<Member>> = HashMap::new();
    for seat in &seats {
        let member = Member { person_id: seat.person_id.clone(), role: seat_role(seat)? };
        members.entry(seat.team_id.clone()).or_default().push(member);
    }
    Ok(rows
        .into_iter()
        .map(|row| Team {
            members: members.remove(&row.id).unwrap_or_default(),
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
            id: row.id,
            name: row.name,
            description: row.description,
            version: row.version,
        })
        .collect())
}

pub fn insert(conn: &mut DbConnection, team: &Team) -> Result<(), StoreError> {
    diesel::insert_into(teams::table).values(to_row(team)).execute(conn).map_err(conflict_on("name"))?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Team>, StoreError> {
    let row = teams::table.find(id).select(TeamRow::as_select()).first(conn).optional()?;
    Ok(with_members(conn, row.into_iter().collect())?.pop())
}

/// The names of the teams `ids`, by id.
pub fn names(conn: &mut DbConnection, ids: &[String]) -> Result<HashMap<String, String>, StoreError> {
    let rows: Vec<(String, String)> =
        teams::table.filter(teams::id.eq_any(ids)).select((teams::id, teams::name)).load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Teams in name order after the cursor; `member` limits them to that person's teams.
pub fn list(
    conn: &mut DbConnection,
    member: Option<&str>,
    after: Option<&(String, String)>,
    limit: i64,
) -> Result<Vec<Team>, StoreError> {
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
    let rows = select.order((teams::name.asc(), teams::id.asc())).limit(limit).load(conn)?;
    with_members(conn, rows)
}

/// Saves `team` (not its members) if the stored version is still `expected_version`;
/// returns what was written, with the next version.
pub fn update(
    conn: &mut DbConnection,
    team: &Team,
    expected_version: i64,
    now: DateTime<Utc>,
) -> Result<Team, StoreError> {
    let mut next = team.clone();
    // The version comes from the client's If-Match; one that cannot be followed by
    // another is no version this row ever had.
    next.version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    next.updated_at = now;
    let changed = diesel::update(teams::table.filter(teams::id.eq(&team.id).and(teams::version.eq(expected_version))))
        .set(to_row(&next))
        .execute(conn)
        .map_err(conflict_on("name"))?;
    if changed == 0 {
        let exists = teams::table.find(&team.id).count().get_result::<i64>(conn)? > 0;
        return Err(missing_or_stale(exists));
    }
    Ok(next)
}

pub fn delete(conn: &mut DbConnection, id: &str, expected_version: i64) -> Result<(), StoreError> {
    let deleted =
        diesel::delete(teams::table.filter(teams::id.eq(id).and(teams::version.eq(expected_version)))).execute(conn)?;
    if deleted == 0 {
        let exists = teams::table.find(id).count().get_result::<i64>(conn)? > 0;
        return Err(missing_or_stale(exists));
    }
    Ok(())
}

/// Each person's seats, by person id.
pub fn seats_of_people(
    conn: &mut DbConnection,
    person_ids: &[String],
) -> Result<HashMap<String, Vec<TeamSeat>>, StoreError> {
    let rows: Vec<MembershipRow> = team_memberships::table
        .filter(team_memberships::person_id.eq_any(person_ids))
        .select(MembershipRow::as_select())
        .order((team_memberships::person_id, team_memberships::team_id))
        .load(conn)?;
    let mut seats: HashMap<String, Vec<TeamSeat>> = HashMap::new();
    for row in &rows {
        let seat = TeamSeat { team_id: row.team_id.clone(), role: seat_role(row)? };
        seats.entry(row.person_id.clone()).or_default().push(seat);
    }
    Ok(seats)
}

pub fn seats_of_person(conn: &mut DbConnection, person_id: &str) -> Result<Vec<TeamSeat>, StoreError> {
    Ok(seats_of_people(conn, &[person_id.to_string()])?.remove(person_id).unwrap_or_default())
}

/// Adds the person to the team or changes their seat.
pub fn upsert_membership(
    conn: &mut DbConnection,
    team_id: &str,
    person_id: &str,
    role: TeamRole,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let updated = diesel::update(
        team_memberships::table
            .filter(team_memberships::team_id.eq(team_id).and(team_memberships::person_id.eq(person_id))),
    )
    .set(team_memberships::role.eq(role.as_str()))
    .execute(conn)?;
    if updated == 0 {
        let row = MembershipRow {
            team_id: team_id.to_string(),
            person_id: person_id.to_string(),
            role: role.as_str().to_string(),
            created_at: stored(now),
        };
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
