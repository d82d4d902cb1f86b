//! Plain types shared by every layer: validated values and their rules.

pub mod contract;
pub mod email;
pub mod holiday_region;
pub mod role;
pub mod skills;
pub mod time_zone;
pub mod validation;

pub use contract::Contract;
pub use role::{Role, TeamRole};
pub use skills::{Channel, Tier};
pub use validation::{has_control_character, InvalidValue};
