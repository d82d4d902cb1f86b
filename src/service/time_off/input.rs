//! What callers send to ask for time off or decide on it, and how each field is checked.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::clock::to_stored_precision;
use crate::domain::{InvalidValue, TimeOffPeriod, TimeOffReason};

/// The longest time off one request may ask for; more is asked for in parts.
pub const MAX_DAYS: i64 = 366;
/// Notes and decision comments.
pub const MAX_TEXT_CHARS: usize = 2000;

/// Whole local days (`from`, `to`) or an exact stretch of time (`start`, `end`):
/// exactly one of the two.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTimeOff {
    /// First whole day off, a local date in the person's zone (with `to`).
    #[schema(example = "2026-12-21")]
    pub from: Option<NaiveDate>,
    /// Last whole day off, inclusive: from `from` to at most 365 days after it.
    #[schema(example = "2026-12-23")]
    pub to: Option<NaiveDate>,
    /// Start of an exact stretch, RFC 3339 (with `end`).
    #[schema(example = "2026-12-21T09:00:00Z")]
    pub start: Option<DateTime<Utc>>,
    /// End of the stretch, exclusive: after `start`, at most 366 days later.
    #[schema(example = "2026-12-21T13:00:00Z")]
    pub end: Option<DateTime<Utc>>,
    pub reason: TimeOffReason,
    /// Up to 2000 characters; line breaks and tabs are the only control characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
}

/// Approving; the comment is optional.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Up to 2000 characters, shown to the person.
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// Rejecting needs a comment: someone told "no" is owed the reason.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// 1–2000 characters, shown to the person.
    #[schema(min_length = 1, max_length = 2000)]
    pub comment: String,
}

/// Dates and instants outside these are typing mistakes, and keep every stored
/// timestamp a four-digit year (SQLite compares them as text).
pub(super) fn earliest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN)
}

pub(super) fn latest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(9998, 12, 31).unwrap_or(NaiveDate::MAX)
}

impl NewTimeOff {
    /// The period asked for, checked.
    pub fn period(&self) -> Result<TimeOffPeriod, InvalidValue> {
        let dates = self.from.is_some() || self.to.is_some();
        let range = self.start.is_some() || self.end.is_some();
        match (dates, range) {
            (true, true) => Err(InvalidValue::new(
                if self.start.is_some() { "start" } else { "end" },
                "two_periods",
                "give either `from` and `to` (whole days) or `start` and `end` (a UTC range), not both",
            )),
            (false, false) => Err(InvalidValue::new(
                "from",
                "missing_period",
                "give `from` and `to` (whole local days) or `start` and `end` (a UTC range)",
            )),
            (true, false) => check_dates(self.from, self.to),
            (false, true) => check_range(self.start, self.end),
        }
    }
}

