//! Several annealers in parallel, one per thread, that meet at every reheat: each hands
//! in its best feasible roster and all of them go on from the best of the team. With two
//! cores this doubles the search at the same wall-clock time. The meeting points are in
//! each thread's own progress, and ties go to the lowest thread, so with an iteration
//! limit the result depends only on the seed and the number of threads.

use super::rng::FastRng;
use super::search::{anneal, Budget, Clock, Outcome, Params};
use super::state::State;
use std::sync::{Barrier, Mutex, PoisonError};

/// A thread's best feasible roster and its cost, if it has one.
type Offer = Option<(Vec<u32>, i64)>;

/// Where the threads meet.
pub struct Meeting {
    barrier: Barrier,
    /// Each thread's best feasible roster at the last meeting, by thread.
    offers: Mutex<Vec<Offer>>,
}

impl Meeting {
    fn new(threads: usize) -> Self {
        Meeting { barrier: Barrier::new(threads), offers: Mutex::new(vec![None; threads]) }
    }

    /// Hands in thread `me`'s best and returns the team's best (lowest cost, then lowest
    /// thread). Every thread must call this the same number of times.
    pub fn exchange(&self, me: usize, mine: &Offer) -> Offer {
        self.offers.lock().unwrap_or_else(PoisonError::into_inner)[me].clone_from(mine);
        self.barrier.wait();
        let best = {
            let offers = self.offers.lock().unwrap_or_else(PoisonError::into_inner);
            offers.iter().flatten().min_by_key(|(_, cost)| *cost).cloned()
        };
        // Nobody may hand in the next offer before everybody has read this one.
        self.barrier.wait();
        best
    }
}

/// A teammate's seed: far from the caller's and from each other's.
fn seed_for(seed: u64, thread: usize) -> u64 {
    seed ^ (thread as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Runs `threads` annealers from the state `st` (thread 0 works on `st` itself with
/// `rng`, so one thread is exactly the single annealer). Returns the team's best
/// feasible roster and the iterations of all threads together.
pub fn anneal_team(
    st: &mut State,
    rng: &mut FastRng,
    seed: u64,
    threads: usize,
    budget: Budget,
    clock: &dyn Clock,
    params: &Params,
) -> Outcome {
    if threads <= 1 {
        return anneal(st, rng, budget, clock, params, None);
    }
    let meeting = Meeting::new(threads);
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let mates: Vec<_> = (1..threads)
            .map(|i| {
                let mut mate = st.clone();
                let meeting = &meeting;
                scope.spawn(move || {
                    let mut rng = FastRng::seed_from_u64(seed_for(seed, i));
                    anneal(&mut mate, &mut rng, budget, clock, params, Some((meeting, i)))
                })
            })
            .collect();
        let mut outcomes = vec![anneal(st, rng, budget, clock, params, Some((&meeting, 0)))];
        // The search is written without panics. Were a teammate to panic anyway, the
        // others would wait for it at the next meeting: a known limit, not handled.
        outcomes.extend(mates.into_iter().filter_map(|h| h.join().ok()));
        outcomes
    });
    let iterations = outcomes.iter().map(|o| o.iterations).sum();
    let best = outcomes.into_iter().filter_map(|o| o.best).min_by_key(|(_, cost)| *cost);
    Outcome { best, iterations }
}

#[cfg(test)]
mod tests {
    use crate::planner::curtois::{parse, to_problem};
    use crate::planner::solver::{solve, NoClock, SolveOptions};

    #[test]
    fn a_team_with_an_iteration_limit_gives_the_same_valid_plan_every_time() {
        let problem = to_problem(&parse(include_str!("../../../tests/fixtures/curtois/Instance2.txt")).unwrap());
        // 100 iterations end before the first progress check after the start: every
        // meeting must still happen, or the threads would wait for each other forever.
        for iterations in [100, 20_000] {
            let options =
                SolveOptions { seed: 4, max_iterations: Some(iterations), time_limit: None, tuning: None, threads: 2 };
            let a = solve(&problem, &options, &NoClock).unwrap();
            let b = solve(&problem, &options, &NoClock).unwrap();
            assert_eq!(a.assignments, b.assignments, "{iterations} iterations");
            assert_eq!(a.score, b.score);
            assert!(a.iterations >= 2 * iterations, "both threads searched: {}", a.iterations);
        }
    }
}
