use actix_web::{post, web, HttpResponse};

use super::TeamView;
use crate::http::api::created;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::json::{body, ApiJson};
use crate::http::state::AppState;
use crate::service::teams::{input::NewTeam, write::create};

/// Creates a team (admins only). Names are unique.
#[utoipa::path(
    post, path = "/api/teams", tag = "teams",
    request_body = NewTeam,
    responses(
        (status = 201, description = "Created", body = TeamView, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "Name already in use", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/teams")]
pub async fn create_team(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    input: Result<ApiJson<NewTeam>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let input = body(input);
    let view = TeamView::from(state.run(move |ctx| create(ctx, &actor, input)).await?);
    Ok(created(&view, view.version, format!("/api/teams/{}", view.id)))
}
