//! Teams, their members and managers.

pub mod input;
pub mod seats;
pub mod write;

use std::collections::HashMap;

use super::{Actor, Context, Error};
use crate::domain::Team;
use crate::store::{self, DbConnection};

/// Teams by name after the (name, id) cursor: admins see all, everyone else their own.
pub fn list(ctx: &Context, actor: &Actor, after: Option<(String, String)>, limit: i64) -> Result<Vec<Team>, Error> {
    let member = (!actor.is_admin()).then_some(actor.id.as_str());
    ctx.read(|conn| Ok(store::teams::list(conn, member, after.as_ref(), limit)?))
}

/// The names of those of `ids` the caller may read, by id, for pages that name teams
/// (one query; the teams' members are not loaded).
pub fn names(ctx: &Context, actor: &Actor, ids: &[String]) -> Result<HashMap<String, String>, Error> {
    let readable: Vec<String> = ids.iter().filter(|id| actor.reads_team(id)).cloned().collect();
    ctx.read(|conn| Ok(store::teams::names(conn, &readable)?))
}

pub fn get(ctx: &Context, actor: &Actor, id: &str) -> Result<Team, Error> {
    let team = ctx.read(|conn| find(conn, id))?;
    Error::require(actor.reads_team(id))?;
    Ok(team)
}

fn find(conn: &mut DbConnection, id: &str) -> Result<Team, Error> {
    store::teams::find(conn, id)?.ok_or(Error::NotFound("team"))
}
