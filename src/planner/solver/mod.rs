//! The anytime solver: a greedy construction, then simulated annealing over (person, day)
//! cells with exact incremental evaluation, keeping the best feasible roster. The result
//! is re-checked by the independent checker before it is returned, so a bug in the
//! incremental code cannot produce a plan that breaks a hard rule.

mod chain;
mod colgen;
mod construct;
pub mod control;
#[cfg(test)]
mod fixtures;
pub mod moves;
mod pair_swap;
mod rng;
mod rowdp;
mod ruin;
pub mod search;
pub mod state;
mod team;

use super::checker::{check, Violation};
use super::compile::{compile, Compiled, OFF};
use super::explain::shortfalls;
use super::model::{Assignment, Plan, Problem};
use super::validate::InvalidInput;
use control::Reporter;
pub use control::{Control, Progress};
use rng::FastRng;
use search::Params;
pub use search::{Budget, Clock, NoClock};
use state::State;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SolveOptions {
    pub seed: u64,
    /// Stop after this many search iterations (deterministic for a given seed).
    pub max_iterations: Option<u64>,
    /// Stop after this much time on the caller's clock.
    pub time_limit: Option<Duration>,
    /// Expert knobs for experiments; None = derived from the problem's weights.
    pub tuning: Option<Tuning>,
    /// Annealers run in parallel after the start roster is built (one per core is
    /// best); each gets the whole iteration limit. 0 and 1 both mean one.
    pub threads: usize,
    /// Progress callback and cancel flag (see `control`).
    pub control: Control,
}

/// Overrides of the annealing parameters (benchmark experiments).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tuning {
    pub t_start: Option<f64>,
    pub t_end: Option<f64>,
    pub hard_weight: Option<i64>,
    pub move_weights: Option<[u32; 7]>,
    pub hard_weight_min: Option<i64>,
    pub cycles: Option<u32>,
    pub dp_every: Option<u64>,
    pub column_generation: Option<bool>,
    pub pair_every: Option<u64>,
    pub pair_after: Option<u64>,
    pub chain_percent: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error("invalid input: {0}")]
    Invalid(#[from] InvalidInput),
    #[error("no budget: give a time limit or an iteration limit")]
    NoBudget,
    #[error(
        "no roster satisfying every hard rule was found within the budget (the rules may contradict each other, e.g. locked shifts that break a rule or minimum minutes nobody can reach); last violations: {}",
        .violations.iter().take(5).map(|v| format!("{} {}: {}", v.code, v.person, v.message)).collect::<Vec<_>>().join("; ")
    )]
    Infeasible { violations: Vec<Violation> },
    #[error("cancelled before any roster satisfying every hard rule was found")]
    Cancelled,
    #[error("internal error: {0}")]
    Internal(String),
}

/// Search parameters scaled to the problem's weights: the hard penalty must beat the
/// heaviest coverage weight, and temperatures are a fraction of a typical move's cost.
fn params_for(c: &Compiled) -> Params {
    let w = &c.weights;
    let max_cover = c
        .w_below_target
        .iter()
        .chain(c.w_above_target.iter())
        .copied()
        .chain([w.below_minimum, w.skill_shortfall])
        .max()
        .unwrap_or(1)
        .max(1);
    let typical = c.w_below_target.iter().copied().max().unwrap_or(1).max(1) as f64;
    // Tuned on Curtois instances 3–8 when the solver was first written (those runs were
    // not logged; docs/planner-experiments.md starts later): a cool schedule with four
    // reheats beat hot single runs; transfers only matter with several zones.
    let transfer = if c.zones.len() > 1 { 5 } else { 0 };
    Params {
        t_start: 0.1 * typical,
        t_end: 0.003 * typical,
        hard_weight: 2 * max_cover + 10,
        hard_weight_min: max_cover + 10,
        cycles: 4,
        dp_every: 200,
        pair_every: 150,
        pair_after: 20_000,
        // Ejection chains are off by default: they took Curtois 8 out of its bad basin in
        // the first runs but cost 10, 12, 13, 15 and 23 in a full table, and at equal time
        // they were level on 8 and worse on 9; see docs/planner-experiments.md, "What the ejection
        // chains changed" and "What the chains at equal time … said".
        chain_percent: 0,
        // Fills (someone onto a shift below its target): on Curtois 24 (33 shift types,
        // 364 days) they took the 60 s result from 126187 to 94254 (seed 1) and from
        // 124672 to 99779 (seed 2); elsewhere they changed nothing beyond noise.
        move_weights: [20, 30, 20, 5, transfer, 40, 20],
        // The LP start paid off up to about 3000 person-days on 2 cores (Curtois 1–12,
        // 14–18); beyond that its solves eat the search's time (13, 19).
        column_generation: c.n_cells() <= 3000,
    }
}

