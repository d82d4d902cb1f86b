//! Plain types shared by every layer: validated values and their rules.

pub mod clock;
pub mod contract;
pub mod desk;
pub mod email;
pub mod feed;
pub mod holiday_region;
pub mod job;
pub mod night_rule;
pub mod notification;
pub mod person;
pub mod preference;
pub mod role;
pub mod roster;
pub mod search;
pub mod session;
pub mod settings;
pub mod skills;
pub mod team;
pub mod time_off;
pub mod time_zone;
pub mod validation;

pub use clock::{Clock, FixedClock, ShiftedClock, SystemClock};
pub use contract::Contract;
pub use desk::Desk;
pub use night_rule::NightRule;
pub use notification::{Notification, NotificationKind};
pub use person::{Person, Skills, TeamSeat};
pub use role::{Role, TeamRole};
pub use skills::{Channel, Tier};
pub use team::{Member, Team};
pub use time_off::{TimeOff, TimeOffPeriod, TimeOffReason, TimeOffStatus};
pub use validation::{has_control_character, InvalidValue};
