//! Explanations name the rule that keeps each candidate off a short shift.

use super::model::*;
use super::solver::{solve, NoClock, SolveOptions};

fn problem() -> Problem {
    let json = r#"{
      "skills": ["lang:de"],
      "shift_types": [
        {"id": "night", "rotation_rank": 2},
        {"id": "day", "rotation_rank": 1}
      ],
      "shifts": [
        {"id": "night-mon", "shift_type": "night", "start": "2026-03-23T21:00:00Z",
         "end": "2026-03-24T05:00:00Z", "target_headcount": 1},
        {"id": "day-tue", "shift_type": "day", "start": "2026-03-24T11:00:00Z",
         "end": "2026-03-24T19:00:00Z", "min_headcount": 3, "target_headcount": 3,
         "skill_minimums": [{"any_of": ["lang:de"], "min": 1}]}
      ],
      "contracts": [{"id": "full", "min_rest_minutes": 660}],
      "people": [
        {"id": "anna", "zone": "Europe/Warsaw", "skills": ["lang:de"], "contract": "full",
         "locked": ["night-mon"]},
        {"id": "ben", "zone": "Europe/Warsaw", "contract": "full"},
        {"id": "cleo", "zone": "Europe/Warsaw", "contract": "full",
         "unavailable": [{"start": "2026-03-24T00:00:00Z", "end": "2026-03-25T00:00:00Z"}]}
      ]
    }"#;
    serde_json::from_str(json).unwrap()
}

#[test]
fn short_shift_explains_rest_time_off_and_missing_language() {
    let options = SolveOptions { seed: 7, max_iterations: Some(5_000), threads: 1, ..Default::default() };
    let plan = solve(&problem(), &options, &NoClock).unwrap();
    let headcount = plan.shortfalls.iter().find(|s| s.requirement == "headcount").unwrap();
    assert_eq!((headcount.required, headcount.assigned), (3, 1));
    let anna = headcount.candidates.iter().find(|c| c.person == "anna").unwrap();
    assert_eq!(anna.code, "MIN_REST");
    assert!(anna.message.contains("night on Mon 23 Mar"), "{}", anna.message);
    let cleo = headcount.candidates.iter().find(|c| c.person == "cleo").unwrap();
    assert_eq!(cleo.code, "UNAVAILABLE");
    let german = plan.shortfalls.iter().find(|s| s.requirement == "lang:de").unwrap();
    assert!(german.summary.starts_with("no lang:de available"), "{}", german.summary);
    assert_eq!(german.candidates.len(), 1);
    assert_eq!(german.candidates[0].code, "MIN_REST");
}

#[test]
fn evaluating_a_hand_made_roster_explains_its_short_shifts_as_a_plan_would() {
    let problem = problem();
    let by_hand = vec![Assignment { shift: "night-mon".into(), person: "anna".into() }];
    let judged = super::explain::evaluate(&problem, &by_hand).unwrap();
    assert!(judged.report.violations.is_empty(), "{:?}", judged.report.violations);
    let headcount = judged.shortfalls.iter().find(|s| s.requirement == "headcount").unwrap();
    assert_eq!((headcount.shift.as_str(), headcount.required, headcount.assigned), ("day-tue", 3, 0));
    let reasons: Vec<(&str, &str)> =
        headcount.candidates.iter().map(|c| (c.person.as_str(), c.code.as_str())).collect();
    assert!(reasons.contains(&("anna", "MIN_REST")), "{reasons:?}");
    assert!(reasons.contains(&("cleo", "UNAVAILABLE")), "{reasons:?}");
    // Ben could take it: the search did not run, so the reason says so.
    assert!(reasons.contains(&("ben", "NOT_CHOSEN")), "{reasons:?}");
    let tally = judged.report.score.by_person.iter().find(|t| t.person == "anna").unwrap();
    assert_eq!((tally.shifts, tally.nights), (1, 1));
}

#[test]
fn unknown_fields_and_bad_references_are_rejected_with_the_field_name() {
    let mut p = problem();
    p.people[1].zone = "Europe/Warsw".into();
    let err = super::validate::validate(&p).unwrap_err();
    assert_eq!(err.field, "people[1].zone");
    let mut p = problem();
    p.shifts[0].end = p.shifts[0].start;
    assert_eq!(super::validate::validate(&p).unwrap_err().field, "shifts[0].end");
    let mut p = problem();
    p.people[0].skills.push("lang:fr".into());
    assert_eq!(super::validate::validate(&p).unwrap_err().field, "people[0].skills[1]");
    let json = r#"{"shift_types": [], "shifts": [], "contracts": [], "people": [], "colour": 1}"#;
    let err = serde_json::from_str::<Problem>(json).unwrap_err().to_string();
    assert!(err.contains("unknown field `colour`"), "{err}");
}

#[test]
fn a_locked_shift_during_time_off_is_reported_as_infeasible() {
    let mut p = problem();
    p.people[2].locked.push(LockedShift::kept("day-tue"));
    let options = SolveOptions { seed: 1, max_iterations: Some(1_000), threads: 1, ..Default::default() };
    match solve(&p, &options, &NoClock) {
        Err(super::solver::PlanError::Infeasible { violations }) => {
            assert!(violations.iter().any(|v| v.code == "UNAVAILABLE" && v.person == "cleo"));
        }
        other => panic!("expected infeasible, got {other:?}"),
    }
}

