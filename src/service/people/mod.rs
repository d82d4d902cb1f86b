//! People: the staff, their skills and contracts.

pub mod create;
pub mod delete;
pub mod input;
pub mod update;

use super::{Actor, Context, Error};
use crate::domain::search::fold;
use crate::domain::Person;
use crate::store::{self, people::PeopleQuery};

/// One page of people: `limit` of them after the (name, id) cursor.
#[derive(Debug, Clone, Default)]
pub struct PeopleFilter {
    pub team_id: Option<String>,
    /// Search text as typed; folded here ([`fold`]) to match the stored key.
    pub q: Option<String>,
    pub after: Option<(String, String)>,
    pub limit: i64,
}

/// People the actor may see, by name: admins see everyone; others themselves and their teammates.
pub fn list(ctx: &Context, actor: &Actor, filter: PeopleFilter) -> Result<Vec<Person>, Error> {
    if let Some(team) = &filter.team_id {
        Error::require(actor.reads_team(team))?;
    }
    ctx.read(|conn| {
        let query = PeopleQuery {
            team_id: filter.team_id,
            visible_to: (!actor.is_admin()).then(|| actor.id.clone()),
            include_inactive: true,
            q: filter.q.as_deref().map(fold).map(|q| q.chars().filter(|c| !c.is_control()).collect()),
            after: filter.after,
            limit: filter.limit,
        };
        Ok(store::people::list(conn, &query)?)
    })
}

pub fn get(ctx: &Context, actor: &Actor, id: &str) -> Result<Person, Error> {
    let person = ctx.read(|conn| store::people::find(conn, id)?.ok_or(Error::NotFound("person")))?;
    Error::require(actor.reads_person(&person))?;
    Ok(person)
}
