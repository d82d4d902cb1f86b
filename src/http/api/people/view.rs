use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{Contract, Person, Role, Skills, TeamSeat};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// IANA zone the person lives in; their shifts are shown in it.
    pub time_zone: String,
    /// ISO 3166-1 country, optionally with subdivision (`DE-BY`): whose public holidays apply.
    pub holiday_region: String,
    pub skills: Skills,
    pub contract: Contract,
    pub active: bool,
    pub teams: Vec<TeamSeat>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Person> for PersonView {
    fn from(person: Person) -> Self {
        Self {
            id: person.id,
            name: person.name,
            email: person.email,
            role: person.role,
            time_zone: person.time_zone,
            holiday_region: person.holiday_region,
            skills: person.skills,
            contract: person.contract,
            active: person.active,
            teams: person.teams,
            version: person.version,
            created_at: person.created_at,
            updated_at: person.updated_at,
        }
    }
}
