//! The roster board: everyone who staffs the desk, grouped by team, day by day in the
//! desk's zone, with their shifts, approved leave and public holidays, their totals
//! for the horizon, and how many each shift has against its minimum and target.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};

use super::{readable, RosterDetail};
use crate::domain::job::Job;
use crate::domain::time_zone::stored_zone;
use crate::domain::Person;
use crate::planner::time::resolve_local;
use crate::service::{holidays, time_off, Actor, Context, Error};
use crate::store::{self, people::PeopleQuery, DbConnection};

/// A UTC interval, end exclusive.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// One person's day on the board.
#[derive(Debug, Clone, Default)]
pub struct BoardDay {
    /// (index into `RosterDetail::assignments`, index into `RosterDetail::shifts`) of
    /// the person's shifts starting that day.
    pub assignments: Vec<(usize, usize)>,
    /// Approved time off touches the day.
    pub leave: bool,
    /// A public holiday of the person's region on that date.
    pub holiday: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BoardPerson {
    pub person: Person,
    pub days: Vec<BoardDay>,
    /// Minutes on the horizon's shifts.
    pub minutes: i64,
    pub shifts: usize,
    /// Shifts starting on a Saturday or Sunday in the person's zone.
    pub weekend_shifts: usize,
    /// Shifts on a public holiday of the person's region.
    pub holiday_shifts: usize,
}

#[derive(Debug, Clone)]
pub struct BoardGroup {
    pub team: String,
    pub people: Vec<BoardPerson>,
}

#[derive(Debug, Clone)]
pub struct Board {
    pub detail: RosterDetail,
    /// The horizon's days in the desk's zone.
    pub days: Vec<NaiveDate>,
    pub groups: Vec<BoardGroup>,
    /// Per shift of `detail.shifts`: how many are on it.
    pub assigned: Vec<usize>,
    /// Per shift: its day's index in `days` (by its start in the desk's zone).
    pub shift_day: Vec<Option<usize>>,
    /// The plan job queued or running on the roster, if any.
    pub active_job: Option<Job>,
    /// Whether the caller manages the desk (plans, publishes, edits).
    pub manages: bool,
}

/// The roster's board, for whoever may read the roster.
pub fn board(ctx: &Context, actor: &Actor, id: &str) -> Result<Board, Error> {
    ctx.read(|conn| {
        let (roster, desk) = readable(conn, actor, id)?;
        let manages = actor.manages_desk(&desk);
        let active_job = store::jobs::active_for_roster(conn, &roster.id)?;
        let detail = RosterDetail::load(conn, roster, desk)?;
        let mut board = build(conn, detail)?;
        board.active_job = active_job;
        board.manages = manages;
        Ok(board)
    })
}

fn build(conn: &mut DbConnection, detail: RosterDetail) -> Result<Board, Error> {
    let zone = stored_zone(&detail.desk.time_zone);
    let (first, last) = (detail.roster.first_date, detail.roster.last_date);
    let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    let index_of = |date: NaiveDate| usize::try_from((date - first).num_days()).ok().filter(|i| *i < days.len());
    let shift_day: Vec<Option<usize>> =
        detail.shifts.iter().map(|s| index_of(s.start.with_timezone(&zone).date_naive())).collect();
    let shift_index: HashMap<&str, usize> = detail.shifts.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut assigned = vec![0; detail.shifts.len()];
    for a in &detail.assignments {
        if let Some(i) = shift_index.get(a.shift_id.as_str()) {
            assigned[*i] += 1;
        }
    }

    // Everyone active in the desk's teams, then anyone assigned from elsewhere.
    let team_names = store::teams::names(conn, &detail.desk.teams)?;
    let mut groups: Vec<(String, Vec<Person>)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for team in &detail.desk.teams {
        let query = PeopleQuery { team_id: Some(team.clone()), limit: i64::MAX, ..PeopleQuery::default() };
        let people: Vec<Person> =
            store::people::list(conn, &query)?.into_iter().filter(|p| !seen.contains(&p.id)).collect();
        seen.extend(people.iter().map(|p| p.id.clone()));
        groups.push((team_names.get(team).cloned().unwrap_or_else(|| team.clone()), people));
    }
    let mut others = Vec::new();
    for a in &detail.assignments {
        if !seen.contains(&a.person_id) {
            seen.push(a.person_id.clone());
            if let Some(person) = store::people::find(conn, &a.person_id)? {
                others.push(person);
            }
        }
    }
    if !others.is_empty() {
        groups.push(("From other teams".into(), others));
    }

    let midnight = |date: NaiveDate| resolve_local(zone, date.and_time(NaiveTime::MIN));
    let (start, end) = (midnight(first), midnight(last + Days::new(1)));
    let leave = time_off::approved_unavailability(conn, &seen, start, end)?;
    let mut leave_spans: HashMap<String, Vec<Span>> = HashMap::new();
    for unavailable in leave {
        leave_spans.entry(unavailable.person_id).or_default().push((unavailable.start, unavailable.end));
    }
    let mut holidays_of: HashMap<String, HashMap<NaiveDate, String>> = HashMap::new();

    let mut board_groups = Vec::new();
    for (team, people) in groups {
        let mut rows = Vec::new();
        for person in people {
            if !holidays_of.contains_key(&person.holiday_region) {
                let days_off = holidays::in_range(conn, &person.holiday_region, first, last)?;
                holidays_of
                    .insert(person.holiday_region.clone(), days_off.into_iter().map(|h| (h.date, h.name)).collect());
            }
            let holidays = &holidays_of[&person.holiday_region];
            let own_zone = stored_zone(&person.time_zone);
            let spans = leave_spans.get(&person.id).map(Vec::as_slice).unwrap_or(&[]);
            let mut board_days: Vec<BoardDay> = days
                .iter()
                .map(|date| {
                    let (day_start, day_end) = (midnight(*date), midnight(*date + Days::new(1)));
                    BoardDay {
                        assignments: Vec::new(),
                        leave: spans.iter().any(|(s, e)| *s < day_end && *e > day_start),
                        holiday: holidays.get(date).cloned(),
                    }
                })
                .collect();
            let mut row =
                BoardPerson { person, days: Vec::new(), minutes: 0, shifts: 0, weekend_shifts: 0, holiday_shifts: 0 };
            for (ai, a) in detail.assignments.iter().enumerate().filter(|(_, a)| a.person_id == row.person.id) {
                let Some(&si) = shift_index.get(a.shift_id.as_str()) else { continue };
                let shift = &detail.shifts[si];
                row.minutes += (shift.end - shift.start).num_minutes();
                row.shifts += 1;
                let local = shift.start.with_timezone(&own_zone).date_naive();
                if matches!(local.weekday(), Weekday::Sat | Weekday::Sun) {
                    row.weekend_shifts += 1;
                }
                if holidays.contains_key(&local) {
                    row.holiday_shifts += 1;
                }
                if let Some(day) = shift_day[si] {
                    board_days[day].assignments.push((ai, si));
                }
            }
            row.days = board_days;
            rows.push(row);
        }
        board_groups.push(BoardGroup { team, people: rows });
    }
    Ok(Board { detail, days, groups: board_groups, assigned, shift_day, active_job: None, manages: false })
}
