//! A manager's queue: the pending requests they may decide (people of the teams they
//! manage, never their own), oldest first, each with the published shifts approving
//! it would hit.

use std::collections::HashMap;

use super::decide::{affected_by_each, AffectedShift};
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
        // Each person read once, however many requests they have waiting.
        let mut people: HashMap<String, Option<Person>> = HashMap::new();
        let mut kept = Vec::new();
        for time_off in pending.into_iter().filter(|t| t.person_id != actor.id) {
            if !people.contains_key(&time_off.person_id) {
                let person = store::people::find(conn, &time_off.person_id)?;
                people.insert(time_off.person_id.clone(), person);
            }
            match &people[&time_off.person_id] {
                Some(person) if actor.manages_person(person) => kept.push((time_off, person.clone())),
                _ => {}
            }
        }
        let requests: Vec<TimeOff> = kept.iter().map(|(t, _)| t.clone()).collect();
        let affected = affected_by_each(conn, &requests)?;
        Ok(kept
            .into_iter()
            .zip(affected)
            .map(|((time_off, person), affected)| Waiting { time_off, person, affected })
            .collect())
    })
}