fn check_dates(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<TimeOffPeriod, InvalidValue> {
    let from =
        from.ok_or_else(|| InvalidValue::new("from", "missing_field", "whole days need `from`, the first day"))?;
    let to = to.ok_or_else(|| InvalidValue::new("to", "missing_field", "whole days need `to`, the last day"))?;
    for (field, date) in [("from", from), ("to", to)] {
        if !(earliest_date()..=latest_date()).contains(&date) {
            return Err(InvalidValue::new(field, "out_of_range", "a date lies between 1970-01-01 and 9998-12-31"));
        }
    }
    if to < from {
        return Err(InvalidValue::new(
            "to",
            "ends_before_start",
            "`to` is the last day off: it cannot be before `from`",
        ));
    }
    if (to - from).num_days() + 1 > MAX_DAYS {
        return Err(InvalidValue::new(
            "to",
            "too_long",
            format!("time off lasts at most {MAX_DAYS} days; ask for the rest separately"),
        ));
    }
    Ok(TimeOffPeriod::Dates { first: from, last: to })
}

fn check_range(start: Option<DateTime<Utc>>, end: Option<DateTime<Utc>>) -> Result<TimeOffPeriod, InvalidValue> {
    let start = start.ok_or_else(|| InvalidValue::new("start", "missing_field", "a range needs `start`"))?;
    let end = end.ok_or_else(|| InvalidValue::new("end", "missing_field", "a range needs `end`"))?;
    let (start, end) = (to_stored_precision(start), to_stored_precision(end));
    let earliest = earliest_date().and_time(chrono::NaiveTime::MIN).and_utc();
    let latest = (latest_date() + Duration::days(1)).and_time(chrono::NaiveTime::MIN).and_utc();
    for (field, instant) in [("start", start), ("end", end)] {
        if !(earliest..=latest).contains(&instant) {
            return Err(InvalidValue::new(
                field,
                "out_of_range",
                "an instant lies between 1970-01-01T00:00:00Z and 9999-01-01T00:00:00Z",
            ));
        }
    }
    if end <= start {
        return Err(InvalidValue::new("end", "ends_before_start", "`end` must be after `start`"));
    }
    if end - start > Duration::days(MAX_DAYS) {
        return Err(InvalidValue::new(
            "end",
            "too_long",
            format!("time off lasts at most {MAX_DAYS} days; ask for the rest separately"),
        ));
    }
    Ok(TimeOffPeriod::Range { start, end })
}

/// A note or a comment: at most 2000 characters, line breaks and tabs but no other
/// control characters (PostgreSQL refuses a NUL byte outright); trimmed.
pub fn check_text(field: &str, text: &str) -> Result<String, InvalidValue> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(InvalidValue::new(field, "too_long", format!("at most {MAX_TEXT_CHARS} characters")));
    }
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(InvalidValue::new(field, "invalid_text", "no control characters other than line breaks and tabs"));
    }
    Ok(text.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: serde_json::Value) -> Result<TimeOffPeriod, InvalidValue> {
        serde_json::from_value::<NewTimeOff>(body).expect("well-formed").period()
    }

    fn field_and_code(result: Result<TimeOffPeriod, InvalidValue>) -> (String, &'static str) {
        let error = result.expect_err("refused");
        (error.field, error.code)
    }

    #[test]
    fn exactly_one_form_of_period() {
        let reason = "vacation";
        assert!(request(serde_json::json!({"from": "2026-12-21", "to": "2026-12-21", "reason": reason})).is_ok());
        assert_eq!(field_and_code(request(serde_json::json!({"reason": reason}))), ("from".into(), "missing_period"));
        assert_eq!(
            field_and_code(request(
                serde_json::json!({"from": "2026-12-21", "to": "2026-12-22", "start": "2026-12-21T09:00:00Z", "reason": reason})
            )),
            ("start".into(), "two_periods")
        );
        assert_eq!(
            field_and_code(request(serde_json::json!({"from": "2026-12-21", "reason": reason}))),
            ("to".into(), "missing_field")
        );
        assert_eq!(
            field_and_code(request(serde_json::json!({"end": "2026-12-21T09:00:00Z", "reason": reason}))),
            ("start".into(), "missing_field")
        );
    }

    #[test]
    fn a_year_is_the_longest_and_nothing_ends_before_it_starts() {
        let dates = |from: &str, to: &str| request(serde_json::json!({"from": from, "to": to, "reason": "other"}));
        assert!(dates("2028-01-01", "2028-12-31").is_ok(), "366 days of a leap year");
        assert_eq!(field_and_code(dates("2027-01-01", "2028-01-02")), ("to".into(), "too_long"));
        assert_eq!(field_and_code(dates("2026-12-21", "2026-12-20")), ("to".into(), "ends_before_start"));
        assert_eq!(field_and_code(dates("0001-01-01", "0001-01-02")), ("from".into(), "out_of_range"));
        let range = |start: &str, end: &str| request(serde_json::json!({"start": start, "end": end, "reason": "sick"}));
        assert!(range("2026-12-21T09:00:00+01:00", "2026-12-21T09:30:00+01:00").is_ok());
        assert_eq!(
            field_and_code(range("2026-12-21T09:00:00Z", "2026-12-21T09:00:00Z")),
            ("end".into(), "ends_before_start")
        );
        assert_eq!(field_and_code(range("2026-01-01T00:00:00Z", "2027-01-02T00:00:01Z")), ("end".into(), "too_long"));
    }

    #[test]
    fn notes_keep_line_breaks_but_no_other_control_characters() {
        assert_eq!(check_text("note", " Dentist,\n\tthen home "), Ok("Dentist,\n\tthen home".to_string()));
        assert_eq!(check_text("note", "a\u{0}b").map_err(|e| e.code), Err("invalid_text"));
        assert_eq!(
            check_text("comment", &"x".repeat(2001)).map_err(|e| (e.field, e.code)),
            Err(("comment".into(), "too_long"))
        );
    }
}
