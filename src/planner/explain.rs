//! Explanations for shifts left below their minimum: for every candidate, the rule that
//! keeps them off the shift ("11 h rest after their Night on Mon 23 Mar"). Each candidate
//! is tried on the final roster; the hard rules their row would newly break are the
//! reasons (structured: rule code + human message).

use std::collections::HashMap;

use super::checker::{check, CheckReport};
use super::compile::{compile, Compiled, OFF};
use super::definitions::{blocking_day, inside_daytime, local_day};
use super::model::{Assignment, CandidateReason, Problem, Shortfall};
use super::solver::state::State;
use super::validate::InvalidInput;
use chrono::{Duration, NaiveDate};

fn date(c: &Compiled, d: u32) -> NaiveDate {
    c.base + Duration::days(i64::from(d))
}

fn when(c: &Compiled, d: u32) -> String {
    date(c, d).format("%a %d %b").to_string()
}

pub(crate) fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        format!("{} h", minutes / 60)
    } else {
        format!("{:.1} h", minutes as f64 / 60.0)
    }
}

/// A limit as a message quotes it: the contract's own, and the value forced shifts
/// raised it to when they did (the plan is held to that one).
fn limit_note(own: u32, held: u32, show: impl Fn(u32) -> String) -> String {
    if held > own {
        format!("{} (forced shifts raise it to {})", show(own), show(held))
    } else {
        show(own)
    }
}

