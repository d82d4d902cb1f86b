//! Throttling of password guessing, kept in the database so that several
//! `rota serve` processes share it.

use chrono::{Duration, NaiveDateTime};

use crate::store::login_failures::RecentFailures;

/// More than this many failures in the window locks the account or address.
pub const MAX_FAILURES: usize = 5;
pub const WINDOW_MINUTES: i64 = 15;

pub fn window_start(now: NaiveDateTime) -> NaiveDateTime {
    now - Duration::minutes(WINDOW_MINUTES)
}

/// Seconds until the caller may try again, or None when not locked out.
///
/// Locked once `MAX_FAILURES` failures sit in the window; the lock lifts when
/// enough of them age out to bring the count below the limit.
pub fn retry_after(recent: &RecentFailures, now: NaiveDateTime) -> Option<u64> {
    [&recent.for_email, &recent.for_addr]
        .into_iter()
        .filter(|failures| failures.len() >= MAX_FAILURES)
        .filter_map(|failures| {
            // The lock ends when the failure that brings the count to the limit expires.
            let unlocking = failures.get(failures.len() - MAX_FAILURES)?;
            let ends = *unlocking + Duration::minutes(WINDOW_MINUTES);
            Some((ends - now).num_seconds().max(1) as u64)
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + minute * 60, 0).unwrap().naive_utc()
    }

    #[test]
    fn five_failures_lock_until_the_oldest_ages_out() {
        let now = at(10);
        let failures = (0..5).map(at).collect::<Vec<_>>();
        let recent = RecentFailures { for_email: failures, for_addr: vec![] };
        assert_eq!(retry_after(&recent, now), Some(5 * 60));
        let four = RecentFailures { for_email: (0..4).map(at).collect(), for_addr: vec![] };
        assert_eq!(retry_after(&four, now), None);
    }

    #[test]
    fn the_address_limit_applies_across_accounts() {
        let recent = RecentFailures { for_email: vec![], for_addr: (0..6).map(at).collect() };
        assert_eq!(retry_after(&recent, at(10)), Some(6 * 60));
    }
}
