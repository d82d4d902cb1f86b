//! Teams, their members and managers.

pub mod input;
pub mod seats;
pub mod write;

use super::{Actor, Context, Error};
use crate::domain::Team;
use crate::store::{self, DbConnection};

/// Teams by name after the (name, id) cursor: admins see all, everyone else their own.
pub fn list(ctx: &Context, actor: &Actor, after: Option<(String, String)>, limit: i64) -> Result<Vec<Team>, Error> {
    let member = (!actor.is_admin()).then_some(actor.id.as_str());
    ctx.read(|conn| Ok(store::teams::list(conn, member, after.as_ref(), limit)?))
}

/// (id, name) of the teams the caller may see, for pages that name them.
pub fn names(ctx: &Context, actor: &Actor) -> Result<Vec<(String, String)>, Error> {
    Ok(list(ctx, actor, None, 1000)?.into_iter().map(|t| (t.id, t.name)).collect())
}

pub fn get(ctx: &Context, actor: &Actor, id: &str) -> Result<Team, Error> {
    let team = ctx.read(|conn| find(conn, id))?;
    Error::require(actor.reads_team(id))?;
    Ok(team)
}

fn find(conn: &mut DbConnection, id: &str) -> Result<Team, Error> {
    store::teams::find(conn, id)?.ok_or(Error::NotFound("team"))
}
