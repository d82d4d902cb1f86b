//! Random small problems for property tests: several zones, DST-free and DST-crossing
//! dates, every contract limit, night rules of the problem and of contracts, time off,
//! holidays (by overlap or by start date), requests, history (also inside the first
//! week), commitments, forced assignments, a previous roster and a fairness ledger. Only minimum minutes are left out, because then an
//! empty roster may be infeasible and the tests want a plan from every problem.

use super::model::*;
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The eight zones of the time tests (odd offsets, both hemispheres' DST) and Tokyo.
const ZONES: [&str; 9] = [
    "UTC",
    "Europe/Warsaw",
    "America/New_York",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
];
pub const SKILLS: [&str; 3] = ["lang:de", "tier:l2", "channel:phone"];

/// A random night window with a minimum that fits inside it.
pub fn random_night_rule(rng: &mut StdRng) -> NightRule {
    let from = NaiveTime::from_hms_opt(rng.gen_range(0..24), [0, 30][rng.gen_range(0..2)], 0).unwrap();
    let to = loop {
        let t = NaiveTime::from_hms_opt(rng.gen_range(0..24), [0, 15][rng.gen_range(0..2)], 0).unwrap();
        if t != from {
            break t;
        }
    };
    let mut rule = NightRule { from, to, min_minutes: 1 };
    rule.min_minutes = rng.gen_range(1..=rule.window_minutes() as u32);
    rule
}

fn maybe<T>(rng: &mut StdRng, p: f64, f: impl FnOnce(&mut StdRng) -> T) -> Option<T> {
    if rng.gen_bool(p) {
        Some(f(rng))
    } else {
        None
    }
}

pub fn random_problem(seed: u64) -> Problem {
    let mut rng = StdRng::seed_from_u64(seed);
    // Late March: the EU DST change falls inside two weeks. Starting mid-week puts the
    // history in the first week of the plan.
    let start = NaiveDate::from_ymd_opt(2026, 3, 23).unwrap() + Duration::days(rng.gen_range(0..4));
    let days = rng.gen_range(5..=14);
    let types = [("early", 6u32, 0u32), ("late", 14, 1), ("night", 22, 2)];
    let shift_types = types
        .iter()
        .map(|(id, _, rank)| ShiftType {
            id: id.to_string(),
            rotation_rank: Some(*rank),
            cannot_be_followed_by: if *id == "night" { vec!["early".into()] } else { vec![] },
        })
        .collect();
    let mut shifts = Vec::new();
    for d in 0..days {
        for (id, hour, _) in types {
            if rng.gen_bool(0.25) {
                continue;
            }
            let date = start + Duration::days(d);
            let s = Utc.from_utc_datetime(&date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap()));
            let len = [360, 480, 600][rng.gen_range(0..3)];
            let target = rng.gen_range(1..=3);
            let mut skill_minimums = vec![];
            if rng.gen_bool(0.3) {
                skill_minimums.push(SkillMinimum { any_of: vec![SKILLS[rng.gen_range(0..3)].into()], min: 1 });
            }
            shifts.push(Shift {
                id: format!("{id}-{d}"),
                desk: "desk".into(),
                shift_type: id.into(),
                start: s,
                end: s + Duration::minutes(len),
                min_headcount: rng.gen_range(0..=target),
                target_headcount: target,
                required_skills: if rng.gen_bool(0.15) { vec![SKILLS[1].into()] } else { vec![] },
                skill_minimums,
                weight_below_target: None,
                weight_above_target: maybe(&mut rng, 0.2, |_| 3),
            });
        }
    }
    let n_contracts = rng.gen_range(1..=3);
    let contracts: Vec<Contract> = (0..n_contracts)
        .map(|i| {
            let mut per_type = std::collections::BTreeMap::new();
            if rng.gen_bool(0.3) {
                per_type.insert("night".to_string(), rng.gen_range(0..3));
            }
            Contract {
                id: format!("c{i}"),
                max_minutes_per_week: maybe(&mut rng, 0.5, |r| r.gen_range(900..2600)),
                max_minutes_per_horizon: maybe(&mut rng, 0.3, |r| r.gen_range(1500..5000)),
                min_minutes_per_horizon: None,
                min_rest_minutes: maybe(&mut rng, 0.7, |r| [480, 660, 720][r.gen_range(0..3)]),
                max_consecutive_days: maybe(&mut rng, 0.6, |r| r.gen_range(2..6)),
                min_consecutive_days: maybe(&mut rng, 0.4, |r| r.gen_range(1..4)),
                min_consecutive_days_off: maybe(&mut rng, 0.4, |r| r.gen_range(1..3)),
                max_weekends: maybe(&mut rng, 0.5, |r| r.gen_range(0..2)),
                max_nights_per_week: maybe(&mut rng, 0.5, |r| r.gen_range(0..3)),
                max_shifts_per_type: per_type,
                daytime: maybe(&mut rng, 0.4, |r| DaytimeWindow {
                    from: NaiveTime::from_hms_opt(r.gen_range(5..10), 0, 0).unwrap(),
                    to: NaiveTime::from_hms_opt(r.gen_range(17..23), 0, 0).unwrap(),
                }),
                volunteer: rng.gen_bool(0.15),
                may_work_holidays: rng.gen_bool(0.3),
                night: maybe(&mut rng, 0.3, random_night_rule),
            }
        })
        .collect();
    let n_people = rng.gen_range(2..=7);
    let people = (0..n_people)
        .map(|i| {
            let zone = ZONES[rng.gen_range(0..ZONES.len())];
            let date = |rng: &mut StdRng| start + Duration::days(rng.gen_range(0..days));
            let mut unavailable = vec![];
            if rng.gen_bool(0.3) {
                let s = Utc.from_utc_datetime(&date(&mut rng).and_hms_opt(rng.gen_range(0..24), 0, 0).unwrap());
                unavailable.push(Interval { start: s, end: s + Duration::hours(rng.gen_range(1..60)) });
            }
            let mut history = vec![];
            for back in 1..=2 {
                if rng.gen_bool(0.4) {
                    let day = start - Duration::days(back);
                    let s = Utc.from_utc_datetime(&day.and_hms_opt(rng.gen_range(0..16), 0, 0).unwrap());
                    history.push(HistoryShift { shift_type: "night".into(), start: s, end: s + Duration::hours(8) });
                }
            }
            let mut commitments = vec![];
            if rng.gen_bool(0.3) {
                let s = Utc.from_utc_datetime(&date(&mut rng).and_hms_opt(rng.gen_range(0..24), 0, 0).unwrap());
                let end = s + Duration::hours(rng.gen_range(2..10));
                commitments.push(Commitment { label: "EN/DE desk night".into(), start: s, end });
            }
            Person {
                id: format!("p{i}"),
                zone: zone.into(),
                skills: SKILLS.iter().filter(|_| rng.gen_bool(0.5)).map(|s| s.to_string()).collect(),
                contract: format!("c{}", rng.gen_range(0..n_contracts)),
                unavailable,
                unavailable_dates: (0..rng.gen_range(0..2)).map(|_| date(&mut rng)).collect(),
                holidays: (0..rng.gen_range(0..2)).map(|_| date(&mut rng)).collect(),
                requests: (0..rng.gen_range(0..3))
                    .map(|_| Request {
                        date: date(&mut rng),
                        shift_type: maybe(&mut rng, 0.5, |_| "late".to_string()),
                        kind: if rng.gen_bool(0.5) { RequestKind::On } else { RequestKind::Off },
                        weight: rng.gen_range(1..4),
                    })
                    .collect(),
                locked: vec![],
                history,
                commitments,
                ledger: Ledger { nights: rng.gen_range(0..3), weekends: rng.gen_range(0..2), holidays: 0 },
            }
        })
        .collect::<Vec<_>>();
    let mut previous = vec![];
    if rng.gen_bool(0.4) && !shifts.is_empty() {
        for _ in 0..3 {
            previous.push(Assignment {
                shift: shifts[rng.gen_range(0..shifts.len())].id.clone(),
                person: people[rng.gen_range(0..people.len())].id.clone(),
            });
        }
    }
    // Forced assignments on any shift, whatever they break; sometimes two, at least 36 h
    // apart so that they fall on different local days in every zone.
    let mut people = people;
    for person in &mut people {
        if !shifts.is_empty() && rng.gen_bool(0.2) {
            let first = &shifts[rng.gen_range(0..shifts.len())];
            let mut forced = vec![first];
            if rng.gen_bool(0.5) {
                let second = &shifts[rng.gen_range(0..shifts.len())];
                if (second.start - first.start).num_hours().abs() >= 36 {
                    forced.push(second);
                }
            }
            for s in forced {
                let reason = Some("manager's call".to_string());
                person.locked.push(LockedShift { shift: s.id.clone(), forced: true, reason });
            }
        }
    }
    let rules = RuleSwitches {
        one_shift_per_day: true,
        days_off_by: if rng.gen_bool(0.3) { DaysOffBy::StartDate } else { DaysOffBy::Overlap },
    };
    let night = if rng.gen_bool(0.5) { random_night_rule(&mut rng) } else { NightRule::default() };
    Problem {
        night,
        skills: SKILLS.iter().map(|s| s.to_string()).collect(),
        shift_types,
        shifts,
        contracts,
        people,
        rules,
        weights: Weights::default(),
        previous,
    }
}
