use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::login_failures;
use super::{DbConnection, StoreError};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = login_failures)]
pub struct LoginFailureRow {
    pub id: String,
    pub email_normalized: String,
    pub client_addr: String,
    pub failed_at: NaiveDateTime,
}

pub fn record(conn: &mut DbConnection, row: &LoginFailureRow) -> Result<(), StoreError> {
    diesel::insert_into(login_failures::table).values(row).execute(conn)?;
    Ok(())
}

/// Failures since `since` for the account and for the client address, with the
/// oldest of each, so the caller can say when the lockout ends.
pub struct RecentFailures {
    pub for_email: Vec<NaiveDateTime>,
    pub for_addr: Vec<NaiveDateTime>,
}

pub fn recent(
    conn: &mut DbConnection,
    email_normalized: &str,
    client_addr: &str,
    since: NaiveDateTime,
) -> Result<RecentFailures, StoreError> {
    let for_email = login_failures::table
        .filter(login_failures::email_normalized.eq(email_normalized))
        .filter(login_failures::failed_at.gt(since))
        .select(login_failures::failed_at)
        .order(login_failures::failed_at.asc())
        .load(conn)?;
    let for_addr = login_failures::table
        .filter(login_failures::client_addr.eq(client_addr))
        .filter(login_failures::failed_at.gt(since))
        .select(login_failures::failed_at)
        .order(login_failures::failed_at.asc())
        .load(conn)?;
    Ok(RecentFailures { for_email, for_addr })
}

/// Drops failures older than the window; they can no longer lock anyone out.
pub fn prune(conn: &mut DbConnection, before: NaiveDateTime) -> Result<usize, StoreError> {
    Ok(diesel::delete(login_failures::table.filter(login_failures::failed_at.le(before))).execute(conn)?)
}
