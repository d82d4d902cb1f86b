use super::{find, RosterDetail};
use crate::domain::roster::RosterStatus;
use crate::service::{audit, desks, Actor, Context, Error, IfVersion};
use crate::store;

/// Publishes a draft (the desk's managers): staff see it, it counts as history and
/// for fairness, and from now on it changes only by recorded edits.
pub fn publish(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected_version: Result<IfVersion, Error>,
) -> Result<RosterDetail, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let mut roster = find(conn, id)?;
        let desk = desks::find(conn, &roster.desk_id)?;
        Error::require(actor.manages_desk(&desk))?;
        let expected_version = expected_version?.against(roster.version);
        if roster.status == RosterStatus::Published {
            return Err(Error::conflict("roster_published", Some("status"), "the roster is already published"));
        }
        roster.version = store::rosters::publish(conn, id, expected_version, now)?;
        roster.status = RosterStatus::Published;
        roster.published_at = Some(now);
        roster.updated_at = now;
        let assignments = store::assignments::of_roster(conn, id)?;
        let detail = serde_json::json!({"assignments": assignments.len()});
        audit::record(conn, now, &actor.id, "publish", "roster", id, detail)?;
        RosterDetail::load(conn, roster, desk)
    })
}
