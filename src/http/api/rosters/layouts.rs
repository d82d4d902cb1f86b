//! The other two ways to read a roster: by person (each person's shifts in their own
//! zone, with their totals) and by day (the desk's local days, each with its shifts).
//! Both are reshapings of the shifts a roster answer already holds.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::view::RosterShiftView;
use crate::domain::time_zone::stored_zone;
use crate::http::api::error::ApiError;
use crate::http::query::invalid_query;
use crate::service::desks::expand::local_text;
use crate::service::rosters::RosterPerson;

/// `?by=` of `GET /api/rosters/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Shift,
    Person,
    Day,
}

impl Layout {
    pub fn parse(value: Option<&str>) -> Result<Self, ApiError> {
        match value {
            None | Some("shift") => Ok(Self::Shift),
            Some("person") => Ok(Self::Person),
            Some("day") => Ok(Self::Day),
            Some(_) => Err(invalid_query("by", "one of shift, person, day")),
        }
    }
}

/// One person's shifts on the roster.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonShifts {
    pub person_id: String,
    pub name: String,
    /// The zone of this person's `*_local` times and dates.
    pub time_zone: String,
    pub shift_count: usize,
    /// Minutes on the roster's shifts (real minutes: a night across a DST change is
    /// seven or nine hours).
    pub minutes: i64,
    pub shifts: Vec<PersonShift>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonShift {
    pub shift_id: String,
    pub assignment_id: String,
    pub template: String,
    pub shift_type: String,
    /// The date the shift starts on in the person's zone.
    #[schema(value_type = String, format = Date)]
    pub local_date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub start_local: String,
    pub end_local: String,
    pub forced: bool,
}

/// One local day of the desk.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DayShifts {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// ISO weekday: 1 Monday … 7 Sunday.
    pub weekday: u32,
    pub shifts: Vec<DayShift>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DayShift {
    pub shift_id: String,
    pub template: String,
    pub shift_type: String,
    /// In the desk's zone.
    pub start_local: String,
    pub end_local: String,
    pub min_headcount: u32,
    pub target_headcount: u32,
    /// Fewer people than the minimum.
    pub below_minimum: bool,
    pub people: Vec<DayPerson>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DayPerson {
    pub person_id: String,
    pub name: String,
}

/// Everyone on the roster by name, each with their shifts by start.
pub fn by_person(shifts: &[RosterShiftView], people: &[RosterPerson]) -> Vec<PersonShifts> {
    people
        .iter()
        .map(|person| {
            let zone = stored_zone(&person.time_zone);
            let mine: Vec<PersonShift> = shifts
                .iter()
                .flat_map(|shift| {
                    shift.assigned.iter().filter(|a| a.person_id == person.id).map(move |a| PersonShift {
                        shift_id: shift.id.clone(),
                        assignment_id: a.id.clone(),
                        template: shift.template.clone(),
                        shift_type: shift.shift_type.clone(),
                        local_date: shift.start.with_timezone(&zone).date_naive(),
                        start: shift.start,
                        end: shift.end,
                        start_local: local_text(zone, shift.start),
                        end_local: local_text(zone, shift.end),
                        forced: a.forced,
                    })
                })
                .collect();
            PersonShifts {
                person_id: person.id.clone(),
                name: person.name.clone(),
                time_zone: person.time_zone.clone(),
                shift_count: mine.len(),
                minutes: mine.iter().map(|s| (s.end - s.start).num_minutes()).sum(),
                shifts: mine,
            }
        })
        .collect()
}

/// The roster's days in the desk's zone (days without shifts left out), each with its
/// shifts by start.
pub fn by_day(shifts: &[RosterShiftView]) -> Vec<DayShifts> {
    let mut days: BTreeMap<NaiveDate, Vec<DayShift>> = BTreeMap::new();
    for shift in shifts {
        days.entry(shift.local_date).or_default().push(DayShift {
            shift_id: shift.id.clone(),
            template: shift.template.clone(),
            shift_type: shift.shift_type.clone(),
            start_local: shift.start_local.clone(),
            end_local: shift.end_local.clone(),
            min_headcount: shift.min_headcount,
            target_headcount: shift.target_headcount,
            below_minimum: (shift.assigned.len() as u32) < shift.min_headcount,
            people: shift
                .assigned
                .iter()
                .map(|a| DayPerson { person_id: a.person_id.clone(), name: a.name.clone() })
                .collect(),
        });
    }
    days.into_iter()
        .map(|(date, shifts)| DayShifts { date, weekday: date.weekday().number_from_monday(), shifts })
        .collect()
}
