//! Team seats. They belong to the team, so they change the team's version and need
//! the team's ETag.

use chrono::{DateTime, Utc};

use super::find;
use crate::domain::{Role, Team, TeamRole};
use crate::service::{audit, Actor, Context, Error, IfVersion};
use crate::store::{self, DbConnection};

/// Adds a person to the team or changes their seat. Managers of the team may seat
/// people who are in no team or only in teams they also manage; only admins hand out
/// or take away manager seats, and only they seat admins.
pub fn put(
    ctx: &Context,
    actor: &Actor,
    team_id: &str,
    person_id: &str,
    expected_version: Result<IfVersion, Error>,
    seat: Result<TeamRole, Error>,
) -> Result<Team, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let team = find(conn, team_id)?;
        Error::require(actor.manages_team(team_id))?;
        let (expected_version, seat) = (expected_version?, seat?);
        Error::require(seat == TeamRole::Member || actor.is_admin())?;
        let person = store::people::find(conn, person_id)?.ok_or(Error::NotFound("person"))?;
        if !actor.is_admin() {
            // Seating someone makes them manageable by this team's managers: that
            // must not become a way to take over another team's people.
            let demotes_a_manager = team.seat_of(person_id) == Some(TeamRole::Manager);
            let from_foreign_team = person.teams.iter().any(|s| !actor.manages_team(&s.team_id));
            Error::require(!demotes_a_manager && !from_foreign_team && person.role != Role::Admin)?;
        }
        if seat == TeamRole::Manager && person.role == Role::Member {
            return Err(crate::domain::InvalidValue::new(
                "role",
                "not_a_manager",
                "only people with the manager or admin role can hold a manager seat",
            )
            .into());
        }
        change_seat(conn, now, actor, &team, expected_version, "seat", person_id, |conn| {
            Ok(store::teams::upsert_membership(conn, team_id, person_id, seat, now)?)
        })
    })
}

/// Removes a person from the team (managers of the team, admins).
pub fn remove(
    ctx: &Context,
    actor: &Actor,
    team_id: &str,
    person_id: &str,
    expected_version: Result<IfVersion, Error>,
) -> Result<Team, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let team = find(conn, team_id)?;
        Error::require(actor.manages_team(team_id))?;
        let expected_version = expected_version?;
        let seat = team.seat_of(person_id).ok_or(Error::NotFound("member"))?;
        // Taking away a manager seat is an admin's call, like giving one.
        Error::require(seat == TeamRole::Member || actor.is_admin())?;
        change_seat(conn, now, actor, &team, expected_version, "unseat", person_id, |conn| {
            store::teams::remove_membership(conn, team_id, person_id)?;
            Ok(())
        })
    })
}

/// Bumps the team's version against the caller's If-Match (so two managers editing
/// seats at once cannot both win), then makes the seat `change` and records it. The
/// bump comes first: on PostgreSQL the second of two concurrent writers then waits on
/// the team's row and gets 412, where a seat written first could collide with the
/// other writer's seat and fail as a 500.
#[allow(clippy::too_many_arguments)]
fn change_seat(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    team: &Team,
    expected_version: IfVersion,
    action: &str,
    person_id: &str,
    change: impl FnOnce(&mut DbConnection) -> Result<(), Error>,
) -> Result<Team, Error> {
    store::teams::update(conn, team, expected_version.against(team.version), now)?;
    change(conn)?;
    audit::record(conn, now, &actor.id, action, "team", &team.id, serde_json::json!({ "person_id": person_id }))?;
    find(conn, &team.id)
}
