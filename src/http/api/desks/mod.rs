//! `/api/desks`: what must be covered, its shift types and templates.

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod shifts;
pub mod templates;
pub mod update;
pub mod view;

use actix_web::{http::header, HttpResponse};

use super::super::concurrency::etag;
pub use view::DeskView;

/// 200 with the desk, its coverage check and its ETag.
pub fn desk_response(detail: crate::service::desks::DeskDetail) -> HttpResponse {
    let view = DeskView::from(detail);
    HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view)
}
