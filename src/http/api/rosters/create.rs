use actix_web::{post, web, HttpResponse};

use super::RosterView;
use crate::http::api::created;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters::create::{create, NewRoster};

/// Creates a draft roster of the desk for 1 to 26 weeks, its shifts expanded from the
/// templates and stored (the desk's managers).
#[utoipa::path(
    post, path = "/api/desks/{id}/rosters", tag = "rosters",
    params(("id" = String, Path, description = "Desk id")),
    request_body = NewRoster,
    responses(
        (status = 201, description = "Created", body = RosterView, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of this desk", body = ErrorBody),
        (status = 404, description = "No such desk", body = ErrorBody),
        (status = 409, description = "Overlaps another roster of the desk, or the desk is archived", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/desks/{id}/rosters")]
pub async fn create_roster(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    input: Result<ApiJson<NewRoster>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let desk_id = path.into_inner().0;
    let input = body(input);
    let view = RosterView::from(state.run(move |ctx| create(ctx, &actor, &desk_id, input)).await?);
    Ok(created(&view, view.roster.version, format!("/api/rosters/{}", view.roster.id)))
}