/// Hard rules broken by one person's row, as (code, message).
pub(crate) fn row_violations(st: &State, p: usize) -> Vec<(&'static str, String)> {
    let c = st.c;
    let (lim, own) = (&c.limits[p], &c.contract_limits[p]);
    let (first, last) = st.horizon(p);
    let mut out = Vec::new();
    let worked: Vec<(u32, u32)> = (first..=last)
        .filter_map(|d| {
            let v = st.cell(p, d);
            (v != OFF).then_some((d, v))
        })
        .collect();
    let type_name = |s: u32| c.type_ids[c.shift_type[s as usize] as usize].as_str();
    let mut per_type = vec![0u32; c.n_types];
    let mut week_minutes = vec![0u32; c.n_weeks];
    let mut week_nights = vec![0u32; c.n_weeks];
    let mut weekends: std::collections::BTreeSet<u32> =
        (0..c.n_weeks as u32).filter(|wk| c.weekend_base[p * c.n_weeks + *wk as usize]).collect();
    let mut minutes = 0u32;
    for (d, s) in &worked {
        per_type[c.shift_type[*s as usize] as usize] += 1;
        minutes = minutes.saturating_add(c.shift_minutes[*s as usize]);
        week_minutes[(*d / 7) as usize] += c.shift_minutes[*s as usize];
        if c.is_night_for(p, *s) {
            week_nights[(*d / 7) as usize] += 1;
        }
        if d % 7 >= 5 {
            weekends.insert(d / 7);
        }
    }
    for (t, n) in per_type.iter().enumerate() {
        if *n > lim.max_per_type[t] {
            let limit =
                limit_note(own.max_per_type[t], lim.max_per_type[t], |n| format!("{n} {} shifts", c.type_ids[t]));
            out.push(("MAX_SHIFTS", format!("would exceed their limit of {limit}")));
        }
    }
    if minutes > lim.max_total_minutes {
        let limit = limit_note(own.max_total_minutes, lim.max_total_minutes, |m| hours(i64::from(m)));
        out.push(("MAX_TOTAL_MINUTES", format!("would exceed {limit} in the horizon")));
    }
    for (wk, m) in week_minutes.iter().enumerate() {
        let i = p * c.n_weeks + wk;
        // History and commitments may hold a great deal (saturate, not wrap).
        if *m > 0 && m.saturating_add(c.week_base_minutes[i]) > c.week_cap_minutes[i] {
            let already = match c.week_base_minutes[i] {
                0 => String::new(),
                base => format!(" (with {} already worked or committed)", hours(i64::from(base))),
            };
            let limit = limit_note(own.max_week_minutes, c.week_cap_minutes[i], |m| hours(i64::from(m)));
            out.push((
                "MAX_WEEKLY_MINUTES",
                format!("would exceed {limit} in the week of {}{already}", when(c, wk as u32 * 7)),
            ));
        }
    }
    for (wk, n) in week_nights.iter().enumerate() {
        let i = p * c.n_weeks + wk;
        if *n > 0 && n.saturating_add(c.week_base_nights[i]) > c.week_cap_nights[i] {
            let limit = limit_note(own.max_nights_week, c.week_cap_nights[i], |n| format!("{n} nights"));
            out.push((
                "MAX_NIGHTS_PER_WEEK",
                format!("would exceed {limit} in the week of {}", when(c, wk as u32 * 7)),
            ));
        }
    }
    if weekends.len() as u32 > lim.max_weekends {
        let limit = limit_note(own.max_weekends, lim.max_weekends, |n| format!("{n} weekends"));
        out.push(("MAX_WEEKENDS", format!("would work more than {limit}")));
    }
    // Runs of worked days and days off.
    let mut d = first;
    while d <= last {
        let on = st.cell(p, d) != OFF;
        let mut e = d;
        let mut forced = c.is_forced(p, d);
        while e < last && (st.cell(p, e + 1) != OFF) == on {
            e += 1;
            forced |= c.is_forced(p, e);
        }
        let len = e - d + 1;
        let interior = d > first && e < last && !forced;
        if on {
            let carried = if d == first { c.history_run[p] } else { 0 };
            let allowed = c.max_run(p, d, e);
            if len + carried > allowed {
                let limit = if allowed > own.max_consecutive {
                    format!("{}; forced shifts raise it to {allowed}", own.max_consecutive)
                } else {
                    own.max_consecutive.to_string()
                };
                out.push((
                    "MAX_CONSECUTIVE_SHIFTS",
                    format!("would work {} days in a row from {} (max {limit})", len + carried, when(c, d)),
                ));
            }
            if interior && len < lim.min_consecutive {
                out.push((
                    "MIN_CONSECUTIVE_SHIFTS",
                    format!(
                        "would leave a run of {len} working days from {} (min {})",
                        when(c, d),
                        lim.min_consecutive
                    ),
                ));
            }
        } else if interior && len < lim.min_days_off && !c.off_between_forced(p, d, e) {
            out.push((
                "MIN_CONSECUTIVE_DAYS_OFF",
                format!("would leave only {len} days off from {} (min {})", when(c, d), lim.min_days_off),
            ));
        }
        d = e + 1;
    }
    // Successions between consecutive worked days, and from the history's last day.
    if let Some((d0, s0)) = worked.first().filter(|(d0, _)| *d0 == first && !c.is_forced(p, *d0)) {
        let u = c.shift_type[*s0 as usize] as usize;
        for t in c.history_types[p].iter().filter(|t| c.cannot_follow[**t as usize * c.n_types + u]) {
            out.push((
                "SHIFT_ROTATION",
                format!(
                    "{} on {} may not follow their {} the day before",
                    type_name(*s0),
                    when(c, *d0),
                    c.type_ids[*t as usize]
                ),
            ));
        }
    }
    for pair in worked.windows(2) {
        let ((da, a), (db, b)) = (pair[0], pair[1]);
        if db == da + 1
            && !st.both_fixed_one_forced(p, Some(da), db)
            && c.cannot_follow[c.shift_type[a as usize] as usize * c.n_types + c.shift_type[b as usize] as usize]
        {
            out.push((
                "SHIFT_ROTATION",
                format!("{} on {} may not follow their {} on {}", type_name(b), when(c, db), type_name(a), when(c, da)),
            ));
        }
    }
    // Rest: each shift against the latest end before it (history first), as the checker
    // and the search measure it.
    let mut latest: Option<(Option<(u32, u32)>, i64)> = c.history_end[p].map(|end| (None, end));
    for (db, b) in &worked {
        if let Some((a, end)) = latest.filter(|(a, _)| !st.both_fixed_one_forced(p, a.map(|(da, _)| da), *db)) {
            let gap = c.shift_start[*b as usize] - end;
            if gap < lim.min_rest_minutes || gap < 0 {
                let after = match a {
                    Some((da, a)) => format!("their {} on {}", type_name(a), when(c, da)),
                    None => "their last shift before the horizon".to_string(),
                };
                out.push((
                    "MIN_REST",
                    format!(
                        "only {} rest between {after} and {} on {} (min {})",
                        hours(gap),
                        type_name(*b),
                        when(c, *db),
                        hours(lim.min_rest_minutes)
                    ),
                ));
            }
        }
        let end = c.shift_end[*b as usize];
        if latest.is_none_or(|(_, l)| end > l) {
            latest = Some((Some((*db, *b)), end));
        }
    }
    out
}