#[test]
fn the_documented_example_plans_and_its_plan_file_is_valid() {
    let problem: Problem = serde_json::from_str(include_str!("../../docs/examples/problem.json")).unwrap();
    let options = SolveOptions { seed: 1, max_iterations: Some(20_000), threads: 1, ..Default::default() };
    let plan = solve(&problem, &options, &NoClock).unwrap();
    let report = super::checker::check(&problem, &plan.assignments).unwrap();
    assert!(report.violations.is_empty());
    // The stored example output reads back and passes the checker too.
    let stored: Plan = serde_json::from_str(include_str!("../../docs/examples/plan.json")).unwrap();
    let stored_report = super::checker::check(&problem, &stored.assignments).unwrap();
    assert!(stored_report.violations.is_empty(), "{:?}", stored_report.violations);
    assert_eq!(stored_report.score, stored.score);
}

#[test]
fn an_empty_problem_gives_an_empty_plan() {
    let problem: Problem =
        serde_json::from_str(r#"{"shift_types": [], "shifts": [], "contracts": [], "people": []}"#).unwrap();
    let options = SolveOptions { seed: 1, max_iterations: Some(1_000), threads: 1, ..Default::default() };
    let plan = solve(&problem, &options, &NoClock).unwrap();
    assert!(plan.assignments.is_empty() && plan.shortfalls.is_empty());
}

#[test]
fn the_desk_rules_example_plans_with_its_forced_break_and_its_plan_file_is_valid() {
    let problem: Problem = serde_json::from_str(include_str!("../../docs/examples/desk-rules.json")).unwrap();
    let options = SolveOptions { seed: 1, max_iterations: Some(20_000), threads: 1, ..Default::default() };
    let plan = solve(&problem, &options, &NoClock).unwrap();
    let codes: Vec<(&str, &str)> = plan.forced.iter().map(|f| (f.code.as_str(), f.person.as_str())).collect();
    assert_eq!(codes, vec![("DAY_OFF", "tomasz")]);
    let stored: Plan = serde_json::from_str(include_str!("../../docs/examples/desk-rules-plan.json")).unwrap();
    let report = super::checker::check(&problem, &stored.assignments).unwrap();
    assert!(report.violations.is_empty(), "{:?}", report.violations);
    assert_eq!(report.score, stored.score);
    assert_eq!(report.forced, stored.forced);
}

#[test]
fn an_ineligible_candidate_is_told_the_rule_that_really_keeps_them_off() {
    // 18:00–22:00 in Warsaw on a public holiday.
    let json = r#"{
      "shift_types": [{"id": "late"}],
      "shifts": [{"id": "late-mon", "shift_type": "late", "start": "2026-03-23T17:00:00Z",
                  "end": "2026-03-23T21:00:00Z", "min_headcount": 4, "target_headcount": 4}],
      "contracts": [
        {"id": "helper", "volunteer": true, "may_work_holidays": true,
         "daytime": {"from": "08:00:00", "to": "17:00:00"}},
        {"id": "no-lates", "volunteer": true, "daytime": {"from": "08:00:00", "to": "23:00:00"},
         "max_shifts_per_type": {"late": 0}},
        {"id": "no-time", "max_minutes_per_horizon": 0}
      ],
      "people": [
        {"id": "vera", "zone": "Europe/Warsaw", "contract": "helper", "holidays": ["2026-03-23"]},
        {"id": "will", "zone": "Europe/Warsaw", "contract": "no-lates"},
        {"id": "xan", "zone": "Europe/Warsaw", "contract": "no-time"}
      ]
    }"#;
    let problem: Problem = serde_json::from_str(json).unwrap();
    let options = SolveOptions { seed: 1, max_iterations: Some(1_000), threads: 1, ..Default::default() };
    let plan = solve(&problem, &options, &NoClock).unwrap();
    let codes: Vec<(&str, &str)> =
        plan.shortfalls[0].candidates.iter().map(|c| (c.person.as_str(), c.code.as_str())).collect();
    assert_eq!(codes, vec![("vera", "OUTSIDE_VOLUNTEER_WINDOW"), ("will", "MAX_SHIFTS"), ("xan", "MAX_TOTAL_MINUTES")]);
}

#[test]
fn a_week_full_of_commitments_saturates_the_weekly_minutes_instead_of_overflowing() {
    let mut c = super::compile::compile(&problem()).unwrap();
    // As full as history and commitments can make a week, under a 40 h limit.
    c.week_base_minutes.iter_mut().for_each(|m| *m = u32::MAX);
    c.week_cap_minutes.iter_mut().for_each(|m| *m = 2400);
    let mut st = super::solver::state::State::new(&c);
    let (d, s) = (c.day(0, 0), 0);
    st.set(0, d, s);
    let broken = super::explain::row_violations(&st, 0);
    assert!(broken.iter().any(|(code, _)| *code == "MAX_WEEKLY_MINUTES"), "{broken:?}");
}
