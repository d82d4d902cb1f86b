use actix_web::{patch, web, HttpResponse};

use super::{person_response, PersonView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::people::{input::PersonChanges, update::update};

/// Changes a person. Members may change their own name and time zone; managers
/// the people of their teams (not roles, passwords, whether they are active, or
/// admins); admins anything. Nobody may leave the organisation without an active admin.
#[utoipa::path(
    patch, path = "/api/people/{id}", tag = "people",
    params(("id" = String, Path, description = "Person id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    request_body = PersonChanges,
    responses(
        (status = 200, description = "Changed", body = PersonView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not allowed to change this person or these fields", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 409, description = "Email already in use, or the last active admin would go (`last_admin`)", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/api/people/{id}")]
pub async fn update_person(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
    changes: Result<ApiJson<PersonChanges>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let (version, changes) = (if_version(if_match), body(changes));
    let person = state.run(move |ctx| update(ctx, &actor, &id, version, changes)).await?;
    Ok(person_response(person))
}
