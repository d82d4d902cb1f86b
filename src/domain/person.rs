//! A member of staff as every layer sees them; how they are stored is the store's business.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::{Channel, Contract, Role, TeamRole, Tier};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Skills {
    /// BCP 47 tags, e.g. `en`, `de`.
    pub languages: Vec<String>,
    pub tier: Tier,
    pub channels: Vec<Channel>,
}

/// A person's seat in one of their teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TeamSeat {
    pub team_id: String,
    pub role: TeamRole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// As typed; `email_key` is the lower-cased form that must be unique.
    pub email: String,
    pub email_key: String,
    pub role: Role,
    /// IANA zone, checked against chrono-tz when set.
    pub time_zone: String,
    pub holiday_region: String,
    pub skills: Skills,
    pub contract: Contract,
    pub active: bool,
    /// Bumped when the password or role changes or the person is deactivated:
    /// every token and session issued before then stops working.
    pub token_generation: i64,
    /// The person's teams; loaded with the person, never written through it.
    pub teams: Vec<TeamSeat>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Person {
    pub fn team_ids(&self) -> Vec<String> {
        self.teams.iter().map(|seat| seat.team_id.clone()).collect()
    }

    pub fn is_active_admin(&self) -> bool {
        self.active && self.role == Role::Admin
    }
}

/// A person for unit tests: `id` is also the name, Warsaw, an L1 English speaker on
/// chat, the default contract, a member of `team`.
#[cfg(test)]
pub fn sample(id: &str, role: Role, team: &str) -> Person {
    Person {
        id: id.into(),
        name: id.into(),
        email: format!("{id}@example.com"),
        email_key: format!("{id}@example.com"),
        role,
        time_zone: "Europe/Warsaw".into(),
        holiday_region: "PL".into(),
        skills: super::Skills {
            languages: vec!["en".into()],
            tier: super::Tier::L1,
            channels: vec![super::Channel::Chat],
        },
        contract: super::Contract::default(),
        active: true,
        token_generation: 0,
        teams: vec![TeamSeat { team_id: team.into(), role: super::TeamRole::Member }],
        version: 1,
        created_at: chrono::Utc::now(),
        updated_at: chrono::Utc::now(),
    }
}
