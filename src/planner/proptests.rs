//! Property tests: on random small problems the solver's plans pass the independent
//! checker, the solver's own score equals the checker's, incremental deltas equal a full
//! recomputation, and the same seed gives the same plan.

use super::checker::check;
use super::compile::{compile, OFF};
use super::model::Assignment;
use super::solver::moves::{apply, Undo, KINDS};
use super::solver::state::State;
use super::solver::{solve, NoClock, SolveOptions};
use super::testgen::random_problem;
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn options(seed: u64, iterations: u64) -> SolveOptions {
    SolveOptions { seed, max_iterations: Some(iterations), threads: 1, ..Default::default() }
}

fn grid_assignments(st: &State) -> Vec<Assignment> {
    let c = st.c;
    let mut out = Vec::new();
    for p in 0..c.n_people {
        for d in 0..c.n_days as u32 {
            let v = st.cell(p, d);
            if v != OFF {
                out.push(Assignment { shift: c.shift_ids[v as usize].clone(), person: c.person_ids[p].clone() });
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn incremental_cost_matches_full_recomputation_and_checker(seed in any::<u64>(), steps in 1usize..300) {
        let problem = random_problem(seed);
        let c = compile(&problem).unwrap();
        let mut st = State::new(&c);
        for (p, d, s) in &c.locked {
            st.set(*p, *d, *s);
        }
        let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
        let mut undo = Undo::default();
        for _ in 0..steps {
            undo.cells.clear();
            let kind = KINDS[rng.gen_range(0..KINDS.len())];
            if apply(&mut st, &mut rng, &mut undo, kind).is_some() && rng.gen_bool(0.2) {
                undo.revert(&mut st);
            }
        }
        let incremental = st.cost;
        let mut fresh = st.clone();
        prop_assert_eq!(fresh.full_cost(), incremental);
        let report = check(&problem, &grid_assignments(&st)).unwrap();
        prop_assert_eq!(report.score.total, incremental.soft);
        prop_assert_eq!(report.violations.is_empty(), incremental.hard == 0, "{:?}", report.violations);
    }

    #[test]
    fn every_plan_passes_the_checker_and_scores_agree(seed in any::<u64>()) {
        let problem = random_problem(seed);
        let plan = solve(&problem, &options(seed, 3_000), &NoClock).unwrap();
        let report = check(&problem, &plan.assignments).unwrap();
        prop_assert!(report.violations.is_empty(), "{:?}", report.violations);
        prop_assert_eq!(plan.search_score, report.score.total);
        prop_assert_eq!(&plan.score, &report.score);
    }

    #[test]
    fn same_seed_same_plan(seed in any::<u64>()) {
        let problem = random_problem(seed);
        let a = solve(&problem, &options(seed, 2_000), &NoClock).unwrap();
        let b = solve(&problem, &options(seed, 2_000), &NoClock).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn every_shortfall_names_a_rule_per_candidate(seed in any::<u64>()) {
        let mut problem = random_problem(seed);
        // Demand more than the team can give.
        for s in &mut problem.shifts {
            s.target_headcount = problem.people.len() as u32 + 1;
            s.min_headcount = s.target_headcount;
        }
        let plan = solve(&problem, &options(seed, 2_000), &NoClock).unwrap();
        prop_assert!(!plan.shortfalls.is_empty());
        for shortfall in &plan.shortfalls {
            prop_assert!(shortfall.assigned < shortfall.required);
            for c in &shortfall.candidates {
                prop_assert!(!c.code.is_empty() && !c.message.is_empty());
                prop_assert!(c.code.chars().all(|ch| ch.is_ascii_uppercase() || ch == '_'));
            }
        }
    }
}
