//! Edits by hand: add, remove or replace people on shifts, all or nothing, judged by
//! the planner's checker for everyone touched (across desks: their published work
//! elsewhere is in the problem). A manager may force an edit with a reason; the
//! rules it breaks are recorded and later plans keep it as a forced lock.

use std::collections::BTreeSet;

use serde::Deserialize;
use utoipa::ToSchema;

use super::{find, problem, words, RosterDetail};
use crate::domain::roster::{Assignment, RosterStatus, RuleBreak};
use crate::domain::InvalidValue;
use crate::planner::checker;
use crate::planner::model;
use crate::service::time_off::input::check_text;
use crate::service::{audit, desks, Actor, Context, Error, IfVersion};
use crate::store;

/// One shift's change: `remove` takes a person off, `add` puts one on; both replace.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentChange {
    pub shift_id: String,
    #[serde(default)]
    pub remove: Option<String>,
    #[serde(default)]
    pub add: Option<String>,
}

/// `PATCH /api/rosters/{id}/assignments`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentEdit {
    pub changes: Vec<AssignmentChange>,
    /// Keep the added people even where a hard rule says no (managers); needs `reason`.
    #[serde(default)]
    pub force: bool,
    /// Why: required when forcing, recorded in the audit log either way.
    #[serde(default)]
    pub reason: Option<String>,
}

pub const MAX_CHANGES: usize = 200;

