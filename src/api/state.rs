use actix_web::web;

use super::auth::jwt::JwtKeys;
use super::error::ApiError;
use crate::config::JwtSecret;
use crate::store::{DbConnection, DbPool};

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
        self.db(move |conn| {
            use diesel::Connection;
            conn.transaction::<T, TxError, _>(|conn| work(conn).map_err(TxError::Api)).map_err(|e| match e {
                TxError::Api(api) => api,
                TxError::Database(db) => crate::store::StoreError::from(db).into(),
            })
        })
        .await
    }
}

/// diesel's transaction needs an error type that can hold its own errors.
enum TxError {
    Api(ApiError),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for TxError {
    fn from(error: diesel::result::Error) -> Self {
        TxError::Database(error)
    }
}
