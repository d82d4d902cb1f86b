use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::people::input::check_name;
use crate::domain::{InvalidValue, TeamRole};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTeam {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchTeam {
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutMember {
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
