//! How a caller watches and stops a running search: a progress callback, called at most
//! five times a second on the caller's clock, and a cancel flag checked at every
//! progress check (each 256 iterations), after which the best roster so far is
//! returned. Neither changes the search: with an iteration limit, plans are identical
//! with or without them.

use super::search::Clock;
use super::state::Cost;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// What the callback is told.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Share of the budget used, 0 to 1.
    pub fraction: f64,
    /// The best score so far: of the best valid roster once there is one, else of the
    /// current (still invalid) one.
    pub best_score: i64,
    /// Hard-rule units the roster behind `best_score` breaks (0 once one is valid).
    pub hard_violations: i64,
}

pub type ProgressFn = dyn Fn(&Progress) + Send + Sync;

#[derive(Clone, Default)]
pub struct Control {
    pub progress: Option<Arc<ProgressFn>>,
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Control {
    pub fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control")
            .field("progress", &self.progress.is_some())
            .field("cancelled", &self.cancelled())
            .finish()
    }
}

impl PartialEq for Control {
    /// The same callback and the same flag (by identity).
    fn eq(&self, other: &Self) -> bool {
        let same_progress = match (&self.progress, &other.progress) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        let same_cancel = match (&self.cancel, &other.cancel) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        same_progress && same_cancel
    }
}

/// The least time between two progress calls.
const REPORT_EVERY: Duration = Duration::from_millis(200);

/// Sends progress at most every `REPORT_EVERY` of the caller's clock.
pub struct Reporter<'a> {
    control: &'a Control,
    clock: &'a dyn Clock,
    last: Mutex<Option<Duration>>,
}

impl<'a> Reporter<'a> {
    pub fn new(control: &'a Control, clock: &'a dyn Clock) -> Self {
        Reporter { control, clock, last: Mutex::new(None) }
    }

    pub fn cancelled(&self) -> bool {
        self.control.cancelled()
    }

    /// Reports unless the last report was too recent. `best` is the best valid soft
    /// cost so far, `current` the walk's own cost.
    pub fn report(&self, fraction: f64, best: Option<i64>, current: Cost) {
        self.send(fraction, best, current, false);
    }

    /// Reports whatever the time since the last report (the end of the search).
    pub fn last_word(&self, best: Option<i64>, current: Cost) {
        self.send(1.0, best, current, true);
    }

    fn send(&self, fraction: f64, best: Option<i64>, current: Cost, always: bool) {
        let Some(callback) = &self.control.progress else { return };
        let now = self.clock.elapsed();
        {
            let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
            if !always && last.is_some_and(|t| now.saturating_sub(t) < REPORT_EVERY) {
                return;
            }
            *last = Some(now);
        }
        let (best_score, hard_violations) = match best {
            Some(soft) => (soft, 0),
            None => (current.soft, current.hard),
        };
        callback(&Progress { fraction: fraction.clamp(0.0, 1.0), best_score, hard_violations });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::bench::curtois::{parse, to_problem};
    use crate::planner::checker::check;
    use crate::planner::solver::{solve, NoClock, SolveOptions};
    use std::sync::atomic::AtomicU64;

    /// A clock that moves 10 ms each time it is read.
    struct Ticking(AtomicU64);

    impl Clock for Ticking {
        fn elapsed(&self) -> Duration {
            Duration::from_millis(10 * self.0.fetch_add(1, Ordering::Relaxed))
        }
    }

    fn problem() -> crate::planner::model::Problem {
        to_problem(&parse(include_str!("../../../tests/fixtures/curtois/Instance2.txt")).unwrap())
    }

    fn options(iterations: u64, control: Control) -> SolveOptions {
        SolveOptions { seed: 5, max_iterations: Some(iterations), threads: 2, control, ..Default::default() }
    }

    #[test]
    fn progress_is_reported_rarely_and_does_not_change_the_plan() {
        let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
        let sink = seen.clone();
        let callback: Arc<ProgressFn> = Arc::new(move |p: &Progress| sink.lock().unwrap().push(*p));
        let control = Control { progress: Some(callback), cancel: None };
        let watched = solve(&problem(), &options(30_000, control), &Ticking(AtomicU64::new(0))).unwrap();
        let plain = solve(&problem(), &options(30_000, Control::default()), &NoClock).unwrap();
        assert_eq!(watched.assignments, plain.assignments);
        assert_eq!(watched.score, plain.score);
        let seen = seen.lock().unwrap();
        assert!(seen.len() >= 3, "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0].fraction <= w[1].fraction), "{seen:?}");
        let last = seen.last().unwrap();
        assert_eq!((last.fraction, last.hard_violations), (1.0, 0));
        assert_eq!(last.best_score, watched.search_score);
        // At most one report per 200 ms of the clock (20 reads): far fewer than the 117
        // progress checks of the first thread.
        assert!(seen.len() <= 15, "{}", seen.len());
    }

    #[test]
    fn cancel_ends_the_search_early_with_the_best_valid_plan_so_far() {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        // Cancel as soon as the search reports a valid roster.
        let callback: Arc<ProgressFn> = Arc::new(move |p: &Progress| {
            if p.hard_violations == 0 && p.fraction > 0.0 {
                flag.store(true, Ordering::Relaxed);
            }
        });
        let control = Control { progress: Some(callback), cancel: Some(cancel) };
        let budget = 50_000_000;
        let plan = solve(&problem(), &options(budget, control), &Ticking(AtomicU64::new(0))).unwrap();
        assert!(plan.iterations < budget / 100, "{} iterations", plan.iterations);
        let report = check(&problem(), &plan.assignments).unwrap();
        assert_eq!(report.violations, vec![]);
        assert_eq!(report.score.total, plan.search_score);
    }
}
