//! `/api/time-off` and `/api/people/{id}/time-off`: leave asked for, decided on,
//! cancelled. Changes need the request's ETag (`If-Match`).

pub mod approve;
pub mod cancel;
pub mod create;
pub mod get;
pub mod list;
pub mod list_for_person;
pub mod query;
pub mod reject;
pub mod view;

use actix_web::{http::header, HttpResponse};

use crate::http::concurrency::etag;
use crate::http::pagination::{instant_key, page, Page};
pub use view::TimeOffView;

/// 200 with the time off and its ETag.
pub fn time_off_response(time_off: crate::domain::TimeOff) -> HttpResponse {
    let view = TimeOffView::from(time_off);
    HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view)
}

/// A page of time off from `limit + 1` fetched, keyed as the service orders them.
pub fn time_off_page(rows: Vec<crate::domain::TimeOff>, limit: u32) -> Page<TimeOffView> {
    page(rows, limit, |t| instant_key(t.period.envelope().0, &t.id), TimeOffView::from)
}
