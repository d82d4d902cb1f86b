use actix_web::{post, web, HttpResponse};

use super::TimeOffView;
use crate::http::api::created;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::time_off::{input::NewTimeOff, request::request};

/// Asks for time off for a person: whole local days (`from`, `to`) or a UTC range
/// (`start`, `end`), at most 366 days. The person, managers of one of their teams
/// and admins may; it starts pending and notifies the managers of the person's teams.
#[utoipa::path(
    post, path = "/api/people/{id}/time-off", tag = "time-off",
    params(("id" = String, Path, description = "Person id")),
    request_body = NewTimeOff,
    responses(
        (status = 201, description = "Requested, pending", body = TimeOffView, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not this person, a manager of their team or an admin", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid (ends before it starts, over 366 days, both or neither form)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/people/{id}/time-off")]
pub async fn request_time_off(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    input: Result<ApiJson<NewTimeOff>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let person_id = path.into_inner().0;
    let input = body(input);
    let view = TimeOffView::from(state.run(move |ctx| request(ctx, &actor, &person_id, input)).await?);
    Ok(created(&view, view.version, format!("/api/time-off/{}", view.id)))
}
