//! The independent checker: recomputes every hard rule and the whole score of a plan from
//! the problem and the assignment list alone, with straightforward loops over dates. It
//! shares no code with the solver's incremental evaluation (only the definitions of local
//! day, night and weekend), so tests can use it to catch bugs in the solver.

use super::definitions::{inside_daytime, is_night, is_weekend, local_day, week_start};
use super::model::{Assignment, Contract, Person, Problem, RequestKind, Score, Shift};
use super::score::{self, PersonCounts};
use super::validate::{parse_zone, InvalidInput};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Stable rule code, e.g. "MIN_REST".
    pub code: &'static str,
    pub person: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    pub violations: Vec<Violation>,
    pub score: Score,
}

struct Worked<'a> {
    shift: &'a Shift,
    day: NaiveDate,
}

/// Checks a plan. Unknown shift or person ids are reported as input errors.
pub fn check(problem: &Problem, assignments: &[Assignment]) -> Result<CheckReport, InvalidInput> {
    let shifts: HashMap<&str, &Shift> = problem.shifts.iter().map(|s| (s.id.as_str(), s)).collect();
    let contracts: HashMap<&str, &Contract> = problem.contracts.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut per_person: HashMap<&str, Vec<&Shift>> = HashMap::new();
    let mut headcount: HashMap<&str, Vec<&Person>> = HashMap::new();
    let people: HashMap<&str, &Person> = problem.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut violations = Vec::new();
    let mut seen = HashSet::new();
    for (i, a) in assignments.iter().enumerate() {
        let shift = shifts.get(a.shift.as_str()).ok_or_else(|| InvalidInput {
            field: format!("assignments[{i}].shift"),
            message: format!("unknown shift '{}'", a.shift),
        })?;
        let person = people.get(a.person.as_str()).ok_or_else(|| InvalidInput {
            field: format!("assignments[{i}].person"),
            message: format!("unknown person '{}'", a.person),
        })?;
        if !seen.insert((a.shift.as_str(), a.person.as_str())) {
            violations.push(Violation {
                code: "DUPLICATE_ASSIGNMENT",
                person: a.person.clone(),
                message: format!("assigned twice to {}", a.shift),
            });
            continue;
        }
        per_person.entry(person.id.as_str()).or_default().push(shift);
        headcount.entry(shift.id.as_str()).or_default().push(person);
    }
    let previous: HashSet<(&str, &str)> =
        problem.previous.iter().map(|a| (a.shift.as_str(), a.person.as_str())).collect();

    let previous_shifts: HashSet<&str> = problem.previous.iter().map(|a| a.shift.as_str()).collect();
    let mut by_rule = score::empty_by_rule();
    let w = &problem.weights;
    let mut by_person = Vec::new();
    let mut counts = Vec::new();
    for (pi, person) in problem.people.iter().enumerate() {
        let zone = parse_zone(&person.zone, &format!("people[{pi}].zone"))?;
        let contract = contracts.get(person.contract.as_str()).copied().ok_or_else(|| InvalidInput {
            field: format!("people[{pi}].contract"),
            message: format!("unknown contract '{}'", person.contract),
        })?;
        let mine = per_person.remove(person.id.as_str()).unwrap_or_default();
        let (tally, person_counts) = check_person(
            problem,
            person,
            contract,
            zone,
            &mine,
            &previous,
            &previous_shifts,
            &mut violations,
            &mut by_rule,
        );
        by_person.push(tally);
        counts.push(person_counts);
    }
    score::add(&mut by_rule, "fairness_nights", w.fairness_nights * score::fairness(&counts, |c| c.nights));
    score::add(&mut by_rule, "fairness_weekends", w.fairness_weekends * score::fairness(&counts, |c| c.weekends));
    score::add(&mut by_rule, "fairness_holidays", w.fairness_holidays * score::fairness(&counts, |c| c.holidays));

    for shift in &problem.shifts {
        let assigned = headcount.get(shift.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        let n = assigned.len() as i64;
        score::add(&mut by_rule, "below_minimum", w.below_minimum * (i64::from(shift.min_headcount) - n).max(0));
        let wb = shift.weight_below_target.unwrap_or(w.below_target);
        let wa = shift.weight_above_target.unwrap_or(w.above_target);
        score::add(&mut by_rule, "below_target", wb * (i64::from(shift.target_headcount) - n).max(0));
        score::add(&mut by_rule, "above_target", wa * (n - i64::from(shift.target_headcount)).max(0));
        for m in &shift.skill_minimums {
            let any_of: std::collections::HashSet<&str> = m.any_of.iter().map(String::as_str).collect();
            let have = assigned.iter().filter(|p| p.skills.iter().any(|s| any_of.contains(s.as_str()))).count() as i64;
            score::add(&mut by_rule, "skill_shortfall", w.skill_shortfall * (i64::from(m.min) - have).max(0));
        }
    }
    let mut prev_missing = 0;
    for (s, p) in &previous {
        if !seen.contains(&(*s, *p)) {
            prev_missing += 1;
        }
    }
    score::add(&mut by_rule, "change_from_previous", w.change_from_previous * prev_missing);
    let total = by_rule.values().sum();
    Ok(CheckReport { violations, score: Score { total, by_rule, by_person } })
}

/// The local dates on which any shift of the problem starts, seen from `zone`.
fn horizon(problem: &Problem, zone: Tz) -> Option<(NaiveDate, NaiveDate)> {
    let days = problem.shifts.iter().map(|s| local_day(zone, s.start));
    let first = days.clone().min()?;
    Some((first, days.max()?))
}

#[allow(clippy::too_many_arguments)]
fn check_person(
    problem: &Problem,
    person: &Person,
    contract: &Contract,
    zone: Tz,
    mine: &[&Shift],
    previous: &HashSet<(&str, &str)>,
    previous_shifts: &HashSet<&str>,
    violations: &mut Vec<Violation>,
    by_rule: &mut BTreeMap<String, i64>,
) -> (super::model::PersonTally, PersonCounts) {
    let w = &problem.weights;
    let pid = person.id.as_str();
    let mut flag =
        |code: &'static str, message: String| violations.push(Violation { code, person: pid.to_string(), message });
    let worked: Vec<Worked> = mine.iter().map(|s| Worked { shift: s, day: local_day(zone, s.start) }).collect();

    // Per-shift eligibility.
    for wk in &worked {
        let s = wk.shift;
        for req in &s.required_skills {
            if !person.skills.contains(req) {
                flag("MISSING_SKILL", format!("{} needs skill {req}", s.id));
            }
        }
        if person.unavailable.iter().any(|iv| iv.start < s.end && s.start < iv.end) {
            flag("UNAVAILABLE", format!("{} overlaps time off", s.id));
        }
        if person.unavailable_dates.contains(&wk.day) {
            flag("DAY_OFF", format!("{} is on a day off ({})", s.id, wk.day));
        }
        if person.holidays.contains(&wk.day) && !contract.may_work_holidays {
            flag("HOLIDAY", format!("{} is on a public holiday ({})", s.id, wk.day));
        }
        if let Some(win) = contract.daytime {
            let inside = inside_daytime(zone, win, s.start, s.end);
            if !inside && contract.volunteer {
                flag("OUTSIDE_VOLUNTEER_WINDOW", format!("{} is outside their daytime window", s.id));
            } else if !inside {
                score::add(by_rule, "outside_daytime", w.outside_daytime);
            }
        }
        // Only shifts the previous roster staffed can change (see docs/planner.md).
        if !previous.contains(&(s.id.as_str(), pid)) && previous_shifts.contains(s.id.as_str()) {
            score::add(by_rule, "change_from_previous", w.change_from_previous);
        }
    }
    for l in &person.locked {
        if !mine.iter().any(|s| &s.id == l) {
            flag("LOCKED_MISSING", format!("locked shift {l} is not assigned"));
        }
    }

    // Overlap and rest, history included: compare each shift with the latest end so far.
    // Two history shifts are the past as it was, which no plan can change: only pairs
    // with a shift of the plan count.
    let mut intervals: Vec<(DateTime<Utc>, DateTime<Utc>, &str, bool)> =
        person.history.iter().map(|h| (h.start, h.end, "history", true)).collect();
    intervals.extend(mine.iter().map(|s| (s.start, s.end, s.id.as_str(), false)));
    intervals.sort();
    let rest = Duration::minutes(i64::from(contract.min_rest_minutes.unwrap_or(0)));
    let mut latest: Option<(DateTime<Utc>, &str, bool)> = None;
    for (start, end, id, is_history) in &intervals {
        if let Some((prev_end, prev_id, _)) =
            latest.filter(|(_, _, prev_is_history)| !(*is_history && *prev_is_history))
        {
            if *start < prev_end {
                flag("OVERLAP", format!("{id} overlaps {prev_id}"));
            } else if *start - prev_end < rest {
                flag("MIN_REST", format!("{id} starts less than {} min after {prev_id}", rest.num_minutes()));
            }
        }
        if latest.is_none_or(|(e, _, _)| *end > e) {
            latest = Some((*end, id, *is_history));
        }
    }

    // Day-based rules.
    let mut types_by_day: BTreeMap<NaiveDate, Vec<&str>> = BTreeMap::new();
    for wk in &worked {
        types_by_day.entry(wk.day).or_default().push(&wk.shift.shift_type);
    }
    if problem.rules.one_shift_per_day {
        for (day, list) in &types_by_day {
            if list.len() > 1 {
                flag("ONE_SHIFT_PER_DAY", format!("{} shifts on {day}", list.len()));
            }
        }
    }
    // History counts only on local days before the horizon.
    let horizon_first = horizon(problem, zone).map(|(f, _)| f);
    let mut history_days: BTreeMap<NaiveDate, Vec<&str>> = BTreeMap::new();
    for h in &person.history {
        let day = local_day(zone, h.start);
        if horizon_first.is_some_and(|f| day < f) {
            history_days.entry(day).or_default().push(&h.shift_type);
        }
    }
    let types_on = |d: NaiveDate| types_by_day.get(&d).or_else(|| history_days.get(&d));
    for (day, list) in &types_by_day {
        if let Some(before) = types_on(*day - Duration::days(1)) {
            for prev in before {
                let banned = problem.shift_types.iter().find(|t| t.id == *prev).map(|t| &t.cannot_be_followed_by);
                for cur in list {
                    if banned.is_some_and(|b| b.iter().any(|x| x == cur)) {
                        flag("SHIFT_ROTATION", format!("{cur} on {day} follows {prev}"));
                    }
                }
            }
        }
    }
    let mut per_type: BTreeMap<&str, u32> = BTreeMap::new();
    for wk in &worked {
        *per_type.entry(wk.shift.shift_type.as_str()).or_default() += 1;
    }
    for (t, n) in &per_type {
        if let Some(max) = contract.max_shifts_per_type.get(*t) {
            if n > max {
                flag("MAX_SHIFTS", format!("{n} shifts of type {t}, max {max}"));
            }
        }
    }
    let minutes: i64 = worked.iter().map(|wk| (wk.shift.end - wk.shift.start).num_minutes()).sum();
    if let Some(max) = contract.max_minutes_per_horizon {
        if minutes > i64::from(max) {
            flag("MAX_TOTAL_MINUTES", format!("{minutes} min, max {max}"));
        }
    }
    if let Some(min) = contract.min_minutes_per_horizon {
        if minutes < i64::from(min) {
            flag("MIN_TOTAL_MINUTES", format!("{minutes} min, min {min}"));
        }
    }
    let mut week_minutes: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let mut week_nights: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut nights = 0;
    let mut holidays = 0;
    for wk in &worked {
        *week_minutes.entry(week_start(wk.day)).or_default() += (wk.shift.end - wk.shift.start).num_minutes();
        if is_night(zone, wk.shift.start, wk.shift.end) {
            *week_nights.entry(week_start(wk.day)).or_default() += 1;
            nights += 1;
        }
        if person.holidays.contains(&wk.day) {
            holidays += 1;
        }
    }
    if let Some(max) = contract.max_minutes_per_week {
        for (week, m) in &week_minutes {
            if *m > i64::from(max) {
                flag("MAX_WEEKLY_MINUTES", format!("{m} min in week of {week}, max {max}"));
            }
        }
    }
    if let Some(max) = contract.max_nights_per_week {
        for (week, n) in &week_nights {
            if *n > max {
                flag("MAX_NIGHTS_PER_WEEK", format!("{n} nights in week of {week}, max {max}"));
            }
        }
    }
    let weekends: BTreeSet<NaiveDate> =
        types_by_day.keys().filter(|d| is_weekend(**d)).map(|d| week_start(*d)).collect();
    if let Some(max) = contract.max_weekends {
        if weekends.len() as u32 > max {
            flag("MAX_WEEKENDS", format!("{} weekends worked, max {max}", weekends.len()));
        }
    }

    if let Some((first, last)) = horizon(problem, zone) {
        check_runs(contract, first, last, &types_by_day, &history_days, &mut flag);
        // Soft day-based rules: backward rotation and isolated days.
        let rank = |t: &str| problem.shift_types.iter().find(|x| x.id == t).and_then(|x| x.rotation_rank);
        for (day, list) in &types_by_day {
            if let Some(before) = types_by_day.get(&(*day - Duration::days(1))) {
                for p in before {
                    for c in list {
                        if let (Some(a), Some(b)) = (rank(p), rank(c)) {
                            if b < a {
                                score::add(by_rule, "backward_rotation", w.backward_rotation);
                            }
                        }
                    }
                }
            }
            let prev = *day - Duration::days(1);
            let next = *day + Duration::days(1);
            if *day > first && *day < last && !types_by_day.contains_key(&prev) && !types_by_day.contains_key(&next) {
                score::add(by_rule, "isolated_day", w.isolated_day);
            }
        }
    }

    // Requests.
    for r in &person.requests {
        let works = types_by_day
            .get(&r.date)
            .is_some_and(|list| list.iter().any(|t| r.shift_type.as_deref().is_none_or(|x| x == *t)));
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
    let tally = super::model::PersonTally {
        person: pid.to_string(),
        shifts: worked.len() as u32,
        minutes: minutes as u32,
        nights,
        weekends: weekends.len() as u32,
        holidays,
    };
    (tally, counts)
}

/// Consecutive-day rules on the person's local dates. Runs touching the first or last day
/// of the horizon are exempt from the minimum rules (they may continue outside it); the
/// maximum rule counts worked history days just before the horizon.
fn check_runs(
    contract: &Contract,
    first: NaiveDate,
    last: NaiveDate,
    worked: &BTreeMap<NaiveDate, Vec<&str>>,
    history: &BTreeMap<NaiveDate, Vec<&str>>,
    flag: &mut impl FnMut(&'static str, String),
) {
    let mut carried = 0u32;
    let mut d = first - Duration::days(1);
    while history.contains_key(&d) {
        carried += 1;
        d -= Duration::days(1);
    }
    let mut runs: Vec<(bool, NaiveDate, u32)> = Vec::new(); // (working, start, length)
    let mut day = first;
    while day <= last {
        let on = worked.contains_key(&day);
        match runs.last_mut() {
            Some((w, _, len)) if *w == on => *len += 1,
            _ => runs.push((on, day, 1)),
        }
        day += Duration::days(1);
    }
    let n = runs.len();
    for (i, (on, start, len)) in runs.iter().enumerate() {
        let interior = i > 0 && i + 1 < n;
        if *on {
            let total = if i == 0 { len + carried } else { *len };
            if let Some(max) = contract.max_consecutive_days {
                if total > max {
                    flag("MAX_CONSECUTIVE_SHIFTS", format!("{total} days in a row from {start}, max {max}"));
                }
            }
            if let Some(min) = contract.min_consecutive_days {
                if interior && *len < min {
                    flag("MIN_CONSECUTIVE_SHIFTS", format!("{len} days in a row from {start}, min {min}"));
                }
            }
        } else if let Some(min) = contract.min_consecutive_days_off {
            if interior && *len < min {
                flag("MIN_CONSECUTIVE_DAYS_OFF", format!("{len} days off from {start}, min {min}"));
            }
        }
    }
}
