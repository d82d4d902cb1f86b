//! What the commands that run the planner share: the wall clock they hand it and how
//! many search threads they ask for.

pub use crate::jobs::WallClock;

/// `--threads`, or one per core when it is not given (0 counts as one).
pub fn threads(requested: Option<usize>) -> usize {
    requested.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)).max(1)
}
