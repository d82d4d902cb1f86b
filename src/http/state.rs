use std::sync::Arc;

use actix_web::web;

use super::api::error::ApiError;
use super::jwt::JwtKeys;
use crate::config::JwtSecret;
use crate::domain::{Clock, SystemClock};
use crate::service::{self, Context, Hasher};
use crate::store::DbPool;

/// What every handler may need; built once by the app factory.
#[derive(Clone)]
pub struct AppState {
    pub service: Context,
    pub jwt: JwtKeys,
}

impl AppState {
    /// The system clock and a hasher sized to this machine.
    pub fn new(pool: DbPool, secret: &JwtSecret) -> Self {
        Self::with(pool, secret, Arc::new(SystemClock), Arc::new(Hasher::for_this_machine()))
    }

    pub fn with(pool: DbPool, secret: &JwtSecret, clock: Arc<dyn Clock>, hasher: Arc<Hasher>) -> Self {
        Self { service: Context::new(pool, clock, hasher), jwt: JwtKeys::new(secret) }
    }

    pub fn pool(&self) -> &DbPool {
        &self.service.pool
    }

    /// Runs a use case on the blocking thread pool, so that no actix worker waits on
    /// the database, SQLite's lock or a password hash.
    pub async fn run<T, F>(&self, use_case: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Context) -> Result<T, service::Error> + Send + 'static,
    {
        let context = self.service.clone();
        Ok(web::block(move || use_case(&context)).await??)
    }
}
