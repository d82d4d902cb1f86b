use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::TeamRole;

/// Someone's seat in this team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Member {
    pub person_id: String,
    pub role: TeamRole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Everyone in the team, managers included; loaded with the team.
    pub members: Vec<Member>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Team {
    pub fn seat_of(&self, person_id: &str) -> Option<TeamRole> {
        self.members.iter().find(|m| m.person_id == person_id).map(|m| m.role)
    }
}
