//! Storage: diesel over SQLite or PostgreSQL behind one connection type. Rows stay
//! private to this module; what leaves it are domain types.

pub mod assignments;
pub mod audit;
pub mod connection;
pub mod desks;
pub mod error;
pub mod feeds;
pub mod holidays;
pub mod jobs;
pub mod login_attempts;
pub mod migrations;
pub mod notifications;
pub mod people;
pub mod pool;
pub mod preferences;
pub mod rosters;
pub mod schema;
pub mod sessions;
pub mod settings;
pub mod teams;
pub mod time_off;
pub mod tx;

pub use connection::DbConnection;
pub use error::StoreError;
pub use pool::{DbPool, PooledConnection};
pub use tx::write_transaction;

use chrono::{DateTime, NaiveDateTime, Utc};

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Instants are stored as UTC timestamps without a zone (the type both backends share).
fn stored(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.naive_utc()
}
