use actix_web::{put, web, HttpResponse};

use super::desk_response;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::desks::{input::TemplateList, templates::put};

/// Replaces the desk's shift templates; a template with an `id` keeps it, one without
/// is new. Answers with the coverage check of the next twelve months.
#[utoipa::path(
    put, path = "/api/desks/{id}/templates", tag = "desks",
    params(("id" = String, Path, description = "Desk id"), ("If-Match" = String, Header, description = "The desk's ETag, or `*`")),
    request_body = TemplateList,
    responses(
        (status = 200, description = "Saved", body = super::DeskView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of this desk", body = ErrorBody),
        (status = 404, description = "No such desk", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/api/desks/{id}/templates")]
pub async fn put_templates(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
    list: Result<ApiJson<TemplateList>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let (version, list) = (if_version(if_match), body(list));
    Ok(desk_response(state.run(move |ctx| put(ctx, &actor, &id, version, list)).await?))
}
