//! Every hard rule and the person-level soft rules for one person's shifts, with
//! straightforward loops over dates. History and commitments take part like shifts
//! (overlap, rest, weekly minutes, nights); forced shifts are sorted out by `Findings`.

use super::findings::{Findings, Source};
use super::runs::{check_runs, Day};
use crate::planner::definitions::{blocking_day, inside_daytime, is_night, is_weekend, local_day, week_start};
use crate::planner::model::{Contract, Person, PersonTally, Problem, RequestKind, Shift};
use crate::planner::score::{self, PersonCounts};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

pub struct Checked<'a> {
    pub findings: Findings<'a>,
    pub tally: PersonTally,
    pub counts: PersonCounts,
}

struct Worked<'a> {
    shift: &'a Shift,
    day: NaiveDate,
    source: Source,
}

/// A fixed duty or a shift, for the rules that treat them alike.
struct Duty<'a> {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    name: String,
    id: &'a str,
    source: Source,
}

/// The local dates on which any shift of the problem starts, seen from `zone`.
pub fn horizon(problem: &Problem, zone: Tz) -> Option<(NaiveDate, NaiveDate)> {
    let days = problem.shifts.iter().map(|s| local_day(zone, s.start));
    let first = days.clone().min()?;
    Some((first, days.max()?))
}

