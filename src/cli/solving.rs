//! What the commands that run the planner share: the wall clock they hand it and how
//! many search threads they ask for.

use crate::planner::solver::Clock;
use std::time::{Duration, Instant};

pub struct WallClock(pub Instant);

impl Clock for WallClock {
    fn elapsed(&self) -> Duration {
        self.0.elapsed()
    }
}

/// `--threads`, or one per core when it is not given (0 counts as one).
pub fn threads(requested: Option<usize>) -> usize {
    requested.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)).max(1)
}
