//! The independent checker: recomputes every hard rule and the whole score of a plan from
//! the problem and the assignment list alone, with straightforward loops over dates. It
//! shares no code with the solver's incremental evaluation (only the definitions of local
//! day, night and weekend), so tests can use it to catch bugs in the solver.

mod findings;
mod limits;
mod person;
mod runs;

use super::model::{Assignment, Contract, ForcedViolation, Person, Problem, Score, Shift};
use super::score;
use super::validate::{parse_zone, InvalidInput};
use person::check_person;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Stable rule code, e.g. "MIN_REST".
    pub code: &'static str,
    pub person: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    /// Rules the plan breaks: a plan with any is not valid.
    pub violations: Vec<Violation>,
    /// Rules forced assignments break, kept on a manager's word (the plan is valid).
    pub forced: Vec<ForcedViolation>,
    pub score: Score,
}

/// Checks a plan. Unknown shift or person ids are reported as input errors.
pub fn check(problem: &Problem, assignments: &[Assignment]) -> Result<CheckReport, InvalidInput> {
    let shifts: HashMap<&str, &Shift> = problem.shifts.iter().map(|s| (s.id.as_str(), s)).collect();
    let contracts: HashMap<&str, &Contract> = problem.contracts.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut per_person: HashMap<&str, Vec<&Shift>> = HashMap::new();
    let mut headcount: HashMap<&str, Vec<&Person>> = HashMap::new();
    let people: HashMap<&str, &Person> = problem.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut violations = Vec::new();
    let mut seen = HashSet::new();
    for (i, a) in assignments.iter().enumerate() {
        let shift = shifts.get(a.shift.as_str()).ok_or_else(|| InvalidInput {
            field: format!("assignments[{i}].shift"),
            message: format!("unknown shift '{}'", a.shift),
        })?;
        let person = people.get(a.person.as_str()).ok_or_else(|| InvalidInput {
            field: format!("assignments[{i}].person"),
            message: format!("unknown person '{}'", a.person),
        })?;
        if !seen.insert((a.shift.as_str(), a.person.as_str())) {
            violations.push(Violation {
                code: "DUPLICATE_ASSIGNMENT",
                person: a.person.clone(),
                message: format!("assigned twice to {}", a.shift),
            });
            continue;
        }
        per_person.entry(person.id.as_str()).or_default().push(shift);
        headcount.entry(shift.id.as_str()).or_default().push(person);
    }
    let previous: HashSet<(&str, &str)> =
        problem.previous.iter().map(|a| (a.shift.as_str(), a.person.as_str())).collect();

    let previous_shifts: HashSet<&str> = problem.previous.iter().map(|a| a.shift.as_str()).collect();
    let mut by_rule = score::empty_by_rule();
    let w = &problem.weights;
    let mut by_person = Vec::new();
    let mut counts = Vec::new();
    let mut forced = Vec::new();
    for (pi, person) in problem.people.iter().enumerate() {
        let zone = parse_zone(&person.zone, &format!("people[{pi}].zone"))?;
        let contract = contracts.get(person.contract.as_str()).copied().ok_or_else(|| InvalidInput {
            field: format!("people[{pi}].contract"),
            message: format!("unknown contract '{}'", person.contract),
        })?;
        let mine = per_person.remove(person.id.as_str()).unwrap_or_default();
        let reasons: HashMap<&str, &str> = person
            .locked
            .iter()
            .filter(|l| l.forced)
            .map(|l| (l.shift.as_str(), l.reason.as_deref().unwrap_or("")))
            .collect();
        let previous = (&previous, &previous_shifts);
        let checked = check_person(problem, person, contract, zone, &mine, previous, &mut by_rule, &reasons);
        violations.extend(checked.findings.violations);
        forced.extend(checked.findings.forced);
        let (tally, person_counts) = (checked.tally, checked.counts);
        by_person.push(tally);
        counts.push(person_counts);
    }
    score::add(&mut by_rule, "fairness_nights", w.fairness_nights * score::fairness(&counts, |c| c.nights));
    score::add(&mut by_rule, "fairness_weekends", w.fairness_weekends * score::fairness(&counts, |c| c.weekends));
    score::add(&mut by_rule, "fairness_holidays", w.fairness_holidays * score::fairness(&counts, |c| c.holidays));

    for shift in &problem.shifts {
        let assigned = headcount.get(shift.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        let n = assigned.len() as i64;
        score::add(&mut by_rule, "below_minimum", w.below_minimum * (i64::from(shift.min_headcount) - n).max(0));
        let wb = shift.weight_below_target.unwrap_or(w.below_target);
        let wa = shift.weight_above_target.unwrap_or(w.above_target);
        score::add(&mut by_rule, "below_target", wb * (i64::from(shift.target_headcount) - n).max(0));
        score::add(&mut by_rule, "above_target", wa * (n - i64::from(shift.target_headcount)).max(0));
        for m in &shift.skill_minimums {
            let any_of: std::collections::HashSet<&str> = m.any_of.iter().map(String::as_str).collect();
            let have = assigned.iter().filter(|p| p.skills.iter().any(|s| any_of.contains(s.as_str()))).count() as i64;
            score::add(&mut by_rule, "skill_shortfall", w.skill_shortfall * (i64::from(m.min) - have).max(0));
        }
    }
    let mut prev_missing = 0;
    for (s, p) in &previous {
        if !seen.contains(&(*s, *p)) {
            prev_missing += 1;
        }
    }
    score::add(&mut by_rule, "change_from_previous", w.change_from_previous * prev_missing);
    let total = by_rule.values().sum();
    Ok(CheckReport { violations, forced, score: Score { total, by_rule, by_person } })
}
