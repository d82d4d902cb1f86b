use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What an account may do across the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything.
    Admin,
    /// The teams where they hold the manager seat.
    Manager,
    /// Themselves, and read access to their teams.
    Member,
}

/// A person's seat in one team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TeamRole {
    Member,
    Manager,
}

macro_rules! text_enum {
    ($ty:ty { $($variant:path => $text:literal),+ $(,)? }) => {
        impl $ty {
            pub fn as_str(self) -> &'static str {
                match self { $($variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use text_enum;

text_enum!(Role { Role::Admin => "admin", Role::Manager => "manager", Role::Member => "member" });
text_enum!(TeamRole { TeamRole::Member => "member", TeamRole::Manager => "manager" });
