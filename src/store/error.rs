use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// What can go wrong below the API, in terms the API can answer precisely.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// The row changed since the client read it (optimistic concurrency).
    #[error("the resource changed since it was read")]
    Stale,
    /// A unique rule would be broken; `field` is the input that collides.
    #[error("{field} is already taken")]
    Conflict { field: &'static str },
    #[error("no database connection available: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// SQLite's write lock stayed taken for the whole busy timeout: the database is
    /// overloaded, not broken, and the same request can succeed a moment later.
    #[error("the database is busy")]
    Busy,
    #[error("database error: {0}")]
    Database(DieselError),
    /// A stored value that no longer parses as its domain type (written by hand, or
    /// by a version that had other rules): a fault on our side, never the client's.
    #[error("stored {entity} {id} has an unreadable {what}")]
    Corrupt { entity: &'static str, id: String, what: &'static str },
}

impl From<DieselError> for StoreError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => StoreError::NotFound,
            // diesel passes SQLITE_BUSY on as an unknown error with SQLite's message.
            DieselError::DatabaseError(DatabaseErrorKind::Unknown, info) if info.message() == "database is locked" => {
                StoreError::Busy
            }
            other => StoreError::Database(other),
        }
    }
}

/// Why a versioned UPDATE or DELETE touched no row: the row is gone, or
/// someone else changed it first.
pub fn missing_or_stale(still_exists: bool) -> StoreError {
    if still_exists {
        StoreError::Stale
    } else {
        StoreError::NotFound
    }
}

/// Maps a unique violation to a conflict on `field`, passing other errors through.
pub fn conflict_on(field: &'static str) -> impl Fn(DieselError) -> StoreError {
    move |error| match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => StoreError::Conflict { field },
        other => StoreError::from(other),
    }
}
