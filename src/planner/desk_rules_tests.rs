//! The rules real desks need, on small hand-made problems: the organisation's night,
//! days off and holidays by overlap, history and commitments in the weekly limits,
//! forced assignments, and the validation of the new fields.

use super::checker::check;
use super::compile::compile;
use super::model::*;
use super::solver::{solve, NoClock, PlanError, SolveOptions};
use serde_json::json;

fn options() -> SolveOptions {
    SolveOptions { seed: 3, max_iterations: Some(20_000), threads: 1, ..Default::default() }
}

/// A Warsaw desk in the week of Mon 23 Mar 2026 (CET, UTC+1): a day shift 07:00–15:00
/// and a night 22:00–06:00 local on each day of `days` (0 = Monday).
fn desk(days: std::ops::Range<u32>, people: serde_json::Value) -> serde_json::Value {
    let mut shifts = vec![];
    for d in days {
        let date = 23 + d;
        shifts.push(json!({
            "id": format!("day-{date}"), "shift_type": "day",
            "start": format!("2026-03-{date:02}T06:00:00Z"), "end": format!("2026-03-{date:02}T14:00:00Z"),
            "min_headcount": 1, "target_headcount": 1
        }));
        shifts.push(json!({
            "id": format!("night-{date}"), "shift_type": "night",
            "start": format!("2026-03-{date:02}T21:00:00Z"), "end": format!("2026-03-{:02}T05:00:00Z", date + 1),
            "min_headcount": 1, "target_headcount": 1
        }));
    }
    json!({
        "shift_types": [{"id": "day"}, {"id": "night"}],
        "shifts": shifts,
        "contracts": [{"id": "full", "min_rest_minutes": 660, "max_nights_per_week": 1, "max_minutes_per_week": 2400}],
        "people": people,
    })
}

/// Keeps the shifts of one type only.
fn only(mut value: serde_json::Value, shift_type: &str) -> serde_json::Value {
    let kept: Vec<serde_json::Value> =
        value["shifts"].as_array().into_iter().flatten().filter(|s| s["shift_type"] == shift_type).cloned().collect();
    value["shifts"] = json!(kept);
    value
}

fn problem(value: serde_json::Value) -> Problem {
    serde_json::from_value(value).unwrap()
}

fn person(id: &str, extra: serde_json::Value) -> serde_json::Value {
    let mut p = json!({"id": id, "zone": "Europe/Warsaw", "contract": "full"});
    if let (Some(p), Some(extra)) = (p.as_object_mut(), extra.as_object()) {
        p.extend(extra.clone());
    }
    p
}

fn works(plan: &Plan, person: &str, shift: &str) -> bool {
    plan.assignments.iter().any(|a| a.person == person && a.shift == shift)
}

fn reasons_for<'p>(plan: &'p Plan, shift: &str, person: &str) -> Vec<&'p CandidateReason> {
    plan.shortfalls
        .iter()
        .filter(|s| s.shift == shift)
        .flat_map(|s| s.candidates.iter())
        .filter(|c| c.person == person)
        .collect()
}

#[test]
fn a_night_that_ends_on_a_holiday_morning_is_blocked_by_overlap_and_not_by_start_date() {
    let people = json!([person("dana", json!({"holidays": ["2026-03-25"]}))]);
    let by_overlap = problem(only(desk(1..2, people), "night"));
    let plan = solve(&by_overlap, &options(), &NoClock).unwrap();
    assert!(!works(&plan, "dana", "night-24"));
    let reasons = reasons_for(&plan, "night-24", "dana");
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert_eq!(reasons[0].code, "HOLIDAY");
    assert_eq!(reasons[0].message, "public holiday in their region on Wed 25 Mar");

    let mut by_start = by_overlap;
    by_start.rules.days_off_by = DaysOffBy::StartDate;
    let plan = solve(&by_start, &options(), &NoClock).unwrap();
    assert!(works(&plan, "dana", "night-24"));
}

