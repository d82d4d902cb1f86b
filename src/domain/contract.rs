use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{InvalidValue, NightRule};

/// The working limits a person's contract sets. Minutes rather than hours so
/// that part-time contracts such as 37.5 h a week are exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Most minutes of work in one calendar week (in the person's zone).
    #[schema(maximum = 10080)]
    pub max_minutes_per_week: u32,
    /// Least rest between the end of one shift and the start of the next.
    #[schema(maximum = 10080)]
    pub min_rest_minutes: u32,
    /// Most working days in a row.
    #[schema(minimum = 1, maximum = 14)]
    pub max_consecutive_days: u32,
    /// Most night shifts in one calendar week.
    #[schema(maximum = 7)]
    pub max_nights_per_week: u32,
    /// Earliest local time of day this person may start volunteering (HH:MM).
    #[schema(value_type = String, example = "08:00", pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    #[serde(with = "hh_mm")]
    pub earliest_local_time: NaiveTime,
    /// Latest local time of day this person may still be volunteering (HH:MM).
    #[schema(value_type = String, example = "20:00", pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    #[serde(with = "hh_mm")]
    pub latest_local_time: NaiveTime,
    /// This contract's own night rule (a national law, a works agreement); absent: the
    /// organisation's (`/api/settings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub night: Option<NightRule>,
}

impl Default for Contract {
    /// A full-time European contract: 40 h, 11 h rest, 5 days, 2 nights a week.
    fn default() -> Self {
        Self {
            max_minutes_per_week: 40 * 60,
            min_rest_minutes: 11 * 60,
            max_consecutive_days: 5,
            max_nights_per_week: 2,
            earliest_local_time: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN),
            latest_local_time: NaiveTime::from_hms_opt(20, 0, 0).unwrap_or(NaiveTime::MIN),
            night: None,
        }
    }
}

impl Contract {
    pub fn validate(&self, field: &str) -> Result<(), InvalidValue> {
        let check = |ok: bool, name: &str, why: &str| {
            if ok {
                Ok(())
            } else {
                Err(InvalidValue::new(format!("{field}.{name}"), "out_of_range", why.to_string()))
            }
        };
        check(self.max_minutes_per_week <= 7 * 24 * 60, "max_minutes_per_week", "a week has 10080 minutes")?;
        check(self.min_rest_minutes <= 7 * 24 * 60, "min_rest_minutes", "at most one week (10080 minutes)")?;
        check((1..=14).contains(&self.max_consecutive_days), "max_consecutive_days", "between 1 and 14 days")?;
        check(self.max_nights_per_week <= 7, "max_nights_per_week", "a week has 7 nights")?;
        check(
            self.earliest_local_time < self.latest_local_time,
            "latest_local_time",
            "must be later than earliest_local_time",
        )?;
        match &self.night {
            Some(night) => night.validate(&format!("{field}.night")),
            None => Ok(()),
        }
    }
}

/// `HH:MM` on the wire: what managers type, and what survives every client.
pub mod hh_mm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&time.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a time of day as HH:MM")))
    }

    pub fn parse(text: &str) -> Option<NaiveTime> {
        NaiveTime::parse_from_str(text, "%H:%M").ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_contract_is_valid_and_bad_windows_are_named() {
        assert!(Contract::default().validate("contract").is_ok());
        let mut contract = Contract::default();
        contract.latest_local_time = contract.earliest_local_time;
        let err = contract.validate("contract").unwrap_err();
        assert_eq!(err.field, "contract.latest_local_time");
    }
}