/// Why person `p` is not on shift `s`.
fn candidate(problem: &Problem, st: &mut State, p: usize, s: u32) -> Vec<CandidateReason> {
    let c = st.c;
    let person = &problem.people[p];
    let shift = &problem.shifts[s as usize];
    let reason =
        |code: &str, message: String| CandidateReason { person: person.id.clone(), code: code.to_string(), message };
    let d = c.day(p, s);
    if !c.may_work(p, s) {
        let contract = problem.contracts.iter().find(|k| k.id == person.contract);
        let zone = c.zones[c.zone_of(p)];
        let by = problem.rules.days_off_by;
        let day_name = |day: NaiveDate| day.format("%a %d %b").to_string();
        let rest = Duration::minutes(contract.and_then(|k| k.min_rest_minutes).map_or(0, i64::from));
        let commitment = person.commitments.iter().find(|k| shift.start < k.end + rest && k.start < shift.end + rest);
        // The same reasons in the same order as `compile` decides eligibility.
        let holiday = blocking_day(by, zone, &person.holidays, shift.start, shift.end)
            .filter(|_| !contract.is_some_and(|k| k.may_work_holidays));
        let outside_window = contract.is_some_and(|k| {
            k.volunteer && k.daytime.is_some_and(|win| !inside_daytime(zone, win, shift.start, shift.end))
        });
        let t = c.shift_type[s as usize] as usize;
        let (code, msg) = if let Some(k) = shift.required_skills.iter().find(|k| !person.skills.contains(k)) {
            ("MISSING_SKILL", format!("lacks required skill {k}"))
        } else if person.unavailable.iter().any(|iv| iv.start < shift.end && shift.start < iv.end) {
            ("UNAVAILABLE", "has approved time off then".to_string())
        } else if let Some(k) = commitment {
            let of = format!("the {} of {}", k.label, day_name(local_day(zone, k.start)));
            if shift.start < k.end && k.start < shift.end {
                ("COMMITMENT", format!("is on {of}"))
            } else {
                ("COMMITMENT", format!("needs {} rest around {of}", hours(rest.num_minutes())))
            }
        } else if let Some(day) = blocking_day(by, zone, &person.unavailable_dates, shift.start, shift.end) {
            ("DAY_OFF", format!("has a day off on {}", day_name(day)))
        } else if let Some(day) = holiday {
            ("HOLIDAY", format!("public holiday in their region on {}", day_name(day)))
        } else if outside_window {
            ("OUTSIDE_VOLUNTEER_WINDOW", "volunteer; shift is outside their daytime window".to_string())
        } else if c.contract_limits[p].max_per_type[t] == 0 {
            ("MAX_SHIFTS", format!("their contract excludes {} shifts", shift.shift_type))
        } else {
            // The one reason left: a contract with no minutes in the horizon.
            ("MAX_TOTAL_MINUTES", "their contract allows no working time in the horizon".to_string())
        };
        return vec![reason(code, msg)];
    }
    let current = st.cell(p, d);
    if c.is_locked(p, d) {
        let other = &c.shift_ids[current as usize];
        return vec![reason("LOCKED", format!("locked to {other} that day"))];
    }
    let before = row_violations(st, p);
    st.set(p, d, s);
    let after = row_violations(st, p);
    st.set(p, d, current);
    let new: Vec<CandidateReason> =
        after.into_iter().filter(|v| !before.contains(v)).map(|(code, msg)| reason(code, msg)).collect();
    if !new.is_empty() {
        return new;
    }
    if current != OFF {
        let t = &c.type_ids[c.shift_type[current as usize] as usize];
        return vec![reason("ASSIGNED_ELSEWHERE", format!("works {t} ({}) that day", c.shift_ids[current as usize]))];
    }
    vec![reason("NOT_CHOSEN", "could take it; the search did not (try a longer run)".to_string())]
}

