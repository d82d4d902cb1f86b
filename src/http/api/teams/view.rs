use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{Member, Team};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Everyone in the team, managers included (their role says so).
    pub members: Vec<Member>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Team> for TeamView {
    fn from(team: Team) -> Self {
        Self {
            id: team.id,
            name: team.name,
            description: team.description,
            members: team.members,
            version: team.version,
            created_at: team.created_at,
            updated_at: team.updated_at,
        }
    }
}
