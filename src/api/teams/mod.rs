//! `/api/teams`: support teams, their members and managers.

pub mod create;
pub mod delete;
pub mod get;
pub mod input;
pub mod list;
pub mod members;
pub mod update;
pub mod view;

pub use view::TeamView;