/// One entry per shift below its minimum headcount or below a skill minimum.
pub fn shortfalls(problem: &Problem, c: &Compiled, st: &mut State) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for s in 0..c.n_shifts as u32 {
        let su = s as usize;
        let on_shift = |st: &State, p: usize| st.cell(p, c.day(p, s)) == s;
        let n = st.count[su];
        if n < c.min_headcount[su] {
            let mut candidates = Vec::new();
            let mut lacking = 0;
            for p in 0..c.n_people {
                if on_shift(st, p) {
                    continue;
                }
                let reasons = candidate(problem, st, p, s);
                if reasons.iter().any(|r| r.code == "MISSING_SKILL") {
                    lacking += 1;
                    continue;
                }
                candidates.extend(reasons);
            }
            out.push(Shortfall {
                shift: c.shift_ids[su].clone(),
                requirement: "headcount".into(),
                required: c.min_headcount[su],
                assigned: n,
                summary: format!(
                    "{} of {} assigned; {lacking} people lack the required skills, {} others are blocked",
                    n,
                    c.min_headcount[su],
                    c.n_people - lacking - n as usize
                ),
                candidates,
            });
        }
        for (k, r) in c.skill_reqs(s).enumerate() {
            let have = st.skill_count(r);
            if have >= c.skill_req_min[r] {
                continue;
            }
            let group = problem.shifts[su].skill_minimums[k].any_of.join(" or ");
            let mut candidates = Vec::new();
            let mut qualified = 0;
            for p in 0..c.n_people {
                if !c.counts_toward(r, p) || on_shift(st, p) {
                    continue;
                }
                qualified += 1;
                candidates.extend(candidate(problem, st, p, s));
            }
            let summary = if qualified == 0 {
                format!("no {group} available: nobody else in the team has it")
            } else {
                format!("no {group} available: all {qualified} with the skill are blocked or needed elsewhere")
            };
            out.push(Shortfall {
                shift: c.shift_ids[su].clone(),
                requirement: group,
                required: c.skill_req_min[r],
                assigned: have,
                summary,
                candidates,
            });
        }
    }
    out
}

/// A roster as it stands (planned, edited by hand or both), judged: the checker's
/// report and every shift below its minimum with the reason per candidate.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub report: CheckReport,
    pub shortfalls: Vec<Shortfall>,
}

/// Judges `assignments` against `problem` without searching: what a board shows
/// after edits, where the last plan's report no longer says how things stand.
pub fn evaluate(problem: &Problem, assignments: &[Assignment]) -> Result<Evaluation, InvalidInput> {
    Ok(Evaluation { report: check(problem, assignments)?, shortfalls: shortfalls_of(problem, assignments)? })
}

/// Every shift below a minimum with `assignments`, with the reason per candidate.
pub fn shortfalls_of(problem: &Problem, assignments: &[Assignment]) -> Result<Vec<Shortfall>, InvalidInput> {
    let c = compile(problem)?;
    let people: HashMap<&str, usize> = c.person_ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let shifts: HashMap<&str, u32> = c.shift_ids.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect();
    let mut st = State::new(&c);
    for a in assignments {
        if let (Some(&p), Some(&s)) = (people.get(a.person.as_str()), shifts.get(a.shift.as_str())) {
            st.set(p, c.day(p, s), s);
        }
    }
    Ok(shortfalls(problem, &c, &mut st))
}
