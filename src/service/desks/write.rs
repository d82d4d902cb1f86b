use chrono::{DateTime, Utc};

use super::input::{
    check_closures, check_desk_name, check_shift_types, check_team_list, check_templates, check_types_still_used,
    check_zone, DeskChanges, NewDesk,
};
use super::{detail, find, DeskDetail};
use crate::domain::desk::CoverageWindow;

/// Weekly windows a desk may have: one per weekday and a half is plenty.
pub const MAX_WINDOWS: usize = 14;
use crate::domain::{Desk, InvalidValue};
use crate::service::{audit, holidays, Actor, Context, Error, IfVersion};
use crate::store::{self, DbConnection};

/// Every team exists, and a manager who is not an admin manages each team they add
/// or take away: a desk decides whose people a roster may plan.
fn check_teams(conn: &mut DbConnection, actor: &Actor, before: &[String], after: &[String]) -> Result<(), Error> {
    for (i, team) in after.iter().enumerate() {
        if store::teams::find(conn, team)?.is_none() {
            return Err(
                InvalidValue::new(format!("teams[{i}]"), "unknown_team", format!("no team has id `{team}`")).into()
            );
        }
    }
    let changed = after.iter().filter(|t| !before.contains(t)).chain(before.iter().filter(|t| !after.contains(t)));
    for team in changed {
        Error::require(actor.manages_team(team))?;
    }
    Ok(())
}

fn check_windows(coverage: Vec<CoverageWindow>) -> Result<Vec<CoverageWindow>, InvalidValue> {
    if coverage.is_empty() || coverage.len() > MAX_WINDOWS {
        return Err(InvalidValue::new(
            "coverage",
            "out_of_range",
            format!("between 1 and {MAX_WINDOWS} weekly windows"),
        ));
    }
    for (i, window) in coverage.iter().enumerate() {
        window.validate(&format!("coverage[{i}]"))?;
    }
    if let Some((i, j)) = super::expand::overlapping_windows(&coverage) {
        return Err(InvalidValue::new(
            format!("coverage[{j}]"),
            "windows_overlap",
            format!("overlaps coverage[{i}]; join them into one window"),
        ));
    }
    Ok(coverage)
}

/// Every closing region has a calendar.
fn check_regions(conn: &mut DbConnection, desk: &Desk) -> Result<(), Error> {
    for (i, region) in desk.closures.holidays_of.iter().enumerate() {
        if !holidays::region_is_known(conn, region)? {
            return Err(InvalidValue::new(
                format!("closures.holidays_of[{i}]"),
                "unknown_region",
                format!("no holiday calendar for `{region}`"),
            )
            .into());
        }
    }
    Ok(())
}

