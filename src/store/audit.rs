use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_events;
use super::{DbConnection, StoreError};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEventRow {
    pub id: String,
    pub actor_id: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub detail: String,
    pub occurred_at: NaiveDateTime,
}

/// Records a change; call inside the transaction that makes it.
pub fn record(
    conn: &mut DbConnection,
    actor_id: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    let row = AuditEventRow {
        id: super::new_id(),
        actor_id: actor_id.to_string(),
        action: action.to_string(),
        entity: entity.to_string(),
        entity_id: entity_id.to_string(),
        detail: detail.to_string(),
        occurred_at: super::now_utc(),
    };
    diesel::insert_into(audit_events::table).values(&row).execute(conn)?;
    Ok(())
}

pub fn for_entity(conn: &mut DbConnection, entity: &str, entity_id: &str) -> Result<Vec<AuditEventRow>, StoreError> {
    Ok(audit_events::table
        .filter(audit_events::entity.eq(entity).and(audit_events::entity_id.eq(entity_id)))
        .order(audit_events::occurred_at.asc())
        .select(AuditEventRow::as_select())
        .load(conn)?)
}
