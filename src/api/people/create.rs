use actix_web::{http::header, post, web, HttpResponse};

use super::input::CreatePerson;
use super::PersonView;
use crate::api::auth::AuthUser;
use crate::api::concurrency::etag;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::json::ApiJson;
use crate::api::state::AppState;
use crate::store;

/// Adds a person (admins only). Emails are unique regardless of case.
#[utoipa::path(
    post, path = "/api/people", tag = "people",
    request_body = CreatePerson,
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
    user: AuthUser,
    body: Result<ApiJson<CreatePerson>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    if !user.is_admin() {
        return Err(ApiError::forbidden());
    }
    let body = body?;
    // Hashing is slow on purpose; keep it off the async worker.
    let row = web::block(move || body.0.into_row()).await??;
    let view = state
        .db_tx(move |conn| {
            store::people::insert(conn, &row)?;
            store::audit::record(conn, &user.id, "create", "person", &row.id, serde_json::json!({"email": row.email}))?;
            PersonView::from_row(row, &[])
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::ETAG, etag(view.version)))
        .insert_header((header::LOCATION, format!("/api/people/{}", view.id)))
        .json(view))
}
