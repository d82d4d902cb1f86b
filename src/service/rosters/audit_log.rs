//! `GET /api/rosters/{id}/audit`: every recorded change of a roster, for its desk's
//! managers: who, when, what, and why.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::find;
use crate::service::{desks, Actor, Context, Error};
use crate::store;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RosterChange {
    pub actor_id: String,
    pub actor_name: String,
    /// `create`, `plan`, `store_plan`, `publish`, `edit_assignments`, …
    pub action: String,
    /// What changed (for an edit: the changes, whether forced, the reason, the rules a
    /// forced edit breaks, whether the roster was published).
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub at: DateTime<Utc>,
}

pub fn changes(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<RosterChange>, Error> {
    ctx.read(|conn| {
        let roster = find(conn, id)?;
        let desk = desks::find(conn, &roster.desk_id)?;
        Error::require(actor.manages_desk(&desk))?;
        let events = store::audit::for_entity(conn, "roster", id)?;
        let actors: Vec<String> = events.iter().map(|e| e.actor_id.clone()).collect();
        let names = store::people::names(conn, &actors)?;
        Ok(events
            .into_iter()
            .map(|e| RosterChange {
                actor_name: names.get(&e.actor_id).cloned().unwrap_or_default(),
                actor_id: e.actor_id,
                action: e.action,
                detail: e.detail,
                at: e.occurred_at,
            })
            .collect())
    })
}
