//! Adapters from benchmark formats to the planner's `Problem`: the Curtois–Qu
//! instances and a generated follow-the-sun desk. The engine never depends on them.

pub mod curtois;
pub mod desk_scenario;

#[cfg(test)]
mod curtois_tests;
