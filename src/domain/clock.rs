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
}
