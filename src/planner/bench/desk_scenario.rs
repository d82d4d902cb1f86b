//! A generated follow-the-sun support organisation for benchmarks and examples: three
//! desks (EMEA in Berlin, Americas in New York, APAC in Tokyo), each open 24/5 in its own
//! zone with Night 00–08, Early 08–16 and Late 16–24; people in nine zones with
//! languages, tiers, channels, three contract kinds, time off, public holidays, requests
//! and a fairness ledger. Pure: everything comes from the seed.

use crate::planner::model::{
    Contract, DaytimeWindow, HistoryShift, Interval, Ledger, NightRule, Person, Problem, Request, RequestKind,
    RuleSwitches, Shift, ShiftType, SkillMinimum, Weights,
};
use crate::planner::time::{expand, ShiftTemplate, TemplateLength};
use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub struct DeskScenario {
    pub problem: Problem,
    pub description: String,
}

struct Desk {
    id: &'static str,
    zone: Tz,
    skill: &'static str,
    /// Extra skill group that every shift of the desk needs at least one of.
    language: &'static str,
    /// Share of the total demand.
    share: f64,
}

const DESKS: [Desk; 3] = [
    Desk { id: "emea", zone: chrono_tz::Europe::Berlin, skill: "desk:emea", language: "lang:de", share: 0.40 },
    Desk { id: "amer", zone: chrono_tz::America::New_York, skill: "desk:amer", language: "lang:pt", share: 0.35 },
    Desk { id: "apac", zone: chrono_tz::Asia::Tokyo, skill: "desk:apac", language: "lang:ja", share: 0.25 },
];

/// (month, day) pairs.
type Dates = &'static [(u32, u32)];

/// Home zones, the desk they mostly serve, and (approximate) 2026 public holidays.
const ZONES: [(Tz, usize, Dates); 9] = [
    (chrono_tz::Europe::Warsaw, 0, &[(4, 6), (5, 1), (6, 4)]),
    (chrono_tz::Europe::Berlin, 0, &[(4, 3), (4, 6), (5, 1), (5, 14), (5, 25)]),
    (chrono_tz::Europe::London, 0, &[(4, 3), (4, 6), (5, 4), (5, 25)]),
    (chrono_tz::America::New_York, 1, &[(5, 25), (7, 3)]),
    (chrono_tz::America::Sao_Paulo, 1, &[(4, 3), (4, 21), (5, 1), (6, 4)]),
    (chrono_tz::America::Los_Angeles, 1, &[(5, 25), (7, 3)]),
    (chrono_tz::Asia::Manila, 2, &[(4, 2), (4, 3), (4, 9), (5, 1), (6, 12)]),
    (chrono_tz::Asia::Tokyo, 2, &[(3, 20), (4, 29), (5, 4), (5, 5), (5, 6)]),
    (chrono_tz::Australia::Sydney, 2, &[(4, 3), (4, 6), (4, 27), (6, 8)]),
];

const SKILLS: [&str; 14] = [
    "desk:emea",
    "desk:amer",
    "desk:apac",
    "lang:en",
    "lang:de",
    "lang:pt",
    "lang:ja",
    "tier:l1",
    "tier:l2",
    "tier:l3",
    "channel:phone",
    "channel:chat",
    "channel:email",
    "mentor",
];

fn time(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// First day of the horizon: a Monday in March 2026, so that US, EU and Australian DST
/// changes fall inside an 8-week horizon.
pub fn start_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or(NaiveDate::MIN)
}