/// Applies `edit` to the roster's assignments (the desk's managers and admins).
pub fn edit(
    ctx: &Context,
    actor: &Actor,
    roster_id: &str,
    expected_version: Result<IfVersion, Error>,
    edit: Result<AssignmentEdit, Error>,
) -> Result<RosterDetail, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let roster = find(conn, roster_id)?;
        let desk = desks::find(conn, &roster.desk_id)?;
        Error::require(actor.manages_desk(&desk))?;
        let (expected_version, edit) = (expected_version?.against(roster.version), edit?);
        // An edit made on an older view is judged against a roster its author has not
        // seen: say so before anything else (the row is checked again when written).
        if expected_version != roster.version {
            return Err(Error::Stale);
        }
        let reason = match &edit.reason {
            Some(text) => Some(check_text("reason", text)?).filter(|t| !t.is_empty()),
            None => None,
        };
        if edit.force && reason.is_none() {
            return Err(InvalidValue::new("reason", "reason_required", "say why the edit is forced").into());
        }
        if edit.changes.is_empty() || edit.changes.len() > MAX_CHANGES {
            return Err(InvalidValue::new("changes", "out_of_range", format!("1 to {MAX_CHANGES} changes")).into());
        }
        let shifts = store::rosters::shifts_of(conn, roster_id)?;
        let current = store::assignments::of_roster(conn, roster_id)?;
        // Built once: the people on it are the desk's staff the edit may add.
        let mut problem = problem::build(conn, &desk, &roster, &shifts, &current)?;
        let staff: BTreeSet<String> = problem.people.iter().map(|p| p.id.clone()).collect();
        let mut pairs: BTreeSet<(String, String)> =
            current.iter().map(|a| (a.shift_id.clone(), a.person_id.clone())).collect();
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for (i, change) in edit.changes.iter().enumerate() {
            let at = |name: &str| format!("changes[{i}].{name}");
            if !shifts.iter().any(|s| s.id == change.shift_id) {
                return Err(InvalidValue::new(at("shift_id"), "unknown_shift", "no shift of this roster has this id").into());
            }
            if change.remove.is_none() && change.add.is_none() {
                return Err(InvalidValue::new(at("add"), "empty_change", "give add, remove or both").into());
            }
            if let Some(person) = &change.remove {
                if !pairs.remove(&(change.shift_id.clone(), person.clone())) {
                    return Err(InvalidValue::new(at("remove"), "not_assigned", "this person is not on this shift").into());
                }
                touched.insert(person.clone());
            }
            if let Some(person) = &change.add {
                if !staff.contains(person) {
                    return Err(InvalidValue::new(
                        at("add"),
                        "not_staff",
                        "this person is not an active member of the desk's teams",
                    )
                    .into());
                }
                if !pairs.insert((change.shift_id.clone(), person.clone())) {
                    return Err(InvalidValue::new(at("add"), "already_assigned", "this person is already on this shift").into());
                }
                touched.insert(person.clone());
            }
        }

        // What the edit adds, all changes taken together ("A for B, then B for C" adds C
        // only, and is judged as that).
        let before: BTreeSet<(String, String)> =
            current.iter().map(|a| (a.shift_id.clone(), a.person_id.clone())).collect();
        let mut added: Vec<(String, String)> = pairs.difference(&before).cloned().collect();

        // Judge the roster as it would be. What the edit leaves alone is fixed (a
        // manager's roster, not the planner's choice), so a forced addition that clashes
        // with it is a forced break; the forced additions are forced locks.
        problem::keep(
            &mut problem,
            current.iter().filter(|a| pairs.contains(&(a.shift_id.clone(), a.person_id.clone()))),
        );
        if edit.force {
            for (shift, person) in &added {
                if let Some(p) = problem.people.iter_mut().find(|p| &p.id == person) {
                    p.locked.push(model::LockedShift { shift: shift.clone(), forced: true, reason: reason.clone() });
                }
            }
        }
        let after: Vec<model::Assignment> =
            pairs.iter().map(|(shift, person)| model::Assignment { shift: shift.clone(), person: person.clone() }).collect();
        let report = checker::check(&problem, &after).map_err(|e| Error::Internal(format!("edit check: {e}")))?;
        let readable = |message: &str| words::shift_names(&shifts, message);
        let broken: Vec<RuleBreak> = report
            .violations
            .iter()
            .filter(|v| touched.contains(&v.person))
            .map(|v| RuleBreak { code: v.code.to_string(), person_id: v.person.clone(), message: readable(&v.message) })
            .collect();
        if !broken.is_empty() {
            return Err(Error::RulesBroken(broken));
        }
        let forced_breaks: Vec<&model::ForcedViolation> =
            report.forced.iter().filter(|f| touched.contains(&f.person)).collect();

        // Store by difference. Someone out and someone in on the same shift is a
        // replacement: it keeps its assignment (the id calendars know the event by), so
        // the old person's feed loses the event and the new person's gains it.
        let mut gone: Vec<&Assignment> =
            current.iter().filter(|a| !pairs.contains(&(a.shift_id.clone(), a.person_id.clone()))).collect();
        let is_forced = |shift: &str, person: &str| {
            edit.force && forced_breaks.iter().any(|f| f.person == person && f.shifts.iter().any(|s| s == shift))
        };
        let mut fresh = Vec::with_capacity(added.len());
        for (shift, person) in std::mem::take(&mut added) {
            match gone.iter().position(|a| a.shift_id == shift) {
                Some(g) => {
                    let kept = gone.remove(g);
                    let forced = is_forced(&shift, &person);
                    let why = if forced { reason.as_deref() } else { None };
                    store::assignments::reassign(conn, &kept.id, &person, forced, why, now)?;
                }
                None => fresh.push((shift, person)),
            }
        }
        let added = fresh;
        for a in &gone {
            store::assignments::remove(conn, &a.id, now)?;
        }
        for (shift, person) in &added {
            let forced = is_forced(shift, person);
            let assignment = Assignment {
                id: store::new_id(),
                roster_id: roster.id.clone(),
                shift_id: shift.clone(),
                person_id: person.clone(),
                sequence: 1,
                forced,
                force_reason: forced.then(|| reason.clone()).flatten(),
                created_at: now,
                updated_at: now,
            };
            store::assignments::insert(conn, &assignment)?;
        }
        let version = store::rosters::touch(conn, &roster.id, expected_version, now)?;
        let detail = serde_json::json!({
            "changes": edit.changes.iter().map(|c| serde_json::json!({"shift_id": c.shift_id, "remove": c.remove, "add": c.add})).collect::<Vec<_>>(),
            "force": edit.force,
            "reason": reason,
            "forced_breaks": forced_breaks.iter().map(|f| serde_json::json!({"code": f.code, "person_id": f.person, "message": f.message})).collect::<Vec<_>>(),
            "published": roster.status == RosterStatus::Published,
        });
        audit::record(conn, now, &actor.id, "edit_assignments", "roster", &roster.id, detail)?;
        let mut roster = roster;
        roster.version = version;
        roster.updated_at = now;
        RosterDetail::load(conn, roster, desk)
    })
}
