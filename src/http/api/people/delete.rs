use actix_web::{delete, web, HttpResponse};

use super::{person_response, PersonView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::people::delete::{delete, Deleted};

/// Removes a person (admins only). Someone referenced by history (e.g. the author
/// of recorded changes) is deactivated instead, so that history stays readable:
/// the answer is then 200 with the deactivated person; a real deletion is 204.
#[utoipa::path(
    delete, path = "/api/people/{id}", tag = "people",
    params(("id" = String, Path, description = "Person id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    responses(
        (status = 200, description = "Deactivated, because history refers to them", body = PersonView),
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 409, description = "You cannot remove yourself, or the last active admin", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/api/people/{id}")]
pub async fn delete_person(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let version = if_version(if_match);
    Ok(match state.run(move |ctx| delete(ctx, &actor, &id, version)).await? {
        Deleted::Deactivated(person) => person_response(*person),
        Deleted::Gone => HttpResponse::NoContent().finish(),
    })
}
