//! Who is acting, with their team seats. Rules: an admin may do everything; a
//! manager acts on the teams where they hold the manager seat and on the people in
//! those teams; a member acts on themselves and reads their own teams.

use std::collections::HashMap;

use crate::domain::{Desk, Person, Role, TeamRole};

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub role: Role,
    seats: HashMap<String, TeamRole>,
}

impl Actor {
    pub fn of(person: &Person) -> Self {
        let seats = person.teams.iter().map(|seat| (seat.team_id.clone(), seat.role)).collect();
        Self { id: person.id.clone(), role: person.role, seats }
    }

    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    pub fn manages_team(&self, team_id: &str) -> bool {
        self.is_admin() || (self.role == Role::Manager && self.seats.get(team_id) == Some(&TeamRole::Manager))
    }

    pub fn reads_team(&self, team_id: &str) -> bool {
        self.is_admin() || self.seats.contains_key(team_id)
    }

    /// A person is readable by themselves, admins, and anyone sharing a team.
    pub fn reads_person(&self, person: &Person) -> bool {
        self.id == person.id
            || self.is_admin()
            || person.teams.iter().any(|seat| self.seats.contains_key(&seat.team_id))
    }

    /// A person is manageable by admins and by managers of one of their teams.
    pub fn manages_person(&self, person: &Person) -> bool {
        self.is_admin() || person.teams.iter().any(|seat| self.manages_team(&seat.team_id))
    }

    /// A desk is readable by admins and by everyone in one of its teams.
    pub fn reads_desk(&self, desk: &Desk) -> bool {
        self.is_admin() || desk.teams.iter().any(|team| self.reads_team(team))
    }

    /// A desk is managed by admins and by the managers of one of its teams.
    pub fn manages_desk(&self, desk: &Desk) -> bool {
        self.is_admin() || desk.teams.iter().any(|team| self.manages_team(team))
    }
}
