//! What a person would like: days or shift types to work or to keep free.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::desk::window::check_weekday;
use super::InvalidValue;

pub const MAX_WEIGHT: u32 = 10;
pub const MAX_PREFERENCES: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Wish {
    /// I would like to work then.
    Work,
    /// I would like to keep it free.
    Free,
}

/// One wish: a date or a weekday (in my zone), optionally only one shift type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Preference {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date, example = "2026-04-17")]
    pub date: Option<NaiveDate>,
    /// ISO weekday, every week: 1 Monday … 7 Sunday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<u8>,
    /// A shift type key (`night`); absent: any shift.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift_type: Option<String>,
    pub wish: Wish,
    /// How much it matters, 1–10.
    #[schema(minimum = 1, maximum = 10)]
    pub weight: u32,
}

impl Preference {
    pub fn validate(&self, field: &str) -> Result<(), InvalidValue> {
        match (self.date, self.weekday) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(InvalidValue::new(format!("{field}.date"), "one_of", "give a date or a weekday"));
            }
            (None, Some(day)) => check_weekday(&format!("{field}.weekday"), day)?,
            _ => {}
        }
        if let Some(kind) = &self.shift_type {
            let ok = (1..=40).contains(&kind.len())
                && kind.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if !ok {
                return Err(InvalidValue::new(
                    format!("{field}.shift_type"),
                    "invalid_key",
                    "a shift type key, e.g. night",
                ));
            }
        }
        if !(1..=MAX_WEIGHT).contains(&self.weight) {
            return Err(InvalidValue::new(format!("{field}.weight"), "out_of_range", format!("1 to {MAX_WEIGHT}")));
        }
        Ok(())
    }
}