#[test]
fn a_day_off_blocks_the_night_before_it_and_the_explanation_names_the_day() {
    let people = json!([person("eli", json!({"unavailable_dates": ["2026-03-25"]}))]);
    let plan = solve(&problem(desk(1..3, people)), &options(), &NoClock).unwrap();
    for shift in ["night-24", "day-25", "night-25"] {
        assert!(!works(&plan, "eli", shift), "{shift}");
        let reasons = reasons_for(&plan, shift, "eli");
        assert_eq!(reasons[0].code, "DAY_OFF", "{shift}");
        assert_eq!(reasons[0].message, "has a day off on Wed 25 Mar", "{shift}");
    }
    assert!(works(&plan, "eli", "day-24"));
}

#[test]
fn history_counts_toward_the_week_it_falls_in() {
    // Worked Mon and Tue (16 h); the plan starts on Wednesday; 40 h a week at most,
    // so three more day shifts fit that week, not five.
    let history = json!([
        {"shift_type": "day", "start": "2026-03-23T06:00:00Z", "end": "2026-03-23T14:00:00Z"},
        {"shift_type": "day", "start": "2026-03-24T06:00:00Z", "end": "2026-03-24T14:00:00Z"}
    ]);
    let value = only(desk(2..7, json!([person("fay", json!({"history": history}))])), "day");
    let plan = solve(&problem(value), &options(), &NoClock).unwrap();
    assert_eq!(plan.assignments.len(), 3, "{:?}", plan.assignments);
    let explained: Vec<&CandidateReason> = plan.shortfalls.iter().flat_map(|s| s.candidates.iter()).collect();
    assert_eq!(explained.len(), 2);
    for reason in explained {
        assert_eq!(reason.code, "MAX_WEEKLY_MINUTES");
        assert_eq!(
            reason.message,
            "would exceed 40 h in the week of Mon 23 Mar (with 16 h already worked or committed)"
        );
    }
}

#[test]
fn a_history_night_counts_toward_nights_per_week() {
    let history = json!([{"shift_type": "night", "start": "2026-03-23T21:00:00Z", "end": "2026-03-24T05:00:00Z"}]);
    let plan =
        solve(&problem(desk(2..4, json!([person("gil", json!({"history": history}))]))), &options(), &NoClock).unwrap();
    assert!(!works(&plan, "gil", "night-25") && !works(&plan, "gil", "night-26"));
    assert_eq!(reasons_for(&plan, "night-25", "gil")[0].code, "MAX_NIGHTS_PER_WEEK");
}

#[test]
fn a_commitment_blocks_overlapping_and_too_close_shifts_and_is_named() {
    let commitment =
        json!([{"label": "EN/DE desk night", "start": "2026-03-24T21:00:00Z", "end": "2026-03-25T05:00:00Z"}]);
    let plan =
        solve(&problem(desk(1..3, json!([person("hal", json!({"commitments": commitment}))]))), &options(), &NoClock)
            .unwrap();
    assert!(!works(&plan, "hal", "night-24"));
    assert_eq!(reasons_for(&plan, "night-24", "hal")[0].message, "is on the EN/DE desk night of Tue 24 Mar");
    // 06:00 UTC on Wednesday is an hour after the commitment ends; 11 h rest needed.
    assert!(!works(&plan, "hal", "day-25"));
    let reason = &reasons_for(&plan, "day-25", "hal")[0];
    assert_eq!(reason.code, "COMMITMENT");
    assert_eq!(reason.message, "needs 11 h rest around the EN/DE desk night of Tue 24 Mar");
    // The commitment is a night of that week: with one night a week, no other night.
    assert!(!works(&plan, "hal", "night-25"));
    assert_eq!(reasons_for(&plan, "night-25", "hal")[0].code, "MAX_NIGHTS_PER_WEEK");
}

