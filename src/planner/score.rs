//! Score bookkeeping shared by the checker and the solver's final report: rule names and
//! the fairness formula (so both compute the same quantity, each from its own counts).

use std::collections::BTreeMap;

/// Names of the soft rules as they appear in `Score::by_rule`.
pub const RULES: [&str; 12] = [
    "below_minimum",
    "below_target",
    "above_target",
    "skill_shortfall",
    "requests",
    "fairness_nights",
    "fairness_weekends",
    "fairness_holidays",
    "backward_rotation",
    "outside_daytime",
    "change_from_previous",
    "isolated_day",
];

/// Counts that fairness compares across people, ledger of earlier periods included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PersonCounts {
    pub nights: u32,
    pub weekends: u32,
    pub holidays: u32,
}

pub fn add(by_rule: &mut BTreeMap<String, i64>, rule: &str, cost: i64) {
    *by_rule.entry(rule.to_string()).or_default() += cost;
}

/// Sum of squares of each person's count (ledger included). For a fixed total this is
/// smallest when the counts are equal, and one more night for someone who already has
/// many costs more than for someone who has few: that is the fairness we want, and its
/// change for one person is O(1) for the solver.
pub fn fairness(counts: &[PersonCounts], f: impl Fn(&PersonCounts) -> u32) -> i64 {
    counts.iter().map(|c| square(f(c))).sum()
}

pub fn square(n: u32) -> i64 {
    i64::from(n) * i64::from(n)
}

/// A score map with every rule present (zero when unused), so reports line up.
pub fn empty_by_rule() -> BTreeMap<String, i64> {
    RULES.iter().map(|r| (r.to_string(), 0)).collect()
}
