//! `rota plan` as a user runs it: the documented example plans, the same seed
//! and iteration budget give the same plan, and bad input exits 2 naming the field.

use std::process::Command;

fn example() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/problem.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn plan(problem: &serde_json::Value, seed: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("problem.json");
    std::fs::write(&input, problem.to_string()).unwrap();
    Command::new(env!("CARGO_BIN_EXE_rota"))
        .args(["plan", "--input", input.to_str().unwrap(), "--iterations", "20000", "--seed", seed])
        .output()
        .unwrap()
}

#[test]
fn the_example_plans_reproducibly_with_an_iteration_budget() {
    let first = plan(&example(), "7");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let parsed: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert!(!parsed["assignments"].as_array().unwrap().is_empty());
    assert_eq!(parsed["score"]["total"], parsed["search_score"]);
    let second = plan(&example(), "7");
    let again: serde_json::Value = serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(parsed["assignments"], again["assignments"]);
}

#[test]
fn an_unknown_zone_exits_2_and_names_the_field() {
    let mut problem = example();
    problem["people"][0]["zone"] = serde_json::json!("Europe/Warsav");
    let out = plan(&problem, "1");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("people[0].zone"), "{stderr}");
}

#[test]
fn a_shift_ending_before_it_starts_exits_2_and_names_the_field() {
    let mut problem = example();
    let start = problem["shifts"][0]["start"].clone();
    problem["shifts"][0]["end"] = start;
    let out = plan(&problem, "1");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("shifts[0].end"), "{stderr}");
}

#[test]
fn an_undefined_skill_exits_2_and_names_the_field() {
    let mut problem = example();
    problem["people"][0]["skills"] = serde_json::json!(["lang:fr"]);
    let out = plan(&problem, "1");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("people[0].skills[0]"), "{stderr}");
}

#[test]
fn out_of_bounds_input_exits_2_and_names_the_field() {
    use serde_json::json;
    // Each of these used to panic, abort on memory, overflow the score or end in an
    // "internal error" after the whole budget.
    let cases: [(&str, &str, serde_json::Value, &str); 8] = [
        (
            "a year chrono can read but not place",
            "/shifts/0/start",
            json!("+262142-12-31T05:00:00Z"),
            "shifts[0].start",
        ),
        ("ten years of shifts", "/shifts/1/start", json!("2036-03-23T05:00:00Z"), "shifts[1].end"),
        (
            "a weight near i64::MAX",
            "/weights",
            json!({"below_minimum": 9_223_372_036_854_775_807_i64}),
            "weights.below_minimum",
        ),
        ("a negative weight", "/shifts/0/weight_above_target", json!(-1000), "shifts[0].weight_above_target"),
        ("a ledger near u32::MAX", "/people/1/ledger", json!({"nights": 4_294_967_295_u32}), "people[1].ledger.nights"),
        (
            "history inside the plan",
            "/people/0/history/0/start",
            json!("2026-03-24T21:00:00Z"),
            "people[0].history[0].start",
        ),
        ("a negative headcount", "/shifts/0/min_headcount", json!(-1), "shifts[0].min_headcount"),
        ("a date that does not exist", "/shifts/0/end", json!("2026-02-30T13:00:00Z"), "shifts[0].end"),
    ];
    for (what, pointer, value, field) in cases {
        let mut problem = example();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        problem.pointer_mut(parent).unwrap()[key] = value;
        if what == "a year chrono can read but not place" {
            problem["shifts"][0]["end"] = json!("+262142-12-31T13:00:00Z");
        }
        if what == "ten years of shifts" {
            problem["shifts"][1]["end"] = json!("2036-03-23T13:00:00Z");
        }
        if what == "history inside the plan" {
            problem["people"][0]["history"][0]["end"] = json!("2026-03-25T05:00:00Z");
        }
        let out = plan(&problem, "1");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(stderr.contains(field), "{what}: {stderr}");
    }
}

#[test]
fn history_that_breaks_the_rules_among_itself_is_the_past_not_an_error() {
    // Two overlapping history shifts, and a third 2 h after them: the plan cannot
    // change the past, so only the plan's own shifts are judged against it.
    let mut problem = example();
    problem["people"][0]["history"] = serde_json::json!([
        {"shift_type": "night", "start": "2026-03-21T21:00:00Z", "end": "2026-03-22T05:00:00Z"},
        {"shift_type": "night", "start": "2026-03-21T21:00:00Z", "end": "2026-03-22T05:00:00Z"},
        {"shift_type": "early", "start": "2026-03-22T07:00:00Z", "end": "2026-03-22T15:00:00Z"}
    ]);
    let out = plan(&problem, "3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn text_after_the_problem_exits_2() {
    // Two problems pasted into one file: planning the first one silently would hide it.
    let text = format!("{} {}", example(), example());
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("problem.json");
    std::fs::write(&input, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rota"))
        .args(["plan", "--input", input.to_str().unwrap(), "--iterations", "1000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("trailing characters"));
}

#[test]
fn a_bad_night_rule_exits_2_and_names_the_field() {
    let cases = [
        (serde_json::json!({"from": "22:00", "to": "06:00", "min_minutes": 180, "max": 3}), "unknown field `max`"),
        (serde_json::json!({"from": "22:00", "to": "22:00", "min_minutes": 60}), "night.to"),
        (serde_json::json!({"from": "22:00", "to": "06:00", "min_minutes": 500}), "night.min_minutes"),
    ];
    for (rule, expected) in cases {
        let mut problem = example();
        problem["night"] = rule.clone();
        let out = plan(&problem, "1");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{rule}: {stderr}");
        assert!(stderr.contains(expected), "{rule}: {stderr}");
    }
    let mut problem = example();
    problem["contracts"][0]["night"] = serde_json::json!({"from": "21:00", "to": "07:00", "min_minutes": 900});
    let out = plan(&problem, "1");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("contracts[0].night.min_minutes"));
}

#[test]
fn a_forced_assignment_plans_and_reports_what_it_breaks() {
    let mut problem = example();
    let shift = problem["shifts"][0]["id"].clone();
    // Forced onto a shift on a day the person has off.
    let day = problem["shifts"][0]["start"].as_str().unwrap()[..10].to_string();
    problem["people"][0]["unavailable_dates"] = serde_json::json!([day]);
    problem["people"][0]["locked"] =
        serde_json::json!([{"shift": shift, "forced": true, "reason": "covering for a sick colleague"}]);
    let out = plan(&problem, "1");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let forced = parsed["forced"].as_array().unwrap();
    assert!(
        forced.iter().any(|f| f["code"] == "DAY_OFF" && f["reason"] == "covering for a sick colleague"),
        "{forced:?}"
    );
}
