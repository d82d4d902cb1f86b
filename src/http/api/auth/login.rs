use actix_web::{post, web, HttpRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::Person;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::client_addr;
use crate::http::json::ApiJson;
use crate::http::state::AppState;
use crate::service::auth;

// No Debug derive: the password must never reach a log line.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[schema(max_length = 254)]
    pub email: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    /// JWT (HS256) to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    pub token_type: String,
    /// Seconds until the token expires (3600).
    pub expires_in: i64,
}

/// A token for `person`, of their current generation.
pub fn token_for(state: &AppState, person: &Person) -> Result<LoginResponse, ApiError> {
    let issued = state.jwt.issue(&person.id, person.role, person.token_generation, state.service.now());
    let (access_token, expires_in) = issued.map_err(|error| {
        tracing::error!(%error, "could not sign a token");
        ApiError::internal()
    })?;
    Ok(LoginResponse { access_token, token_type: "Bearer".into(), expires_in })
}

/// Exchanges email and password for a one-hour token. Unknown email and wrong
/// password get the same answer. The sixth failure within a 15-minute window for an
/// account or from a client address gets 429 until the window ends, even with the
/// right password, and so does the 31st login of one account within a minute. When
/// the server is busy checking other passwords, 503 with Retry-After.
#[utoipa::path(
    post, path = "/api/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = LoginResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Email or password wrong", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "Missing or mistyped field", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody, headers(("Retry-After" = u64))),
    )
)]
#[post("/api/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ApiJson<LoginRequest>,
) -> Result<web::Json<LoginResponse>, ApiError> {
    let client_addr = client_addr(&req);
    let LoginRequest { email, password } = body.0;
    let person = state.run(move |ctx| auth::login(ctx, &email, &password, &client_addr)).await?;
    Ok(web::Json(token_for(&state, &person)?))
}