/// Plans a roster. Same problem, seed and iteration limit → same plan.
pub fn solve(problem: &Problem, options: &SolveOptions, clock: &dyn Clock) -> Result<Plan, PlanError> {
    if options.max_iterations.is_none() && options.time_limit.is_none() {
        return Err(PlanError::NoBudget);
    }
    let c = compile(problem)?;
    // A locked shift the person may not work (time off, missing skill …) can never be
    // part of a valid plan: report it instead of searching.
    // A forced one is kept anyway (the checker reports what it breaks).
    if c.locked.iter().any(|(p, d, s)| !c.may_work(*p, *s) && !c.is_forced(*p, *d)) {
        let locked: Vec<Assignment> = c
            .locked
            .iter()
            .map(|(p, _, s)| Assignment { shift: c.shift_ids[*s as usize].clone(), person: c.person_ids[*p].clone() })
            .collect();
        let report = check(problem, &locked)?;
        return Err(PlanError::Infeasible { violations: report.violations });
    }
    let mut st = State::new(&c);
    for (p, d, s) in &c.locked {
        st.set(*p, *d, *s);
    }
    let mut rng = FastRng::seed_from_u64(options.seed);
    let mut params = params_for(&c);
    if let Some(t) = options.tuning {
        params.t_start = t.t_start.unwrap_or(params.t_start);
        params.t_end = t.t_end.unwrap_or(params.t_end);
        params.hard_weight = t.hard_weight.unwrap_or(params.hard_weight);
        params.cycles = t.cycles.unwrap_or(params.cycles);
        params.dp_every = t.dp_every.unwrap_or(params.dp_every);
        params.column_generation = t.column_generation.unwrap_or(params.column_generation);
        params.pair_every = t.pair_every.unwrap_or(params.pair_every);
        params.pair_after = t.pair_after.unwrap_or(params.pair_after);
        params.chain_percent = t.chain_percent.unwrap_or(params.chain_percent);
        params.move_weights = t.move_weights.unwrap_or(params.move_weights);
        params.hard_weight_min = t.hard_weight_min.unwrap_or(params.hard_weight_min.min(params.hard_weight));
    }
    let reporter = Reporter::new(&options.control, clock);
    construct::greedy(&mut st, &mut rng, params.hard_weight);
    let budget = Budget { max_iterations: options.max_iterations, time_limit: options.time_limit };
    let feasible = |st: &State| (st.cost.hard == 0).then_some(st.cost.soft);
    reporter.report(budget.progress(0, clock), feasible(&st), st.cost);
    // At most a quarter of the time goes to repairing the construction.
    let out_of_time = || reporter.cancelled() || budget.progress(0, clock) > 0.25;
    // One set of DP buffers for all repairs.
    let mut dp = rowdp::RowDp::default();
    construct::repair(&mut st, &mut dp, params.hard_weight, 10, &out_of_time);
    // Rows still broken: a cheap row-only local search first, then the long-row DP for
    // what is left, then the local search once more. Feasibility comes first, so these
    // may use up to half of the budget.
    let repair_out_of_time = || reporter.cancelled() || budget.progress(0, clock) > 0.5;
    construct::repair_rows(&mut st, &mut rng, 200_000, &repair_out_of_time);
    construct::repair_long_rows(&mut st, &mut rng, &mut dp, &repair_out_of_time);
    construct::repair_rows(&mut st, &mut rng, 200_000, &repair_out_of_time);
    reporter.report(budget.progress(0, clock), feasible(&st), st.cost);
    if params.column_generation {
        // At most 40 % of the budget goes to the LP start.
        let lp_out_of_time = || reporter.cancelled() || budget.progress(0, clock) > 0.4;
        colgen::ColumnGeneration::new(&mut st, options.threads.max(1)).run(60, &lp_out_of_time);
        reporter.report(budget.progress(0, clock), feasible(&st), st.cost);
    }
    let outcome =
        team::anneal_team(&mut st, &mut rng, options.seed, options.threads, budget, clock, &params, &reporter);
    reporter.last_word(outcome.best.as_ref().map(|(_, soft)| *soft), st.cost);
    let Some((grid, search_cost)) = outcome.best else {
        if reporter.cancelled() {
            return Err(PlanError::Cancelled);
        }
        let report = check(problem, &assignments(&c, &st.grid))?;
        return Err(PlanError::Infeasible { violations: report.violations });
    };
    let chosen = assignments(&c, &grid);
    let report = check(problem, &chosen)?;
    if !report.violations.is_empty() {
        return Err(PlanError::Internal(format!(
            "solver produced a roster the checker rejects: {:?}",
            report.violations.first()
        )));
    }
    let mut best = State::new(&c);
    best.load(&grid);
    Ok(Plan {
        assignments: chosen,
        shortfalls: shortfalls(problem, &c, &mut best),
        score: report.score,
        search_score: search_cost,
        seed: options.seed,
        iterations: outcome.iterations,
        elapsed_ms: clock.elapsed().as_millis() as u64,
        forced: report.forced,
    })
}

fn assignments(c: &Compiled, grid: &[u32]) -> Vec<Assignment> {
    let mut out: Vec<(u32, usize)> = Vec::new();
    for (p, row) in grid.chunks(c.n_days.max(1)).enumerate() {
        out.extend(row.iter().filter(|v| **v != OFF).map(|v| (*v, p)));
    }
    out.sort_unstable();
    out.into_iter()
        .map(|(s, p)| Assignment { shift: c.shift_ids[s as usize].clone(), person: c.person_ids[p].clone() })
        .collect()
}
