//! Rosters: `/api/desks/{id}/rosters` and `/api/rosters/{id}`.

pub mod audit;
pub mod create;
pub mod delete;
pub mod edit;
pub mod get;
pub mod layouts;
pub mod list;
pub mod mine;
pub mod plan;
pub mod problem;
pub mod publish;
pub mod view;

pub use view::{RosterSummary, RosterView};
