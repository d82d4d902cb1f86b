use super::find;
use super::input::{check_description, check_team_name, NewTeam, TeamChanges};
use crate::domain::Team;
use crate::service::{audit, Actor, Context, Error, IfVersion};
use crate::store;

/// Creates a team (admins only). Names are unique.
pub fn create(ctx: &Context, actor: &Actor, input: Result<NewTeam, Error>) -> Result<Team, Error> {
    Error::require(actor.is_admin())?;
    let input = input?;
    let now = ctx.now();
    let team = Team {
        id: store::new_id(),
        name: check_team_name(&input.name)?,
        description: check_description(&input.description)?,
        members: Vec::new(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    ctx.write(|conn| {
        store::teams::insert(conn, &team)?;
        audit::record(conn, now, &actor.id, "create", "team", &team.id, serde_json::json!({"name": team.name}))?;
        Ok(team)
    })
}

/// Renames or re-describes a team (its managers and admins).
pub fn update(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected_version: Result<IfVersion, Error>,
    changes: Result<TeamChanges, Error>,
) -> Result<Team, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let mut team = find(conn, id)?;
        Error::require(actor.manages_team(id))?;
        let (expected_version, changes) = (expected_version?, changes?);
        if let Some(name) = &changes.name {
            team.name = check_team_name(name)?;
        }
        if let Some(description) = &changes.description {
            team.description = check_description(description)?;
        }
        let saved = store::teams::update(conn, &team, expected_version.against(team.version), now)?;
        audit::record(conn, now, &actor.id, "update", "team", id, serde_json::json!({}))?;
        Ok(saved)
    })
}

/// Deletes a team and its memberships (admins only); the people stay.
pub fn delete(ctx: &Context, actor: &Actor, id: &str, expected_version: Result<IfVersion, Error>) -> Result<(), Error> {
    Error::require(actor.is_admin())?;
    let expected_version = expected_version?;
    let now = ctx.now();
    ctx.write(|conn| {
        let team = find(conn, id)?;
        store::teams::delete(conn, id, expected_version.against(team.version))?;
        audit::record(conn, now, &actor.id, "delete", "team", id, serde_json::json!({}))?;
        Ok(())
    })
}
