//! Property tests of the desk rules: the night definition against a minute-by-minute
//! count in the eight test zones around their clock changes, the solver's and the
//! checker's night counts, days off by overlap, plans that keep the weekly limits with
//! history and commitments counted, and rest between overlapping fixed duties and late
//! history measured alike by the search and the checker.

use super::checker::check;
use super::compile::{compile, OFF};
use super::definitions::{is_night, local_day, night_minutes, week_start};
use super::model::{DaysOffBy, NightRule, Problem};
use super::solver::state::State;
use super::solver::{solve, NoClock, SolveOptions};
use super::testgen::{random_night_rule, random_problem};
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;

const ZONES: [Tz; 8] = [
    Tz::Europe__Warsaw,
    Tz::America__New_York,
    Tz::Australia__Sydney,
    Tz::Asia__Kolkata,
    Tz::Asia__Kathmandu,
    Tz::Pacific__Chatham,
    Tz::Australia__Lord_Howe,
    Tz::UTC,
];

/// Days on which some of the zones change their clocks, and ordinary days.
fn date() -> impl Strategy<Value = NaiveDate> {
    let changes =
        [(2026, 3, 29), (2026, 10, 25), (2026, 3, 8), (2026, 11, 1), (2026, 4, 5), (2026, 10, 4), (2026, 9, 27)];
    let dates: Vec<NaiveDate> = changes.iter().filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)).collect();
    prop_oneof![
        proptest::sample::select(dates),
        (0i64..730).prop_map(|n| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(n))
    ]
}

fn options(seed: u64) -> SolveOptions {
    SolveOptions { seed, max_iterations: Some(3_000), threads: 1, ..Default::default() }
}

/// Minutes of [start, end) whose local wall-clock reading lies in the window.
fn sampled_night_minutes(zone: Tz, rule: NightRule, start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    let inside = |t: NaiveTime| {
        if rule.from < rule.to {
            rule.from <= t && t < rule.to
        } else {
            t >= rule.from || t < rule.to
        }
    };
    let mut t = start;
    let mut n = 0;
    while t < end {
        n += i64::from(inside(t.with_timezone(&zone).time()));
        t += Duration::minutes(1);
    }
    n
}

