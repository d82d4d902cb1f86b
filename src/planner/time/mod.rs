//! Wall-clock time for the planner: shift templates written in an IANA zone
//! become UTC intervals here, and a desk's coverage window is checked for gaps
//! and overlaps in UTC.
//!
//! Rules every caller can rely on:
//! - a local time that does not exist (spring forward) means the first instant
//!   after the gap, i.e. the transition itself;
//! - an ambiguous local time (fall back) means the earlier instant;
//! - intervals are half-open, `[start, end)`, so shifts that meet do not overlap.

mod coverage;
mod interval;
mod resolve;
mod sweep;
mod template;

#[cfg(test)]
mod coverage_tests;
#[cfg(test)]
mod proptests;

pub use coverage::{
    coverage_report, week_start_of, CoverageWindow, OutsideWindow, Overlap, ShiftRef, WeekCoverage, WeeklyMoment,
};
pub use interval::UtcInterval;
pub use resolve::{local_date_of, local_weekday, resolve_local};
pub use template::{expand, ExpandedShift, ShiftTemplate, TemplateLength};
