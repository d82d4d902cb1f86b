//! `/api/me/preferences`: days or shift types I would like to work or keep free.

use actix_web::{get, http::header, put, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::preference::Preference;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{etag, if_version, IfMatch};
use crate::http::json::{body, ApiJson};
use crate::http::state::AppState;
use crate::service::preferences::{self, PreferenceList};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PreferencesView {
    pub items: Vec<Preference>,
    /// 0 until first saved.
    pub version: i64,
}

fn respond((items, version): (Vec<Preference>, i64)) -> HttpResponse {
    HttpResponse::Ok().insert_header((header::ETAG, etag(version))).json(PreferencesView { items, version })
}

/// My preferences; the planner takes them as requests on every desk I staff.
#[utoipa::path(
    get, path = "/api/me/preferences", tag = "rosters",
    responses(
        (status = 200, description = "My preferences", body = PreferencesView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/me/preferences")]
pub async fn get_preferences(state: web::Data<AppState>, Caller(actor): Caller) -> Result<HttpResponse, ApiError> {
    Ok(respond(state.run(move |ctx| preferences::mine(ctx, &actor)).await?))
}

/// Replaces my preferences: each a date or a weekday, optionally a shift type, `work`
/// or `free`, and a weight 1–10.
#[utoipa::path(
    put, path = "/api/me/preferences", tag = "rosters",
    params(("If-Match" = String, Header, description = "ETag from GET (\"0\" before the first save), or `*`")),
    request_body = PreferenceList,
    responses(
        (status = 200, description = "Saved", body = PreferencesView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/api/me/preferences")]
pub async fn put_preferences(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    if_match: Result<IfMatch, ApiError>,
    list: Result<ApiJson<PreferenceList>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let (version, list) = (if_version(if_match), body(list));
    Ok(respond(state.run(move |ctx| preferences::put(ctx, &actor, version, list)).await?))
}
