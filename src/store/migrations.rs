use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::DbConnection;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

type MigrationResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Applies every pending migration of the connection's backend; returns their names.
pub fn run_pending(conn: &mut DbConnection) -> MigrationResult<Vec<String>> {
    let applied = match conn {
        DbConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS)?,
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS)?,
    };
    Ok(applied.iter().map(|v| v.to_string()).collect())
}

/// Reverts the newest applied migration; returns its name.
pub fn revert_last(conn: &mut DbConnection) -> MigrationResult<String> {
    let reverted = match conn {
        DbConnection::Postgresql(c) => c.revert_last_migration(POSTGRES_MIGRATIONS)?,
        DbConnection::Sqlite(c) => c.revert_last_migration(SQLITE_MIGRATIONS)?,
    };
    Ok(reverted.to_string())
}

/// Reverts every applied migration, newest first (used by the migration tests).
pub fn revert_all(conn: &mut DbConnection) -> MigrationResult<Vec<String>> {
    let reverted = match conn {
        DbConnection::Postgresql(c) => c.revert_all_migrations(POSTGRES_MIGRATIONS)?,
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS)?,
    };
    Ok(reverted.iter().map(|v| v.to_string()).collect())
}
