//! Rosters: a desk's shifts over a horizon, and who works them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::desk::{Skill, SkillMinimum};
use super::role::text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RosterStatus {
    /// Planned and edited freely; staff do not see it.
    Draft,
    /// Staff see it; it changes only by recorded edits.
    Published,
}

text_enum!(RosterStatus { RosterStatus::Draft => "draft", RosterStatus::Published => "published" });

#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub id: String,
    pub desk_id: String,
    /// First and last local date of the horizon, in the desk's zone.
    pub first_date: NaiveDate,
    pub last_date: NaiveDate,
    pub status: RosterStatus,
    /// The last stored plan's report (shortfalls, score, forced breaks), as the
    /// planner gave it.
    pub plan_report: Option<serde_json::Value>,
    pub created_by: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

/// What a shift asks of the people on it, copied from its template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ShiftRequirements {
    #[serde(default)]
    pub skill_minimums: Vec<SkillMinimum>,
    #[serde(default)]
    pub required_skills: Vec<Skill>,
}

/// One dated shift of a roster; its id never changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterShift {
    pub id: String,
    pub roster_id: String,
    /// The template it was expanded from (which may since have changed or gone).
    pub template_id: String,
    pub template_name: String,
    pub shift_type: String,
    /// The local start date in the template's zone.
    pub local_date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub min_headcount: u32,
    pub target_headcount: u32,
    pub requirements: ShiftRequirements,
}

/// A person on a shift. `sequence` grows with every change of the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub id: String,
    pub roster_id: String,
    pub shift_id: String,
    pub person_id: String,
    pub sequence: i64,
    /// Kept by a manager's decision despite a rule, with the reason.
    pub forced: bool,
    pub force_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A hard rule an edit would break, in the checker's code and words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RuleBreak {
    /// The rule, e.g. `MIN_REST`, `MAX_WEEKLY_MINUTES`, `SKILL`, `HOLIDAY`, `UNAVAILABLE`.
    pub code: String,
    pub person_id: String,
    pub message: String,
}
