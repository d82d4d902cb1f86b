//! How many login attempts are allowed, counted in fixed windows in the database so
//! that every `rota serve` process shares them.

use chrono::{DateTime, Duration, Utc};

use crate::store::login_attempts::Scope;

/// A sixth failed guess within a window, at one account or from one address, is refused.
pub const MAX_FAILURES: i32 = 5;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
/// Logins of one account, right or wrong, allowed per burst window: a person logs in
/// a few times an hour; a script that logs in 60 times a minute only burns hashing time.
pub const MAX_BURST: i32 = 30;
pub const BURST_WINDOW_MINUTES: i64 = 1;

/// One counter a login attempt reserves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    pub scope: Scope,
    pub subject: String,
    pub window_start: DateTime<Utc>,
    pub window_minutes: i64,
    pub limit: i32,
}

impl Counter {
    /// Seconds from `now` until this counter's window ends (at least 1).
    pub fn retry_after(&self, now: DateTime<Utc>) -> u64 {
        let ends = self.window_start + Duration::minutes(self.window_minutes);
        (ends - now).num_seconds().max(1) as u64
    }
}

/// The start of the fixed window of `minutes` that holds `now`.
pub fn window_start(now: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    let length = minutes * 60;
    let start = now.timestamp().div_euclid(length) * length;
    DateTime::from_timestamp(start, 0).unwrap_or(now)
}

/// The counters an attempt at `email_key` from `client_addr` reserves, in a fixed
/// order (the same for every attempt, so two transactions never wait on each other
/// in opposite orders).
pub fn counters(email_key: &str, client_addr: &str, now: DateTime<Utc>) -> [Counter; 3] {
    let counter = |scope, subject: &str, minutes, limit| Counter {
        scope,
        subject: subject.to_string(),
        window_start: window_start(now, minutes),
        window_minutes: minutes,
        limit,
    };
    [
        counter(Scope::Account, email_key, FAILURE_WINDOW_MINUTES, MAX_FAILURES),
        counter(Scope::Address, client_addr, FAILURE_WINDOW_MINUTES, MAX_FAILURES),
        counter(Scope::AccountBurst, email_key, BURST_WINDOW_MINUTES, MAX_BURST),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn windows_are_fixed_and_retry_after_counts_to_their_end() {
        // 1_800_000_000 is a multiple of 900: a 15-minute window starts there.
        let [account, address, burst] = counters("a@x.pl", "10.0.0.1", at(125));
        assert_eq!(account.window_start, at(0));
        assert_eq!(account.retry_after(at(125)), 900 - 125);
        assert_eq!(address.window_start, at(0));
        assert_eq!(burst.window_start, at(120));
        assert_eq!(burst.retry_after(at(125)), 55);
        assert_eq!(account.retry_after(at(900)), 1, "never zero");
    }
}
