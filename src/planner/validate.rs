//! Input validation: every error names the offending field (JSON path style) so that a
//! manager or a CLI user can fix the problem file without guessing.

use super::model::{NightRule, Problem};
use chrono_tz::Tz;
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InvalidInput {
    pub field: String,
    pub message: String,
}

pub(super) fn invalid(field: String, message: impl Into<String>) -> InvalidInput {
    InvalidInput { field, message: message.into() }
}

/// Parses an IANA zone name; the planner never guesses a zone.
pub fn parse_zone(name: &str, field: &str) -> Result<Tz, InvalidInput> {
    name.parse::<Tz>().map_err(|_| invalid(field.to_string(), format!("unknown time zone '{name}'")))
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, what: &str) -> Result<HashSet<&'a str>, InvalidInput> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if id.is_empty() {
            return Err(invalid(format!("{what}[{i}].id"), "must not be empty"));
        }
        if !seen.insert(id) {
            return Err(invalid(format!("{what}[{i}].id"), format!("duplicate id '{id}'")));
        }
    }
    Ok(seen)
}

/// A night window must have a length, and its minimum must fit inside it.
fn night_rule_ok(rule: &NightRule, field: &str) -> Result<(), InvalidInput> {
    if rule.from == rule.to {
        return Err(invalid(format!("{field}.to"), "must differ from night.from (the window would be empty)"));
    }
    if rule.min_minutes == 0 {
        return Err(invalid(format!("{field}.min_minutes"), "must be at least 1"));
    }
    if i64::from(rule.min_minutes) > rule.window_minutes() {
        return Err(invalid(
            format!("{field}.min_minutes"),
            format!(
                "{} min cannot fit in the {}–{} window ({} min)",
                rule.min_minutes,
                rule.from.format("%H:%M"),
                rule.to.format("%H:%M"),
                rule.window_minutes()
            ),
        ));
    }
    Ok(())
}