/// Whether the window's ends are plain readings (neither skipped nor repeated) on the
/// days around `day`; a reading repeated by a fall-back is taken once, which a wall-clock
/// sample would count twice.
fn window_ends_are_plain(zone: Tz, rule: NightRule, day: NaiveDate) -> bool {
    (-2..=2).all(|k| {
        let d = day + Duration::days(k);
        [rule.from, rule.to].iter().all(|t| matches!(zone.from_local_datetime(&d.and_time(*t)), LocalResult::Single(_)))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn night_minutes_are_real_minutes_inside_the_local_window(
        zone in proptest::sample::select(ZONES.to_vec()),
        day in date(),
        start_minute in 0i64..1440,
        length in 30i64..=1440,
        seed in any::<u64>(),
    ) {
        let rule = random_night_rule(&mut StdRng::seed_from_u64(seed));
        prop_assume!(window_ends_are_plain(zone, rule, day));
        let start = Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN)) + Duration::minutes(start_minute);
        let end = start + Duration::minutes(length);
        let counted = night_minutes(zone, rule, start, end);
        prop_assert_eq!(counted, sampled_night_minutes(zone, rule, start, end));
        prop_assert_eq!(is_night(zone, rule, start, end), counted >= i64::from(rule.min_minutes));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_solver_and_the_checker_count_the_same_nights(seed in any::<u64>()) {
        let problem = random_problem(seed);
        let plan = solve(&problem, &options(seed), &NoClock).unwrap();
        let c = compile(&problem).unwrap();
        let mut st = State::new(&c);
        let report = check(&problem, &plan.assignments).unwrap();
        let grid = plan_grid(&problem, &c, &plan.assignments);
        st.load(&grid);
        for (p, tally) in report.score.by_person.iter().enumerate() {
            prop_assert_eq!(st.tallies[p][0], tally.nights, "{}", tally.person);
        }
    }

    #[test]
    fn a_day_off_or_holiday_blocks_every_shift_that_touches_it(seed in any::<u64>()) {
        let problem = random_problem(seed);
        prop_assume!(problem.rules.days_off_by == DaysOffBy::Overlap);
        let c = compile(&problem).unwrap();
        for (p, person) in problem.people.iter().enumerate() {
            let zone: Tz = person.zone.parse().unwrap();
            let may_work_holidays =
                problem.contracts.iter().find(|k| k.id == person.contract).is_some_and(|k| k.may_work_holidays);
            for (s, shift) in problem.shifts.iter().enumerate() {
                // Touched local days: from the start's date to the date of its last second.
                let first = local_day(zone, shift.start);
                let last = local_day(zone, shift.end - Duration::seconds(1));
                let touches = |dates: &[NaiveDate]| dates.iter().any(|d| first <= *d && *d <= last);
                if touches(&person.unavailable_dates) || (touches(&person.holidays) && !may_work_holidays) {
                    prop_assert!(!c.may_work(p, s as u32), "{} may work {}", person.id, shift.id);
                }
            }
        }
    }

    #[test]
    fn plans_keep_weekly_minutes_and_nights_with_history_and_commitments(seed in any::<u64>()) {
        let problem = random_problem(seed);
        let plan = solve(&problem, &options(seed), &NoClock).unwrap();
        let shifts: BTreeMap<&str, _> = problem.shifts.iter().map(|s| (s.id.as_str(), s)).collect();
        for person in problem.people.iter().filter(|p| p.locked.iter().all(|l| !l.forced)) {
            let zone: Tz = person.zone.parse().unwrap();
            let contract = problem.contracts.iter().find(|k| k.id == person.contract).unwrap();
            let rule = contract.night.unwrap_or(problem.night);
            // (minutes, nights) per week: the plan's, and all duties'.
            let mut planned: BTreeMap<NaiveDate, (i64, u32)> = BTreeMap::new();
            let mut all: BTreeMap<NaiveDate, (i64, u32)> = BTreeMap::new();
            let mine = plan.assignments.iter().filter(|a| a.person == person.id).map(|a| shifts[a.shift.as_str()]);
            for s in mine {
                let week = week_start(local_day(zone, s.start));
                let e = planned.entry(week).or_default();
                e.0 += (s.end - s.start).num_minutes();
                e.1 += u32::from(is_night(zone, rule, s.start, s.end));
            }
            let past = person.history.iter().map(|h| (h.start, h.end));
            let duties = past.chain(person.commitments.iter().map(|k| (k.start, k.end)));
            for (start, end) in duties {
                let week = week_start(local_day(zone, start));
                let e = all.entry(week).or_default();
                e.0 += (end - start).num_minutes();
                e.1 += u32::from(is_night(zone, rule, start, end));
            }
            for (week, (m, n)) in &planned {
                let (past_m, past_n) = all.get(week).copied().unwrap_or_default();
                if let Some(max) = contract.max_minutes_per_week {
                    prop_assert!(m + past_m <= i64::from(max), "{} week {week}: {m}+{past_m} > {max}", person.id);
                }
                if let Some(max) = contract.max_nights_per_week {
                    prop_assert!(*n == 0 || n + past_n <= max, "{} week {week}: {n}+{past_n} nights > {max}", person.id);
                }
            }
        }
    }
}

/// Ten days of three shifts each (random starts, 1–24 h, so they overlap and nest), one
/// person with a random rest, random kept and forced locks, and history that may end
/// well into the horizon; all of it starts after the history.
fn rest_problem(seed: u64) -> Problem {
    let mut rng = StdRng::seed_from_u64(seed);
    let zone = ZONES[rng.gen_range(0..ZONES.len())];
    let base = Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap();
    let mut shifts = Vec::new();
    for d in 0..10i64 {
        for k in 0..3 {
            let start = base + Duration::days(d) + Duration::minutes(rng.gen_range(0..1440));
            let end = start + Duration::minutes(rng.gen_range(60..=1440));
            shifts.push(serde_json::json!({"id": format!("s{d}-{k}"), "shift_type": "x", "start": start, "end": end,
                "target_headcount": rng.gen_range(0..2)}));
        }
    }
    let history: Vec<serde_json::Value> = (0..rng.gen_range(0..3))
        .map(|_| {
            let start = base - Duration::minutes(rng.gen_range(1..3000));
            let end = start + Duration::minutes(rng.gen_range(60..=3600));
            serde_json::json!({"shift_type": "x", "start": start, "end": end})
        })
        .collect();
    // At most one lock a local day: the person's days are the zone's, so lock by id and
    // let `compile` refuse two on one day (the case is then drawn again).
    let locked: Vec<serde_json::Value> = (0..rng.gen_range(0..5))
        .map(|_| {
            let id = format!("s{}-{}", rng.gen_range(0..10), rng.gen_range(0..3));
            if rng.gen_bool(0.7) {
                serde_json::json!({"shift": id, "forced": true, "reason": "test"})
            } else {
                serde_json::json!(id)
            }
        })
        .collect();
    let json = serde_json::json!({
        "shift_types": [{"id": "x"}],
        "shifts": shifts,
        "contracts": [{"id": "c", "min_rest_minutes": rng.gen_range(0..=2160)}],
        "people": [{"id": "p", "zone": zone.name(), "contract": "c", "history": history, "locked": locked}]
    });
    serde_json::from_value(json).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn rest_around_overlapping_fixed_duties_and_late_history_is_judged_alike(seed in any::<u64>(), steps in 1usize..60) {
        let problem = rest_problem(seed);
        let Ok(c) = compile(&problem) else { return Ok(()) };
        let mut st = State::new(&c);
        for (p, d, s) in &c.locked {
            st.set(*p, *d, *s);
        }
        let mut rng = StdRng::seed_from_u64(seed ^ 0x7e57);
        let (first, last) = st.horizon(0);
        for step in 0..steps {
            let d = rng.gen_range(first..=last);
            if c.is_locked(0, d) {
                continue;
            }
            let options = c.shifts_on(0, d);
            let v = if options.is_empty() || rng.gen_bool(0.3) { OFF } else { options[rng.gen_range(0..options.len())] };
            st.set(0, d, v);
            if step % 7 == 0 || step + 1 == steps {
                let incremental = st.cost;
                prop_assert_eq!(st.clone().full_cost(), incremental);
                let report = check(&problem, &grid_assignments(&problem, &c, &st)).unwrap();
                // Rest is the only hard rule here, and both judge each shift once, against
                // the latest end before it: the counts agree, not only their zero.
                prop_assert_eq!(report.violations.len() as i64, incremental.hard, "{:?}", report.violations);
                prop_assert_eq!(report.score.total, incremental.soft);
            }
        }
    }
}

fn grid_assignments(problem: &Problem, c: &super::compile::Compiled, st: &State) -> Vec<super::model::Assignment> {
    let mut out = Vec::new();
    for (p, person) in problem.people.iter().enumerate() {
        for d in 0..c.n_days as u32 {
            let v = st.cell(p, d);
            if v != OFF {
                out.push(super::model::Assignment {
                    shift: c.shift_ids[v as usize].clone(),
                    person: person.id.clone(),
                });
            }
        }
    }
    out
}

/// The roster grid of a list of assignments (cell = person × local day).
fn plan_grid(problem: &Problem, c: &super::compile::Compiled, assignments: &[super::model::Assignment]) -> Vec<u32> {
    let mut grid = vec![super::compile::OFF; c.n_cells()];
    for a in assignments {
        let p = problem.people.iter().position(|x| x.id == a.person).unwrap();
        let s = problem.shifts.iter().position(|x| x.id == a.shift).unwrap() as u32;
        grid[c.cell_index(p, c.day(p, s))] = s;
    }
    grid
}

/// The properties above (and those in `proptests`) only say something about forced
/// assignments, commitments and history in the first week if the generator makes them.
#[test]
fn the_random_problems_hold_forced_breaks_commitments_and_history_in_the_first_week() {
    let (mut forced, mut commitments, mut history_in_week) = (0, 0, 0);
    for seed in 0..60 {
        let problem = random_problem(seed);
        let plan = solve(&problem, &options(seed), &NoClock).unwrap();
        forced += usize::from(!plan.forced.is_empty());
        commitments += usize::from(problem.people.iter().any(|p| !p.commitments.is_empty()));
        let first = problem.shifts.iter().map(|s| s.start).min().unwrap();
        history_in_week += usize::from(
            problem
                .people
                .iter()
                .any(|p| p.history.iter().any(|h| week_start(h.start.date_naive()) == week_start(first.date_naive()))),
        );
    }
    assert!(forced >= 10 && commitments >= 10 && history_in_week >= 10, "{forced} {commitments} {history_in_week}");
}
