//! When someone leaves (deactivated), no roster silently keeps them: they come off
//! every shift that has not started, each roster records it, and the desk's managers
//! are told which shifts are open.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::find;
use crate::domain::roster::{Assignment, RosterStatus};
use crate::domain::{NotificationKind, Person, TeamRole};
use crate::service::notifications::notify;
use crate::service::{audit, desks, Error};
use crate::store::{self, DbConnection};

/// Takes `person` off their future shifts; call inside the transaction that
/// deactivates them. Returns how many shifts were opened.
pub fn release_future_shifts(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    actor_id: &str,
    person: &Person,
) -> Result<usize, Error> {
    let future = store::assignments::future_of_person(conn, &person.id, now)?;
    let mut by_roster: BTreeMap<String, Vec<Assignment>> = BTreeMap::new();
    for assignment in future {
        by_roster.entry(assignment.roster_id.clone()).or_default().push(assignment);
    }
    let mut opened = 0;
    for (roster_id, assignments) in by_roster {
        let roster = find(conn, &roster_id)?;
        let desk = desks::find(conn, &roster.desk_id)?;
        let shifts = store::rosters::shifts_of(conn, &roster_id)?;
        let names: Vec<String> = assignments
            .iter()
            .filter_map(|a| shifts.iter().find(|s| s.id == a.shift_id))
            .map(|s| format!("{} {}", s.template_name, s.local_date))
            .collect();
        for assignment in &assignments {
            store::assignments::remove(conn, &assignment.id, now)?;
        }
        store::rosters::touch(conn, &roster_id, roster.version, now)?;
        let shift_ids: Vec<&str> = assignments.iter().map(|a| a.shift_id.as_str()).collect();
        let detail = serde_json::json!({"person_id": person.id, "left": true, "opened": shift_ids, "published": roster.status == RosterStatus::Published});
        audit::record(conn, now, actor_id, "release_person", "roster", &roster_id, detail.clone())?;
        opened += assignments.len();
        if roster.status != RosterStatus::Published {
            continue;
        }
        let mut managers: Vec<String> = Vec::new();
        for team in &desk.teams {
            if let Some(team) = store::teams::find(conn, team)? {
                managers
                    .extend(team.members.iter().filter(|m| m.role == TeamRole::Manager).map(|m| m.person_id.clone()));
            }
        }
        managers.sort();
        managers.dedup();
        let message =
            format!("{} left: {} shift(s) of {} are open ({})", person.name, names.len(), desk.name, names.join(", "));
        for manager in managers.iter().filter(|m| **m != person.id) {
            notify(
                conn,
                now,
                manager,
                NotificationKind::ShiftsOpened,
                ("roster", &roster_id),
                message.clone(),
                detail.clone(),
            )?;
        }
    }
    Ok(opened)
}
