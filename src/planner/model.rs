//! The planner's input and output types (serde JSON). Input types deny unknown
//! fields so that a typo in a problem file is an error, not a silently ignored rule.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the planner needs to build one roster.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// Skills that shifts and people may reference, e.g. "lang:de", "tier:l2", "channel:phone".
    #[serde(default)]
    pub skills: Vec<String>,
    pub shift_types: Vec<ShiftType>,
    pub shifts: Vec<Shift>,
    pub contracts: Vec<Contract>,
    pub people: Vec<Person>,
    #[serde(default)]
    pub rules: RuleSwitches,
    #[serde(default)]
    pub weights: Weights,
    /// A roster this plan replaces; every difference costs `weights.change_from_previous`.
    #[serde(default)]
    pub previous: Vec<Assignment>,
    /// What counts as a night shift, unless a person's contract says otherwise.
    #[serde(default)]
    pub night: NightRule,
}

/// A shift is a night shift for a person when at least `min_minutes` of it, in real
/// elapsed minutes, fall inside the local window `from`–`to` of their zone (a window with
/// `to` before `from` runs past midnight). The default is the EU working-time
/// directive's reading used before this rule was configurable: 3 h inside 23:00–06:00.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct NightRule {
    pub from: NaiveTime,
    pub to: NaiveTime,
    pub min_minutes: u32,
}

impl Default for NightRule {
    fn default() -> Self {
        NightRule {
            from: NaiveTime::from_hms_opt(23, 0, 0).unwrap_or(NaiveTime::MIN),
            to: NaiveTime::from_hms_opt(6, 0, 0).unwrap_or(NaiveTime::MIN),
            min_minutes: 180,
        }
    }
}

impl NightRule {
    /// Length of the window on a day without a clock change, in minutes.
    pub fn window_minutes(&self) -> i64 {
        let length = (self.to - self.from).num_minutes();
        if length <= 0 {
            length + 24 * 60
        } else {
            length
        }
    }
}

/// A kind of shift ("Early", "Night", Curtois' "D"), used for successions and per-type limits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ShiftType {
    pub id: String,
    /// Position in a forward rotation (early 0, late 1, night 2); a later day with a lower
    /// rank than the day before costs `weights.backward_rotation`. None: not rotated.
    #[serde(default)]
    pub rotation_rank: Option<u32>,
    /// Shift types that may not be worked on the person's local day after this one.
    #[serde(default)]
    pub cannot_be_followed_by: Vec<String>,
}

/// One concrete shift: a UTC interval on one desk that needs people.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    pub id: String,
    #[serde(default)]
    pub desk: String,
    pub shift_type: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Fewer people than this is "below minimum" (heavy weight, explained in the plan).
    #[serde(default)]
    pub min_headcount: u32,
    /// Desired headcount; deviation costs `below_target` / `above_target`.
    pub target_headcount: u32,
    /// Every assignee must have all of these skills (hard).
    #[serde(default)]
    pub required_skills: Vec<String>,
    /// "At least `min` assignees with any of `any_of`", e.g. ≥1 German speaker (soft, heavy).
    #[serde(default)]
    pub skill_minimums: Vec<SkillMinimum>,
    /// Per-shift override of the coverage weights (Curtois gives weights per cover line).
    #[serde(default)]
    pub weight_below_target: Option<i64>,
    #[serde(default)]
    pub weight_above_target: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SkillMinimum {
    pub any_of: Vec<String>,
    pub min: u32,
}

