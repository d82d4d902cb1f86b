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
    store::audit::record(conn, &event)?;
    // Every recorded change may change what a calendar feed shows (a shift, a name, a
    // seat, leave, a feed itself): renders keyed by the counter are then made again.
    Ok(store::feeds::bump_calendar_counter(conn)?)
}
