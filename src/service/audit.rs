use chrono::{DateTime, Utc};

use super::Error;
use crate::store::{self, audit::AuditEvent, DbConnection};

/// Records who changed what; call inside the transaction that makes the change.
pub fn record(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    actor_id: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: serde_json::Value,
) -> Result<(), Error> {
    let event = AuditEvent {
        actor_id: actor_id.to_string(),
        action: action.to_string(),
        entity: entity.to_string(),
        entity_id: entity_id.to_string(),
        detail,
        occurred_at: now,
    };
    // Every recorded change may change what a calendar feed shows (a shift, a name, a
    // seat, leave, a feed itself): `Context::write` moves the calendars counter at the
    // end of its transaction, so renders keyed by the counter are made again.
    Ok(store::audit::record(conn, &event)?)
}
