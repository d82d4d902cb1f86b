use actix_web::web;

use super::api::error::ApiError;
use super::jwt::JwtKeys;
use crate::config::JwtSecret;
use crate::service::{self, Context};

/// What every handler may need; built once by the app factory.
#[derive(Clone)]
pub struct AppState {
    pub service: Context,
    pub jwt: JwtKeys,
    /// This process's renders of calendar feeds (see `http::feeds`).
    pub feeds: std::sync::Arc<super::feeds::FeedCache>,
}

impl AppState {
    pub fn new(service: Context, secret: &JwtSecret) -> Self {
        Self { service, jwt: JwtKeys::new(secret), feeds: Default::default() }
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
