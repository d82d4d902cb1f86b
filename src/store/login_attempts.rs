//! Counters of login attempts per (scope, subject, fixed window), shared by every
//! `rota serve` process through the database.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::schema::login_attempts;
use super::{stored, DbConnection, StoreError};

/// What a counter counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Failed guesses at one account.
    Account,
    /// Failed guesses from one client address, at any account.
    Address,
    /// Every login of one account, right or wrong, in a short window.
    AccountBurst,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Account => "account",
            Scope::Address => "address",
            Scope::AccountBurst => "account_burst",
        }
    }
}

/// Counts one more attempt and returns the count including it. One statement, so
/// concurrent attempts serialise on the counter's row: PostgreSQL's
/// `ON CONFLICT DO UPDATE` waits for the other writer and adds to what it wrote,
/// and on SQLite the caller's `BEGIN IMMEDIATE` holds the write lock.
pub fn reserve(
    conn: &mut DbConnection,
    scope: Scope,
    subject: &str,
    window_start: DateTime<Utc>,
) -> Result<i32, StoreError> {
    use login_attempts::dsl as a;
    let insert = diesel::insert_into(login_attempts::table)
        .values((
            a::scope.eq(scope.as_str()),
            a::subject.eq(subject),
            a::window_start.eq(stored(window_start)),
            a::attempts.eq(1),
        ))
        .on_conflict((a::scope, a::subject, a::window_start))
        .do_update()
        .set(a::attempts.eq(a::attempts + 1))
        .returning(a::attempts);
    Ok(match conn {
        DbConnection::Postgresql(pg) => insert.get_result(pg)?,
        DbConnection::Sqlite(sqlite) => insert.get_result(sqlite)?,
    })
}

/// The count of one counter's window, without changing it (0 when there is none).
pub fn count(
    conn: &mut DbConnection,
    scope: Scope,
    subject: &str,
    window_start: DateTime<Utc>,
) -> Result<i32, StoreError> {
    use login_attempts::dsl as a;
    Ok(login_attempts::table
        .filter(a::scope.eq(scope.as_str()).and(a::subject.eq(subject)).and(a::window_start.eq(stored(window_start))))
        .select(a::attempts)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

/// Gives back an attempt that was reserved but never judged (the server was too
/// busy to check the password), or that turned out not to be a failure.
pub fn release(
    conn: &mut DbConnection,
    scope: Scope,
    subject: &str,
    window_start: DateTime<Utc>,
) -> Result<(), StoreError> {
    use login_attempts::dsl as a;
    diesel::update(
        login_attempts::table.filter(
            a::scope
                .eq(scope.as_str())
                .and(a::subject.eq(subject))
                .and(a::window_start.eq(stored(window_start)))
                .and(a::attempts.gt(0)),
        ),
    )
    .set(a::attempts.eq(a::attempts - 1))
    .execute(conn)?;
    Ok(())
}

/// Forgets every window of one subject (a successful login clears its failures).
pub fn clear(conn: &mut DbConnection, scope: Scope, subject: &str) -> Result<(), StoreError> {
    use login_attempts::dsl as a;
    diesel::delete(login_attempts::table.filter(a::scope.eq(scope.as_str()).and(a::subject.eq(subject))))
        .execute(conn)?;
    Ok(())
}

/// Drops windows that started before `before`; they can no longer refuse anyone.
pub fn prune(conn: &mut DbConnection, before: DateTime<Utc>) -> Result<usize, StoreError> {
    use login_attempts::dsl as a;
    Ok(diesel::delete(login_attempts::table.filter(a::window_start.lt(stored(before)))).execute(conn)?)
}
