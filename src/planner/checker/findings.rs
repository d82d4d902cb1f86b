//! What the checker finds about one person, sorted by who is answerable: the plan (a
//! violation), a forced assignment (a forced violation, reported with its reason), or
//! nobody (two duties of the past or of other desks, which no plan can change).

use super::Violation;
use crate::planner::model::ForcedViolation;
use std::collections::HashMap;

/// Where a duty of the person comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// History or a commitment: fixed, and not this plan's.
    Past,
    /// Chosen by the plan.
    Plan,
    /// Locked: fixed, held to every rule.
    Locked,
    /// Forced: fixed, kept despite the rules it breaks.
    Forced,
}

impl Source {
    pub fn is_fixed(self) -> bool {
        self != Source::Plan
    }
}

pub struct Findings<'a> {
    person: &'a str,
    /// Forced shift id → the manager's reason.
    reasons: &'a HashMap<&'a str, &'a str>,
    pub violations: Vec<Violation>,
    pub forced: Vec<ForcedViolation>,
}

impl<'a> Findings<'a> {
    pub fn new(person: &'a str, reasons: &'a HashMap<&'a str, &'a str>) -> Self {
        Findings { person, reasons, violations: Vec::new(), forced: Vec::new() }
    }

    pub fn flag(&mut self, code: &'static str, message: String) {
        self.violations.push(Violation { code, person: self.person.to_string(), message });
    }

    /// A rule broken by the forced shifts `shifts` (ids; others are ignored).
    pub fn force(&mut self, code: &'static str, shifts: &[&str], message: String) {
        let mut ids: Vec<String> = Vec::new();
        let mut reasons: Vec<&str> = Vec::new();
        for id in shifts {
            if let Some(reason) = self.reasons.get(id) {
                if !ids.iter().any(|x| x == id) {
                    ids.push(id.to_string());
                }
                if !reasons.contains(reason) {
                    reasons.push(reason);
                }
            }
        }
        self.forced.push(ForcedViolation {
            code: code.to_string(),
            person: self.person.to_string(),
            shifts: ids,
            reason: reasons.join("; "),
            message,
        });
    }

    /// A rule broken between two duties: nobody's between two past ones, forced when
    /// both are fixed and one is forced, the plan's otherwise.
    pub fn pair(&mut self, code: &'static str, a: (Source, &str), b: (Source, &str), message: String) {
        match (a.0, b.0) {
            (Source::Past, Source::Past) => {}
            (x, y) if x.is_fixed() && y.is_fixed() && (x == Source::Forced || y == Source::Forced) => {
                self.force(code, &[a.1, b.1], message)
            }
            _ => self.flag(code, message),
        }
    }

    /// A limit on a count: `fixed` is the part of `total` no plan can change, `forced`
    /// the forced shifts in it. Over the limit by the fixed part alone with a forced
    /// shift in it, the break is forced and the limit rises to that part; the plan is
    /// answerable only for what it adds beyond. Returns the limit the plan is held to.
    pub fn limit(&mut self, code: &'static str, limit: u32, fixed: i64, forced: &[&str], message: String) -> i64 {
        let limit = i64::from(limit);
        if !forced.is_empty() && fixed > limit {
            self.force(code, forced, message);
            return fixed;
        }
        limit
    }
}
