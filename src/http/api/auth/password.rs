use actix_web::{post, web, HttpRequest};
use serde::Deserialize;
use utoipa::ToSchema;

use super::login::{token_for, LoginResponse};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::{client_addr, Caller};
use crate::http::json::ApiJson;
use crate::http::state::AppState;
use crate::service::auth;

// No Debug derive: passwords must never reach a log line.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    /// At least 12 characters.
    #[schema(min_length = 12)]
    pub new_password: String,
}

/// Changes your own password. Every token issued before (this one too) stops
/// working; the answer carries a new token. A wrong current password counts as a
/// failed login.
#[utoipa::path(
    post, path = "/api/me/password", tag = "auth",
    request_body = PasswordChange,
    responses(
        (status = 200, description = "Changed; use the new token", body = LoginResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "Current password wrong (`current_password`) or new one too weak (`new_password`)", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody, headers(("Retry-After" = u64))),
    ),
    security(("bearer" = []))
)]
#[post("/api/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    Caller(actor): Caller,
    body: ApiJson<PasswordChange>,
) -> Result<web::Json<LoginResponse>, ApiError> {
    let client_addr = client_addr(&req);
    let PasswordChange { current_password, new_password } = body.0;
    let person = state
        .run(move |ctx| auth::change_own_password(ctx, &actor, &current_password, &new_password, &client_addr))
        .await?;
    Ok(web::Json(token_for(&state, &person)?))
}
