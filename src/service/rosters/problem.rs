//! The planner's problem for a roster, built from the database: the one place the
//! service turns desks, people, contracts, leave, holidays and published work into
//! the planner's words. The planner stays pure; everything it knows comes from here.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::domain::time_zone::stored_zone;

use super::words;
use crate::domain::preference::{Preference, Wish};
use crate::domain::roster::{Assignment, Roster, RosterShift};
use crate::domain::{Desk, Person, TimeOffPeriod};
use crate::planner::definitions;
use crate::planner::model::{self, Problem};
use crate::planner::time::resolve_local;
use crate::service::{holidays, settings, time_off, Error};
use crate::store::{self, people::PeopleQuery, rosters::PublishedWork, DbConnection};

/// How far before the horizon published shifts count as history (rest, successions,
/// consecutive days, the first week's minutes and nights).
const HISTORY_DAYS: i64 = 14;
/// How far after the horizon published shifts count as commitments (rest into them).
const FOLLOWING_DAYS: i64 = 7;
/// The shift type of history worked on another desk: it counts for rest and days,
/// but this desk's successions do not apply to it.
pub const ELSEWHERE: &str = "elsewhere";

/// The horizon in UTC: the desk's local midnight before the first date to the one
/// after the last, widened to every shift (a night may start the evening before).
pub fn horizon(desk: &Desk, roster: &Roster, shifts: &[RosterShift]) -> (DateTime<Utc>, DateTime<Utc>) {
    let zone = stored_zone(&desk.time_zone);
    let midnight = |date: NaiveDate| resolve_local(zone, date.and_time(NaiveTime::MIN));
    let start = midnight(roster.first_date);
    let end = midnight(roster.last_date.succ_opt().unwrap_or(roster.last_date));
    let first_shift = shifts.iter().map(|s| s.start).min().unwrap_or(start);
    let last_shift = shifts.iter().map(|s| s.end).max().unwrap_or(end);
    (start.min(first_shift), end.max(last_shift))
}

/// The active people of the desk's teams, by name.
pub fn staff(conn: &mut DbConnection, desk: &Desk) -> Result<Vec<Person>, Error> {
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    for team in &desk.teams {
        let query = PeopleQuery { team_id: Some(team.clone()), limit: i64::MAX, ..PeopleQuery::default() };
        for person in store::people::list(conn, &query)? {
            people.entry(person.id.clone()).or_insert(person);
        }
    }
    let mut staff: Vec<Person> = people.into_values().filter(|p| p.active).collect();
    staff.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    Ok(staff)
}

fn planner_shift(shift: &RosterShift) -> model::Shift {
    model::Shift {
        id: shift.id.clone(),
        desk: String::new(),
        shift_type: shift.shift_type.clone(),
        start: shift.start,
        end: shift.end,
        min_headcount: shift.min_headcount,
        target_headcount: shift.target_headcount,
        required_skills: shift.requirements.required_skills.iter().filter_map(words::skill).collect(),
        skill_minimums: shift.requirements.skill_minimums.iter().filter_map(words::skill_minimum).collect(),
        weight_below_target: None,
        weight_above_target: None,
    }
}

/// Counts of published work in the look-back, in the person's zone, for fairness.
fn ledger(work: &[&PublishedWork], zone: Tz, night: model::NightRule, holidays: &BTreeSet<NaiveDate>) -> model::Ledger {
    let mut weekends = BTreeSet::new();
    let mut ledger = model::Ledger::default();
    for w in work {
        let (start, end) = (w.shift.start, w.shift.end);
        if definitions::is_night(zone, night, start, end) {
            ledger.nights += 1;
        }
        let day = definitions::local_day(zone, start);
        if definitions::is_weekend(day) {
            weekends.insert(definitions::week_start(day));
        }
        if holidays.contains(&day) {
            ledger.holidays += 1;
        }
    }
    ledger.weekends = u32::try_from(weekends.len()).unwrap_or(u32::MAX);
    ledger
}

