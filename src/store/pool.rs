use std::time::Duration;

use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};

use super::{migrations, DbConnection, StoreError};

pub type DbPool = Pool<ConnectionManager<DbConnection>>;
pub type PooledConnection = diesel::r2d2::PooledConnection<ConnectionManager<DbConnection>>;

#[derive(Debug)]
struct SessionSettings;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SessionSettings {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        conn.apply_session_settings().map_err(diesel::r2d2::Error::QueryError)
    }
}

/// `sqlite://path` and `sqlite:path` are accepted for symmetry with
/// `postgres://`; diesel's SQLite driver wants the bare path.
pub fn connection_target(database_url: &str) -> &str {
    database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:")).unwrap_or(database_url)
}

pub fn is_postgres(database_url: &str) -> bool {
    database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")
}

/// Opens a pool. SQLite gets a small pool: one writer at a time anyway.
pub fn connect(database_url: &str) -> Result<DbPool, StoreError> {
    let max_size = if is_postgres(database_url) { 10 } else { 4 };
    let manager = ConnectionManager::<DbConnection>::new(connection_target(database_url));
    let pool = Pool::builder()
        .max_size(max_size)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(SessionSettings))
        .build(manager)?;
    Ok(pool)
}

/// Opens a pool and applies pending migrations, as `rota serve` does at start.
pub fn connect_and_migrate(database_url: &str) -> Result<DbPool, Box<dyn std::error::Error + Send + Sync>> {
    let pool = connect(database_url)?;
    let mut conn = pool.get()?;
    migrations::run_pending(&mut conn)?;
    super::people::backfill_search_keys(&mut conn)?;
    Ok(pool)
}
