//! What "local day", "night", "weekend" and "inside daytime" mean for one person.
//! Shared by the solver's tables and the checker so both judge the same facts; the
//! rules built on these facts are implemented separately in each.

use super::model::DaytimeWindow;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

/// Local night is 23:00–06:00; a shift with at least 3 h in it is a night shift for that
/// person (the EU working-time directive's definition of night work).
pub const NIGHT_START_HOUR: u32 = 23;
pub const NIGHT_END_HOUR: u32 = 6;
pub const NIGHT_MIN_MINUTES: i64 = 180;

pub fn local(zone: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&zone).naive_local()
}

/// The local date a shift belongs to for a person: the date on which it starts.
pub fn local_day(zone: Tz, start: DateTime<Utc>) -> NaiveDate {
    local(zone, start).date()
}

pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Monday of the calendar week containing `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

fn at(date: NaiveDate, hour: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN))
}

/// Minutes of the interval that fall in local night windows. Computed on local wall-clock
/// times, so a DST change inside the interval can shift the count by up to an hour.
pub fn night_minutes(zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    let (ls, le) = (local(zone, start), local(zone, end));
    let mut total = 0;
    let mut day = ls.date() - chrono::Duration::days(1);
    while day <= le.date() {
        let from = at(day, NIGHT_START_HOUR);
        let to = at(day + chrono::Duration::days(1), NIGHT_END_HOUR);
        let overlap = (le.min(to) - ls.max(from)).num_minutes();
        total += overlap.max(0);
        day += chrono::Duration::days(1);
    }
    total
}

pub fn is_night(zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    night_minutes(zone, start, end) >= NIGHT_MIN_MINUTES
}

/// True when the whole shift lies inside the person's local daytime window on one date.
pub fn inside_daytime(zone: Tz, w: DaytimeWindow, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    let (ls, le) = (local(zone, start), local(zone, end));
    ls.date() == le.date() && ls.time() >= w.from && le.time() <= w.to
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn warsaw_night_is_night_but_sydney_sees_daytime() {
        let s = Utc.with_ymd_and_hms(2026, 3, 2, 21, 0, 0).unwrap();
        let e = Utc.with_ymd_and_hms(2026, 3, 3, 5, 0, 0).unwrap();
        assert!(is_night(chrono_tz::Europe::Warsaw, s, e));
        assert!(!is_night(chrono_tz::Australia::Sydney, s, e));
    }

    #[test]
    fn weekend_is_judged_on_the_local_date() {
        // Friday 23:00 UTC is already Saturday in Tokyo.
        let s = Utc.with_ymd_and_hms(2026, 3, 6, 23, 0, 0).unwrap();
        assert!(!is_weekend(local_day(chrono_tz::UTC, s)));
        assert!(is_weekend(local_day(chrono_tz::Asia::Tokyo, s)));
    }
}
