use crate::domain::InvalidValue;
use crate::store::StoreError;

/// Why a use case refused or failed, in terms both the API (a JSON envelope) and the
/// pages (a message next to the field) can show.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value breaks a rule; the field says which.
    #[error(transparent)]
    Invalid(#[from] InvalidValue),
    #[error("your role does not allow this")]
    Forbidden,
    #[error("no such {0}")]
    NotFound(&'static str),
    /// The change contradicts the current state (a taken name, the last admin).
    #[error("{message}")]
    Conflict { code: &'static str, message: String, field: Option<String> },
    /// An edit would break hard rules; each one, for whom and why.
    #[error("the change breaks {} hard rule(s)", .0.len())]
    RulesBroken(Vec<crate::domain::roster::RuleBreak>),
    /// Someone changed the thing since the caller read it.
    #[error("someone changed this since you read it")]
    Stale,
    #[error("{0}")]
    Unauthenticated(&'static str),
    #[error("email or password is wrong")]
    InvalidCredentials,
    #[error("too many failed logins; wait before trying again")]
    TooManyAttempts { retry_after_seconds: u64 },
    /// Overloaded, not broken: the same request can succeed shortly.
    #[error("{what} is busy; try again shortly")]
    Busy { what: &'static str, retry_after_seconds: u64 },
    /// The request could not be read (malformed body, missing `If-Match`); the layer
    /// that read it knows how to answer. Use cases take such input as `Result`s so
    /// that whether the caller may act at all is answered before their input is judged.
    #[error("{0}")]
    Unreadable(Box<dyn std::error::Error + Send + Sync>),
    /// A fault on our side; the detail goes to the log, never to the client.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn conflict(code: &'static str, field: Option<&str>, message: impl Into<String>) -> Self {
        Error::Conflict { code, message: message.into(), field: field.map(str::to_string) }
    }

    pub fn require(allowed: bool) -> Result<(), Error> {
        if allowed {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

impl From<StoreError> for Error {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Error::NotFound("resource"),
            StoreError::Stale => Error::Stale,
            StoreError::Conflict { field } => {
                Error::conflict("already_exists", Some(field), format!("this {field} is already in use"))
            }
            StoreError::Busy => {
                tracing::warn!("database write lock still taken after the busy timeout");
                Error::Busy { what: "the database", retry_after_seconds: 1 }
            }
            StoreError::Pool(error) => {
                tracing::error!(%error, "database pool exhausted or unreachable");
                Error::Busy { what: "the database", retry_after_seconds: 1 }
            }
            other => Error::Internal(other.to_string()),
        }
    }
}