fn when(zone: Tz, t: DateTime<Utc>) -> String {
    local_day(zone, t).format("%a %d %b").to_string()
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

#[allow(clippy::too_many_arguments)]
pub fn check_person<'a>(
    problem: &'a Problem,
    person: &'a Person,
    contract: &Contract,
    zone: Tz,
    mine: &[&'a Shift],
    (previous, previous_shifts): (&HashSet<(&str, &str)>, &HashSet<&str>),
    by_rule: &mut BTreeMap<String, i64>,
    reasons: &'a HashMap<&'a str, &'a str>,
) -> Checked<'a> {
    let w = &problem.weights;
    let pid = person.id.as_str();
    let rule = contract.night.unwrap_or(problem.night);
    let mut found = Findings::new(pid, reasons);
    let locked: HashSet<&str> = person.locked.iter().map(|l| l.shift.as_str()).collect();
    let source_of = |id: &str| {
        if reasons.contains_key(id) {
            Source::Forced
        } else if locked.contains(id) {
            Source::Locked
        } else {
            Source::Plan
        }
    };
    let worked: Vec<Worked> =
        mine.iter().map(|s| Worked { shift: s, day: local_day(zone, s.start), source: source_of(&s.id) }).collect();

    // Per-shift eligibility.
    for wk in &worked {
        let s = wk.shift;
        let mut broken: Vec<(&'static str, String)> = Vec::new();
        for req in &s.required_skills {
            if !person.skills.contains(req) {
                broken.push(("MISSING_SKILL", format!("{} needs skill {req}", s.id)));
            }
        }
        if person.unavailable.iter().any(|iv| iv.start < s.end && s.start < iv.end) {
            broken.push(("UNAVAILABLE", format!("{} overlaps time off", s.id)));
        }
        if let Some(day) = blocking_day(problem.rules.days_off_by, zone, &person.unavailable_dates, s.start, s.end) {
            broken.push(("DAY_OFF", format!("{} is on a day off ({day})", s.id)));
        }
        if let Some(day) = blocking_day(problem.rules.days_off_by, zone, &person.holidays, s.start, s.end) {
            if !contract.may_work_holidays {
                broken.push(("HOLIDAY", format!("{} is on a public holiday ({day})", s.id)));
            }
        }
        if let Some(win) = contract.daytime {
            let inside = inside_daytime(zone, win, s.start, s.end);
            if !inside && contract.volunteer {
                broken.push(("OUTSIDE_VOLUNTEER_WINDOW", format!("{} is outside their daytime window", s.id)));
            } else if !inside {
                score::add(by_rule, "outside_daytime", w.outside_daytime);
            }
        }
        for (code, message) in broken {
            if wk.source == Source::Forced {
                found.force(code, &[&s.id], message);
            } else {
                found.flag(code, message);
            }
        }
        // Only shifts the previous roster staffed can change (see docs/planner.md).
        if !previous.contains(&(s.id.as_str(), pid)) && previous_shifts.contains(s.id.as_str()) {
            score::add(by_rule, "change_from_previous", w.change_from_previous);
        }
    }
    for l in &person.locked {
        if !mine.iter().any(|s| s.id == l.shift) {
            found.flag("LOCKED_MISSING", format!("locked shift {} is not assigned", l.shift));
        }
    }

    // Overlap and rest among shifts, history and commitments: compare each with the
    // latest end so far.
    let mut duties: Vec<Duty> = person
        .history
        .iter()
        .map(|h| Duty {
            start: h.start,
            end: h.end,
            name: format!("their {} before the horizon", h.shift_type),
            id: "",
            source: Source::Past,
        })
        .collect();
    duties.extend(person.commitments.iter().map(|k| Duty {
        start: k.start,
        end: k.end,
        name: format!("the {} of {}", k.label, when(zone, k.start)),
        id: "",
        source: Source::Past,
    }));
    duties.extend(worked.iter().map(|wk| Duty {
        start: wk.shift.start,
        end: wk.shift.end,
        name: wk.shift.id.clone(),
        id: &wk.shift.id,
        source: wk.source,
    }));
    duties.sort_by(|a, b| (a.start, a.end, &a.name).cmp(&(b.start, b.end, &b.name)));
    let rest = Duration::minutes(i64::from(contract.min_rest_minutes.unwrap_or(0)));
    let mut latest: Option<&Duty> = None;
    for duty in &duties {
        if let Some(prev) = latest {
            let pair = ((prev.source, prev.id), (duty.source, duty.id));
            if duty.start < prev.end {
                found.pair("OVERLAP", pair.0, pair.1, format!("{} overlaps {}", duty.name, prev.name));
            } else if duty.start - prev.end < rest {
                let message = format!("{} starts less than {} min after {}", duty.name, rest.num_minutes(), prev.name);
                found.pair("MIN_REST", pair.0, pair.1, message);
            }
        }
        if latest.is_none_or(|l| duty.end > l.end) {
            latest = Some(duty);
        }
    }

    // Day-based rules.
    let mut by_day: BTreeMap<NaiveDate, Vec<Day>> = BTreeMap::new();
    for wk in &worked {
        by_day.entry(wk.day).or_default().push(Day {
            shift_type: &wk.shift.shift_type,
            id: &wk.shift.id,
            source: wk.source,
        });
    }
    if problem.rules.one_shift_per_day {
        for (day, list) in &by_day {
            if list.len() > 1 {
                found.flag("ONE_SHIFT_PER_DAY", format!("{} shifts on {day}", list.len()));
            }
        }
    }
    // History counts only on local days before the horizon.
    let span = horizon(problem, zone);
    let mut history_days: BTreeMap<NaiveDate, Vec<Day>> = BTreeMap::new();
    for h in &person.history {
        let day = local_day(zone, h.start);
        if span.is_some_and(|(f, _)| day < f) {
            history_days.entry(day).or_default().push(Day { shift_type: &h.shift_type, id: "", source: Source::Past });
        }
    }
    for (day, list) in &by_day {
        let before = by_day.get(&(*day - Duration::days(1))).or_else(|| history_days.get(&(*day - Duration::days(1))));
        for prev in before.into_iter().flatten() {
            let banned = problem.shift_types.iter().find(|t| t.id == prev.shift_type).map(|t| &t.cannot_be_followed_by);
            for cur in list {
                if banned.is_some_and(|b| b.iter().any(|x| x == cur.shift_type)) {
                    let message = format!("{} on {day} follows {}", cur.shift_type, prev.shift_type);
                    found.pair("SHIFT_ROTATION", (prev.source, prev.id), (cur.source, cur.id), message);
                }
            }
        }
    }
    let mut per_type: BTreeMap<&str, Load> = BTreeMap::new();
    let mut horizon_minutes = Load::new();
    for wk in &worked {
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
    for duty in &duties {
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
    for wk in &worked {
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

    if let Some((first, last)) = span {
        check_runs(contract, first, last, &by_day, &history_days, &mut found);
        // Soft day-based rules: backward rotation and isolated days.
        let rank = |t: &str| problem.shift_types.iter().find(|x| x.id == t).and_then(|x| x.rotation_rank);
        for (day, list) in &by_day {
            if let Some(before) = by_day.get(&(*day - Duration::days(1))) {
                for p in before {
                    for c in list {
                        if let (Some(a), Some(b)) = (rank(p.shift_type), rank(c.shift_type)) {
                            if b < a {
                                score::add(by_rule, "backward_rotation", w.backward_rotation);
                            }
                        }
                    }
                }
            }
            let prev = *day - Duration::days(1);
            let next = *day + Duration::days(1);
            if *day > first && *day < last && !by_day.contains_key(&prev) && !by_day.contains_key(&next) {
                score::add(by_rule, "isolated_day", w.isolated_day);
            }
        }
    }

    // Requests.
    for r in &person.requests {
        let works = by_day
            .get(&r.date)
            .is_some_and(|list| list.iter().any(|d| r.shift_type.as_deref().is_none_or(|x| x == d.shift_type)));
        let unmet = match r.kind {
            RequestKind::On => !works,
            RequestKind::Off => works,
        };
        if unmet {
            score::add(by_rule, "requests", w.request * i64::from(r.weight));
        }
    }

    let counts = PersonCounts {
        nights: nights + person.ledger.nights,
        weekends: weekends.len() as u32 + person.ledger.weekends,
        holidays: holidays + person.ledger.holidays,
    };
    let tally = PersonTally {
        person: pid.to_string(),
        shifts: worked.len() as u32,
        minutes: minutes as u32,
        nights,
        weekends: weekends.len() as u32,
        holidays,
    };
    Checked { findings: found, tally, counts }
}
