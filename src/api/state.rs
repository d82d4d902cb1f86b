use actix_web::web;

use super::auth::jwt::JwtKeys;
use super::error::ApiError;
use crate::config::JwtSecret;
use crate::store::{DbConnection, DbPool, StoreError};

/// What every handler may need; built once by the app factory.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub jwt: JwtKeys,
}

impl AppState {
    pub fn new(pool: DbPool, secret: &JwtSecret) -> Self {
        Self { pool, jwt: JwtKeys::new(secret) }
    }

    /// Runs database work on the blocking thread pool so that no actix worker
    /// waits on I/O or on SQLite's lock.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get().map_err(crate::store::StoreError::from)?;
            work(&mut conn)
        })
        .await?
    }

    /// Like `db`, inside one transaction: all of it is written, or none.
    pub async fn db_tx<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.db(move |conn| write_transaction(conn, work)).await
    }
}

/// Runs `work` in one transaction. On SQLite it starts with `BEGIN IMMEDIATE`, which
/// takes the write lock up front (waiting up to the busy timeout for it): with the
/// default deferred `BEGIN`, a transaction that reads before it writes fails with
/// "database is locked" when another writer commits in between, and two managers
/// saving at once would see a 500.
fn write_transaction<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    type Manager = <DbConnection as diesel::Connection>::TransactionManager;
    let database = |error: diesel::result::Error| ApiError::from(StoreError::from(error));
    match conn {
        DbConnection::Sqlite(sqlite) => AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE"),
        DbConnection::Postgresql(_) => Manager::begin_transaction(conn),
    }
    .map_err(database)?;
    // The rest as diesel's own `Connection::transaction` does it.
    match work(conn) {
        Ok(value) => Manager::commit_transaction(conn).map(|()| value).map_err(database),
        Err(error) => match Manager::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(error),
            Err(rollback) => Err(database(rollback)),
        },
    }
}
