use actix_web::{patch, web, HttpResponse};

use super::get::{load_team_view, team_response};
use super::input::{check_description, check_team_name, PatchTeam};
use crate::api::auth::access::Access;
use crate::api::auth::AuthUser;
use crate::api::concurrency::IfMatch;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::json::ApiJson;
use crate::api::path_id::PathId;
use crate::api::state::AppState;
use crate::store;

/// Renames or re-describes a team (its managers and admins).
#[utoipa::path(
    patch, path = "/api/teams/{id}", tag = "teams",
    params(("id" = String, Path, description = "Team id"), ("If-Match" = String, Header, description = "ETag from GET")),
    request_body = PatchTeam,
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
    user: AuthUser,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
    body: Result<ApiJson<PatchTeam>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let view = state
        .db_tx(move |conn| {
            let access = Access::load(conn, user)?;
            let mut row = store::teams::find(conn, &id)?.ok_or_else(|| ApiError::not_found("team"))?;
            Access::require(access.manages_team(&id))?;
            let (if_match, patch) = (if_match?, body?.0);
            if let Some(name) = &patch.name {
                row.name = check_team_name(name)?;
            }
            if let Some(description) = &patch.description {
                row.description = check_description(description)?;
            }
            store::teams::update(conn, &row, if_match.0)?;
            store::audit::record(conn, &access.user.id, "update", "team", &id, serde_json::json!({}))?;
            load_team_view(conn, &id)
        })
        .await?;
    Ok(team_response(view))
}
