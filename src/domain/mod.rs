//! Plain types shared by every layer: validated values and their rules.

pub mod clock;
pub mod contract;
pub mod email;
pub mod holiday_region;
pub mod person;
pub mod role;
pub mod skills;
pub mod team;
pub mod time_zone;
pub mod validation;

pub use clock::{Clock, FixedClock, SystemClock};
pub use contract::Contract;
pub use person::{Person, Skills, TeamSeat};
pub use role::{Role, TeamRole};
pub use skills::{Channel, Tier};
pub use team::{Member, Team};
pub use validation::{has_control_character, InvalidValue};
