use actix_web::{http::header, patch, web, HttpResponse};

use super::RosterView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{etag, if_version, IfMatch};
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters::edit::{edit, AssignmentEdit};

/// Adds, removes or replaces people on shifts, all or nothing (the desk's managers).
/// Every hard rule is checked for everyone touched, across desks; a break is 422
/// `rule_broken` listing each one, unless the edit is forced with a reason.
#[utoipa::path(
    patch, path = "/api/rosters/{id}/assignments", tag = "rosters",
    params(("id" = String, Path, description = "Roster id"), ("If-Match" = String, Header, description = "The roster's ETag, or `*`")),
    request_body = AssignmentEdit,
    responses(
        (status = 200, description = "Changed", body = RosterView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of the desk", body = ErrorBody),
        (status = 404, description = "No such roster", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid, or the change breaks hard rules (`violations` lists them)", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/api/rosters/{id}/assignments")]
pub async fn edit_assignments(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
    input: Result<ApiJson<AssignmentEdit>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let (version, input) = (if_version(if_match), body(input));
    let view = RosterView::from(state.run(move |ctx| edit(ctx, &actor, &id, version, input)).await?);
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(view.roster.version))).json(view))
}
