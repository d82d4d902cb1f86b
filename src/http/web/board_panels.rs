//! The board's panels, opened by a click: a person's day (remove, move, replace, add)
//! and a shift (who is on it, what it is short of and the planner's reason for each
//! candidate, add or remove). A refused edit shows here with the rule, the person and
//! the reason, and a manager may force it with a reason.

use std::collections::HashMap;

use super::format::{day, times};
use crate::domain::roster::RuleBreak;
use crate::domain::time_zone::stored_zone;
use crate::service::rosters::board::Board;
use crate::service::rosters::words::rule_name;

/// One of the day's shifts as a choice in a panel.
pub struct ShiftChoice {
    pub shift_id: String,
    /// "Late 14:00–22:00" in the desk's zone, and the person's own times when theirs differs.
    pub label: String,
    /// "2/3".
    pub cover: String,
    pub forced: Option<String>,
}

pub struct Colleague {
    pub id: String,
    pub name: String,
}

pub struct PersonPanel {
    pub person_id: String,
    pub name: String,
    pub day_index: usize,
    pub date: String,
    pub zone: String,
    pub leave: bool,
    pub holiday: Option<String>,
    /// The shifts they work that day.
    pub on: Vec<ShiftChoice>,
    /// The desk's other shifts that day.
    pub open: Vec<ShiftChoice>,
    /// Who else could take their shift.
    pub colleagues: Vec<Colleague>,
}

pub struct OnShift {
    pub id: String,
    pub name: String,
    pub local: String,
    pub forced: Option<String>,
}

pub struct CandidateView {
    pub id: String,
    pub name: String,
    /// "Rest between shifts: Late … starts 8 h after …", one per rule.
    pub reasons: Vec<String>,
}

pub struct ShortView {
    /// "headcount: 1 of 2", "lang:de: 0 of 1".
    pub heading: String,
    pub summary: String,
    pub candidates: Vec<CandidateView>,
}

pub struct ShiftPanel {
    pub shift_id: String,
    pub title: String,
    pub cover: String,
    pub people: Vec<OnShift>,
    pub short: Vec<ShortView>,
    /// Staff not on it, for "add someone".
    pub others: Vec<Colleague>,
}

/// The edit the manager tried, kept so that it can be forced as it was.
#[derive(Debug, Clone, Default)]
pub struct PendingChange {
    pub shift: String,
    pub remove: String,
    pub add: String,
    pub from: String,
}

pub struct BreakView {
    pub rule: String,
    pub person: String,
    pub message: String,
}

/// Why the last edit was not saved.
pub struct Refusal {
    pub headline: String,
    pub breaks: Vec<BreakView>,
    /// The rules broken, before the people are named.
    pub unnamed: Vec<RuleBreak>,
    /// Hard rules refused it: a manager may force it with a reason.
    pub can_force: bool,
    pub change: PendingChange,
    pub reason: String,
    pub reason_error: Option<String>,
}

impl Refusal {
    /// A refusal for rules the edit would break; the people are named by
    /// [`Refusal::name_people`] once the board to name them from is read.
    pub fn rules(change: PendingChange, breaks: Vec<RuleBreak>, reason: String) -> Self {
        Self {
            headline: format!(
                "Not saved: the change breaks {} hard rule{}.",
                breaks.len(),
                if breaks.len() == 1 { "" } else { "s" }
            ),
            breaks: Vec::new(),
            unnamed: breaks,
            can_force: true,
            change,
            reason,
            reason_error: None,
        }
    }

    /// The broken rules with the board's people by name.
    pub fn name_people(&mut self, board: &Board) {
        let names = names(board);
        self.breaks = self
            .unnamed
            .drain(..)
            .map(|b| BreakView {
                rule: rule_name(&b.code).to_string(),
                person: names.get(b.person_id.as_str()).map_or_else(|| b.person_id.clone(), |(n, _)| n.to_string()),
                message: b.message,
            })
            .collect();
    }
}

/// Everyone on the board: id → (name, zone).
pub fn names(board: &Board) -> HashMap<&str, (&str, &str)> {
    board
        .groups
        .iter()
        .flat_map(|g| &g.people)
        .map(|p| (p.person.id.as_str(), (p.person.name.as_str(), p.person.time_zone.as_str())))
        .chain(board.detail.people.iter().map(|p| (p.id.as_str(), (p.name.as_str(), p.time_zone.as_str()))))
        .collect()
}

