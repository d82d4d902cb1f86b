use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{TimeOff, TimeOffPeriod, TimeOffReason, TimeOffStatus};

/// Time off: whole days (`from`, `to`) or a UTC range (`start`, `end`); the other
/// pair is null.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimeOffView {
    pub id: String,
    pub person_id: String,
    /// The person's IANA zone now: whole days are days there.
    pub time_zone: String,
    /// First whole day off, a local date.
    pub from: Option<NaiveDate>,
    /// Last whole day off, inclusive.
    pub to: Option<NaiveDate>,
    /// Start of a range, inclusive.
    pub start: Option<DateTime<Utc>>,
    /// End of a range, exclusive.
    pub end: Option<DateTime<Utc>>,
    pub reason: TimeOffReason,
    pub note: String,
    pub status: TimeOffStatus,
    /// The person, or the manager or admin who asked on their behalf.
    pub requested_by: String,
    /// Who approved, rejected or cancelled it.
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The approver's or rejecter's comment.
    pub decision_comment: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<TimeOff> for TimeOffView {
    fn from(time_off: TimeOff) -> Self {
        let (from, to, start, end) = match time_off.period {
            TimeOffPeriod::Dates { first, last } => (Some(first), Some(last), None, None),
            TimeOffPeriod::Range { start, end } => (None, None, Some(start), Some(end)),
        };
        Self {
            id: time_off.id,
            person_id: time_off.person_id,
            time_zone: time_off.time_zone,
            from,
            to,
            start,
            end,
            reason: time_off.reason,
            note: time_off.note,
            status: time_off.status,
            requested_by: time_off.requested_by,
            decided_by: time_off.decided_by,
            decided_at: time_off.decided_at,
            decision_comment: time_off.decision_comment,
            version: time_off.version,
            created_at: time_off.created_at,
            updated_at: time_off.updated_at,
        }
    }
}
