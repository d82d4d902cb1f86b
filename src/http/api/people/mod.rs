//! `/api/people`: the staff and their skills and contracts.

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod update;
pub mod view;

use actix_web::{http::header, HttpResponse};

use super::super::concurrency::etag;
pub use view::PersonView;

/// 200 with the person and their ETag.
pub fn person_response(person: crate::domain::Person) -> HttpResponse {
    let view = PersonView::from(person);
    HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view)
}
