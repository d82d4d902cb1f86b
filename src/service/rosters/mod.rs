//! Rosters: a desk's shifts over a horizon, who works them, and the planner problem
//! they make.

pub mod audit_log;
pub mod board;
pub mod create;
pub mod edit;
pub mod mine;
pub mod plan;
pub mod problem;
pub mod publish;
pub mod release;
pub mod words;

use super::{desks, Actor, Context, Error, IfVersion};
use crate::domain::roster::{Assignment, Roster, RosterShift, RosterStatus};
use crate::domain::Desk;
use crate::planner::model::Problem;
use crate::service::audit;
use crate::store::{self, DbConnection};

/// A roster with its shifts and assignments.
#[derive(Debug, Clone)]
pub struct RosterDetail {
    pub roster: Roster,
    pub desk: Desk,
    pub shifts: Vec<RosterShift>,
    pub assignments: Vec<Assignment>,
    /// Everyone assigned, by name.
    pub people: Vec<RosterPerson>,
}

/// A person on a roster: who, and the zone their own times are shown in.
#[derive(Debug, Clone)]
pub struct RosterPerson {
    pub id: String,
    pub name: String,
    pub time_zone: String,
}

impl RosterDetail {
    /// The detail of a roster as stored now: its shifts, its assignments and the
    /// people on them.
    pub(crate) fn load(conn: &mut DbConnection, roster: Roster, desk: Desk) -> Result<Self, Error> {
        let shifts = store::rosters::shifts_of(conn, &roster.id)?;
        let assignments = store::assignments::of_roster(conn, &roster.id)?;
        let mut ids: Vec<String> = assignments.iter().map(|a| a.person_id.clone()).collect();
        ids.sort();
        ids.dedup();
        let found = store::people::names_and_zones(conn, &ids)?;
        let mut people: Vec<RosterPerson> =
            found.into_iter().map(|(id, (name, time_zone))| RosterPerson { id, name, time_zone }).collect();
        people.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        Ok(Self { roster, desk, shifts, assignments, people })
    }
}

pub(crate) fn find(conn: &mut DbConnection, id: &str) -> Result<Roster, Error> {
    store::rosters::find(conn, id)?.ok_or(Error::NotFound("roster"))
}

/// The roster and its desk, if the actor may read the desk. A draft is the desk
/// managers' working copy: staff see a roster once it is published.
fn readable(conn: &mut DbConnection, actor: &Actor, id: &str) -> Result<(Roster, Desk), Error> {
    let roster = find(conn, id)?;
    let desk = desks::find(conn, &roster.desk_id)?;
    let allowed = actor.manages_desk(&desk) || (roster.status == RosterStatus::Published && actor.reads_desk(&desk));
    Error::require(allowed)?;
    Ok((roster, desk))
}

pub fn get(ctx: &Context, actor: &Actor, id: &str) -> Result<RosterDetail, Error> {
    ctx.read(|conn| {
        let (roster, desk) = readable(conn, actor, id)?;
        RosterDetail::load(conn, roster, desk)
    })
}

/// A desk's rosters: its managers see drafts too, its staff the published ones.
pub fn of_desk(ctx: &Context, actor: &Actor, desk_id: &str) -> Result<Vec<Roster>, Error> {
    ctx.read(|conn| {
        let desk = desks::find(conn, desk_id)?;
        Error::require(actor.reads_desk(&desk))?;
        let manages = actor.manages_desk(&desk);
        let rosters = store::rosters::of_desk(conn, desk_id)?;
        Ok(rosters.into_iter().filter(|r| manages || r.status == RosterStatus::Published).collect())
    })
}

/// The planner problem the service builds for this roster now (its managers), so that
/// anyone can re-run it with `rota plan`.
pub fn problem(ctx: &Context, actor: &Actor, id: &str) -> Result<Problem, Error> {
    ctx.read(|conn| {
        let roster = find(conn, id)?;
        let desk = desks::find(conn, &roster.desk_id)?;
        Error::require(actor.manages_desk(&desk))?;
        let shifts = store::rosters::shifts_of(conn, id)?;
        let current = store::assignments::of_roster(conn, id)?;
        problem::build(conn, &desk, &roster, &shifts, &current)
    })
}

/// Deletes a draft roster (its desk's managers); a published roster stays.
pub fn delete(ctx: &Context, actor: &Actor, id: &str, expected_version: Result<IfVersion, Error>) -> Result<(), Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let roster = find(conn, id)?;
        let desk = desks::find(conn, &roster.desk_id)?;
        Error::require(actor.manages_desk(&desk))?;
        let expected_version = expected_version?;
        if roster.status == RosterStatus::Published {
            return Err(Error::conflict(
                "roster_published",
                Some("status"),
                "a published roster is never deleted; edit its assignments instead",
            ));
        }
        store::rosters::delete(conn, id, expected_version.against(roster.version))?;
        let detail = serde_json::json!({"desk_id": desk.id, "from": roster.first_date, "to": roster.last_date});
        audit::record(conn, now, &actor.id, "delete", "roster", id, detail)?;
        Ok(())
    })
}
