use actix_web::{delete, web, HttpResponse};

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters;

/// Deletes a draft roster with its shifts (the desk's managers); a published roster
/// is never deleted.
#[utoipa::path(
    delete, path = "/api/rosters/{id}", tag = "rosters",
    params(("id" = String, Path, description = "Roster id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of the desk", body = ErrorBody),
        (status = 404, description = "No such roster", body = ErrorBody),
        (status = 409, description = "The roster is published", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/api/rosters/{id}")]
pub async fn delete_roster(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let version = if_version(if_match);
    state.run(move |ctx| rosters::delete(ctx, &actor, &id, version)).await?;
    Ok(HttpResponse::NoContent().finish())
}
