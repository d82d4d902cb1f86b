//! Transactions that write.

use diesel::connection::{AnsiTransactionManager, TransactionManager};

use super::{DbConnection, StoreError};

/// Runs `work` in one transaction: all of it is written, or none. On SQLite it starts
/// with `BEGIN IMMEDIATE`, which takes the write lock up front (waiting up to the busy
/// timeout for it): with the default deferred `BEGIN`, a transaction that reads before
/// it writes fails with "database is locked" when another writer commits in between,
/// and two managers saving at once would see a 500. It also means that what such a
/// transaction reads (the number of admins, a counter) cannot change before it commits.
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<StoreError>,
{
    type Manager = <DbConnection as diesel::Connection>::TransactionManager;
    let database = |error: diesel::result::Error| E::from(StoreError::from(error));
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
