//! Local wall-clock readings to UTC instants and back.

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// Every offset in the tz database (historic local mean time included) lies
/// within ±15:00, so the instant for a wall-clock reading is within this
/// distance of the same reading taken as UTC.
const OFFSET_BOUND_SECONDS: i64 = 16 * 3600;

/// The UTC instant at which the wall clock in `zone` reads `local`.
///
/// A reading skipped by a spring-forward jump resolves to the first instant
/// after the jump (02:30 on a 02:00→03:00 day becomes 03:00 local), so every
/// reading inside one gap maps to the same instant and shifts that meet on
/// wall-clock time still meet in UTC. A reading repeated by a fall-back jump
/// resolves to the earlier instant.
pub fn resolve_local(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(instant) => instant.with_timezone(&Utc),
        LocalResult::Ambiguous(first, second) => first.with_timezone(&Utc).min(second.with_timezone(&Utc)),
        LocalResult::None => first_instant_reading_at_least(zone, local),
    }
}

/// The calendar date the wall clock in `zone` shows at `instant`.
pub fn local_date_of(zone: Tz, instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// The weekday the wall clock in `zone` shows at `instant`.
pub fn local_weekday(zone: Tz, instant: DateTime<Utc>) -> Weekday {
    local_date_of(zone, instant).weekday()
}

fn wall_clock(zone: Tz, instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&zone).naive_local()
}

/// Earliest whole-second instant whose wall-clock reading in `zone` is at or
/// after `local`. Transitions happen on whole seconds, so for a reading inside
/// a gap this is exactly the transition instant.
///
/// The search relies on the wall clock rising with time near `local`; it only
/// falls at a fall-back transition, and the predicate "reading >= local" can
/// flip back only if `local` were ambiguous, which a skipped reading is not.
fn first_instant_reading_at_least(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let as_if_utc = local.and_utc();
    let bound = TimeDelta::seconds(OFFSET_BOUND_SECONDS);
    let (Some(low), Some(high)) = (as_if_utc.checked_sub_signed(bound), as_if_utc.checked_add_signed(bound)) else {
        return as_if_utc;
    };
    // Invariant: reading(low) < local <= reading(high).
    let mut low = low.timestamp();
    let mut high = high.timestamp();
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        match DateTime::from_timestamp(middle, 0) {
            Some(instant) if wall_clock(zone, instant) >= local => high = middle,
            Some(_) => low = middle,
            None => break,
        }
    }
    DateTime::from_timestamp(high, 0).unwrap_or(as_if_utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use chrono_tz::Tz;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|date| date.and_hms_opt(h, min, 0)).expect("valid test date")
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        local(y, m, d, h, min).and_utc()
    }

    fn check(zone: Tz, reading: NaiveDateTime, expected: DateTime<Utc>) {
        assert_eq!(resolve_local(zone, reading), expected, "{zone} {reading}");
    }

    #[test]
    fn ordinary_readings_use_the_zone_offset() {
        check(Tz::Europe__Warsaw, local(2026, 1, 15, 9, 0), utc(2026, 1, 15, 8, 0));
        check(Tz::Europe__Warsaw, local(2026, 7, 15, 9, 0), utc(2026, 7, 15, 7, 0));
        check(Tz::Asia__Kathmandu, local(2026, 5, 1, 9, 0), utc(2026, 5, 1, 3, 15));
        check(Tz::Asia__Kolkata, local(2026, 5, 1, 9, 0), utc(2026, 5, 1, 3, 30));
        check(Tz::UTC, local(2026, 5, 1, 9, 0), utc(2026, 5, 1, 9, 0));
    }

    #[test]
    fn warsaw_spring_forward_rolls_to_three_o_clock() {
        // 29 Mar 2026: 02:00 CET jumps to 03:00 CEST at 01:00 UTC.
        check(Tz::Europe__Warsaw, local(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0));
        check(Tz::Europe__Warsaw, local(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 0));
        check(Tz::Europe__Warsaw, local(2026, 3, 29, 2, 59), utc(2026, 3, 29, 1, 0));
        check(Tz::Europe__Warsaw, local(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0));
        check(Tz::Europe__Warsaw, local(2026, 3, 29, 1, 59), utc(2026, 3, 29, 0, 59));
    }

    #[test]
    fn warsaw_fall_back_takes_the_earlier_instant() {
        // 25 Oct 2026: 03:00 CEST falls back to 02:00 CET at 01:00 UTC.
        check(Tz::Europe__Warsaw, local(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30));
        check(Tz::Europe__Warsaw, local(2026, 10, 25, 3, 0), utc(2026, 10, 25, 2, 0));
    }

    #[test]
    fn new_york_transitions() {
        // 8 Mar 2026: 02:00 EST → 03:00 EDT at 07:00 UTC.
        check(Tz::America__New_York, local(2026, 3, 8, 2, 30), utc(2026, 3, 8, 7, 0));
        // 1 Nov 2026: 02:00 EDT → 01:00 EST at 06:00 UTC; 01:30 happens twice.
        check(Tz::America__New_York, local(2026, 11, 1, 1, 30), utc(2026, 11, 1, 5, 30));
        check(Tz::America__New_York, local(2026, 11, 1, 2, 0), utc(2026, 11, 1, 7, 0));
    }

    #[test]
    fn sydney_transitions() {
        // 5 Apr 2026: 03:00 AEDT → 02:00 AEST; 02:30 happens twice, first at +11.
        check(Tz::Australia__Sydney, local(2026, 4, 5, 2, 30), utc(2026, 4, 4, 15, 30));
        // 4 Oct 2026: 02:00 AEST → 03:00 AEDT at 16:00 UTC the day before.
        check(Tz::Australia__Sydney, local(2026, 10, 4, 2, 30), utc(2026, 10, 3, 16, 0));
    }

    #[test]
    fn lord_howe_half_hour_transitions() {
        // 5 Apr 2026: 02:00 +11 → 01:30 +10:30; 01:45 happens twice, first at +11.
        check(Tz::Australia__Lord_Howe, local(2026, 4, 5, 1, 45), utc(2026, 4, 4, 14, 45));
        check(Tz::Australia__Lord_Howe, local(2026, 4, 5, 2, 0), utc(2026, 4, 4, 15, 30));
        // 4 Oct 2026: 02:00 +10:30 → 02:30 +11 at 15:30 UTC the day before.
        check(Tz::Australia__Lord_Howe, local(2026, 10, 4, 2, 15), utc(2026, 10, 3, 15, 30));
        check(Tz::Australia__Lord_Howe, local(2026, 10, 4, 2, 30), utc(2026, 10, 3, 15, 30));
    }

    #[test]
    fn chatham_quarter_hour_transitions() {
        // 27 Sep 2026: 02:45 +12:45 → 03:45 +13:45 at 14:00 UTC the day before.
        check(Tz::Pacific__Chatham, local(2026, 9, 27, 3, 0), utc(2026, 9, 26, 14, 0));
        // 5 Apr 2026: 03:45 +13:45 → 02:45 +12:45; 03:00 happens twice.
        check(Tz::Pacific__Chatham, local(2026, 4, 5, 3, 0), utc(2026, 4, 4, 13, 15));
    }

    #[test]
    fn local_date_and_weekday_follow_the_zone() {
        let instant = utc(2026, 3, 1, 19, 0);
        assert_eq!(local_date_of(Tz::Pacific__Auckland, instant), NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"));
        assert_eq!(local_weekday(Tz::Pacific__Auckland, instant), Weekday::Mon);
        assert_eq!(local_weekday(Tz::America__Los_Angeles, instant), Weekday::Sun);
    }
}
