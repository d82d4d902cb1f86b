//! "Now" as the app sees it. Rules that depend on time (lockout windows,
//! token lifetimes, later roster cut-offs) ask a `Clock`, so tests can fix it.

use std::sync::Mutex;

use chrono::{DateTime, Duration, DurationRound, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// Microseconds are all PostgreSQL keeps: an instant read back must equal the one written.
pub fn to_stored_precision(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant.duration_trunc(Duration::microseconds(1)).unwrap_or(instant)
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        to_stored_precision(Utc::now())
    }
}

/// A clock that stands still until told to move; for tests.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn at(instant: DateTime<Utc>) -> Self {
        Self(Mutex::new(to_stored_precision(instant)))
    }

    pub fn advance(&self, by: Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now += by;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.lock().map(|now| *now).unwrap_or_else(|poisoned| *poisoned.into_inner())
    }
}

/// The system clock moved to another date: the time of day runs as usual, the date is
/// the one asked for (`rota demo --today 2026-03-16`), so demo data and screenshots are
/// the same on every run.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    offset: Duration,
}

impl ShiftedClock {
    /// A clock whose today (in UTC) is `today`.
    pub fn to_date(today: chrono::NaiveDate) -> Self {
        Self { offset: today - Utc::now().date_naive() }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        to_stored_precision(Utc::now() + self.offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_moves_only_when_told() {
        let start = DateTime::from_timestamp(1_800_000_000, 123_456_789).unwrap();
        let clock = FixedClock::at(start);
        assert_eq!(clock.now().timestamp_subsec_nanos(), 123_456_000);
        clock.advance(Duration::minutes(15));
        assert_eq!((clock.now() - to_stored_precision(start)).num_minutes(), 15);
    }

    #[test]
    fn a_shifted_clock_shows_the_date_asked_for() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let clock = ShiftedClock::to_date(day);
        // Unless the test straddles midnight UTC.
        let shown = clock.now().date_naive();
        assert!(shown == day || shown == day.succ_opt().unwrap(), "{shown}");
    }
}
