//! Half-open UTC intervals.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// The instants from `start` (included) to `end` (excluded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UtcInterval {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl UtcInterval {
    /// `None` when `end` is before `start`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Option<Self> {
        (start <= end).then_some(Self { start, end })
    }

    /// Elapsed time; zero for an empty or reversed interval.
    pub fn duration(&self) -> TimeDelta {
        (self.end - self.start).max(TimeDelta::zero())
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }

    /// True when some instant lies in both; intervals that only meet do not overlap.
    pub fn overlaps(&self, other: &UtcInterval) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The common part, if it is not empty.
    pub fn intersection(&self, other: &UtcInterval) -> Option<UtcInterval> {
        let common = UtcInterval { start: self.start.max(other.start), end: self.end.min(other.end) };
        (!common.is_empty()).then_some(common)
    }

    /// The non-empty parts of `self` covered by none of `others`, in time order.
    pub fn subtract(&self, others: &[UtcInterval]) -> Vec<UtcInterval> {
        let mut cuts: Vec<UtcInterval> = others.iter().filter_map(|other| self.intersection(other)).collect();
        cuts.sort();
        let mut remaining = Vec::new();
        let mut cursor = self.start;
        for cut in cuts {
            if cut.start > cursor {
                remaining.push(UtcInterval { start: cursor, end: cut.start });
            }
            cursor = cursor.max(cut.end);
        }
        if cursor < self.end {
            remaining.push(UtcInterval { start: cursor, end: self.end });
        }
        remaining
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, hour, 0, 0).single().expect("valid instant")
    }

    fn span(from: u32, to: u32) -> UtcInterval {
        UtcInterval::new(at(from), at(to)).expect("ordered")
    }

    #[test]
    fn meeting_intervals_do_not_overlap() {
        assert!(!span(1, 2).overlaps(&span(2, 3)));
        assert!(span(1, 3).overlaps(&span(2, 4)));
        assert_eq!(span(1, 3).intersection(&span(2, 4)), Some(span(2, 3)));
        assert_eq!(span(1, 2).intersection(&span(2, 3)), None);
    }

    #[test]
    fn reversed_bounds_are_rejected() {
        assert_eq!(UtcInterval::new(at(3), at(2)), None);
        assert_eq!(span(2, 5).duration(), TimeDelta::hours(3));
        assert!(span(2, 2).is_empty());
        assert!(span(2, 3).contains(at(2)) && !span(2, 3).contains(at(3)));
    }

    #[test]
    fn subtract_leaves_the_uncovered_parts() {
        let parts = span(0, 10).subtract(&[span(2, 4), span(3, 5), span(8, 12)]);
        assert_eq!(parts, vec![span(0, 2), span(5, 8)]);
        assert_eq!(span(2, 3).subtract(&[span(0, 10)]), vec![]);
    }
}