#[test]
fn a_forced_assignment_is_kept_reported_with_its_reason_and_the_rest_still_holds() {
    let locked = json!([
        {"shift": "night-24", "forced": true, "reason": "only German speaker that night"},
        {"shift": "night-25", "forced": true, "reason": "only German speaker that night"}
    ]);
    let people = json!([
        person("ida", json!({"holidays": ["2026-03-25"], "locked": locked})),
        person(
            "jan",
            json!({"unavailable_dates": ["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27"]})
        )
    ]);
    let value = desk(1..4, people);
    let plan = solve(&problem(value.clone()), &options(), &NoClock).unwrap();
    assert!(works(&plan, "ida", "night-24") && works(&plan, "ida", "night-25"));
    let codes: Vec<(&str, &[String])> = plan.forced.iter().map(|f| (f.code.as_str(), f.shifts.as_slice())).collect();
    assert!(codes.contains(&("HOLIDAY", &["night-24".to_string()][..])), "{codes:?}");
    assert!(codes.contains(&("HOLIDAY", &["night-25".to_string()][..])), "{codes:?}");
    assert!(codes.iter().any(|(c, _)| *c == "MAX_NIGHTS_PER_WEEK"), "{codes:?}");
    assert!(plan.forced.iter().all(|f| f.person == "ida" && f.reason == "only German speaker that night"));
    // Everything else is held: no third night for ida that week, no day straight after
    // a forced night (11 h rest).
    assert!(!works(&plan, "ida", "night-26"));
    assert!(!works(&plan, "ida", "day-25") && !works(&plan, "ida", "day-26"));
    let report = check(&problem(value.clone()), &plan.assignments).unwrap();
    assert_eq!(report.violations, vec![]);
    assert_eq!(report.forced, plan.forced);

    // The same lock without `forced` is a contradiction, as before.
    let mut kept = value;
    kept["people"][0]["locked"] = json!(["night-24", "night-25"]);
    assert!(matches!(solve(&problem(kept), &options(), &NoClock), Err(PlanError::Infeasible { .. })));
}

#[test]
fn a_forced_assignment_without_a_reason_is_refused() {
    let locked = json!([{"shift": "night-24", "forced": true}]);
    let p = problem(desk(1..2, json!([person("kai", json!({"locked": locked}))])));
    let err = compile(&p).unwrap_err();
    assert_eq!(err.field, "people[0].locked[0].reason");
}

#[test]
fn locked_shifts_read_and_write_both_forms() {
    let p = problem(desk(
        1..2,
        json!([person("lea", json!({"locked": ["day-24", {"shift": "night-24", "forced": true, "reason": "x"}]}))]),
    ));
    let locked = &p.people[0].locked;
    assert_eq!(locked[0], LockedShift::kept("day-24"));
    assert!(locked[1].forced);
    let back = serde_json::to_value(&p.people[0].locked).unwrap();
    assert_eq!(back, json!(["day-24", {"shift": "night-24", "forced": true, "reason": "x"}]));
    let typo = json!({"shift": "night-24", "forcd": true});
    let err = serde_json::from_value::<LockedShift>(typo).unwrap_err().to_string();
    assert!(err.contains("forcd"), "{err}");
}

#[test]
fn night_rules_are_validated_and_name_the_field() {
    let cases = [
        (json!({"from": "22:00", "to": "22:00", "min_minutes": 60}), "night.to"),
        (json!({"from": "22:00", "to": "06:00", "min_minutes": 481}), "night.min_minutes"),
        (json!({"from": "00:00", "to": "05:00", "min_minutes": 0}), "night.min_minutes"),
    ];
    for (rule, field) in cases {
        let mut value = desk(1..2, json!([person("max", json!({}))]));
        value["night"] = rule.clone();
        let err = compile(&problem(value.clone())).unwrap_err();
        assert_eq!(err.field, field, "{rule}");
        value.as_object_mut().unwrap().remove("night");
        value["contracts"][0]["night"] = rule.clone();
        let err = compile(&problem(value)).unwrap_err();
        assert_eq!(err.field, format!("contracts[0].{field}"), "{rule}");
    }
    let mut value = desk(1..2, json!([]));
    value["night"] = json!({"from": "22:00", "to": "06:00", "min_minutes": 180, "minimum": 3});
    assert!(serde_json::from_value::<Problem>(value).unwrap_err().to_string().contains("minimum"));
}