/// Limits of employment. Every field is optional: absent means "no limit".
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub id: String,
    #[serde(default)]
    pub max_minutes_per_week: Option<u32>,
    #[serde(default)]
    pub max_minutes_per_horizon: Option<u32>,
    #[serde(default)]
    pub min_minutes_per_horizon: Option<u32>,
    /// Minimum rest between the end of one shift and the start of the next (e.g. 660 = 11 h).
    #[serde(default)]
    pub min_rest_minutes: Option<u32>,
    #[serde(default)]
    pub max_consecutive_days: Option<u32>,
    /// Only runs with a day off on both sides inside the horizon are checked (Curtois).
    #[serde(default)]
    pub min_consecutive_days: Option<u32>,
    #[serde(default)]
    pub min_consecutive_days_off: Option<u32>,
    #[serde(default)]
    pub max_weekends: Option<u32>,
    #[serde(default)]
    pub max_nights_per_week: Option<u32>,
    /// Per shift type maximum count over the horizon (0 = may not work it).
    #[serde(default)]
    pub max_shifts_per_type: BTreeMap<String, u32>,
    /// Local daytime window; shifts outside it cost `outside_daytime` (hard for volunteers).
    #[serde(default)]
    pub daytime: Option<DaytimeWindow>,
    /// A volunteer only works inside the daytime window.
    #[serde(default)]
    pub volunteer: bool,
    /// Whether the person may work on a public holiday of their region.
    #[serde(default)]
    pub may_work_holidays: bool,
    /// This contract's own night rule (e.g. a national law); None: the problem's.
    #[serde(default)]
    pub night: Option<NightRule>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DaytimeWindow {
    pub from: NaiveTime,
    pub to: NaiveTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    /// IANA zone name, e.g. "Europe/Warsaw"; night, weekend and holiday are judged here.
    pub zone: String,
    #[serde(default)]
    pub skills: Vec<String>,
    pub contract: String,
    /// Approved time off and other absences as UTC intervals.
    #[serde(default)]
    pub unavailable: Vec<Interval>,
    /// Whole local days off (approved leave, fixed days off).
    #[serde(default)]
    pub unavailable_dates: Vec<NaiveDate>,
    /// Public holidays of the person's region (local dates).
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    #[serde(default)]
    pub requests: Vec<Request>,
    /// Shifts this person must keep (published, manually fixed): a shift id, or
    /// `{"shift": id, "forced": true, "reason": "..."}` for one kept despite a rule.
    #[serde(default)]
    pub locked: Vec<LockedShift>,
    /// Shifts worked before the horizon: for rest, successions, consecutive days, and
    /// the weekly minutes, nights and weekends of the calendar week they fall in.
    #[serde(default)]
    pub history: Vec<HistoryShift>,
    /// Fixed duties outside this problem (another desk's published shift, a training):
    /// they count for overlap, rest, weekly minutes and nights, and never move.
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    /// Counts from earlier periods so that fairness holds over months.
    #[serde(default)]
    pub ledger: Ledger,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Interval {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// A shift a person keeps. A `forced` one is kept even where it breaks a hard rule (a
/// manager's decision, with its reason): the rules it breaks are reported in the plan
/// instead of making the problem infeasible.
#[derive(Debug, Clone, PartialEq)]
pub struct LockedShift {
    pub shift: String,
    pub forced: bool,
    pub reason: Option<String>,
}

impl LockedShift {
    pub fn kept(shift: impl Into<String>) -> Self {
        LockedShift { shift: shift.into(), forced: false, reason: None }
    }
}

/// The object form of a locked shift (the plain form is just the shift id).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockedObject {
    shift: String,
    #[serde(default)]
    forced: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

impl<'de> Deserialize<'de> for LockedShift {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Two forms; an untagged enum would hide why the object form failed.
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(id) => Ok(LockedShift::kept(id)),
            other => {
                let o: LockedObject = serde_json::from_value(other).map_err(|e| {
                    serde::de::Error::custom(format!(
                        "a locked shift is a shift id or {{\"shift\", \"forced\", \"reason\"}}: {e}"
                    ))
                })?;
                Ok(LockedShift { shift: o.shift, forced: o.forced, reason: o.reason })
            }
        }
    }
}

impl Serialize for LockedShift {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.forced && self.reason.is_none() {
            return s.serialize_str(&self.shift);
        }
        LockedObject { shift: self.shift.clone(), forced: self.forced, reason: self.reason.clone() }.serialize(s)
    }
}

