use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::roster::RuleBreak;
use crate::domain::InvalidValue;
use crate::service;

/// Every error the API returns: `{"error": {"code", "message", "field"}}`.
/// Codes are stable; clients may branch on them. Messages are for people.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    pub retry_after_seconds: Option<u64>,
    /// The hard rules an edit would break (`rule_broken`).
    pub violations: Vec<RuleBreak>,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `unknown_time_zone`.
    pub code: String,
    pub message: String,
    /// The input field at fault, as a path (`contract.min_rest_minutes`), when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Each hard rule an edit would break, for whom and why (`rule_broken` only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<RuleBreak>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), field: None, retry_after_seconds: None, violations: Vec::new() }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn unprocessable(code: &'static str, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message).with_field(field)
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", message)
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", "your role does not allow this")
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", format!("no such {what}"))
    }

    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "something went wrong on our side; it has been logged")
    }

    pub fn unavailable() -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "the database is not answering; try again shortly")
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.message)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        if self.status == StatusCode::UNAUTHORIZED {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        if let Some(seconds) = self.retry_after_seconds {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        response.json(ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message.clone(),
                field: self.field.clone(),
                violations: self.violations.clone(),
            },
        })
    }
}

impl From<InvalidValue> for ApiError {
    fn from(invalid: InvalidValue) -> Self {
        ApiError::unprocessable(invalid.code, invalid.field, invalid.message)
    }
}

impl std::error::Error for ApiError {}

impl From<service::Error> for ApiError {
    fn from(error: service::Error) -> Self {
        use service::Error as E;
        match error {
            E::Invalid(invalid) => invalid.into(),
            E::Forbidden => ApiError::forbidden(),
            E::NotFound(what) => ApiError::not_found(what),
            E::Conflict { code, message, field } => {
                let conflict = ApiError::new(StatusCode::CONFLICT, code, message);
                match field {
                    Some(field) => conflict.with_field(field),
                    None => conflict,
                }
            }
            E::RulesBroken(violations) => {
                let summary: Vec<String> =
                    violations.iter().take(3).map(|v| format!("{}: {}", v.code, v.message)).collect();
                let mut error = ApiError::unprocessable(
                    "rule_broken",
                    "changes",
                    format!("the change breaks {} hard rule(s): {}", violations.len(), summary.join("; ")),
                );
                error.violations = violations;
                error
            }
            E::Stale => ApiError::new(
                StatusCode::PRECONDITION_FAILED,
                "stale_version",
                "someone changed this since you read it; GET it again and reapply your change",
            ),
            E::Unauthenticated(message) => ApiError::unauthenticated(message),
            E::InvalidCredentials => {
                ApiError::new(StatusCode::UNAUTHORIZED, "invalid_credentials", "email or password is wrong")
            }
            E::TooManyAttempts { retry_after_seconds } => {
                let mut error = ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_attempts",
                    "too many login attempts; wait before trying again",
                );
                error.retry_after_seconds = Some(retry_after_seconds);
                error
            }
            E::Busy { what, retry_after_seconds } => {
                let mut error = ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    format!("{what} is busy; try again shortly"),
                );
                error.retry_after_seconds = Some(retry_after_seconds);
                error
            }
            E::Unreadable(inner) => match inner.downcast::<ApiError>() {
                Ok(api) => *api,
                Err(other) => ApiError::bad_request("unreadable_request", other.to_string()),
            },
            E::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                ApiError::internal()
            }
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(_: actix_web::error::BlockingError) -> Self {
        tracing::error!("blocking database task was cancelled");
        ApiError::internal()
    }
}
