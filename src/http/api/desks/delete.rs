use actix_web::{delete, web, HttpResponse};

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::desks::write::delete;

/// Deletes a desk and its templates (managers of one of its teams, admins).
#[utoipa::path(
    delete, path = "/api/desks/{id}", tag = "desks",
    params(("id" = String, Path, description = "Desk id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of this desk", body = ErrorBody),
        (status = 404, description = "No such desk", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/api/desks/{id}")]
pub async fn delete_desk(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let version = if_version(if_match);
    state.run(move |ctx| delete(ctx, &actor, &id, version)).await?;
    Ok(HttpResponse::NoContent().finish())
}
