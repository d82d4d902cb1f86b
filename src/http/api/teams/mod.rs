//! `/api/teams`: support teams, their members and managers.

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod members;
pub mod update;
pub mod view;

use actix_web::{http::header, HttpResponse};

use super::super::concurrency::etag;
pub use view::TeamView;

/// 200 with the team and its ETag.
pub fn team_response(team: crate::domain::Team) -> HttpResponse {
    let view = TeamView::from(team);
    HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view)
}
