//! Something a person should hear about: a stored row their inbox shows and that a
//! mailer could send later.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::role::text_enum;

/// What happened. Later issues (volunteering, swaps) add their own kinds; the
/// database does not list them, so a new kind needs no migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Someone asked for time off that you may decide on (or filed it for you).
    TimeOffRequested,
    TimeOffApproved,
    TimeOffRejected,
    TimeOffCancelled,
    /// Someone who left was taken off shifts of a desk you manage: they are open.
    ShiftsOpened,
}

text_enum!(NotificationKind {
    NotificationKind::TimeOffRequested => "time_off_requested",
    NotificationKind::TimeOffApproved => "time_off_approved",
    NotificationKind::TimeOffRejected => "time_off_rejected",
    NotificationKind::TimeOffCancelled => "time_off_cancelled",
    NotificationKind::ShiftsOpened => "shifts_opened",
});

#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: String,
    /// Whose inbox it is in; nobody else sees it.
    pub person_id: String,
    pub kind: NotificationKind,
    /// What it is about, e.g. `time_off` and its id.
    pub subject_type: String,
    pub subject_id: String,
    /// One line a person can read (an email subject, later).
    pub message: String,
    /// The facts behind the message, for clients and a mailer's template.
    pub detail: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    /// When a mailer sent it; nothing sends yet.
    pub sent_at: Option<DateTime<Utc>>,
}
