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
