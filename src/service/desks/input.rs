//! What managers send to create and change desks, and the checks that need more than
//! one part of the desk (a template's shift type, a succession's target).

use std::collections::HashSet;

use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::desk::{Closures, CoverageWindow, Desk, ShiftTemplate, ShiftType, MAX_CLOSED_DATES};
use crate::domain::holiday_region::normalize_holiday_region;
use crate::domain::time_zone::parse_time_zone;
use crate::domain::validation::check_name;
use crate::domain::InvalidValue;

pub const MAX_SHIFT_TYPES: usize = 20;
pub const MAX_TEMPLATES: usize = 100;
pub const MAX_TEAMS: usize = 50;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDesk {
    #[schema(example = "Customer Service EN/DE")]
    pub name: String,
    /// The zone the desk's manager thinks in.
    #[schema(example = "Europe/Warsaw")]
    pub time_zone: String,
    /// Ids of the teams whose people staff it (at least one).
    pub teams: Vec<String>,
    /// Weekly windows when the desk must be staffed; left out: Monday 00:00 to Friday
    /// 24:00 in the desk's zone.
    #[serde(default)]
    pub coverage: Option<Vec<CoverageWindow>>,
    #[serde(default)]
    pub shift_types: Vec<ShiftType>,
    #[serde(default)]
    pub templates: Vec<ShiftTemplate>,
    #[serde(default)]
    pub closures: Closures,
    /// People may work on their region's public holidays (it counts for fairness).
    #[serde(default)]
    pub holiday_work: bool,
}

/// Fields left out stay as they are; lists are replaced whole.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeskChanges {
    pub name: Option<String>,
    pub time_zone: Option<String>,
    pub teams: Option<Vec<String>>,
    pub coverage: Option<Vec<CoverageWindow>>,
    pub shift_types: Option<Vec<ShiftType>>,
    pub closures: Option<Closures>,
    pub holiday_work: Option<bool>,
    /// True hides the desk from lists and from planning; false brings it back.
    pub archived: Option<bool>,
}

/// `PUT /api/desks/{id}/templates`: the whole list, in display order.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateList {
    pub templates: Vec<ShiftTemplate>,
}

pub fn check_desk_name(name: &str) -> Result<String, InvalidValue> {
    check_name("name", name)
}

pub fn check_zone(field: &str, zone: &str) -> Result<String, InvalidValue> {
    Ok(parse_time_zone(field, zone)?.name().to_string())
}

/// Team ids without repeats; at least one.
pub fn check_team_list(teams: &[String]) -> Result<Vec<String>, InvalidValue> {
    if teams.is_empty() {
        return Err(InvalidValue::new("teams", "empty", "a desk is staffed by at least one team"));
    }
    if teams.len() > MAX_TEAMS {
        return Err(InvalidValue::new("teams", "too_many", format!("at most {MAX_TEAMS} teams")));
    }
    let mut unique = teams.to_vec();
    unique.sort();
    unique.dedup();
    Ok(unique)
}

pub fn check_shift_types(types: Vec<ShiftType>) -> Result<Vec<ShiftType>, InvalidValue> {
    if types.len() > MAX_SHIFT_TYPES {
        return Err(InvalidValue::new("shift_types", "too_many", format!("at most {MAX_SHIFT_TYPES} shift types")));
    }
    let types: Vec<ShiftType> = types
        .into_iter()
        .enumerate()
        .map(|(i, t)| t.validated(&format!("shift_types[{i}]")))
        .collect::<Result<_, _>>()?;
    let mut seen = HashSet::new();
    for (i, t) in types.iter().enumerate() {
        if !seen.insert(t.id.as_str()) {
            return Err(InvalidValue::new(
                format!("shift_types[{i}].id"),
                "duplicate",
                format!("`{}` is listed twice", t.id),
            ));
        }
    }
    for (i, t) in types.iter().enumerate() {
        for (j, next) in t.cannot_be_followed_by.iter().enumerate() {
            if !seen.contains(next.as_str()) {
                return Err(unknown_type(format!("shift_types[{i}].cannot_be_followed_by[{j}]"), next));
            }
        }
    }
    Ok(types)
}

fn unknown_type(field: String, id: &str) -> InvalidValue {
    InvalidValue::new(
        field,
        "unknown_shift_type",
        format!("the desk has no shift type `{id}`; define it in shift_types"),
    )
}

pub fn check_closures(closures: Closures) -> Result<Closures, InvalidValue> {
    if closures.dates.len() > MAX_CLOSED_DATES {
        return Err(InvalidValue::new("closures.dates", "too_many", format!("at most {MAX_CLOSED_DATES} dates")));
    }
    let mut dates = closures.dates;
    dates.sort();
    dates.dedup();
    let mut regions = closures
        .holidays_of
        .iter()
        .enumerate()
        .map(|(i, region)| normalize_holiday_region(&format!("closures.holidays_of[{i}]"), region))
        .collect::<Result<Vec<_>, _>>()?;
    regions.sort();
    regions.dedup();
    Ok(Closures { dates, holidays_of: regions })
}

/// Checks `templates` against the desk's shift types and its current templates: a
/// template that names an id keeps that template (so the id must be one of the
/// desk's); one without an id is new and gets `new_id()`.
pub fn check_templates(
    desk: &Desk,
    templates: Vec<ShiftTemplate>,
    mut new_id: impl FnMut() -> String,
) -> Result<Vec<ShiftTemplate>, InvalidValue> {
    if templates.len() > MAX_TEMPLATES {
        return Err(InvalidValue::new("templates", "too_many", format!("at most {MAX_TEMPLATES} templates")));
    }
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    let mut checked = Vec::with_capacity(templates.len());
    for (i, template) in templates.into_iter().enumerate() {
        let field = format!("templates[{i}]");
        let mut template = template.validated(&field)?;
        if !desk.shift_types.iter().any(|t| t.id == template.shift_type) {
            return Err(unknown_type(format!("{field}.shift_type"), &template.shift_type));
        }
        if template.id.is_empty() {
            template.id = new_id();
        } else if !desk.templates.iter().any(|t| t.id == template.id) {
            return Err(InvalidValue::new(
                format!("{field}.id"),
                "unknown_template",
                "this desk has no template with this id; leave id out for a new template",
            ));
        }
        if !ids.insert(template.id.clone()) {
            return Err(InvalidValue::new(format!("{field}.id"), "duplicate", "the same template is listed twice"));
        }
        if !names.insert(template.name.to_lowercase()) {
            return Err(InvalidValue::new(
                format!("{field}.name"),
                "duplicate",
                format!("another template is already called `{}`", template.name),
            ));
        }
        checked.push(template);
    }
    Ok(checked)
}

/// A change of shift types must leave every template's type defined.
pub fn check_types_still_used(desk: &Desk) -> Result<(), InvalidValue> {
    for template in &desk.templates {
        if !desk.shift_types.iter().any(|t| t.id == template.shift_type) {
            return Err(InvalidValue::new(
                "shift_types",
                "shift_type_in_use",
                format!(
                    "template `{}` uses shift type `{}`; change the template first",
                    template.name, template.shift_type
                ),
            ));
        }
    }
    Ok(())
}
