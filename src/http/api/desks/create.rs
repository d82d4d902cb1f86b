use actix_web::{post, web, HttpResponse};

use super::DeskView;
use crate::http::api::created;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::json::{body, ApiJson};
use crate::http::state::AppState;
use crate::service::desks::{input::NewDesk, write::create};

/// Creates a desk with its shift types and templates: admins for any teams, managers
/// for teams they manage. Answers with the coverage check of the next twelve months.
#[utoipa::path(
    post, path = "/api/desks", tag = "desks",
    request_body = NewDesk,
    responses(
        (status = 201, description = "Created", body = DeskView, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of every listed team", body = ErrorBody),
        (status = 409, description = "Name already in use", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/desks")]
pub async fn create_desk(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    input: Result<ApiJson<NewDesk>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let input = body(input);
    let view = DeskView::from(state.run(move |ctx| create(ctx, &actor, input)).await?);
    Ok(created(&view, view.version, format!("/api/desks/{}", view.id)))
}
