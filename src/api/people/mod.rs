//! `/api/people`: the staff and their skills and contracts.

pub mod create;
pub mod delete;
pub mod get;
pub mod input;
pub mod list;
pub mod update;
pub mod view;

pub use view::PersonView;
