//! `/api/jobs`: background work and its progress.

pub mod cancel;
pub mod get;
pub mod view;

pub use view::JobView;
