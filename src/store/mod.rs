//! Storage: diesel over SQLite or PostgreSQL behind one connection type.

pub mod audit;
pub mod connection;
pub mod error;
pub mod login_failures;
pub mod migrations;
pub mod people;
pub mod pool;
pub mod schema;
pub mod teams;

pub use connection::DbConnection;
pub use error::StoreError;
pub use pool::{DbPool, PooledConnection};

/// Now, truncated to microseconds: PostgreSQL keeps no more, and a value read
/// back must compare equal to the one written.
pub fn now_utc() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(now, chrono::Duration::microseconds(1)).unwrap_or(now)
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