/// A fixed duty outside this problem, as a UTC interval with a label that explanations
/// quote ("EN/DE desk night").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub label: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HistoryShift {
    pub shift_type: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Ledger {
    #[serde(default)]
    pub nights: u32,
    #[serde(default)]
    pub weekends: u32,
    #[serde(default)]
    pub holidays: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Wants to work (the given type, or any shift) on that local date.
    On,
    /// Wants not to work (the given type, or any shift) on that local date.
    Off,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub date: NaiveDate,
    #[serde(default)]
    pub shift_type: Option<String>,
    pub kind: RequestKind,
    pub weight: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleSwitches {
    /// At most one shift per local day of the person (Curtois needs it; the solver always
    /// plans this way, the checker enforces it only when on).
    #[serde(default = "yes")]
    pub one_shift_per_day: bool,
    /// How `unavailable_dates` and `holidays` block a shift.
    #[serde(default)]
    pub days_off_by: DaysOffBy,
}

fn yes() -> bool {
    true
}

impl Default for RuleSwitches {
    fn default() -> Self {
        RuleSwitches { one_shift_per_day: true, days_off_by: DaysOffBy::default() }
    }
}

/// Which shifts a day off or a public holiday blocks.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DaysOffBy {
    /// Every shift that overlaps the local day [d 00:00, d+1 00:00) in the person's zone,
    /// so a night ending on a holiday morning is blocked too.
    #[default]
    Overlap,
    /// Only shifts that start on that local date (Curtois, some agreements).
    StartDate,
}

/// Weights of the soft rules (integers so that scores add up exactly).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    pub below_minimum: i64,
    pub below_target: i64,
    pub above_target: i64,
    pub skill_shortfall: i64,
    /// Multiplies each request's own weight.
    pub request: i64,
    pub fairness_nights: i64,
    pub fairness_weekends: i64,
    pub fairness_holidays: i64,
    pub backward_rotation: i64,
    pub outside_daytime: i64,
    pub change_from_previous: i64,
    pub isolated_day: i64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            below_minimum: 10_000,
            below_target: 100,
            above_target: 10,
            skill_shortfall: 5_000,
            request: 10,
            fairness_nights: 2,
            fairness_weekends: 2,
            fairness_holidays: 2,
            backward_rotation: 20,
            outside_daytime: 30,
            change_from_previous: 50,
            isolated_day: 15,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub shift: String,
    pub person: String,
}

/// The planner's answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Plan {
    pub assignments: Vec<Assignment>,
    /// Every shift below its minimum (headcount or skill), with the reason per candidate.
    pub shortfalls: Vec<Shortfall>,
    pub score: Score,
    /// The solver's own (incremental) total for this roster; equals `score.total`, which
    /// the independent checker computed (a mismatch would be a solver bug).
    pub search_score: i64,
    pub seed: u64,
    pub iterations: u64,
    /// Wall time used, as measured by the caller's clock (0 when none was given).
    pub elapsed_ms: u64,
    /// Hard rules broken by forced assignments, kept on the manager's word.
    #[serde(default)]
    pub forced: Vec<ForcedViolation>,
}

/// A hard rule a forced assignment breaks, with the reason it was forced.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ForcedViolation {
    /// The rule's code, as in violations ("MIN_REST").
    pub code: String,
    pub person: String,
    /// The forced shifts involved.
    pub shifts: Vec<String>,
    pub reason: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Shortfall {
    pub shift: String,
    /// "headcount" or the skill group, e.g. "lang:de".
    pub requirement: String,
    pub required: u32,
    pub assigned: u32,
    /// A summary when no candidate could help at all, e.g. "no lang:de speaker available".
    pub summary: String,
    pub candidates: Vec<CandidateReason>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CandidateReason {
    pub person: String,
    /// Stable machine code of the rule, e.g. "MIN_REST".
    pub code: String,
    pub message: String,
}

/// Score of a plan: total, per soft rule and per person.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Score {
    pub total: i64,
    pub by_rule: BTreeMap<String, i64>,
    pub by_person: Vec<PersonTally>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct PersonTally {
    pub person: String,
    pub shifts: u32,
    pub minutes: u32,
    /// Counted in the person's own zone.
    pub nights: u32,
    pub weekends: u32,
    pub holidays: u32,
}
