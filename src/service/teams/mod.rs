//! Teams, their members and managers.

pub mod input;
pub mod seats;
pub mod write;

use std::collections::HashMap;

use super::{Actor, Context, Error};
use crate::domain::search::fold;
use crate::domain::Team;
use crate::store::{self, DbConnection};

/// Which teams a list asks for: those after the (name, id) cursor, matching `q`
/// (folded like people's search: "lodz" finds "Łódź Support").
#[derive(Debug, Clone, Default)]
pub struct TeamFilter {
    pub q: Option<String>,
    pub after: Option<(String, String)>,
    pub limit: i64,
}

/// Teams by name: admins see all, everyone else their own.
pub fn list(ctx: &Context, actor: &Actor, filter: TeamFilter) -> Result<Vec<Team>, Error> {
    let member = (!actor.is_admin()).then_some(actor.id.as_str());
    let q = filter.q.as_deref().map(fold).filter(|q| !q.is_empty());
    ctx.read(|conn| {
        let Some(q) = q else { return Ok(store::teams::list(conn, member, filter.after.as_ref(), filter.limit)?) };
        // Teams are few (dozens, not thousands): folded and matched here.
        let all = store::teams::list(conn, member, filter.after.as_ref(), i64::MAX)?;
        let limit = usize::try_from(filter.limit).unwrap_or(usize::MAX);
        Ok(all
            .into_iter()
            .filter(|t| fold(&t.name).contains(&q) || fold(&t.description).contains(&q))
            .take(limit)
            .collect())
    })
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
