//! A desk: a support function that must be covered, its coverage window, its shift
//! types and templates, and the days it is closed.

pub mod template;
pub mod window;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use template::{DayShape, ShiftTemplate, Skill, SkillMinimum, WeekdayOverride};
pub use window::{CoverageWindow, WeeklyMoment};

use super::InvalidValue;

/// A kind of shift; the planner keys rotations and successions by its `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShiftType {
    /// A short key, fixed once chosen: lower-case letters, digits, `-` and `_`.
    #[schema(example = "night")]
    pub id: String,
    #[schema(example = "Night")]
    pub name: String,
    /// Position in a forward rotation (early 0, late 1, night 2); none: not rotated.
    #[serde(default)]
    pub rotation_rank: Option<u32>,
    /// Shift types a person may not work on the local day after this one
    /// ("no early the day after a night": the night's list holds `early`).
    #[serde(default)]
    #[schema(example = json!(["early"]))]
    pub cannot_be_followed_by: Vec<String>,
}

impl ShiftType {
    pub fn validated(mut self, field: &str) -> Result<Self, InvalidValue> {
        let id_ok = (1..=40).contains(&self.id.len())
            && self.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !id_ok {
            return Err(InvalidValue::new(
                format!("{field}.id"),
                "invalid_key",
                "1–40 lower-case letters, digits, `-` or `_` (e.g. night)",
            ));
        }
        self.name = super::validation::check_name(&format!("{field}.name"), &self.name)?;
        if self.rotation_rank.is_some_and(|rank| rank > 100) {
            return Err(InvalidValue::new(format!("{field}.rotation_rank"), "out_of_range", "at most 100"));
        }
        self.cannot_be_followed_by.sort();
        self.cannot_be_followed_by.dedup();
        Ok(self)
    }
}

/// Days without shifts: listed dates, and the public holidays of regions the desk
/// serves (a desk for US customers closes on Thanksgiving, wherever its staff live).
/// Both are read as local dates in the desk's zone, by the shift's start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Closures {
    #[schema(value_type = Vec<String>, example = json!(["2026-12-24"]))]
    pub dates: Vec<NaiveDate>,
    /// Holiday regions (`US`, `DE-BY`) whose public holidays close the desk.
    #[schema(example = json!(["US"]))]
    pub holidays_of: Vec<String>,
}

pub const MAX_CLOSED_DATES: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    pub id: String,
    pub name: String,
    /// The zone its manager thinks in; reports and pages default to it.
    pub time_zone: String,
    /// The teams whose people staff it; their managers manage it.
    pub teams: Vec<String>,
    /// When it must be staffed: one weekly window (24/5), or several (08:00–20:00 on
    /// each weekday); they never overlap.
    pub coverage: Vec<CoverageWindow>,
    pub shift_types: Vec<ShiftType>,
    /// In the order the manager gave them; loaded with the desk.
    pub templates: Vec<ShiftTemplate>,
    pub closures: Closures,
    /// People may work on public holidays of their region (counted for fairness).
    pub holiday_work: bool,
    pub archived_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
