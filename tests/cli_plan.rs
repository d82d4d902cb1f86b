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