#[test]
fn a_contract_night_rule_overrides_the_problem_s() {
    // A Kolkata colleague on the Warsaw late (14:00–22:00 CEST = 17:30–01:30 IST): a
    // night under 22:00–06:00 / 180 min, not under the default.
    let shifts = json!([
        {"id": "late-9", "shift_type": "late", "start": "2026-06-09T12:00:00Z", "end": "2026-06-09T20:00:00Z", "target_headcount": 1},
        {"id": "late-10", "shift_type": "late", "start": "2026-06-10T12:00:00Z", "end": "2026-06-10T20:00:00Z", "target_headcount": 1}
    ]);
    let value = json!({
        "shift_types": [{"id": "late"}],
        "shifts": shifts,
        "contracts": [
            {"id": "default", "max_nights_per_week": 1},
            {"id": "indian", "max_nights_per_week": 1, "night": {"from": "22:00", "to": "06:00", "min_minutes": 180}}
        ],
        "people": [
            {"id": "ravi", "zone": "Asia/Kolkata", "contract": "default"},
            {"id": "uma", "zone": "Asia/Kolkata", "contract": "indian"}
        ]
    });
    let plan = solve(&problem(value), &options(), &NoClock).unwrap();
    let tally = |id: &str| plan.score.by_person.iter().find(|t| t.person == id).cloned().unwrap_or_default();
    assert_eq!(tally("uma").nights, tally("uma").shifts, "every late is a night for uma");
    assert!(tally("uma").shifts <= 1, "one night a week: {:?}", plan.assignments);
    assert_eq!(tally("ravi").nights, 0);
}