/// A person's wishes as the planner's requests on the horizon's dates (their local
/// dates; a day either side, as their zone may differ from the desk's). A wish for a
/// shift type this desk does not have does not concern it.
fn requests(wishes: &[Preference], roster: &Roster, types: &BTreeSet<String>) -> Vec<model::Request> {
    let (Some(first), Some(last)) = (roster.first_date.pred_opt(), roster.last_date.succ_opt()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for wish in wishes {
        if wish.shift_type.as_ref().is_some_and(|t| !types.contains(t)) {
            continue;
        }
        let kind = match wish.wish {
            Wish::Work => model::RequestKind::On,
            Wish::Free => model::RequestKind::Off,
        };
        for date in first.iter_days().take_while(|d| *d <= last) {
            let matches = match (wish.date, wish.weekday) {
                (Some(day), _) => day == date,
                (None, Some(iso)) => u32::from(iso) == date.weekday().number_from_monday(),
                (None, None) => false,
            };
            if matches {
                out.push(model::Request { date, shift_type: wish.shift_type.clone(), kind, weight: wish.weight });
            }
        }
    }
    out
}

/// Builds the problem: `shifts` of `roster` on `desk`, `current` the roster's
/// assignments now (kept as the previous plan; forced ones as forced locks).
pub fn build(
    conn: &mut DbConnection,
    desk: &Desk,
    roster: &Roster,
    shifts: &[RosterShift],
    current: &[Assignment],
) -> Result<Problem, Error> {
    let people = staff(conn, desk)?;
    build_with_staff(conn, desk, roster, shifts, current, &people)
}

/// [`build`] for a caller that has read the desk's [`staff`] already (the board shows them).
pub fn build_with_staff(
    conn: &mut DbConnection,
    desk: &Desk,
    roster: &Roster,
    shifts: &[RosterShift],
    current: &[Assignment],
    people: &[Person],
) -> Result<Problem, Error> {
    let rules = settings::rules(conn)?;
    let night = words::night_rule(&rules.night);
    let ids: Vec<String> = people.iter().map(|p| p.id.clone()).collect();
    let (start, end) = horizon(desk, roster, shifts);
    let lookback = Duration::weeks(i64::from(rules.fairness_lookback_weeks));
    let history_from = start - Duration::days(HISTORY_DAYS);
    let earliest = (start - lookback).min(history_from);

    let wishes = store::preferences::of_people(conn, &ids)?;
    let leave = time_off::approved_unavailability(conn, &ids, start - Duration::days(1), end + Duration::days(1))?;
    let published = store::rosters::published_work(conn, &ids, earliest, end + Duration::days(FOLLOWING_DAYS))?;
    let mut region_days: HashMap<String, BTreeSet<NaiveDate>> = HashMap::new();
    let first_day = earliest.date_naive().pred_opt().unwrap_or(earliest.date_naive());
    let last_day = end.date_naive().succ_opt().unwrap_or(end.date_naive());
    for person in people {
        if !region_days.contains_key(&person.holiday_region) {
            let days = holidays::in_range(conn, &person.holiday_region, first_day, last_day)?;
            region_days.insert(person.holiday_region.clone(), days.into_iter().map(|h| h.date).collect());
        }
    }

    let mut shift_types: Vec<model::ShiftType> = desk
        .shift_types
        .iter()
        .map(|t| model::ShiftType {
            id: t.id.clone(),
            rotation_rank: t.rotation_rank,
            cannot_be_followed_by: t.cannot_be_followed_by.clone(),
        })
        .collect();
    // A type a template used when the roster was made may since have left the desk.
    let mut known: BTreeSet<String> = shift_types.iter().map(|t| t.id.clone()).collect();
    for shift in shifts {
        if known.insert(shift.shift_type.clone()) {
            shift_types.push(model::ShiftType {
                id: shift.shift_type.clone(),
                rotation_rank: None,
                cannot_be_followed_by: Vec::new(),
            });
        }
    }
    if known.insert(ELSEWHERE.to_string()) {
        shift_types.push(model::ShiftType {
            id: ELSEWHERE.into(),
            rotation_rank: None,
            cannot_be_followed_by: Vec::new(),
        });
    }

    let in_roster: BTreeSet<&str> = shifts.iter().map(|s| s.id.as_str()).collect();
    let mut skills: BTreeSet<String> = BTreeSet::new();
    let mut planner_people = Vec::with_capacity(people.len());
    for person in people {
        let zone = stored_zone(&person.time_zone);
        let person_skills = words::person_skills(person);
        skills.extend(person_skills.iter().cloned());
        let holidays = region_days.get(&person.holiday_region).cloned().unwrap_or_default();
        let mut unavailable = Vec::new();
        let mut unavailable_dates = Vec::new();
        for absence in leave.iter().filter(|l| l.person_id == person.id) {
            match absence.period {
                TimeOffPeriod::Range { start, end } => unavailable.push(model::Interval { start, end }),
                TimeOffPeriod::Dates { first, last } => {
                    unavailable_dates.extend(first.iter_days().take_while(|d| *d <= last));
                }
            }
        }
        let own_night = person.contract.night.as_ref().map(words::night_rule).unwrap_or(night);
        let theirs: Vec<&PublishedWork> =
            published.iter().filter(|w| w.person_id == person.id && !in_roster.contains(w.shift.id.as_str())).collect();
        let mut history = Vec::new();
        let mut commitments = Vec::new();
        for work in &theirs {
            let shift = &work.shift;
            if shift.end <= start && shift.start >= history_from {
                let same_desk = work.desk_id == desk.id && known.contains(&shift.shift_type);
                let shift_type = if same_desk { shift.shift_type.clone() } else { ELSEWHERE.to_string() };
                history.push(model::HistoryShift { shift_type, start: shift.start, end: shift.end });
            } else if shift.end > start {
                let label = format!("{} {}", work.desk_name, shift.template_name);
                commitments.push(model::Commitment { label, start: shift.start, end: shift.end });
            }
        }
        let before: Vec<&PublishedWork> =
            theirs.iter().copied().filter(|w| w.shift.start < start && w.shift.start >= start - lookback).collect();
        let locked = current
            .iter()
            .filter(|a| a.person_id == person.id && a.forced && in_roster.contains(a.shift_id.as_str()))
            .map(|a| model::LockedShift {
                shift: a.shift_id.clone(),
                forced: true,
                reason: Some(a.force_reason.clone().unwrap_or_else(|| "forced by a manager".into())),
            })
            .collect();
        let requests = requests(wishes.get(&person.id).map(Vec::as_slice).unwrap_or_default(), roster, &known);
        planner_people.push(model::Person {
            id: person.id.clone(),
            zone: person.time_zone.clone(),
            skills: person_skills,
            contract: words::contract_id(&person.id),
            unavailable,
            unavailable_dates,
            holidays: holidays.iter().copied().collect(),
            requests,
            locked,
            history,
            commitments,
            ledger: ledger(&before, zone, own_night, &holidays),
        });
    }
    let planner_shifts: Vec<model::Shift> = shifts.iter().map(planner_shift).collect();
    for shift in &planner_shifts {
        skills.extend(shift.required_skills.iter().cloned());
        skills.extend(shift.skill_minimums.iter().flat_map(|m| m.any_of.iter().cloned()));
    }
    let staffed: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let previous = current
        .iter()
        .filter(|a| staffed.contains(a.person_id.as_str()) && in_roster.contains(a.shift_id.as_str()))
        .map(|a| model::Assignment { shift: a.shift_id.clone(), person: a.person_id.clone() })
        .collect();
    Ok(Problem {
        skills: skills.into_iter().collect(),
        shift_types,
        shifts: planner_shifts,
        contracts: people.iter().map(|p| words::contract(p, desk.holiday_work)).collect(),
        people: planner_people,
        rules: model::RuleSwitches { one_shift_per_day: true, days_off_by: words::days_off_by(rules.days_off_by) },
        weights: model::Weights::default(),
        previous,
        night,
    })
}

/// Locks `assignments` as they are (a manager's roster, not the planner's choice), so
/// that the checker counts a forced assignment's clash with them as a forced break.
pub fn keep<'a>(problem: &mut Problem, assignments: impl Iterator<Item = &'a Assignment>) {
    let index: HashMap<String, usize> = problem.people.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
    for a in assignments {
        if let Some(p) = index.get(&a.person_id).map(|i| &mut problem.people[*i]) {
            if !p.locked.iter().any(|l| l.shift == a.shift_id) {
                p.locked.push(model::LockedShift::kept(a.shift_id.clone()));
            }
        }
    }
}
