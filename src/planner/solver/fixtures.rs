//! Test fixtures: the Curtois instances copied into `tests/fixtures/curtois`, compiled,
//! and the greedy start roster most solver tests begin from.

use super::construct;
use super::rng::FastRng;
use super::state::State;
use crate::planner::bench::curtois::{parse, to_problem};
use crate::planner::compile::{compile, Compiled};

/// Curtois instance `n`, parsed and compiled.
pub fn curtois(n: u32) -> Compiled {
    let path = format!("{}/tests/fixtures/curtois/Instance{n}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    compile(&to_problem(&parse(&text).unwrap())).unwrap()
}

/// The greedy start roster on `c` (hard weight 1000), and the generator seeded with
/// `seed` that drew it, for the test to go on drawing from.
pub fn greedy_start(c: &Compiled, seed: u64) -> (State<'_>, FastRng) {
    let mut st = State::new(c);
    let mut rng = FastRng::seed_from_u64(seed);
    construct::greedy(&mut st, &mut rng, 1000);
    (st, rng)
}