#[test]
fn a_forced_day_shift_does_not_excuse_a_locked_night_over_the_weekly_nights() {
    // One night a week; the history already holds one; a kept (not forced) night in the
    // same week breaks the limit whatever else is forced that week.
    let history = json!([{"shift_type": "night", "start": "2026-03-23T21:00:00Z", "end": "2026-03-24T05:00:00Z"}]);
    let locked = json!(["night-25", {"shift": "day-27", "forced": true, "reason": "cover"}]);
    let p = problem(desk(2..5, json!([person("ola", json!({"history": history, "locked": locked}))])));
    match solve(&p, &options(), &NoClock) {
        Err(PlanError::Infeasible { violations }) => {
            assert!(violations.iter().any(|v| v.code == "MAX_NIGHTS_PER_WEEK"), "{violations:?}")
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
}

#[test]
fn a_forced_succession_is_reported_and_its_backward_rotation_still_scores() {
    // Night then day on the next morning: forbidden and backward; the day is forced.
    let mut value = desk(
        1..3,
        json!([person("pia", json!({"locked": ["night-24", {"shift": "day-25", "forced": true, "reason": "audit"}]}))]),
    );
    value["shift_types"] = json!([
        {"id": "day", "rotation_rank": 0},
        {"id": "night", "rotation_rank": 1, "cannot_be_followed_by": ["day"]}
    ]);
    value["contracts"][0]["min_rest_minutes"] = json!(0);
    let p = problem(value);
    let plan = solve(&p, &options(), &NoClock).unwrap();
    assert!(plan.forced.iter().any(|f| f.code == "SHIFT_ROTATION"), "{:?}", plan.forced);
    assert_eq!(plan.search_score, plan.score.total);
    assert_eq!(plan.score.by_rule["backward_rotation"], p.weights.backward_rotation);
}

/// One day shift 08:00–16:00 UTC on each of `n` days from Mon 2 Mar 2026 (`d0`, `d1` …),
/// one person needed on each, under the contract `full`.
fn days(n: u32, contract: serde_json::Value, people: serde_json::Value) -> Problem {
    let shifts: Vec<serde_json::Value> = (0..n)
        .map(|d| {
            json!({
                "id": format!("d{d}"), "shift_type": "day",
                "start": format!("2026-03-{:02}T08:00:00Z", 2 + d), "end": format!("2026-03-{:02}T16:00:00Z", 2 + d),
                "min_headcount": 1, "target_headcount": 1
            })
        })
        .collect();
    let mut contract = contract;
    contract["id"] = json!("full");
    problem(json!({"shift_types": [{"id": "day"}], "shifts": shifts, "contracts": [contract], "people": people}))
}

fn assigned(person: &str, shifts: &[&str]) -> Vec<Assignment> {
    shifts.iter().map(|s| Assignment { shift: s.to_string(), person: person.into() }).collect()
}

/// (first day, length) of each run of worked days `d{n}` of the person.
fn runs(plan: &Plan, person: &str) -> Vec<(u32, u32)> {
    let mut days: Vec<u32> = plan
        .assignments
        .iter()
        .filter(|a| a.person == person)
        .filter_map(|a| a.shift.strip_prefix('d').and_then(|n| n.parse().ok()))
        .collect();
    days.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for d in days {
        match out.last_mut() {
            Some((start, len)) if *start + *len == d => *len += 1,
            _ => out.push((d, 1)),
        }
    }
    out
}

#[test]
fn a_forced_run_may_be_longer_than_the_limit_and_no_other_run_may() {
    let locked: Vec<serde_json::Value> =
        (2..7).map(|d| json!({"shift": format!("d{d}"), "forced": true, "reason": "audit week"})).collect();
    let p = days(14, json!({"max_consecutive_days": 3}), json!([person("rui", json!({"locked": locked}))]));
    let plan = solve(&p, &options(), &NoClock).unwrap();
    for (start, len) in runs(&plan, "rui") {
        if start <= 2 && 6 < start + len {
            assert_eq!((start, len), (2, 5), "the forced run may not grow: {:?}", plan.assignments);
        } else {
            assert!(len <= 3, "a run of {len} from d{start}: {:?}", plan.assignments);
        }
    }
    let forced: Vec<(&str, usize)> = plan.forced.iter().map(|f| (f.code.as_str(), f.shifts.len())).collect();
    assert_eq!(forced, vec![("MAX_CONSECUTIVE_SHIFTS", 5)]);
    // The explanation quotes the contract's limit, and what the forced days allow.
    let reasons = reasons_for(&plan, "d7", "rui");
    assert_eq!(reasons[0].code, "MAX_CONSECUTIVE_SHIFTS", "{reasons:?}");
    assert!(reasons[0].message.contains("(max 3; forced shifts raise it to 5)"), "{}", reasons[0].message);

    // The checker holds every other run to the contract's limit, and the forced run to
    // its own length.
    let forced_days = ["d2", "d3", "d4", "d5", "d6"];
    let later = [&forced_days[..], &["d8", "d9", "d10", "d11"]].concat();
    let report = check(&p, &assigned("rui", &later)).unwrap();
    let found: Vec<(&str, &str)> = report.violations.iter().map(|v| (v.code, v.message.as_str())).collect();
    assert_eq!(found, vec![("MAX_CONSECUTIVE_SHIFTS", "4 days in a row from 2026-03-10, max 3")]);
    let longer = [&["d1"], &forced_days[..]].concat();
    let report = check(&p, &assigned("rui", &longer)).unwrap();
    let found: Vec<&str> = report.violations.iter().map(|v| v.message.as_str()).collect();
    assert_eq!(found, vec!["6 days in a row from 2026-03-03, max 3 (5 with its forced days)"]);
}

#[test]
fn a_run_too_short_around_a_forced_day_is_a_forced_break() {
    let locked = json!([{"shift": "d5", "forced": true, "reason": "training"}]);
    let p = days(14, json!({"min_consecutive_days": 3}), json!([person("sol", json!({"locked": locked}))]));
    let report = check(&p, &assigned("sol", &["d0", "d1", "d2", "d5", "d9", "d10", "d11"])).unwrap();
    assert_eq!(report.violations, vec![]);
    let forced: Vec<(&str, &[String], &str)> =
        report.forced.iter().map(|f| (f.code.as_str(), f.shifts.as_slice(), f.reason.as_str())).collect();
    assert_eq!(forced, vec![("MIN_CONSECUTIVE_SHIFTS", &["d5".to_string()][..], "training")]);
    // A short run without a forced day is still the plan's.
    let report = check(&p, &assigned("sol", &["d0", "d1", "d2", "d5", "d6", "d7", "d9", "d10"])).unwrap();
    let found: Vec<&str> = report.violations.iter().map(|v| v.code).collect();
    assert_eq!(found, vec!["MIN_CONSECUTIVE_SHIFTS"]);
    // The search may keep the forced day short; what it keeps is reported, not refused.
    let plan = solve(&p, &options(), &NoClock).unwrap();
    assert_eq!(check(&p, &plan.assignments).unwrap().violations, vec![]);
}

#[test]
fn every_history_shift_of_the_day_before_counts_for_successions() {
    // Two history shifts on Sunday, b (which c may not follow) listed first.
    let history = json!([
        {"shift_type": "b", "start": "2026-03-01T00:00:00Z", "end": "2026-03-01T04:00:00Z"},
        {"shift_type": "a", "start": "2026-03-01T08:00:00Z", "end": "2026-03-01T12:00:00Z"}
    ]);
    let p = problem(json!({
        "shift_types": [{"id": "a"}, {"id": "b", "cannot_be_followed_by": ["c"]}, {"id": "c"}],
        "shifts": [{"id": "c-2", "shift_type": "c", "start": "2026-03-02T08:00:00Z", "end": "2026-03-02T16:00:00Z",
                    "min_headcount": 1, "target_headcount": 1}],
        "contracts": [{"id": "full"}],
        "people": [person("tia", json!({"history": history}))]
    }));
    let plan = solve(&p, &options(), &NoClock).unwrap();
    assert!(!works(&plan, "tia", "c-2"));
    let reasons = reasons_for(&plan, "c-2", "tia");
    assert_eq!(reasons[0].code, "SHIFT_ROTATION", "{reasons:?}");
    assert_eq!(reasons[0].message, "c on Mon 02 Mar may not follow their b the day before");
}

#[test]
fn rest_counts_from_the_latest_end_of_overlapping_fixed_duties() {
    // A forced 24 h duty with a forced short shift inside it (their overlap is the
    // manager's): the next early shift is 14 h after the short one but only 6 h after
    // the long one.
    let shifts = json!([
        {"id": "long-2", "shift_type": "x", "start": "2026-03-02T20:00:00Z", "end": "2026-03-03T20:00:00Z", "target_headcount": 1},
        {"id": "short-3", "shift_type": "x", "start": "2026-03-03T08:00:00Z", "end": "2026-03-03T12:00:00Z", "target_headcount": 1},
        {"id": "early-4", "shift_type": "x", "start": "2026-03-04T02:00:00Z", "end": "2026-03-04T10:00:00Z",
         "min_headcount": 1, "target_headcount": 1}
    ]);
    let locked = json!([
        {"shift": "long-2", "forced": true, "reason": "migration"},
        {"shift": "short-3", "forced": true, "reason": "migration"}
    ]);
    let value = json!({
        "shift_types": [{"id": "x"}],
        "shifts": shifts,
        "contracts": [{"id": "full", "min_rest_minutes": 660}],
        "people": [person("uli", json!({"locked": locked}))]
    });
    let plan = solve(&problem(value), &options(), &NoClock).unwrap();
    assert!(!works(&plan, "uli", "early-4"));
    assert!(plan.forced.iter().any(|f| f.code == "OVERLAP"), "{:?}", plan.forced);
    let reasons = reasons_for(&plan, "early-4", "uli");
    assert_eq!(reasons[0].code, "MIN_REST", "{reasons:?}");
    assert!(reasons[0].message.starts_with("only 6 h rest between their x on Mon 02 Mar"), "{}", reasons[0].message);
}

#[test]
fn rest_counts_from_a_history_duty_that_ends_after_the_first_shift_of_the_plan() {
    // A 24 h history duty; the plan's first shift (forced) lies inside it, the next one
    // is 18 h after that shift but only 6 h after the history's end.
    let history = json!([{"shift_type": "x", "start": "2026-03-01T22:00:00Z", "end": "2026-03-02T22:00:00Z"}]);
    let value = json!({
        "shift_types": [{"id": "x"}],
        "shifts": [
            {"id": "f-2", "shift_type": "x", "start": "2026-03-02T08:00:00Z", "end": "2026-03-02T10:00:00Z", "target_headcount": 1},
            {"id": "p-3", "shift_type": "x", "start": "2026-03-03T04:00:00Z", "end": "2026-03-03T12:00:00Z",
             "min_headcount": 1, "target_headcount": 1}
        ],
        "contracts": [{"id": "full", "min_rest_minutes": 660}],
        "people": [person("vic", json!({"history": history, "locked": [{"shift": "f-2", "forced": true, "reason": "cover"}]}))]
    });
    let plan = solve(&problem(value), &options(), &NoClock).unwrap();
    assert!(!works(&plan, "vic", "p-3"));
    let reasons = reasons_for(&plan, "p-3", "vic");
    assert_eq!(reasons[0].code, "MIN_REST", "{reasons:?}");
    assert!(reasons[0].message.contains("their last shift before the horizon"), "{}", reasons[0].message);
}
