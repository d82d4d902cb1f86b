//! Test fixtures: the Curtois instances copied into `tests/fixtures/curtois`, compiled.

use crate::planner::compile::{compile, Compiled};
use crate::planner::curtois::{parse, to_problem};

/// Curtois instance `n`, parsed and compiled.
pub fn curtois(n: u32) -> Compiled {
    let path = format!("{}/tests/fixtures/curtois/Instance{n}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    compile(&to_problem(&parse(&text).unwrap())).unwrap()
}
