//! Who may do what. Rules (DESIGN.md, issue 3): admin may do everything; a
//! manager acts on the teams where they hold the manager seat and on the people
//! in those teams; a member acts on themselves and reads their own teams.

use std::collections::HashMap;

use super::super::error::ApiError;
use super::AuthUser;
use crate::domain::{Role, TeamRole};
use crate::store::{self, teams::MembershipRow, DbConnection};

/// The caller with their team seats, loaded once per request.
pub struct Access {
    pub user: AuthUser,
    seats: HashMap<String, TeamRole>,
}

impl Access {
    pub fn load(conn: &mut DbConnection, user: AuthUser) -> Result<Self, ApiError> {
        let seats = store::teams::memberships_of_person(conn, &user.id)?
            .into_iter()
            .filter_map(|m| Some((m.team_id, TeamRole::parse(&m.role)?)))
            .collect();
        Ok(Self { user, seats })
    }

    pub fn is_admin(&self) -> bool {
        self.user.is_admin()
    }

    pub fn manages_team(&self, team_id: &str) -> bool {
        self.is_admin() || (self.user.role == Role::Manager && self.seats.get(team_id) == Some(&TeamRole::Manager))
    }

    pub fn reads_team(&self, team_id: &str) -> bool {
        self.is_admin() || self.seats.contains_key(team_id)
    }

    /// A person is readable by themselves, admins, and anyone sharing a team.
    pub fn reads_person(&self, person_teams: &[String]) -> bool {
        self.is_admin() || person_teams.iter().any(|team| self.seats.contains_key(team))
    }

    /// A person is manageable by admins and by managers of one of their teams.
    pub fn manages_person(&self, person_teams: &[String]) -> bool {
        self.is_admin() || person_teams.iter().any(|team| self.manages_team(team))
    }

    pub fn require(allowed: bool) -> Result<(), ApiError> {
        if allowed {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }
}

/// The ids of the teams in a list of seats.
pub fn team_ids(memberships: &[MembershipRow]) -> Vec<String> {
    memberships.iter().map(|m| m.team_id.clone()).collect()
}
