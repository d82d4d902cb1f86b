use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::lockout;
use super::password::verify_password;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::json::ApiJson;
use crate::api::state::AppState;
use crate::domain::{has_control_character, Role};
use crate::store::{self, login_failures::LoginFailureRow};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

// No Debug derive: the password must never reach a log line.
#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    /// JWT (HS256) to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    pub token_type: String,
    /// Seconds until the token expires (3600).
    pub expires_in: i64,
}

/// Exchanges email and password for a one-hour token. Unknown email and wrong
/// password get the same answer. After 5 failures within 15 minutes for an
/// account or a client address, every attempt gets 429 until the window passes,
/// even with the right password.
#[utoipa::path(
    post, path = "/api/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = LoginResponse),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Email or password wrong", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "Missing or mistyped field", body = ErrorBody),
        (status = 429, description = "Too many failures; see Retry-After", body = ErrorBody, headers(("Retry-After" = u64))),
    )
)]
#[post("/api/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ApiJson<LoginRequest>,
) -> Result<web::Json<LoginResponse>, ApiError> {
    // The direct peer only: X-Forwarded-For is client-controlled unless a
    // trusted proxy sets it, and trusting it would let anyone dodge the limit.
    let client_addr = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into());
    let LoginRequest { email, password } = body.0;
    let email_key = email.trim().to_lowercase();
    // No account's address has a control character; PostgreSQL would refuse the NUL
    // byte of one in the failure record with an error.
    if has_control_character(&email_key) {
        return Err(ApiError::unprocessable("invalid_email", "email", "an email address has no control characters"));
    }
    let person = state
        .db(move |conn| {
            let now = store::now_utc();
            let since = lockout::window_start(now);
            let recent = store::login_failures::recent(conn, &email_key, &client_addr, since)?;
            if let Some(seconds) = lockout::retry_after(&recent, now) {
                let mut error = ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_attempts",
                    "too many failed logins; wait before trying again",
                );
                error.retry_after_seconds = Some(seconds);
                return Err(error);
            }
            let person = store::people::find_by_email(conn, &email_key)?.filter(|p| p.active);
            let hash = person.as_ref().and_then(|p| p.password_hash.clone());
            if !verify_password(&password, hash.as_deref()) {
                store::login_failures::record(
                    conn,
                    &LoginFailureRow { id: store::new_id(), email_normalized: email_key, client_addr, failed_at: now },
                )?;
                store::login_failures::prune(conn, since)?;
                return Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "invalid_credentials",
                    "email or password is wrong",
                ));
            }
            person.ok_or_else(ApiError::internal)
        })
        .await?;
    let role = Role::parse(&person.role).ok_or_else(ApiError::internal)?;
    let (access_token, expires_in) = state.jwt.issue(&person.id, role).map_err(|error| {
        tracing::error!(%error, "could not sign a token");
        ApiError::internal()
    })?;
    tracing::info!(person = %person.id, "login");
    Ok(web::Json(LoginResponse { access_token, token_type: "Bearer".into(), expires_in }))
}
