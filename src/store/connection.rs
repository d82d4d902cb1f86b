use diesel::connection::SimpleConnection;

/// One connection type for both backends; `DATABASE_URL` picks the variant.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

impl DbConnection {
    pub fn backend_name(&self) -> &'static str {
        match self {
            DbConnection::Postgresql(_) => "postgresql",
            DbConnection::Sqlite(_) => "sqlite",
        }
    }

    /// SQLite needs these on every connection: foreign keys are off by default,
    /// and without a busy timeout concurrent writers fail instead of waiting.
    pub fn apply_session_settings(&mut self) -> diesel::QueryResult<()> {
        match self {
            DbConnection::Sqlite(conn) => conn.batch_execute(
                "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
            ),
            DbConnection::Postgresql(_) => Ok(()),
        }
    }
}
