use actix_web::{delete, web, HttpResponse};

use super::desk_response;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::desks::write::{delete, Deletion};

/// Deletes a desk with its templates and draft rosters (managers of one of its
/// teams, admins); a desk with a published roster is archived instead (200).
#[utoipa::path(
    delete, path = "/api/desks/{id}", tag = "desks",
    params(("id" = String, Path, description = "Desk id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    responses(
        (status = 200, description = "Archived: the desk has published rosters", body = super::DeskView, headers(("ETag" = String))),
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
    Ok(match state.run(move |ctx| delete(ctx, &actor, &id, version)).await? {
        Deletion::Deleted => HttpResponse::NoContent().finish(),
        Deletion::Archived(detail) => desk_response(*detail),
    })
}