fn new_desk(input: NewDesk, now: DateTime<Utc>) -> Result<Desk, InvalidValue> {
    let time_zone = check_zone("time_zone", &input.time_zone)?;
    let coverage = check_windows(input.coverage.unwrap_or_else(|| vec![CoverageWindow::business_week(&time_zone)]))?;
    let mut desk = Desk {
        id: store::new_id(),
        name: check_desk_name(&input.name)?,
        time_zone,
        teams: check_team_list(&input.teams)?,
        coverage,
        shift_types: check_shift_types(input.shift_types)?,
        templates: Vec::new(),
        closures: check_closures(input.closures)?,
        holiday_work: input.holiday_work,
        archived_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    desk.templates = check_templates(&desk, input.templates, store::new_id)?;
    Ok(desk)
}

/// Creates a desk: admins for any teams, managers for teams they manage.
pub fn create(ctx: &Context, actor: &Actor, input: Result<NewDesk, Error>) -> Result<DeskDetail, Error> {
    Error::require(actor.is_admin() || actor.role == crate::domain::Role::Manager)?;
    let now = ctx.now();
    let desk = new_desk(input?, now)?;
    ctx.write(|conn| {
        check_teams(conn, actor, &[], &desk.teams)?;
        check_regions(conn, &desk)?;
        store::desks::insert(conn, &desk)?;
        audit::record(conn, now, &actor.id, "create", "desk", &desk.id, serde_json::json!({"name": desk.name}))?;
        detail(ctx, conn, desk)
    })
}

fn apply(desk: &mut Desk, changes: DeskChanges, now: DateTime<Utc>) -> Result<(), InvalidValue> {
    if let Some(name) = &changes.name {
        desk.name = check_desk_name(name)?;
    }
    if let Some(zone) = &changes.time_zone {
        desk.time_zone = check_zone("time_zone", zone)?;
    }
    if let Some(teams) = &changes.teams {
        desk.teams = check_team_list(teams)?;
    }
    if let Some(coverage) = changes.coverage {
        desk.coverage = check_windows(coverage)?;
    }
    if let Some(types) = changes.shift_types {
        desk.shift_types = check_shift_types(types)?;
        check_types_still_used(desk)?;
    }
    if let Some(closures) = changes.closures {
        desk.closures = check_closures(closures)?;
    }
    if let Some(holiday_work) = changes.holiday_work {
        desk.holiday_work = holiday_work;
    }
    match changes.archived {
        Some(true) if desk.archived_at.is_none() => desk.archived_at = Some(now),
        Some(false) => desk.archived_at = None,
        _ => {}
    }
    Ok(())
}

/// Changes a desk (managers of one of its teams, admins).
pub fn update(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected_version: Result<IfVersion, Error>,
    changes: Result<DeskChanges, Error>,
) -> Result<DeskDetail, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let mut desk = find(conn, id)?;
        Error::require(actor.manages_desk(&desk))?;
        let (expected_version, changes) = (expected_version?, changes?);
        let teams_before = desk.teams.clone();
        let changed: Vec<&str> = [
            ("name", changes.name.is_some()),
            ("time_zone", changes.time_zone.is_some()),
            ("teams", changes.teams.is_some()),
            ("coverage", changes.coverage.is_some()),
            ("shift_types", changes.shift_types.is_some()),
            ("closures", changes.closures.is_some()),
            ("holiday_work", changes.holiday_work.is_some()),
            ("archived", changes.archived.is_some()),
        ]
        .into_iter()
        .filter_map(|(field, given)| given.then_some(field))
        .collect();
        apply(&mut desk, changes, now)?;
        check_teams(conn, actor, &teams_before, &desk.teams)?;
        check_regions(conn, &desk)?;
        let saved = store::desks::update(conn, &desk, expected_version.against(desk.version), now)?;
        audit::record(conn, now, &actor.id, "update", "desk", id, serde_json::json!({ "fields": changed }))?;
        detail(ctx, conn, saved)
    })
}

/// What deleting a desk did.
#[derive(Debug)]
pub enum Deletion {
    Deleted,
    /// It has published rosters, which staff and history point at: archived instead.
    Archived(Box<DeskDetail>),
}

/// Deletes a desk with its templates and draft rosters (managers of one of its
/// teams, admins); a desk with a published roster is archived instead.
pub fn delete(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected_version: Result<IfVersion, Error>,
) -> Result<Deletion, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let mut desk = find(conn, id)?;
        Error::require(actor.manages_desk(&desk))?;
        let expected_version = expected_version?.against(desk.version);
        if store::rosters::desk_has_published(conn, id)? {
            if desk.archived_at.is_none() {
                desk.archived_at = Some(now);
            }
            let saved = store::desks::update(conn, &desk, expected_version, now)?;
            audit::record(conn, now, &actor.id, "archive", "desk", id, serde_json::json!({"name": desk.name}))?;
            return Ok(Deletion::Archived(Box::new(detail(ctx, conn, saved)?)));
        }
        store::desks::delete(conn, id, expected_version)?;
        audit::record(conn, now, &actor.id, "delete", "desk", id, serde_json::json!({"name": desk.name}))?;
        Ok(Deletion::Deleted)
    })
}
