use actix_web::{patch, web, HttpResponse};

use super::desk_response;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::desks::{input::DeskChanges, write::update};

/// Changes a desk's name, zone, teams, window, shift types, closures or archive state
/// (managers of one of its teams, admins).
#[utoipa::path(
    patch, path = "/api/desks/{id}", tag = "desks",
    params(("id" = String, Path, description = "Desk id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    request_body = DeskChanges,
    responses(
        (status = 200, description = "Changed", body = super::DeskView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of this desk, or of a team added or removed", body = ErrorBody),
        (status = 404, description = "No such desk", body = ErrorBody),
        (status = 409, description = "Name already in use", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/api/desks/{id}")]
pub async fn update_desk(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
    changes: Result<ApiJson<DeskChanges>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let (version, changes) = (if_version(if_match), body(changes));
    Ok(desk_response(state.run(move |ctx| update(ctx, &actor, &id, version, changes)).await?))
}
