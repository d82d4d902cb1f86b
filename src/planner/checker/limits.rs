//! The counting rules of one person: per type, minutes over the horizon, weekly minutes
//! and nights (history and commitments in the week they start in), weekends. A forced
//! shift that takes a fixed load over a limit raises the limit the plan is held to.

use super::findings::{Findings, Source};
use super::person::{Duty, Worked};
use super::runs::Day;
use crate::planner::definitions::{blocking_day, is_night, is_weekend, local_day, week_start};
use crate::planner::model::{Contract, NightRule, Person, Problem};
use chrono::NaiveDate;
use chrono_tz::Tz;
use std::collections::{BTreeMap, BTreeSet};

/// What the person's checks have gathered so far.
pub struct Facts<'f, 'a> {
    pub problem: &'a Problem,
    pub person: &'a Person,
    pub contract: &'f Contract,
    pub zone: Tz,
    pub rule: NightRule,
    pub worked: &'f [Worked<'a>],
    pub duties: &'f [Duty<'a>],
    pub by_day: &'f BTreeMap<NaiveDate, Vec<Day<'a>>>,
    pub history_days: &'f BTreeMap<NaiveDate, Vec<Day<'a>>>,
    /// The person's first and last local day of the horizon.
    pub span: Option<(NaiveDate, NaiveDate)>,
}

/// This plan's own counts, for the tally and fairness.
pub struct Counted {
    pub minutes: i64,
    pub nights: u32,
    pub holidays: u32,
    pub weekends: u32,
}

/// The limits a plan is held to after forced shifts; see `Findings::limit`.
struct Load<'a> {
    total: i64,
    fixed: i64,
    forced: Vec<&'a str>,
}

impl<'a> Load<'a> {
    fn new() -> Self {
        Load { total: 0, fixed: 0, forced: Vec::new() }
    }
    fn add(&mut self, amount: i64, source: Source, id: &'a str) {
        self.total += amount;
        if source.is_fixed() {
            self.fixed += amount;
        }
        if source == Source::Forced {
            self.forced.push(id);
        }
    }
}

pub fn check_limits(facts: &Facts, found: &mut Findings) -> Counted {
    let Facts { problem, person, contract, zone, rule, worked, duties, by_day, history_days, span } = *facts;
    let mut per_type: BTreeMap<&str, Load> = BTreeMap::new();
    let mut horizon_minutes = Load::new();
    for wk in worked {
        per_type.entry(wk.shift.shift_type.as_str()).or_insert_with(Load::new).add(1, wk.source, &wk.shift.id);
        horizon_minutes.add((wk.shift.end - wk.shift.start).num_minutes(), wk.source, &wk.shift.id);
    }
    for (t, load) in &per_type {
        if let Some(max) = contract.max_shifts_per_type.get(*t) {
            let message = format!("{} shifts of type {t}, max {max}", load.fixed);
            let allowed = found.limit("MAX_SHIFTS", *max, load.fixed, &load.forced, message);
            if load.total > allowed {
                found.flag("MAX_SHIFTS", format!("{} shifts of type {t}, max {allowed}", load.total));
            }
        }
    }
    let minutes = horizon_minutes.total;
    if let Some(max) = contract.max_minutes_per_horizon {
        let message = format!("{} min fixed, max {max}", horizon_minutes.fixed);
        let allowed = found.limit("MAX_TOTAL_MINUTES", max, horizon_minutes.fixed, &horizon_minutes.forced, message);
        if minutes > allowed {
            found.flag("MAX_TOTAL_MINUTES", format!("{minutes} min, max {allowed}"));
        }
    }
    if let Some(min) = contract.min_minutes_per_horizon {
        if minutes < i64::from(min) {
            found.flag("MIN_TOTAL_MINUTES", format!("{minutes} min, min {min}"));
        }
    }

    // Weekly minutes and nights, history and commitments included in the calendar week
    // they start in (weeks of the horizon only: the plan cannot add to others).
    let weeks = span.map(|(f, l)| (week_start(f), week_start(l)));
    let in_horizon = |week: NaiveDate| weeks.is_some_and(|(a, b)| a <= week && week <= b);
    let mut week_minutes: BTreeMap<NaiveDate, (Load, bool)> = BTreeMap::new();
    let mut week_nights: BTreeMap<NaiveDate, (Load, bool)> = BTreeMap::new();
    let mut nights = 0;
    let mut holidays = 0;
    for duty in duties {
        let week = week_start(local_day(zone, duty.start));
        if !in_horizon(week) {
            continue;
        }
        let planned = duty.source != Source::Past;
        let entry = week_minutes.entry(week).or_insert_with(|| (Load::new(), false));
        entry.0.add((duty.end - duty.start).num_minutes(), duty.source, duty.id);
        entry.1 |= planned;
        if is_night(zone, rule, duty.start, duty.end) {
            let entry = week_nights.entry(week).or_insert_with(|| (Load::new(), false));
            entry.0.add(1, duty.source, duty.id);
            entry.1 |= planned;
        }
    }
    for wk in worked {
        if is_night(zone, rule, wk.shift.start, wk.shift.end) {
            nights += 1;
        }
        if blocking_day(problem.rules.days_off_by, zone, &person.holidays, wk.shift.start, wk.shift.end).is_some() {
            holidays += 1;
        }
    }
    let weekly = [
        ("MAX_WEEKLY_MINUTES", contract.max_minutes_per_week, &week_minutes, "min"),
        ("MAX_NIGHTS_PER_WEEK", contract.max_nights_per_week, &week_nights, "nights"),
    ];
    for (code, max, table, unit) in weekly {
        let Some(max) = max else { continue };
        for (week, (load, planned)) in table {
            let message = format!("{} {unit} fixed in the week of {week}, max {max}", load.fixed);
            let allowed = found.limit(code, max, load.fixed, &load.forced, message);
            // Only a week the plan adds to can break the limit.
            if *planned && load.total > allowed {
                found.flag(code, format!("{} {unit} in the week of {week}, max {allowed}", load.total));
            }
        }
    }

    // Weekends: one counts once however many of its days are worked; a weekend already
    // begun in the history is the same weekend.
    let weekends: BTreeSet<NaiveDate> = by_day.keys().filter(|d| is_weekend(**d)).map(|d| week_start(*d)).collect();
    if let Some(max) = contract.max_weekends {
        let history_weekends: BTreeSet<NaiveDate> = history_days
            .keys()
            .filter(|d| is_weekend(**d))
            .map(|d| week_start(*d))
            .filter(|w| in_horizon(*w))
            .collect();
        let mut fixed: BTreeSet<NaiveDate> = history_weekends.clone();
        let mut forced = Vec::new();
        for wk in worked.iter().filter(|wk| wk.source.is_fixed() && is_weekend(wk.day)) {
            fixed.insert(week_start(wk.day));
            if wk.source == Source::Forced {
                forced.push(wk.shift.id.as_str());
            }
        }
        let all = weekends.union(&history_weekends).count() as i64;
        let message = format!("{} weekends fixed, max {max}", fixed.len());
        let allowed = found.limit("MAX_WEEKENDS", max, fixed.len() as i64, &forced, message);
        if all > allowed {
            found.flag("MAX_WEEKENDS", format!("{all} weekends worked, max {allowed}"));
        }
    }

    Counted { minutes, nights, holidays, weekends: weekends.len() as u32 }
}
