//! The rules, shared by the JSON API, the web pages and the job runner: one function
//! per use case, taking the `Context`, the acting person and typed input, giving a
//! domain result or an `Error`. Authorization, field policy, audit and version bumps
//! happen here and nowhere else.
//!
//! Use cases take the `Context` rather than one connection because some of them must
//! not hold a connection all the way through: a login hashes for tens of milliseconds,
//! and holding one of SQLite's few pooled connections meanwhile starves every other
//! request. Each takes connections as it needs them and writes in one transaction.

pub mod actor;
pub mod admins;
pub mod audit;
pub mod auth;
pub mod desks;
pub mod error;
pub mod feeds;
pub mod forms;
pub mod holidays;
pub mod jobs;
pub mod notifications;
pub mod people;
pub mod preferences;
pub mod rosters;
pub mod sessions;
pub mod settings;
pub mod teams;
pub mod time_off;

use std::sync::Arc;

use chrono::{DateTime, Utc};

pub use actor::Actor;
pub use auth::hasher::Hasher;
pub use error::Error;

use crate::domain::Clock;
use crate::store::{DbConnection, DbPool};

/// The version a writer last read (`If-Match`), or any version (`If-Match: *`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfVersion {
    Any,
    Exactly(i64),
}

impl IfVersion {
    /// The version the write must find stored, given the one stored now.
    pub fn against(self, current: i64) -> i64 {
        match self {
            IfVersion::Any => current,
            IfVersion::Exactly(version) => version,
        }
    }
}

/// What every use case may need; cheap to clone.
#[derive(Clone)]
pub struct Context {
    pub pool: DbPool,
    pub clock: Arc<dyn Clock>,
    pub hasher: Arc<Hasher>,
    /// `ROTA_PUBLIC_URL`: where people reach the service, over the stored setting.
    pub public_url: Option<String>,
}

impl Context {
    pub fn new(pool: DbPool, clock: Arc<dyn Clock>, hasher: Arc<Hasher>) -> Self {
        Self { pool, clock, hasher, public_url: None }
    }

    /// The system clock and a hasher sized to this machine: what `rota serve` runs.
    pub fn on(pool: DbPool) -> Self {
        Self::new(pool, Arc::new(crate::domain::SystemClock), Arc::new(Hasher::for_this_machine()))
    }

    /// Whether the database answers a query (readiness).
    pub fn database_answers(&self) -> Result<(), Error> {
        use diesel::connection::SimpleConnection;
        self.read(|conn| {
            conn.batch_execute("SELECT 1").map_err(|error| Error::Internal(format!("readiness query failed: {error}")))
        })
    }

    /// The same context with the base URL the environment imposes.
    pub fn with_public_url(mut self, url: Option<String>) -> Self {
        self.public_url = url;
        self
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Reads with one pooled connection, given back when `work` returns.
    pub fn read<T>(&self, work: impl FnOnce(&mut DbConnection) -> Result<T, Error>) -> Result<T, Error> {
        let mut conn = self.pool.get().map_err(crate::store::StoreError::from)?;
        work(&mut conn)
    }

    /// Writes in one transaction: all of `work` is stored, or none of it.
    /// Runs `work` in one write transaction. When it recorded a change (the audit log),
    /// the calendars counter moves as the transaction's last statement: every
    /// transaction takes that one row's lock last, so no two can wait on each other
    /// through it, and calendar feeds see the change with the data.
    pub fn write<T>(&self, work: impl FnOnce(&mut DbConnection) -> Result<T, Error>) -> Result<T, Error> {
        self.read(|conn| {
            crate::store::write_transaction(conn, |conn| {
                let before = crate::store::audit::recorded_here();
                let result = work(conn)?;
                if crate::store::audit::recorded_here() != before {
                    crate::store::feeds::bump_calendar_counter(conn, self.now())?;
                }
                Ok(result)
            })
        })
    }
}
