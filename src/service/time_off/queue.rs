//! A manager's queue: the pending requests they may decide (people of the teams they
//! manage, never their own), oldest first, each with the published shifts approving
//! it would hit.

use super::decide::{affected_shifts, AffectedShift};
use super::list::{list, TimeOffFilter};
use crate::domain::{Person, TimeOff, TimeOffStatus};
use crate::service::{Actor, Context, Error};
use crate::store;

/// The most a queue shows at once; a manager with more decides the first ones first.
pub const QUEUE_LIMIT: i64 = 200;

pub struct Waiting {
    pub time_off: TimeOff,
    pub person: Person,
    pub affected: Vec<AffectedShift>,
}

/// Refused (403) for members: they decide nothing.
pub fn queue(ctx: &Context, actor: &Actor) -> Result<Vec<Waiting>, Error> {
    Error::require(actor.role != crate::domain::Role::Member)?;
    let filter = TimeOffFilter { status: Some(TimeOffStatus::Pending), limit: QUEUE_LIMIT, ..TimeOffFilter::default() };
    let pending = list(ctx, actor, filter)?;
    ctx.read(|conn| {
        let mut waiting = Vec::new();
        for time_off in pending.into_iter().filter(|t| t.person_id != actor.id) {
            let Some(person) = store::people::find(conn, &time_off.person_id)? else { continue };
            if !actor.manages_person(&person) {
                continue;
            }
            let affected = affected_shifts(conn, &time_off)?;
            waiting.push(Waiting { time_off, person, affected });
        }
        Ok(waiting)
    })
}
