//! Leave a person asks for, and what became of the request.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::role::text_enum;

/// Why someone is away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TimeOffReason {
    Vacation,
    Sick,
    Training,
    Other,
}

text_enum!(TimeOffReason {
    TimeOffReason::Vacation => "vacation",
    TimeOffReason::Sick => "sick",
    TimeOffReason::Training => "training",
    TimeOffReason::Other => "other",
});

/// Where a request stands. Only approved time off makes the person unavailable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TimeOffStatus {
    /// Waiting for a manager of one of the person's teams.
    Pending,
    Approved,
    Rejected,
    /// Withdrawn while pending, or before it started.
    Cancelled,
}

text_enum!(TimeOffStatus {
    TimeOffStatus::Pending => "pending",
    TimeOffStatus::Approved => "approved",
    TimeOffStatus::Rejected => "rejected",
    TimeOffStatus::Cancelled => "cancelled",
});

/// When someone is away: whole days, or an exact stretch of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeOffPeriod {
    /// Whole local days, both inclusive, in the person's zone. They stay dates: a
    /// person who moves from Warsaw to Lisbon is still off on those days there.
    Dates { first: NaiveDate, last: NaiveDate },
    /// A UTC interval, start inclusive, end exclusive (a doctor's appointment).
    Range { start: DateTime<Utc>, end: DateTime<Utc> },
}

impl TimeOffPeriod {
    /// The UTC instants this period can touch whatever the person's zone: exact for
    /// a range; for dates, a day more on each side than the dates read as UTC (every
    /// zone's offset is within a day). Storage keeps it to find candidates fast; the
    /// exact bounds need the person's zone.
    pub fn envelope(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        match *self {
            TimeOffPeriod::Dates { first, last } => {
                let midnight = |date: NaiveDate| date.and_time(NaiveTime::MIN).and_utc();
                (midnight(first) - Duration::days(1), midnight(last) + Duration::days(2))
            }
            TimeOffPeriod::Range { start, end } => (start, end),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeOff {
    pub id: String,
    pub person_id: String,
    /// The person's IANA zone now; loaded with the time off, never written through it.
    pub time_zone: String,
    pub period: TimeOffPeriod,
    pub reason: TimeOffReason,
    pub note: String,
    pub status: TimeOffStatus,
    /// The person themself, or a manager or admin on their behalf.
    pub requested_by: String,
    /// Who approved, rejected or cancelled it, and when.
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_comment: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_of_dates_holds_them_in_every_zone() {
        let date = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let period = TimeOffPeriod::Dates { first: date(10), last: date(12) };
        let (start, end) = period.envelope();
        // Kiritimati (UTC+14) starts the 10th on the 9th at 10:00 UTC; Baker Island
        // (UTC−12) ends the 12th on the 13th at 12:00 UTC.
        assert!(start <= date(9).and_hms_opt(10, 0, 0).unwrap().and_utc());
        assert!(end >= date(13).and_hms_opt(12, 0, 0).unwrap().and_utc());
        assert_eq!(TimeOffStatus::parse("approved"), Some(TimeOffStatus::Approved));
        assert_eq!(TimeOffReason::Sick.as_str(), "sick");
    }
}
