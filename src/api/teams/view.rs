use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::error::ApiError;
use crate::domain::TeamRole;
use crate::store::teams::{MembershipRow, TeamRow};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamMemberView {
    pub person_id: String,
    pub role: TeamRole,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Everyone in the team, managers included (their role says so).
    pub members: Vec<TeamMemberView>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TeamView {
    /// `memberships` may hold other teams' rows; only this team's are used.
    pub fn from_row(row: TeamRow, memberships: &[MembershipRow]) -> Result<Self, ApiError> {
        let members = memberships
            .iter()
            .filter(|m| m.team_id == row.id)
            .map(|m| {
                TeamRole::parse(&m.role)
                    .map(|role| TeamMemberView { person_id: m.person_id.clone(), role })
                    .ok_or_else(ApiError::internal)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            id: row.id,
            name: row.name,
            description: row.description,
            members,
            version: row.version,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}
