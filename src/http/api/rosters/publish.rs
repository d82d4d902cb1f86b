use actix_web::{http::header, post, web, HttpResponse};

use super::RosterView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{etag, if_version, IfMatch};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters::publish::publish;

/// Publishes a draft roster (the desk's managers): its staff see it from now on.
#[utoipa::path(
    post, path = "/api/rosters/{id}/publish", tag = "rosters",
    params(("id" = String, Path, description = "Roster id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    responses(
        (status = 200, description = "Published", body = RosterView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of the desk", body = ErrorBody),
        (status = 404, description = "No such roster", body = ErrorBody),
        (status = 409, description = "Already published", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/rosters/{id}/publish")]
pub async fn publish_roster(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let version = if_version(if_match);
    let view = RosterView::from(state.run(move |ctx| publish(ctx, &actor, &id, version)).await?);
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(view.roster.version))).json(view))
}
