//! Every hard rule and the person-level soft rules for one person's shifts, with
//! straightforward loops over dates. History and commitments take part like shifts
//! (overlap, rest, weekly minutes, nights); forced shifts are sorted out by `Findings`.

use super::findings::{Findings, Source};
use super::limits::{check_limits, Counted, Facts};
use super::runs::{check_runs, Day};
use crate::planner::definitions::{blocking_day, inside_daytime, local_day};
use crate::planner::explain::hours;
use crate::planner::model::{Contract, Person, PersonTally, Problem, RequestKind, Shift};
use crate::planner::score::{self, PersonCounts};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap, HashSet};

pub struct Checked<'a> {
    pub findings: Findings<'a>,
    pub tally: PersonTally,
    pub counts: PersonCounts,
}

pub(super) struct Worked<'a> {
    pub shift: &'a Shift,
    pub day: NaiveDate,
    pub source: Source,
}

/// A fixed duty or a shift, for the rules that treat them alike.
pub(super) struct Duty<'a> {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub name: String,
    pub id: &'a str,
    pub source: Source,
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
                let message = format!(
                    "{} starts {} after {} ends (min rest {})",
                    duty.name,
                    hours((duty.start - prev.end).num_minutes()),
                    prev.name,
                    hours(rest.num_minutes())
                );
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
    let facts = Facts {
        problem,
        person,
        contract,
        zone,
        rule,
        worked: &worked,
        duties: &duties,
        by_day: &by_day,
        history_days: &history_days,
        span,
    };
    let Counted { minutes, nights, holidays, weekends } = check_limits(&facts, &mut found);

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
        weekends: weekends + person.ledger.weekends,
        holidays: holidays + person.ledger.holidays,
    };
    let tally = PersonTally {
        person: pid.to_string(),
        shifts: worked.len() as u32,
        minutes: minutes as u32,
        nights,
        weekends,
        holidays,
    };
    Checked { findings: found, tally, counts }
}