fn colleagues(board: &Board, except: impl Fn(&str) -> bool) -> Vec<Colleague> {
    let mut out: Vec<Colleague> = board
        .groups
        .iter()
        .flat_map(|g| &g.people)
        .filter(|p| !except(&p.person.id))
        .map(|p| Colleague { id: p.person.id.clone(), name: p.person.name.clone() })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

fn cover(board: &Board, si: usize) -> String {
    let shift = &board.detail.shifts[si];
    format!("{}/{}", board.assigned[si], shift.target_headcount)
}

/// Person `person_id`'s day `day_index`, if both are on the board.
pub fn person_panel(board: &Board, person_id: &str, day_index: usize) -> Option<PersonPanel> {
    let row = board.groups.iter().flat_map(|g| &g.people).find(|p| p.person.id == person_id)?;
    let today = row.days.get(day_index)?;
    let date = board.days.get(day_index)?;
    let desk_zone = stored_zone(&board.detail.desk.time_zone);
    let own = stored_zone(&row.person.time_zone);
    let label = |si: usize| {
        let shift = &board.detail.shifts[si];
        let desk_times = times(shift.start, shift.end, desk_zone);
        let own_times = times(shift.start, shift.end, own);
        if own_times == desk_times {
            format!("{} {desk_times}", shift.template_name)
        } else {
            format!("{} {desk_times} (theirs {own_times})", shift.template_name)
        }
    };
    let on: Vec<ShiftChoice> = today
        .assignments
        .iter()
        .map(|&(ai, si)| {
            let a = &board.detail.assignments[ai];
            ShiftChoice {
                shift_id: board.detail.shifts[si].id.clone(),
                label: label(si),
                cover: cover(board, si),
                forced: a.forced.then(|| a.force_reason.clone().unwrap_or_default()),
            }
        })
        .collect();
    let open = (0..board.detail.shifts.len())
        .filter(|si| board.shift_day[*si] == Some(day_index) && !today.assignments.iter().any(|(_, s)| s == si))
        .map(|si| ShiftChoice {
            shift_id: board.detail.shifts[si].id.clone(),
            label: label(si),
            cover: cover(board, si),
            forced: None,
        })
        .collect();
    Some(PersonPanel {
        person_id: person_id.to_string(),
        name: row.person.name.clone(),
        day_index,
        date: date.format("%a %-d %b %Y").to_string(),
        zone: row.person.time_zone.clone(),
        leave: today.leave,
        holiday: today.holiday.clone(),
        on,
        open,
        colleagues: colleagues(board, |id| id == person_id),
    })
}

/// Shift `shift_id`'s panel, if it is one of the roster's.
pub fn shift_panel(board: &Board, shift_id: &str) -> Option<ShiftPanel> {
    let si = board.detail.shifts.iter().position(|s| s.id == shift_id)?;
    let shift = &board.detail.shifts[si];
    let desk_zone = stored_zone(&board.detail.desk.time_zone);
    let names = names(board);
    let name_of = |id: &str| names.get(id).map(|(n, _)| n.to_string()).unwrap_or_else(|| id.to_string());
    let people: Vec<OnShift> = board
        .detail
        .assignments
        .iter()
        .filter(|a| a.shift_id == shift.id)
        .map(|a| {
            let zone = names.get(a.person_id.as_str()).map(|(_, z)| stored_zone(z)).unwrap_or(desk_zone);
            OnShift {
                id: a.person_id.clone(),
                name: name_of(&a.person_id),
                local: format!("{} {} ({})", day(shift.start, zone), times(shift.start, shift.end, zone), zone.name()),
                forced: a.forced.then(|| a.force_reason.clone().unwrap_or_default()),
            }
        })
        .collect();
    let short = board
        .judged
        .shortfalls
        .get(&shift.id)
        .into_iter()
        .flatten()
        .map(|s| {
            let mut by_person: Vec<CandidateView> = Vec::new();
            for c in &s.candidates {
                let reason = format!("{}: {}", rule_name(&c.code), c.message);
                match by_person.iter_mut().find(|v| v.id == c.person) {
                    Some(view) => view.reasons.push(reason),
                    None => by_person.push(CandidateView {
                        id: c.person.clone(),
                        name: name_of(&c.person),
                        reasons: vec![reason],
                    }),
                }
            }
            by_person.sort_by(|a, b| a.name.cmp(&b.name));
            let what = if s.requirement == "headcount" { "headcount".to_string() } else { s.requirement.clone() };
            ShortView {
                heading: format!("{what}: {} of {}", s.assigned, s.required),
                summary: s.summary.clone(),
                candidates: by_person,
            }
        })
        .collect();
    let on: Vec<&str> = people.iter().map(|p| p.id.as_str()).collect();
    Some(ShiftPanel {
        shift_id: shift.id.clone(),
        title: format!(
            "{} {} {} ({})",
            shift.template_name,
            day(shift.start, desk_zone),
            times(shift.start, shift.end, desk_zone),
            desk_zone.name()
        ),
        cover: format!(
            "{} assigned; at least {}, ideally {}",
            board.assigned[si], shift.min_headcount, shift.target_headcount
        ),
        others: colleagues(board, |id| on.contains(&id)),
        people,
        short,
    })
}
