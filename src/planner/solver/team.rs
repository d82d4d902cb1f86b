//! Several annealers in parallel, one per thread, that meet at every reheat: each hands
//! in its best feasible roster and all of them go on from the best of the team. With two
//! cores this doubles the search at the same wall-clock time. The meeting points are in
//! each thread's own progress, and ties go to the lowest thread, so with an iteration
//! limit the result depends only on the seed and the number of threads.

use super::control::Reporter;
use super::rng::FastRng;
use super::search::{anneal, Budget, Clock, Outcome, Params};
use super::state::State;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// A thread's best feasible roster and its cost, if it has one.
type Offer = Option<(Vec<u32>, i64)>;

/// The state of the meeting under way.
struct Round {
    /// Counts the meetings that have closed.
    closed: u64,
    /// Threads that have handed in their offer for this meeting.
    arrived: usize,
    /// Threads still searching; a thread that stops (at the end, or by a panic) leaves,
    /// so that nobody waits for it.
    present: usize,
    /// This meeting's offers, by thread.
    offers: Vec<Offer>,
    /// The best offer of the last meeting that closed.
    best: Offer,
}

impl Round {
    /// Closes the meeting once everybody still searching has arrived: the best offer
    /// (lowest cost, then lowest thread) is what they take away. True if it closed.
    fn close_if_complete(&mut self) -> bool {
        if self.arrived == 0 || self.arrived < self.present {
            return false;
        }
        self.best = self.offers.iter().flatten().min_by_key(|(_, cost)| *cost).cloned();
        self.offers.iter_mut().for_each(|o| *o = None);
        self.arrived = 0;
        self.closed += 1;
        true
    }
}

/// Where the threads meet.
pub struct Meeting {
    round: Mutex<Round>,
    closed: Condvar,
}

impl Meeting {
    fn new(threads: usize) -> Self {
        let round = Round { closed: 0, arrived: 0, present: threads, offers: vec![None; threads], best: None };
        Meeting { round: Mutex::new(round), closed: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, Round> {
        self.round.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Hands in thread `me`'s best and returns the team's best (lowest cost, then lowest
    /// thread) once every thread still searching has handed in its own. Every thread
    /// must call this the same number of times, unless it stops early.
    pub fn exchange(&self, me: usize, mine: &Offer) -> Offer {
        let mut round = self.lock();
        round.offers[me].clone_from(mine);
        round.arrived += 1;
        let this = round.closed;
        if round.close_if_complete() {
            self.closed.notify_all();
        }
        // The next meeting cannot close before this thread arrives there, so `best` is
        // still this meeting's when the thread wakes.
        while round.closed == this {
            round = self.closed.wait(round).unwrap_or_else(PoisonError::into_inner);
        }
        round.best.clone()
    }

    /// Marks the calling thread as present until the returned guard is dropped, which
    /// happens on unwinding too: a teammate that panics leaves, and the others go on
    /// without it instead of waiting for it forever.
    fn attend(&self) -> Attendance<'_> {
        Attendance(self)
    }

    fn leave(&self) {
        let mut round = self.lock();
        round.present -= 1;
        if round.close_if_complete() {
            self.closed.notify_all();
        }
    }
}

/// A thread's presence at the meetings (see `Meeting::attend`).
struct Attendance<'m>(&'m Meeting);

impl Drop for Attendance<'_> {
    fn drop(&mut self) {
        self.0.leave();
    }
}

/// A teammate's seed: far from the caller's and from each other's.
fn seed_for(seed: u64, thread: usize) -> u64 {
    seed ^ (thread as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Runs `threads` annealers from the state `st` (thread 0 works on `st` itself with
/// `rng`, so one thread is exactly the single annealer). Returns the team's best
/// feasible roster and the iterations of all threads together.
#[allow(clippy::too_many_arguments)]
pub fn anneal_team(
    st: &mut State,
    rng: &mut FastRng,
    seed: u64,
    threads: usize,
    budget: Budget,
    clock: &dyn Clock,
    params: &Params,
    reporter: &Reporter,
) -> Outcome {
    if threads <= 1 {
        return anneal(st, rng, budget, clock, params, None, reporter);
    }
    let meeting = Meeting::new(threads);
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let mates: Vec<_> = (1..threads)
            .map(|i| {
                let mut mate = st.clone();
                let meeting = &meeting;
                scope.spawn(move || {
                    let _present = meeting.attend();
                    let mut rng = FastRng::seed_from_u64(seed_for(seed, i));
                    anneal(&mut mate, &mut rng, budget, clock, params, Some((meeting, i)), reporter)
                })
            })
            .collect();
        let mine = {
            let _present = meeting.attend();
            anneal(st, rng, budget, clock, params, Some((&meeting, 0)), reporter)
        };
        // The search is written without panics. Were a teammate to panic anyway, it
        // leaves the meetings, and the team's answer comes from the others.
        let mut outcomes = vec![mine];
        outcomes.extend(mates.into_iter().filter_map(|h| h.join().ok()));
        outcomes
    });
    let iterations = outcomes.iter().map(|o| o.iterations).sum();
    let best = outcomes.into_iter().filter_map(|o| o.best).min_by_key(|(_, cost)| *cost);
    Outcome { best, iterations }
}

#[cfg(test)]
mod tests {
    use super::Meeting;
    use crate::planner::bench::curtois::{parse, to_problem};
    use crate::planner::solver::{solve, NoClock, SolveOptions};

    #[test]
    fn a_teammate_that_panics_leaves_and_the_others_still_meet() {
        let meeting = Meeting::new(3);
        let taken_away = std::thread::scope(|scope| {
            let quitter = scope.spawn(|| {
                let _present = meeting.attend();
                meeting.exchange(2, &Some((vec![2], 5)));
                panic!("a teammate fails after the first meeting");
            });
            let others: Vec<_> = (0..2usize)
                .map(|me| {
                    let meeting = &meeting;
                    scope.spawn(move || {
                        let _present = meeting.attend();
                        let mine = Some((vec![me as u32], 10 + me as i64));
                        (meeting.exchange(me, &mine), meeting.exchange(me, &mine))
                    })
                })
                .collect();
            assert!(quitter.join().is_err());
            others.into_iter().map(|h| h.join().unwrap()).collect::<Vec<_>>()
        });
        for (first, second) in taken_away {
            // The quitter's roster was the best at the first meeting; the second closes
            // without it and gives the cheaper of the other two, thread 0's.
            assert_eq!(first, Some((vec![2], 5)));
            assert_eq!(second, Some((vec![0], 10)));
        }
    }

    #[test]
    fn a_team_with_an_iteration_limit_gives_the_same_valid_plan_every_time() {
        let problem = to_problem(&parse(include_str!("../../../tests/fixtures/curtois/Instance2.txt")).unwrap());
        // 100 iterations end before the first progress check after the start: every
        // meeting must still happen, or the threads would wait for each other forever.
        for iterations in [100, 20_000] {
            let options = SolveOptions { seed: 4, max_iterations: Some(iterations), threads: 2, ..Default::default() };
            let a = solve(&problem, &options, &NoClock).unwrap();
            let b = solve(&problem, &options, &NoClock).unwrap();
            assert_eq!(a.assignments, b.assignments, "{iterations} iterations");
            assert_eq!(a.score, b.score);
            assert!(a.iterations >= 2 * iterations, "both threads searched: {}", a.iterations);
        }
    }
}
