//! One-time form ids: a page form that creates something carries one, recorded in the
//! same transaction as what it created, so a second post of the same form (a double
//! click, a reload) creates nothing and is told where the first one went.

use chrono::{DateTime, Utc};

use super::{Actor, Context, Error};
use crate::store::{self, DbConnection};

/// Where the first post of `form_id` by the actor went, if it was posted before.
pub fn earlier(ctx: &Context, actor: &Actor, form_id: &str) -> Result<Option<String>, Error> {
    ctx.read(|conn| Ok(store::sessions::form_result(conn, form_id, &actor.id)?))
}

/// Records `form_id` as posted, going to `location`; inside the creating transaction.
/// A form id recorded already (two posts at once) is `form_id_taken`.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    form_id: &str,
    location: &str,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    store::sessions::record_form(conn, form_id, &actor.id, location, now).map_err(|e| match e {
        store::StoreError::Conflict { .. } => {
            Error::conflict("form_id_taken", Some("form_id"), "this form was sent already")
        }
        other => other.into(),
    })
}

/// Runs `create` unless the form was posted before; after a `form_id_taken` race, the
/// winner's location. `Ok(Err(location))`: posted before, nothing created.
pub fn once<T>(
    ctx: &Context,
    actor: &Actor,
    form_id: &str,
    create: impl FnOnce() -> Result<T, Error>,
) -> Result<Result<T, String>, Error> {
    if let Some(location) = earlier(ctx, actor, form_id)? {
        return Ok(Err(location));
    }
    match create() {
        Ok(created) => Ok(Ok(created)),
        Err(Error::Conflict { code: "form_id_taken", .. }) => earlier(ctx, actor, form_id)?
            .map(Err)
            .ok_or_else(|| Error::Internal("a form id was taken but not found".into())),
        Err(e) => Err(e),
    }
}
