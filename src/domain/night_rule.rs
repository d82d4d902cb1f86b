use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::contract::hh_mm;
use super::InvalidValue;

/// What counts as a night shift: at least `min_minutes` of it, in real elapsed minutes,
/// inside the local window `from`–`to` of the person's zone (a window whose `to` is not
/// after `from` runs past midnight). The planner takes the same three numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NightRule {
    #[schema(value_type = String, example = "23:00")]
    #[serde(with = "hh_mm")]
    pub from: NaiveTime,
    #[schema(value_type = String, example = "06:00")]
    #[serde(with = "hh_mm")]
    pub to: NaiveTime,
    #[schema(example = 180, maximum = 1440)]
    pub min_minutes: u32,
}

impl Default for NightRule {
    /// The EU working-time directive's reading: three hours inside 23:00–06:00.
    fn default() -> Self {
        Self {
            from: NaiveTime::from_hms_opt(23, 0, 0).unwrap_or(NaiveTime::MIN),
            to: NaiveTime::from_hms_opt(6, 0, 0).unwrap_or(NaiveTime::MIN),
            min_minutes: 180,
        }
    }
}

impl NightRule {
    /// The window's length on a day without a clock change.
    pub fn window_minutes(&self) -> u32 {
        let length = (self.to - self.from).num_minutes();
        let length = if length <= 0 { length + 24 * 60 } else { length };
        u32::try_from(length).unwrap_or(0)
    }

    pub fn validate(&self, field: &str) -> Result<(), InvalidValue> {
        if self.from == self.to {
            return Err(InvalidValue::new(
                format!("{field}.to"),
                "empty_window",
                "the night window must end at another time than it starts",
            ));
        }
        if self.min_minutes == 0 || self.min_minutes > self.window_minutes() {
            return Err(InvalidValue::new(
                format!("{field}.min_minutes"),
                "out_of_range",
                format!(
                    "between 1 and the window's {} minutes ({}–{})",
                    self.window_minutes(),
                    self.from.format("%H:%M"),
                    self.to.format("%H:%M")
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minimum_longer_than_the_window_is_refused_by_name() {
        assert!(NightRule::default().validate("night").is_ok());
        assert_eq!(NightRule::default().window_minutes(), 420);
        let rule = NightRule { min_minutes: 421, ..NightRule::default() };
        assert_eq!(rule.validate("night").unwrap_err().field, "night.min_minutes");
        let empty = NightRule { to: NightRule::default().from, ..NightRule::default() };
        assert_eq!(empty.validate("night").unwrap_err().field, "night.to");
    }
}
