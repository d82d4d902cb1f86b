//! What "local day", "night", "weekend" and "inside daytime" mean for one person.
//! Shared by the solver's tables and the checker so both judge the same facts; the
//! rules built on these facts are implemented separately in each.

use super::model::{DaysOffBy, DaytimeWindow, NightRule};
use super::time::resolve_local;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

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

/// Minutes of [start, end) inside the person's local night windows, in real elapsed
/// minutes: each window's ends are resolved to instants the way shift templates are
/// (`time::resolve_local`), so a window across a DST change is 6 or 8 hours long, as
/// the people working it experience it.
pub fn night_minutes(zone: Tz, rule: NightRule, start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    night_minutes_up_to(zone, rule, start, end, i64::MAX)
}

/// `night_minutes`, but the walk over the days stops once `enough` minutes are found.
fn night_minutes_up_to(zone: Tz, rule: NightRule, start: DateTime<Utc>, end: DateTime<Utc>, enough: i64) -> i64 {
    let first = local(zone, start).date() - Duration::days(1);
    let last = local(zone, end).date();
    let crosses_midnight = rule.to <= rule.from;
    let mut total = 0;
    let mut day = first;
    while day <= last {
        let to_day = if crosses_midnight { day + Duration::days(1) } else { day };
        let from = resolve_local(zone, day.and_time(rule.from));
        let to = resolve_local(zone, to_day.and_time(rule.to));
        total += (end.min(to) - start.max(from)).num_minutes().max(0);
        if total >= enough {
            break;
        }
        day += Duration::days(1);
    }
    total
}

pub fn is_night(zone: Tz, rule: NightRule, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    // A long duty (a commitment) is a night as soon as one window holds the minimum: no
    // need to walk all its days.
    let min = i64::from(rule.min_minutes);
    night_minutes_up_to(zone, rule, start, end, min) >= min
}

/// The local day `date` in `zone` as a UTC interval [date 00:00, date+1 00:00), resolved
/// like shift templates (a midnight that does not exist is the transition itself).
pub fn day_bounds(zone: Tz, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let midnight = |d: NaiveDate| resolve_local(zone, d.and_time(NaiveTime::MIN));
    (midnight(date), midnight(date + Duration::days(1)))
}

/// The local dates an interval touches (overlaps by at least an instant), in order.
pub fn days_touched(zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<NaiveDate> {
    let mut out = Vec::with_capacity(2);
    let mut day = local(zone, start).date() - Duration::days(1);
    let last = local(zone, end).date();
    while day <= last {
        let (lo, hi) = day_bounds(zone, day);
        if start < hi && lo < end {
            out.push(day);
        }
        day += Duration::days(1);
    }
    out
}

/// The date in `dates` (days off, holidays) that blocks [start, end) under `by`, if any.
pub fn blocking_day(
    by: DaysOffBy,
    zone: Tz,
    dates: &[NaiveDate],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Option<NaiveDate> {
    match by {
        DaysOffBy::StartDate => Some(local_day(zone, start)).filter(|d| dates.contains(d)),
        DaysOffBy::Overlap => days_touched(zone, start, end).into_iter().find(|d| dates.contains(d)),
    }
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
        let rule = NightRule::default();
        assert!(is_night(chrono_tz::Europe::Warsaw, rule, s, e));
        assert!(!is_night(chrono_tz::Australia::Sydney, rule, s, e));
    }

    fn rule(from: (u32, u32), to: (u32, u32), min_minutes: u32) -> NightRule {
        let t = |(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        NightRule { from: t(from), to: t(to), min_minutes }
    }

    #[test]
    fn a_warsaw_late_is_a_night_in_kolkata_under_a_ten_pm_rule() {
        // 14:00–22:00 CEST is 12:00–20:00 UTC, 17:30–01:30 in Kolkata: 210 min in 22–06.
        let s = Utc.with_ymd_and_hms(2026, 6, 9, 12, 0, 0).unwrap();
        let e = Utc.with_ymd_and_hms(2026, 6, 9, 20, 0, 0).unwrap();
        let ten_pm = rule((22, 0), (6, 0), 180);
        assert_eq!(night_minutes(chrono_tz::Asia::Kolkata, ten_pm, s, e), 210);
        assert!(is_night(chrono_tz::Asia::Kolkata, ten_pm, s, e));
        assert!(!is_night(chrono_tz::Asia::Kolkata, NightRule::default(), s, e), "150 min in 23–06");
        assert!(!is_night(chrono_tz::Europe::Warsaw, ten_pm, s, e));
    }

    #[test]
    fn a_night_across_a_clock_change_is_counted_in_real_minutes() {
        // Warsaw, 28 → 29 Mar 2026: 22:00 CET to 06:00 CEST is 7 real hours, and the
        // 23:00–06:00 window that night is 6. Wall-clock counting said 7.
        let s = Utc.with_ymd_and_hms(2026, 3, 28, 21, 0, 0).unwrap();
        let e = Utc.with_ymd_and_hms(2026, 3, 29, 4, 0, 0).unwrap();
        assert_eq!(night_minutes(chrono_tz::Europe::Warsaw, NightRule::default(), s, e), 360);
        // Autumn, 24 → 25 Oct: the window is 8 real hours.
        let s = Utc.with_ymd_and_hms(2026, 10, 24, 21, 0, 0).unwrap();
        let e = Utc.with_ymd_and_hms(2026, 10, 25, 5, 0, 0).unwrap();
        assert_eq!(night_minutes(chrono_tz::Europe::Warsaw, NightRule::default(), s, e), 480);
    }

    #[test]
    fn a_window_inside_one_day_is_counted_too() {
        // Midnight to 05:00, the directive's core period.
        let s = Utc.with_ymd_and_hms(2026, 1, 5, 2, 0, 0).unwrap();
        let e = Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).unwrap();
        assert_eq!(night_minutes(chrono_tz::UTC, rule((0, 0), (5, 0), 60), s, e), 180);
    }

    #[test]
    fn a_night_touches_both_local_days() {
        let s = Utc.with_ymd_and_hms(2026, 12, 24, 21, 0, 0).unwrap();
        let e = Utc.with_ymd_and_hms(2026, 12, 25, 5, 0, 0).unwrap();
        let days = days_touched(chrono_tz::Europe::Warsaw, s, e);
        assert_eq!(
            days,
            vec![NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()]
        );
        // A shift that ends exactly at midnight does not touch the next day.
        let e = Utc.with_ymd_and_hms(2026, 12, 24, 23, 0, 0).unwrap();
        assert_eq!(days_touched(chrono_tz::Europe::Warsaw, s, e).len(), 1);
    }

    #[test]
    fn weekend_is_judged_on_the_local_date() {
        // Friday 23:00 UTC is already Saturday in Tokyo.
        let s = Utc.with_ymd_and_hms(2026, 3, 6, 23, 0, 0).unwrap();
        assert!(!is_weekend(local_day(chrono_tz::UTC, s)));
        assert!(is_weekend(local_day(chrono_tz::Asia::Tokyo, s)));
    }
}
