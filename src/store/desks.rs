//! Desks with their teams and shift templates. The window, shift types and closures
//! are JSON documents on the desk's row; templates have rows of their own so that
//! their ids stay stable and rosters' shifts can point at them.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::error::{conflict_on, missing_or_stale};
use super::schema::{desk_teams, desks, shift_templates, team_memberships};
use super::{stored, DbConnection, StoreError};
use crate::domain::desk::{Closures, CoverageWindow, Desk, ShiftTemplate, ShiftType};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = desks, treat_none_as_null = true)]
struct DeskRow {
    id: String,
    name: String,
    time_zone: String,
    coverage: String,
    shift_types: String,
    closures: String,
    holiday_work: bool,
    archived_at: Option<NaiveDateTime>,
    version: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = shift_templates)]
struct TemplateRow {
    id: String,
    desk_id: String,
    position: i32,
    name: String,
    definition: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn corrupt(id: &str, what: &'static str) -> StoreError {
    StoreError::Corrupt { entity: "desk", id: id.to_string(), what }
}

fn json<T: serde::Serialize>(desk_id: &str, what: &'static str, value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|_| corrupt(desk_id, what))
}

fn to_row(desk: &Desk) -> Result<DeskRow, StoreError> {
    Ok(DeskRow {
        id: desk.id.clone(),
        name: desk.name.clone(),
        time_zone: desk.time_zone.clone(),
        coverage: json(&desk.id, "coverage", &desk.coverage)?,
        shift_types: json(&desk.id, "shift types", &desk.shift_types)?,
        closures: json(&desk.id, "closures", &desk.closures)?,
        holiday_work: desk.holiday_work,
        archived_at: desk.archived_at.map(stored),
        version: desk.version,
        created_at: stored(desk.created_at),
        updated_at: stored(desk.updated_at),
    })
}

fn template_row(
    desk_id: &str,
    position: usize,
    template: &ShiftTemplate,
    now: DateTime<Utc>,
) -> Result<TemplateRow, StoreError> {
    Ok(TemplateRow {
        id: template.id.clone(),
        desk_id: desk_id.to_string(),
        position: i32::try_from(position).map_err(|_| corrupt(desk_id, "template position"))?,
        name: template.name.clone(),
        definition: json(desk_id, "template", template)?,
        created_at: stored(now),
        updated_at: stored(now),
    })
}

/// Desks with their teams and templates, in the order given.
fn assemble(conn: &mut DbConnection, rows: Vec<DeskRow>) -> Result<Vec<Desk>, StoreError> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let links: Vec<(String, String)> = desk_teams::table
        .filter(desk_teams::desk_id.eq_any(&ids))
        .select((desk_teams::desk_id, desk_teams::team_id))
        .order((desk_teams::desk_id, desk_teams::team_id))
        .load(conn)?;
    let mut teams: HashMap<String, Vec<String>> = HashMap::new();
    for (desk_id, team_id) in links {
        teams.entry(desk_id).or_default().push(team_id);
    }
    let template_rows: Vec<TemplateRow> = shift_templates::table
        .filter(shift_templates::desk_id.eq_any(&ids))
        .select(TemplateRow::as_select())
        .order((shift_templates::desk_id, shift_templates::position))
        .load(conn)?;
    let mut templates: HashMap<String, Vec<ShiftTemplate>> = HashMap::new();
    for row in template_rows {
        let template: ShiftTemplate =
            serde_json::from_str(&row.definition).map_err(|_| corrupt(&row.desk_id, "template"))?;
        templates.entry(row.desk_id).or_default().push(ShiftTemplate { id: row.id, name: row.name, ..template });
    }
    rows.into_iter()
        .map(|row| {
            let coverage: Vec<CoverageWindow> =
                serde_json::from_str(&row.coverage).map_err(|_| corrupt(&row.id, "coverage"))?;
            let shift_types: Vec<ShiftType> =
                serde_json::from_str(&row.shift_types).map_err(|_| corrupt(&row.id, "shift types"))?;
            let closures: Closures = serde_json::from_str(&row.closures).map_err(|_| corrupt(&row.id, "closures"))?;
            Ok(Desk {
                teams: teams.remove(&row.id).unwrap_or_default(),
                templates: templates.remove(&row.id).unwrap_or_default(),
                coverage,
                shift_types,
                closures,
                holiday_work: row.holiday_work,
                archived_at: row.archived_at.map(|t| t.and_utc()),
                version: row.version,
                created_at: row.created_at.and_utc(),
                updated_at: row.updated_at.and_utc(),
                id: row.id,
                name: row.name,
                time_zone: row.time_zone,
            })
        })
        .collect()
}

fn set_teams(conn: &mut DbConnection, desk_id: &str, teams: &[String]) -> Result<(), StoreError> {
    diesel::delete(desk_teams::table.filter(desk_teams::desk_id.eq(desk_id))).execute(conn)?;
    // One row at a time: MultiConnection has no batch insert.
    for team in teams {
        diesel::insert_into(desk_teams::table)
            .values((desk_teams::desk_id.eq(desk_id), desk_teams::team_id.eq(team)))
            .execute(conn)?;
    }
    Ok(())
}

