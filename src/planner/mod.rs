//! Pure roster engine: problem in, plan out. No I/O, no clock, no global randomness.
pub mod time;

pub mod bench;
pub mod bounds;
pub mod checker;
pub mod compile;
pub mod definitions;
pub mod explain;
pub mod forced;
pub mod model;
pub mod score;
pub mod solver;
pub mod validate;

#[cfg(test)]
mod desk_rules_tests;
#[cfg(test)]
mod explain_tests;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod rules_proptests;
#[cfg(test)]
mod testgen;
