use actix_web::{patch, web, HttpResponse};

use super::team_response;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::teams::{input::TeamChanges, write::update};

/// Renames or re-describes a team (its managers and admins).
#[utoipa::path(
    patch, path = "/api/teams/{id}", tag = "teams",
    params(("id" = String, Path, description = "Team id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    request_body = TeamChanges,
    responses(
        (status = 200, description = "Changed", body = super::TeamView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of this team", body = ErrorBody),
        (status = 404, description = "No such team", body = ErrorBody),
        (status = 409, description = "Name already in use", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/api/teams/{id}")]
pub async fn update_team(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
    changes: Result<ApiJson<TeamChanges>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let (version, changes) = (if_version(if_match), body(changes));
    Ok(team_response(state.run(move |ctx| update(ctx, &actor, &id, version, changes)).await?))
}
