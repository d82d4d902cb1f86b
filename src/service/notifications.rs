//! Each person's inbox: rows the use cases write, in their own transaction, for the
//! people who should hear about a change. They stay stored, so a mailer can send the
//! unsent ones later (`sent_at`). Only the owner reads or marks theirs; reading is not
//! a change to the organisation, so it is not audited.

use chrono::{DateTime, Utc};

use super::{Actor, Context, Error};
use crate::domain::{Notification, NotificationKind};
use crate::store::{self, DbConnection};

/// A page of someone's notifications, and how many of all of theirs are unread.
#[derive(Debug, Clone)]
pub struct Inbox {
    pub items: Vec<Notification>,
    pub unread_count: i64,
}

/// Puts a notification in `person_id`'s inbox; call inside the transaction that makes
/// the change it tells of. `subject` is what it is about: (`time_off`, its id).
pub fn notify(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    person_id: &str,
    kind: NotificationKind,
    subject: (&str, &str),
    message: String,
    detail: serde_json::Value,
) -> Result<(), Error> {
    let notification = Notification {
        id: store::new_id(),
        person_id: person_id.to_string(),
        kind,
        subject_type: subject.0.to_string(),
        subject_id: subject.1.to_string(),
        message,
        detail,
        created_at: now,
        read_at: None,
        sent_at: None,
    };
    Ok(store::notifications::insert(conn, &notification)?)
}

/// The caller's notifications, newest first, after the (created_at, id) cursor.
pub fn list(
    ctx: &Context,
    actor: &Actor,
    unread_only: bool,
    after: Option<(DateTime<Utc>, String)>,
    limit: i64,
) -> Result<Inbox, Error> {
    ctx.read(|conn| {
        let items = store::notifications::list(conn, &actor.id, unread_only, after.as_ref(), limit)?;
        let unread_count = store::notifications::unread_count(conn, &actor.id)?;
        Ok(Inbox { items, unread_count })
    })
}

/// How many of the caller's notifications are unread (the badge every page shows).
pub fn unread_count(ctx: &Context, actor: &Actor) -> Result<i64, Error> {
    ctx.read(|conn| Ok(store::notifications::unread_count(conn, &actor.id)?))
}

/// Marks one of the caller's notifications read. Someone else's is answered as
/// missing: whether it exists is none of the caller's business.
pub fn mark_read(ctx: &Context, actor: &Actor, id: &str) -> Result<Notification, Error> {
    let now = ctx.now();
    ctx.write(|conn| store::notifications::mark_read(conn, &actor.id, id, now)?.ok_or(Error::NotFound("notification")))
}

/// Marks every unread notification of the caller read; returns how many there were.
pub fn mark_all_read(ctx: &Context, actor: &Actor) -> Result<usize, Error> {
    let now = ctx.now();
    ctx.write(|conn| Ok(store::notifications::mark_all_read(conn, &actor.id, now)?))
}
