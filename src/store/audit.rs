use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::audit_events;
use super::{stored, DbConnection, StoreError};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
struct AuditEventRow {
    id: String,
    actor_id: String,
    action: String,
    entity: String,
    entity_id: String,
    detail: String,
    occurred_at: NaiveDateTime,
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub actor_id: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub detail: serde_json::Value,
    pub occurred_at: DateTime<Utc>,
}

thread_local! {
    /// Changes recorded on this thread: a transaction runs on one thread, so the
    /// difference before and after it says whether it recorded any.
    static RECORDED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many changes this thread has recorded (see [`RECORDED`]).
pub fn recorded_here() -> u64 {
    RECORDED.with(|c| c.get())
}

/// Records a change; call inside the transaction that makes it.
pub fn record(conn: &mut DbConnection, event: &AuditEvent) -> Result<(), StoreError> {
    RECORDED.with(|c| c.set(c.get() + 1));
    let row = AuditEventRow {
        id: super::new_id(),
        actor_id: event.actor_id.clone(),
        action: event.action.clone(),
        entity: event.entity.clone(),
        entity_id: event.entity_id.clone(),
        detail: event.detail.to_string(),
        occurred_at: stored(event.occurred_at),
    };
    diesel::insert_into(audit_events::table).values(&row).execute(conn)?;
    Ok(())
}

pub fn for_entity(conn: &mut DbConnection, entity: &str, entity_id: &str) -> Result<Vec<AuditEvent>, StoreError> {
    let rows: Vec<AuditEventRow> = audit_events::table
        .filter(audit_events::entity.eq(entity).and(audit_events::entity_id.eq(entity_id)))
        .order(audit_events::occurred_at.asc())
        .select(AuditEventRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| AuditEvent {
            detail: serde_json::from_str(&row.detail).unwrap_or(serde_json::Value::String(row.detail)),
            actor_id: row.actor_id,
            action: row.action,
            entity: row.entity,
            entity_id: row.entity_id,
            occurred_at: row.occurred_at.and_utc(),
        })
        .collect())
}
