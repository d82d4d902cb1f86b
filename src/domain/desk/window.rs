//! A desk's weekly coverage window: when it must be staffed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::ToSchema;

use crate::domain::time_zone::parse_time_zone;
use crate::domain::InvalidValue;

pub const MINUTES_PER_DAY: u32 = 24 * 60;

/// A wall-clock moment that recurs every week: `Mon 00:00 Europe/Warsaw`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WeeklyMoment {
    /// ISO weekday: 1 Monday … 7 Sunday.
    #[schema(minimum = 1, maximum = 7, example = 1)]
    pub weekday: u8,
    /// Local time `HH:MM`; `24:00` is the end of that day.
    #[schema(value_type = String, example = "00:00")]
    #[serde(with = "day_minutes")]
    pub time: u32,
    /// IANA zone the weekday and time are read in.
    #[schema(example = "Europe/Warsaw")]
    pub time_zone: String,
}

impl WeeklyMoment {
    pub fn validate(&self, field: &str) -> Result<(), InvalidValue> {
        check_weekday(&format!("{field}.weekday"), self.weekday)?;
        parse_time_zone(&format!("{field}.time_zone"), &self.time_zone)?;
        Ok(())
    }
}

/// From the opening to the first closing after it, every week: `Mon 00:00 Europe/Warsaw`
/// → `Fri 24:00 Europe/Warsaw` (24/5), or follow-the-sun from `Mon 08:00
/// Pacific/Auckland` to `Fri 17:00 America/Los_Angeles`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverageWindow {
    pub opens: WeeklyMoment,
    pub closes: WeeklyMoment,
}

impl CoverageWindow {
    /// Monday 00:00 to Friday 24:00 in `zone`: the 24/5 desk.
    pub fn business_week(zone: &str) -> Self {
        Self {
            opens: WeeklyMoment { weekday: 1, time: 0, time_zone: zone.to_string() },
            closes: WeeklyMoment { weekday: 5, time: MINUTES_PER_DAY, time_zone: zone.to_string() },
        }
    }

    pub fn validate(&self, field: &str) -> Result<(), InvalidValue> {
        self.opens.validate(&format!("{field}.opens"))?;
        self.closes.validate(&format!("{field}.closes"))
    }
}

pub fn check_weekday(field: &str, weekday: u8) -> Result<(), InvalidValue> {
    if (1..=7).contains(&weekday) {
        Ok(())
    } else {
        Err(InvalidValue::new(field, "invalid_weekday", format!("{weekday} is no ISO weekday (1 Monday … 7 Sunday)")))
    }
}

/// `HH:MM` on the wire as minutes after local midnight, `24:00` allowed.
pub mod day_minutes {
    use super::*;

    pub fn serialize<S: Serializer>(minutes: &u32, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{:02}:{:02}", minutes / 60, minutes % 60))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a time of day as HH:MM (00:00–24:00)")))
    }

    pub fn parse(text: &str) -> Option<u32> {
        let (hours, minutes) = text.split_once(':')?;
        if hours.len() != 2 || minutes.len() != 2 {
            return None;
        }
        let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
        let total = hours * 60 + minutes;
        (minutes < 60 && total <= MINUTES_PER_DAY).then_some(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_up_to_midnight_at_the_end_of_the_day() {
        assert_eq!(day_minutes::parse("00:00"), Some(0));
        assert_eq!(day_minutes::parse("24:00"), Some(1440));
        assert_eq!(day_minutes::parse("17:30"), Some(1050));
        for bad in ["24:01", "7:00", "12:60", "noon", "12-00"] {
            assert_eq!(day_minutes::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_window_names_the_wrong_part() {
        let mut window = CoverageWindow::business_week("Europe/Warsaw");
        assert!(window.validate("coverage").is_ok());
        window.closes.time_zone = "Mars/Olympus".into();
        assert_eq!(window.validate("coverage").unwrap_err().field, "coverage.closes.time_zone");
        window.closes.time_zone = "UTC".into();
        window.opens.weekday = 8;
        assert_eq!(window.validate("coverage").unwrap_err().field, "coverage.opens.weekday");
    }
}
