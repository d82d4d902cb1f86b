use actix_web::{post, web, HttpResponse};

use super::PersonView;
use crate::http::api::created;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::json::{body, ApiJson};
use crate::http::state::AppState;
use crate::service::people::{self, input::NewPerson};

/// Adds a person (admins only). Emails are unique regardless of case.
#[utoipa::path(
    post, path = "/api/people", tag = "people",
    request_body = NewPerson,
    responses(
        (status = 201, description = "Created", body = PersonView, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "Email already in use", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/people")]
pub async fn create_person(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    input: Result<ApiJson<NewPerson>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let input = body(input);
    let view = PersonView::from(state.run(move |ctx| people::create::create(ctx, &actor, input)).await?);
    Ok(created(&view, view.version, format!("/api/people/{}", view.id)))
}