/// Checks references, intervals and zones. Returns the first problem found.
pub fn validate(problem: &Problem) -> Result<(), InvalidInput> {
    night_rule_ok(&problem.night, "night")?;
    let skills: HashSet<&str> = problem.skills.iter().map(String::as_str).collect();
    let types = unique(problem.shift_types.iter().map(|t| t.id.as_str()), "shift_types")?;
    let shifts = unique(problem.shifts.iter().map(|s| s.id.as_str()), "shifts")?;
    let contracts = unique(problem.contracts.iter().map(|c| c.id.as_str()), "contracts")?;
    let people = unique(problem.people.iter().map(|p| p.id.as_str()), "people")?;
    let skill_ok = |field: String, name: &str| {
        if skills.contains(name) {
            Ok(())
        } else {
            Err(invalid(field, format!("skill '{name}' is not defined in skills")))
        }
    };
    let type_ok = |field: String, name: &str| {
        if types.contains(name) {
            Ok(())
        } else {
            Err(invalid(field, format!("shift type '{name}' is not defined in shift_types")))
        }
    };
    for (i, t) in problem.shift_types.iter().enumerate() {
        for (j, next) in t.cannot_be_followed_by.iter().enumerate() {
            type_ok(format!("shift_types[{i}].cannot_be_followed_by[{j}]"), next)?;
        }
    }
    for (i, s) in problem.shifts.iter().enumerate() {
        type_ok(format!("shifts[{i}].shift_type"), &s.shift_type)?;
        if s.end <= s.start {
            return Err(invalid(
                format!("shifts[{i}].end"),
                format!("shift '{}' ends ({}) before or when it starts ({})", s.id, s.end, s.start),
            ));
        }
        if s.end - s.start > chrono::Duration::hours(24) {
            return Err(invalid(format!("shifts[{i}].end"), "a shift may last at most 24 hours"));
        }
        if s.min_headcount > s.target_headcount {
            return Err(invalid(format!("shifts[{i}].min_headcount"), "must not exceed target_headcount"));
        }
        for (j, sk) in s.required_skills.iter().enumerate() {
            skill_ok(format!("shifts[{i}].required_skills[{j}]"), sk)?;
        }
        for (j, m) in s.skill_minimums.iter().enumerate() {
            if m.any_of.is_empty() {
                return Err(invalid(format!("shifts[{i}].skill_minimums[{j}].any_of"), "is empty"));
            }
            for (k, sk) in m.any_of.iter().enumerate() {
                skill_ok(format!("shifts[{i}].skill_minimums[{j}].any_of[{k}]"), sk)?;
            }
        }
    }
    for (i, c) in problem.contracts.iter().enumerate() {
        for name in c.max_shifts_per_type.keys() {
            type_ok(format!("contracts[{i}].max_shifts_per_type.{name}"), name)?;
        }
        if let (Some(lo), Some(hi)) = (c.min_minutes_per_horizon, c.max_minutes_per_horizon) {
            if lo > hi {
                return Err(invalid(
                    format!("contracts[{i}].min_minutes_per_horizon"),
                    "exceeds max_minutes_per_horizon",
                ));
            }
        }
        if let Some(rule) = &c.night {
            night_rule_ok(rule, &format!("contracts[{i}].night"))?;
        }
        if let Some(w) = c.daytime {
            if w.to <= w.from {
                return Err(invalid(format!("contracts[{i}].daytime.to"), "must be after daytime.from"));
            }
        }
    }
    for (i, p) in problem.people.iter().enumerate() {
        parse_zone(&p.zone, &format!("people[{i}].zone"))?;
        if !contracts.contains(p.contract.as_str()) {
            return Err(invalid(
                format!("people[{i}].contract"),
                format!("contract '{}' is not defined in contracts", p.contract),
            ));
        }
        for (j, sk) in p.skills.iter().enumerate() {
            skill_ok(format!("people[{i}].skills[{j}]"), sk)?;
        }
        for (j, iv) in p.unavailable.iter().enumerate() {
            if iv.end <= iv.start {
                return Err(invalid(format!("people[{i}].unavailable[{j}].end"), "ends before it starts"));
            }
        }
        for (j, h) in p.history.iter().enumerate() {
            type_ok(format!("people[{i}].history[{j}].shift_type"), &h.shift_type)?;
            if h.end <= h.start {
                return Err(invalid(format!("people[{i}].history[{j}].end"), "ends before it starts"));
            }
        }
        for (j, r) in p.requests.iter().enumerate() {
            if let Some(t) = &r.shift_type {
                type_ok(format!("people[{i}].requests[{j}].shift_type"), t)?;
            }
        }
        for (j, l) in p.locked.iter().enumerate() {
            if !shifts.contains(l.shift.as_str()) {
                return Err(invalid(format!("people[{i}].locked[{j}]"), format!("unknown shift '{}'", l.shift)));
            }
            if l.forced && l.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err(invalid(
                    format!("people[{i}].locked[{j}].reason"),
                    "a forced assignment needs a reason (it is reported with every rule it breaks)",
                ));
            }
        }
        for (j, k) in p.commitments.iter().enumerate() {
            if k.label.trim().is_empty() {
                return Err(invalid(format!("people[{i}].commitments[{j}].label"), "must not be empty"));
            }
            if k.end <= k.start {
                return Err(invalid(format!("people[{i}].commitments[{j}].end"), "ends before it starts"));
            }
        }
    }
    for (i, a) in problem.previous.iter().enumerate() {
        if !shifts.contains(a.shift.as_str()) {
            return Err(invalid(format!("previous[{i}].shift"), format!("unknown shift '{}'", a.shift)));
        }
        if !people.contains(a.person.as_str()) {
            return Err(invalid(format!("previous[{i}].person"), format!("unknown person '{}'", a.person)));
        }
    }
    super::bounds::check_bounds(problem)
}
