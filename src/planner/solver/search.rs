//! Simulated annealing over the cell grid. Hard rules are penalised during the search
//! (so the walk can cross infeasible ground between feasible rosters, which the minimum
//! run-length rules make necessary), but only feasible states are ever kept as "best":
//! the returned roster has zero hard units by construction.

use super::chain::ejection_chain;
use super::control::Reporter;
use super::moves::{self, Kind, Undo, KINDS};
use super::pair_swap;
use super::rowdp::RowDp;
use super::ruin::ruin_and_recreate;
use super::state::State;
use super::team::Meeting;
use rand::Rng;
use std::time::Duration;

/// The caller's clock; the planner never reads the time itself.
pub trait Clock: Sync {
    fn elapsed(&self) -> Duration;
}

/// A clock that never advances: only the iteration limit ends the search.
pub struct NoClock;

impl Clock for NoClock {
    fn elapsed(&self) -> Duration {
        Duration::ZERO
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    pub max_iterations: Option<u64>,
    pub time_limit: Option<Duration>,
}

impl Budget {
    /// Fraction of the budget used, the larger of iterations and time.
    pub fn progress(&self, iterations: u64, clock: &dyn Clock) -> f64 {
        let by_iter = self.max_iterations.map_or(0.0, |m| iterations as f64 / m.max(1) as f64);
        let by_time = self.time_limit.map_or(0.0, |t| clock.elapsed().as_secs_f64() / t.as_secs_f64().max(1e-9));
        by_iter.max(by_time)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub t_start: f64,
    pub t_end: f64,
    pub hard_weight: i64,
    /// Lower bound of the adaptive hard weight (strategic oscillation): while the walk is
    /// feasible the weight decays towards this, while infeasible it grows back.
    pub hard_weight_min: i64,
    /// The budget is split into this many annealing cycles; each cycle after the first
    /// restarts from the best feasible roster (a reheat), which beats one long cooling
    /// on these landscapes because single runs vary a lot.
    pub cycles: u32,
    /// One row-window DP move every this many iterations (0 = never).
    pub dp_every: u64,
    /// One best-exchange move between two people every this many iterations (0 = never).
    pub pair_every: u64,
    /// Best exchanges wait until the other moves have changed this many cells per cell
    /// of the grid (`State::sets`): they polish what the cheap moves can no longer
    /// improve, and on large grids, where the cheap moves need the whole budget, they do
    /// not come at all.
    pub pair_after: u64,
    /// Share (percent) of the DP moves that are ejection chains instead of
    /// ruin-and-recreate.
    pub chain_percent: u32,
    /// Relative frequency of each move kind, in `KINDS` order.
    pub move_weights: [u32; 7],
    /// Start from the LP relaxation's dived roster (see `colgen`).
    pub column_generation: bool,
}

pub struct Outcome {
    /// Best feasible grid found (None if no feasible state was ever reached).
    pub best: Option<(Vec<u32>, i64)>,
    pub iterations: u64,
}

fn pick_kind<R: Rng>(rng: &mut R, weights: &[u32; 7], total: u32) -> Kind {
    let mut x = rng.gen_range(0..total.max(1));
    for (k, w) in KINDS.iter().zip(weights) {
        if x < *w {
            return *k;
        }
        x -= w;
    }
    Kind::Change
}

/// Anneals from `st`. With a `team` (meeting point, own index), the thread meets its
/// teammates at every reheat and goes on from the team's best roster.
#[allow(clippy::too_many_arguments)]
pub fn anneal<R: Rng>(
    st: &mut State,
    rng: &mut R,
    budget: Budget,
    clock: &dyn Clock,
    params: &Params,
    team: Option<(&Meeting, usize)>,
    reporter: &Reporter,
) -> Outcome {
    if st.c.n_people == 0 || st.c.n_shifts == 0 {
        // Nothing to decide; the (empty) roster is the answer if it is feasible.
        let best = (st.cost.hard == 0).then(|| (st.grid.clone(), st.cost.soft));
        return Outcome { best, iterations: 0 };
    }
    let mut hard_weight = params.hard_weight as f64;
    let total_weight: u32 = params.move_weights.iter().sum();
    let mut best: Option<(Vec<u32>, i64)> = None;
    let mut best_soft = i64::MAX;
    // The current state is a new best that has not been copied yet; copying only when
    // we are about to leave it keeps the copies rare on large grids.
    let mut unsaved = false;
    if st.cost.hard == 0 {
        best_soft = st.cost.soft;
        unsaved = true;
    }
    let mut undo = Undo::default();
    let mut dp = RowDp::default();
    let mut next_dp = params.dp_every;
    let mut next_pair = params.pair_every;
    // Exchanges cost about a thousand plain moves each; they come more often while they
    // find equal or better rosters and back off while they do not. At a fixed high rate
    // they paid on Curtois 8 and 9 but cost 10 and 12 (docs/planner-experiments.md).
    let mut pair_interval = params.pair_every as f64;
    let pair_range = (params.pair_every as f64, 20.0 * params.pair_every as f64);
    let pair_after = params.pair_after.saturating_mul(st.c.n_cells() as u64);
    // Cell changes made by the cheap moves so far: all of them but those of exchanges and
    // ejection chains, which try many candidates for each move they make.
    let sets_at_start = st.sets;
    let mut trial_sets = 0u64;
    let mut iterations = 0u64;
    let mut temperature = params.t_start;
    let mut current_cycle = 0.0;
    let ratio = params.t_end / params.t_start;
    loop {
        if iterations.is_multiple_of(256) {
            let progress = budget.progress(iterations, clock);
            let cycles = f64::from(params.cycles.max(1));
            // Every reheat is passed, even when one check jumps over several (tiny
            // budgets): teammates count on meeting at each of them.
            let cycle = (progress * cycles).floor().min(cycles - 1.0);
            while cycle > current_cycle {
                current_cycle += 1.0;
                if unsaved {
                    unsaved = false;
                    best = Some((st.grid.clone(), best_soft));
                }
                if let Some((meeting, me)) = team {
                    if let Some(shared) = meeting.exchange(me, &best) {
                        best_soft = shared.1;
                        best = Some(shared);
                    }
                }
                if let Some((grid, _)) = &best {
                    st.load(grid);
                }
            }
            if progress >= 1.0 || reporter.cancelled() {
                break;
            }
            // One voice for the team: the first thread's.
            if team.is_none_or(|(_, me)| me == 0) {
                reporter.report(progress, (best_soft != i64::MAX).then_some(best_soft), st.cost);
            }
            temperature = params.t_start * ratio.powf(progress * cycles - cycle);
            // Feasibility first: until a feasible roster is found the weight may not fall
            // below five times its start; afterwards it oscillates down to the floor.
            let floor =
                if best_soft == i64::MAX { 5.0 * params.hard_weight as f64 } else { params.hard_weight_min as f64 };
            hard_weight = if st.cost.hard > 0 {
                (hard_weight * 1.01).min(50.0 * params.hard_weight as f64)
            } else {
                hard_weight / 1.01
            }
            .max(floor);
        }
        iterations += 1;
        undo.cells.clear();
        let mut pair_now = false;
        let proposal = if params.dp_every > 0 && iterations >= next_dp {
            let before = dp.work;
            let mut chain_sets = 0;
            let r = if params.chain_percent > 0 && rng.gen_range(0..100) < params.chain_percent {
                let sets_before = st.sets;
                let r = ejection_chain(st, rng, &mut undo, &mut dp, hard_weight as i64);
                chain_sets = st.sets - sets_before;
                trial_sets += chain_sets;
                r
            } else {
                ruin_and_recreate(st, rng, &mut undo, &mut dp)
            };
            // Keep the DP to a bounded share of the effort: big windows wait longer, and
            // so do chains for the candidates they tried (a cell change costs about
            // what a plain move does). While infeasible, repairs come first: no throttle.
            next_dp = if st.cost.hard > 0 {
                iterations + params.dp_every
            } else {
                iterations + params.dp_every.max((dp.work - before) / 64 + chain_sets)
            };
            r
        } else if params.pair_every > 0 && iterations >= next_pair && st.sets - sets_at_start - trial_sets >= pair_after
        {
            next_pair = iterations + pair_interval as u64;
            pair_now = true;
            let before = st.sets;
            let proposal = pair_swap::pair_move(st, rng, &mut undo, hard_weight as i64);
            trial_sets += st.sets - before;
            proposal
        } else {
            let kind = pick_kind(rng, &params.move_weights, total_weight);
            moves::apply(st, rng, &mut undo, kind)
        };
        let Some(delta) = proposal else {
            continue;
        };
        let d = delta.soft + (hard_weight as i64) * delta.hard;
        if pair_now {
            pair_interval =
                if d <= 0 { pair_interval / 2.0 } else { pair_interval * 1.02 }.clamp(pair_range.0, pair_range.1);
        }
        let accept = d <= 0 || rng.gen::<f64>() < (-(d as f64) / temperature).exp();
        if !accept {
            undo.revert(st);
            continue;
        }
        let still_best = st.cost.hard == 0 && st.cost.soft <= best_soft;
        if unsaved && !still_best {
            undo.unapply(st);
            best = Some((st.grid.clone(), best_soft));
            unsaved = false;
            undo.redo(st);
        }
        if st.cost.hard == 0 && st.cost.soft < best_soft {
            best_soft = st.cost.soft;
            unsaved = true;
        }
    }
    if unsaved {
        best = Some((st.grid.clone(), best_soft));
    }
    Outcome { best, iterations }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::solver::fixtures::curtois;
    use crate::planner::solver::{construct, params_for, rng::FastRng};

    /// The grid after annealing Instance 9 for 20 000 iterations, and the cell changes made.
    fn anneal_with(pair_every: u64, pair_after: u64) -> (Vec<u32>, u64) {
        let c = curtois(9);
        let mut st = State::new(&c);
        let mut rng = FastRng::seed_from_u64(7);
        let params = Params { pair_every, pair_after, column_generation: false, ..params_for(&c) };
        construct::greedy(&mut st, &mut rng, params.hard_weight);
        let start = st.sets;
        let budget = Budget { max_iterations: Some(20_000), time_limit: None };
        let control = crate::planner::solver::Control::default();
        let reporter = Reporter::new(&control, &NoClock);
        anneal(&mut st, &mut rng, budget, &NoClock, &params, None, &reporter);
        (st.grid.clone(), st.sets - start)
    }

    #[test]
    fn best_exchanges_wait_until_the_other_moves_have_had_their_share() {
        let (never, never_sets) = anneal_with(0, 0);
        // A wait longer than the search: no exchange ever runs, so the walk is the one
        // without exchanges, draw for draw.
        let (waiting, waiting_sets) = anneal_with(150, u64::MAX);
        assert_eq!(waiting, never);
        assert_eq!(waiting_sets, never_sets);
        // No wait: exchanges run (each tries hundreds of subsets) and the walk differs.
        let (eager, eager_sets) = anneal_with(150, 0);
        assert_ne!(eager, never);
        assert!(eager_sets > 2 * never_sets, "{eager_sets} cell changes against {never_sets}");
    }
}
