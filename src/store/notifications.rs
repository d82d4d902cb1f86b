//! Each person's inbox. Every query names the owner: no one reads or marks another's.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::notifications;
use super::{stored, DbConnection, StoreError};
use crate::domain::{Notification, NotificationKind};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications)]
struct NotificationRow {
    id: String,
    person_id: String,
    kind: String,
    subject_type: String,
    subject_id: String,
    message: String,
    detail: String,
    created_at: NaiveDateTime,
    read_at: Option<NaiveDateTime>,
    sent_at: Option<NaiveDateTime>,
}

fn from_row(row: NotificationRow) -> Result<Notification, StoreError> {
    let corrupt = |what| StoreError::Corrupt { entity: "notification", id: row.id.clone(), what };
    let kind = NotificationKind::parse(&row.kind).ok_or_else(|| corrupt("kind"))?;
    let detail = serde_json::from_str(&row.detail).map_err(|_| corrupt("detail"))?;
    Ok(Notification {
        kind,
        detail,
        created_at: row.created_at.and_utc(),
        read_at: row.read_at.map(|at| at.and_utc()),
        sent_at: row.sent_at.map(|at| at.and_utc()),
        id: row.id,
        person_id: row.person_id,
        subject_type: row.subject_type,
        subject_id: row.subject_id,
        message: row.message,
    })
}

pub fn insert(conn: &mut DbConnection, notification: &Notification) -> Result<(), StoreError> {
    let row = NotificationRow {
        id: notification.id.clone(),
        person_id: notification.person_id.clone(),
        kind: notification.kind.as_str().to_string(),
        subject_type: notification.subject_type.clone(),
        subject_id: notification.subject_id.clone(),
        message: notification.message.clone(),
        detail: notification.detail.to_string(),
        created_at: stored(notification.created_at),
        read_at: notification.read_at.map(stored),
        sent_at: notification.sent_at.map(stored),
    };
    diesel::insert_into(notifications::table).values(row).execute(conn)?;
    Ok(())
}

/// The owner's notifications, newest first, after the (created_at, id) cursor.
pub fn list(
    conn: &mut DbConnection,
    person_id: &str,
    unread_only: bool,
    after: Option<&(DateTime<Utc>, String)>,
    limit: i64,
) -> Result<Vec<Notification>, StoreError> {
    let mut select = notifications::table
        .filter(notifications::person_id.eq(person_id.to_string()))
        .select(NotificationRow::as_select())
        .into_boxed();
    if unread_only {
        select = select.filter(notifications::read_at.is_null());
    }
    if let Some((created_at, id)) = after {
        let created_at = stored(*created_at);
        select = select.filter(
            notifications::created_at
                .lt(created_at)
                .or(notifications::created_at.eq(created_at).and(notifications::id.lt(id.clone()))),
        );
    }
    let rows = select.order((notifications::created_at.desc(), notifications::id.desc())).limit(limit).load(conn)?;
    rows.into_iter().map(from_row).collect()
}

pub fn unread_count(conn: &mut DbConnection, person_id: &str) -> Result<i64, StoreError> {
    Ok(notifications::table
        .filter(notifications::person_id.eq(person_id).and(notifications::read_at.is_null()))
        .count()
        .get_result(conn)?)
}

/// Marks one of the owner's notifications read (once: a second call keeps the first
/// time); None when the owner has no such notification.
pub fn mark_read(
    conn: &mut DbConnection,
    person_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Option<Notification>, StoreError> {
    let owned = notifications::id.eq(id).and(notifications::person_id.eq(person_id));
    diesel::update(notifications::table.filter(owned).filter(notifications::read_at.is_null()))
        .set(notifications::read_at.eq(stored(now)))
        .execute(conn)?;
    let row = notifications::table.filter(owned).select(NotificationRow::as_select()).first(conn).optional()?;
    row.map(from_row).transpose()
}

/// Marks every unread notification of the owner read; returns how many.
pub fn mark_all_read(conn: &mut DbConnection, person_id: &str, now: DateTime<Utc>) -> Result<usize, StoreError> {
    Ok(diesel::update(
        notifications::table.filter(notifications::person_id.eq(person_id).and(notifications::read_at.is_null())),
    )
    .set(notifications::read_at.eq(stored(now)))
    .execute(conn)?)
}
