use actix_web::{delete, web, HttpResponse};

use crate::api::auth::AuthUser;
use crate::api::concurrency::IfMatch;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::path_id::PathId;
use crate::api::state::AppState;
use crate::store;

/// Deletes a team and its memberships (admins only); the people stay.
#[utoipa::path(
    delete, path = "/api/teams/{id}", tag = "teams",
    params(("id" = String, Path, description = "Team id"), ("If-Match" = String, Header, description = "ETag from GET")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such team", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/api/teams/{id}")]
pub async fn delete_team(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
) -> Result<HttpResponse, ApiError> {
    if !user.is_admin() {
        return Err(ApiError::forbidden());
    }
    let if_match = if_match?;
    let id = path.into_inner().0;
    state
        .db_tx(move |conn| {
            store::teams::delete(conn, &id, if_match.0)?;
            store::audit::record(conn, &user.id, "delete", "team", &id, serde_json::json!({}))?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