/// Stores a new desk with its teams and templates.
pub fn insert(conn: &mut DbConnection, desk: &Desk) -> Result<(), StoreError> {
    diesel::insert_into(desks::table).values(to_row(desk)?).execute(conn).map_err(conflict_on("name"))?;
    set_teams(conn, &desk.id, &desk.teams)?;
    replace_templates(conn, &desk.id, &desk.templates, desk.created_at)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Desk>, StoreError> {
    let row = desks::table.find(id).select(DeskRow::as_select()).first(conn).optional()?;
    Ok(assemble(conn, row.into_iter().collect())?.pop())
}

/// Which desks a list returns, in (name, id) order after the cursor.
#[derive(Debug, Clone, Default)]
pub struct DeskQuery {
    /// Only desks staffed by a team this person sits in.
    pub visible_to: Option<String>,
    pub include_archived: bool,
    pub after: Option<(String, String)>,
    pub limit: i64,
}

pub fn list(conn: &mut DbConnection, query: &DeskQuery) -> Result<Vec<Desk>, StoreError> {
    let mut select = desks::table.select(DeskRow::as_select()).into_boxed();
    if let Some(person_id) = &query.visible_to {
        let own_teams = team_memberships::table
            .filter(team_memberships::person_id.eq(person_id.clone()))
            .select(team_memberships::team_id);
        let their_desks = desk_teams::table.filter(desk_teams::team_id.eq_any(own_teams)).select(desk_teams::desk_id);
        select = select.filter(desks::id.eq_any(their_desks));
    }
    if !query.include_archived {
        select = select.filter(desks::archived_at.is_null());
    }
    if let Some((name, id)) = &query.after {
        select =
            select.filter(desks::name.gt(name.clone()).or(desks::name.eq(name.clone()).and(desks::id.gt(id.clone()))));
    }
    let rows = select.order((desks::name.asc(), desks::id.asc())).limit(query.limit).load(conn)?;
    assemble(conn, rows)
}

/// Saves the desk and its teams (not its templates) if the stored version is still
/// `expected_version`; returns what was written, with the next version.
pub fn update(
    conn: &mut DbConnection,
    desk: &Desk,
    expected_version: i64,
    now: DateTime<Utc>,
) -> Result<Desk, StoreError> {
    let mut next = desk.clone();
    next.version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    next.updated_at = now;
    let changed = diesel::update(desks::table.filter(desks::id.eq(&desk.id).and(desks::version.eq(expected_version))))
        .set(to_row(&next)?)
        .execute(conn)
        .map_err(conflict_on("name"))?;
    if changed == 0 {
        let exists = desks::table.find(&desk.id).count().get_result::<i64>(conn)? > 0;
        return Err(missing_or_stale(exists));
    }
    set_teams(conn, &desk.id, &desk.teams)?;
    Ok(next)
}

/// Makes the desk's templates `templates`, by difference: rows whose id is kept are
/// updated in place (so their ids, and what points at them, survive), new ids are
/// inserted and missing ones deleted.
pub fn replace_templates(
    conn: &mut DbConnection,
    desk_id: &str,
    templates: &[ShiftTemplate],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let kept: Vec<String> = templates.iter().map(|t| t.id.clone()).collect();
    diesel::delete(
        shift_templates::table.filter(shift_templates::desk_id.eq(desk_id).and(shift_templates::id.ne_all(&kept))),
    )
    .execute(conn)?;
    let existing: Vec<TemplateRow> = shift_templates::table
        .filter(shift_templates::desk_id.eq(desk_id))
        .select(TemplateRow::as_select())
        .load(conn)?;
    for (position, template) in templates.iter().enumerate() {
        let row = template_row(desk_id, position, template, now)?;
        match existing.iter().find(|e| e.id == template.id) {
            Some(old) if old.position == row.position && old.name == row.name && old.definition == row.definition => {}
            Some(_) => {
                diesel::update(shift_templates::table.find(&row.id))
                    .set((
                        shift_templates::position.eq(row.position),
                        shift_templates::name.eq(&row.name),
                        shift_templates::definition.eq(&row.definition),
                        shift_templates::updated_at.eq(row.updated_at),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(shift_templates::table).values(&row).execute(conn).map_err(conflict_on("id"))?;
            }
        }
    }
    Ok(())
}

/// Bumps the desk's version (its templates changed) against `expected_version`.
pub fn touch(
    conn: &mut DbConnection,
    desk_id: &str,
    expected_version: i64,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let version = expected_version.checked_add(1).ok_or(StoreError::Stale)?;
    let changed = diesel::update(desks::table.filter(desks::id.eq(desk_id).and(desks::version.eq(expected_version))))
        .set((desks::version.eq(version), desks::updated_at.eq(stored(now))))
        .execute(conn)?;
    if changed == 0 {
        let exists = desks::table.find(desk_id).count().get_result::<i64>(conn)? > 0;
        return Err(missing_or_stale(exists));
    }
    Ok(version)
}

pub fn delete(conn: &mut DbConnection, id: &str, expected_version: i64) -> Result<(), StoreError> {
    let deleted =
        diesel::delete(desks::table.filter(desks::id.eq(id).and(desks::version.eq(expected_version)))).execute(conn)?;
    if deleted == 0 {
        let exists = desks::table.find(id).count().get_result::<i64>(conn)? > 0;
        return Err(missing_or_stale(exists));
    }
    Ok(())
}