pub fn generate(people: usize, weeks: u32, seed: u64) -> DeskScenario {
    let mut rng = StdRng::seed_from_u64(seed);
    let from = start_date();
    let to = from + Duration::days(i64::from(weeks) * 7 - 1);
    let weekdays = vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];
    let kinds = [("night", 0u32, 2u32), ("early", 8, 0), ("late", 16, 1)];
    let shift_types = kinds
        .iter()
        .map(|(id, _, rank)| ShiftType {
            id: (*id).to_string(),
            rotation_rank: Some(*rank),
            // No early shift right after a night (also forbidden by 11 h rest, kept explicit).
            cannot_be_followed_by: if *id == "night" { vec!["early".into()] } else { vec![] },
        })
        .collect();

    // Demand: people × ~3.4 shifts a week spread over 45 desk shifts a week.
    let per_shift = people as f64 * 3.4 / 15.0;
    let mut shifts = Vec::new();
    for desk in &DESKS {
        for (kind, start, _) in kinds {
            let template = ShiftTemplate {
                name: format!("{}-{kind}", desk.id),
                zone: desk.zone,
                start: time(start),
                length: TemplateLength::Minutes(480),
                weekdays: weekdays.clone(),
            };
            let factor = match kind {
                "early" => 1.25,
                "late" => 1.05,
                _ => 0.7,
            };
            let target = ((per_shift * desk.share * factor).round() as u32).max(2);
            for e in expand(&template, from, to) {
                shifts.push(Shift {
                    id: format!("{}-{kind}-{}", desk.id, e.local_date),
                    desk: desk.id.to_string(),
                    shift_type: kind.to_string(),
                    start: e.start,
                    end: e.end,
                    min_headcount: (target * 3).div_ceil(5),
                    target_headcount: target,
                    required_skills: vec![desk.skill.to_string()],
                    skill_minimums: vec![
                        SkillMinimum { any_of: vec![desk.language.to_string()], min: 1 },
                        SkillMinimum { any_of: vec!["tier:l2".into(), "tier:l3".into()], min: 1 },
                        SkillMinimum { any_of: vec!["channel:phone".into()], min: 1 },
                    ],
                    weight_below_target: None,
                    weight_above_target: None,
                });
            }
        }
    }

    let contracts = vec![
        Contract {
            id: "full-time".into(),
            max_minutes_per_week: Some(2400),
            max_minutes_per_horizon: Some(2400 * weeks),
            min_rest_minutes: Some(660),
            max_consecutive_days: Some(5),
            min_consecutive_days_off: Some(2),
            max_weekends: Some(weeks.div_ceil(2)),
            max_nights_per_week: Some(3),
            daytime: Some(DaytimeWindow { from: time(7), to: time(21) }),
            ..Contract::default()
        },
        Contract {
            id: "part-time".into(),
            max_minutes_per_week: Some(1440),
            max_minutes_per_horizon: Some(1200 * weeks),
            min_rest_minutes: Some(660),
            max_consecutive_days: Some(4),
            max_weekends: Some(weeks / 3),
            max_nights_per_week: Some(2),
            daytime: Some(DaytimeWindow { from: time(8), to: time(20) }),
            ..Contract::default()
        },
        Contract {
            id: "volunteer".into(),
            max_minutes_per_week: Some(960),
            max_minutes_per_horizon: Some(480 * weeks),
            min_rest_minutes: Some(720),
            max_consecutive_days: Some(3),
            max_weekends: Some(0),
            max_nights_per_week: Some(0),
            daytime: Some(DaytimeWindow { from: time(8), to: time(18) }),
            volunteer: true,
            ..Contract::default()
        },
    ];

    let mut persons = Vec::with_capacity(people);
    for i in 0..people {
        let (zone, home, holidays) = ZONES[i % ZONES.len()];
        let mut skills = vec!["lang:en".to_string(), DESKS[home].skill.to_string()];
        // Follow the sun: a third of the people can also serve the next desk west.
        if rng.gen_bool(0.33) {
            skills.push(DESKS[(home + 1) % 3].skill.to_string());
        }
        let language_chance = [0.45, 0.3, 0.5][home];
        if rng.gen_bool(language_chance) {
            skills.push(DESKS[home].language.to_string());
        }
        skills.push(["tier:l1", "tier:l1", "tier:l2", "tier:l2", "tier:l3"][rng.gen_range(0..5)].to_string());
        for ch in ["channel:phone", "channel:chat", "channel:email"] {
            if rng.gen_bool(0.55) {
                skills.push(ch.to_string());
            }
        }
        let contract = match rng.gen_range(0..20) {
            0..=13 => "full-time",
            14..=17 => "part-time",
            _ => "volunteer",
        };
        let holidays: Vec<NaiveDate> = holidays
            .iter()
            .filter_map(|(m, d)| NaiveDate::from_ymd_opt(2026, *m, *d))
            .filter(|d| *d >= from && *d <= to)
            .collect();
        let mut unavailable = Vec::new();
        let mut unavailable_dates = Vec::new();
        if rng.gen_bool(0.3) {
            // One week of approved leave, as a UTC interval of the person's local week.
            let week = rng.gen_range(0..weeks);
            let start = crate::planner::time::resolve_local(
                zone,
                (from + Duration::days(i64::from(week) * 7)).and_time(NaiveTime::MIN),
            );
            unavailable.push(Interval { start, end: start + Duration::days(7) });
        }
        for _ in 0..rng.gen_range(0..3) {
            unavailable_dates.push(from + Duration::days(rng.gen_range(0..i64::from(weeks) * 7)));
        }
        let mut requests = Vec::new();
        for _ in 0..rng.gen_range(0..4) {
            requests.push(Request {
                date: from + Duration::days(rng.gen_range(0..i64::from(weeks) * 7)),
                shift_type: [None, Some("early".to_string()), Some("night".to_string())][rng.gen_range(0..3)].clone(),
                kind: if rng.gen_bool(0.7) { RequestKind::Off } else { RequestKind::On },
                weight: rng.gen_range(1..=3),
            });
        }
        let mut history = Vec::new();
        if rng.gen_bool(0.2) {
            // Worked the Friday late shift of the week before.
            let start =
                crate::planner::time::resolve_local(DESKS[home].zone, (from - Duration::days(3)).and_time(time(16)));
            history.push(HistoryShift { shift_type: "late".into(), start, end: start + Duration::hours(8) });
        }
        persons.push(Person {
            id: format!("p{i:03}"),
            zone: zone.name().to_string(),
            skills,
            contract: contract.to_string(),
            unavailable,
            unavailable_dates,
            holidays,
            requests,
            locked: vec![],
            history,
            commitments: vec![],
            ledger: Ledger {
                nights: rng.gen_range(0..6),
                weekends: rng.gen_range(0..3),
                holidays: rng.gen_range(0..2),
            },
        });
    }
    let description = format!(
        "desk scenario: seed {seed}, {people} people in {} zones, {weeks} weeks from {from}, {} desks x {} shift types (24/5), {} shifts",
        ZONES.len(),
        DESKS.len(),
        kinds.len(),
        shifts.len()
    );
    DeskScenario {
        problem: Problem {
            skills: SKILLS.iter().map(|s| s.to_string()).collect(),
            shift_types,
            shifts,
            contracts,
            people: persons,
            rules: RuleSwitches::default(),
            weights: Weights::default(),
            previous: vec![],
            night: NightRule::default(),
        },
        description,
    }
}
