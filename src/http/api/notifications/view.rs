use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{Notification, NotificationKind};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: String,
    pub kind: NotificationKind,
    /// What it is about, e.g. `time_off` (see `/api/time-off/{id}`).
    pub subject_type: String,
    pub subject_id: String,
    pub message: String,
    /// The facts behind the message (for time off: its period, reason, status, who
    /// acted and any comment).
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub read: bool,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<Notification> for NotificationView {
    fn from(notification: Notification) -> Self {
        Self {
            id: notification.id,
            kind: notification.kind,
            subject_type: notification.subject_type,
            subject_id: notification.subject_id,
            message: notification.message,
            detail: notification.detail,
            read: notification.read_at.is_some(),
            read_at: notification.read_at,
            created_at: notification.created_at,
        }
    }
}

/// A page of the inbox, newest first, with how many of all are unread.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<NotificationView>,
    pub next_cursor: Option<String>,
    /// Unread notifications in the whole inbox, not only on this page.
    pub unread_count: i64,
}

/// What `read-all` did.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedRead {
    /// How many were unread and now are read.
    pub marked: usize,
}
