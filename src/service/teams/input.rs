use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::{InvalidValue, TeamRole};
use crate::service::people::input::check_name;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTeam {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamChanges {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[schema(max_length = 2000)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSeat {
    pub role: TeamRole,
}

pub fn check_description(description: &str) -> Result<String, InvalidValue> {
    if description.chars().count() > 2000 {
        return Err(InvalidValue::new("description", "too_long", "a description has at most 2000 characters"));
    }
    // Line breaks and tabs are text; other control characters are not, and PostgreSQL
    // refuses a NUL byte outright.
    if description.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(InvalidValue::new(
            "description",
            "invalid_description",
            "a description has no control characters other than line breaks and tabs",
        ));
    }
    Ok(description.trim().to_string())
}

pub fn check_team_name(name: &str) -> Result<String, InvalidValue> {
    check_name("name", name)
}
