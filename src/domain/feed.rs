//! Calendar feeds: a secret URL that a calendar app polls for someone's shifts, a
//! team's or a desk's.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::role::text_enum;

/// Whose shifts a feed holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FeedKind {
    /// A person's published shifts on every desk, and their approved time off.
    Person,
    /// Who of a team works when (colleagues' shifts, not the subscriber's busy time).
    Team,
    /// A desk's published shifts, one event per shift with who is on it.
    Desk,
}

text_enum!(FeedKind { FeedKind::Person => "person", FeedKind::Team => "team", FeedKind::Desk => "desk" });

/// Days before today a feed holds by default, and at most.
pub const DEFAULT_DAYS_BACK: u32 = 60;
pub const MAX_DAYS_BACK: u32 = 366;
/// Days after today a feed holds by default, and at most.
pub const DEFAULT_DAYS_AHEAD: u32 = 180;
pub const MAX_DAYS_AHEAD: u32 = 366;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub id: String,
    /// Who made it; every fetch checks that they may still read the target.
    pub owner_id: String,
    pub kind: FeedKind,
    /// A person, team or desk id, as `kind` says.
    pub target_id: String,
    pub days_back: u32,
    pub days_ahead: u32,
    pub created_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_fetched_at: Option<DateTime<Utc>>,
    pub last_user_agent: Option<String>,
}
