//! Dates and times as pages show them: always in a named zone, with its offset at that
//! moment, so nobody has to guess whether 06:00 is Warsaw or New York.

use chrono::{DateTime, Offset, Utc};
use chrono_tz::Tz;

/// "Mon 16 Mar".
pub fn day(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%a %-d %b").to_string()
}

/// "14:00–22:00", with "(+1 day)" when it ends on a later local date.
pub fn times(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> String {
    let (s, e) = (start.with_timezone(&zone), end.with_timezone(&zone));
    let days = (e.date_naive() - s.date_naive()).num_days();
    let later = match days {
        0 => String::new(),
        1 => " (+1 day)".into(),
        n => format!(" (+{n} days)"),
    };
    format!("{}–{}{later}", s.format("%H:%M"), e.format("%H:%M"))
}

/// "Mon 23 Mar 20:00–22:00", or with the end's day when it is another local day
/// ("Sun 22 Mar 22:00–Mon 23 Mar 00:00").
pub fn span(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> String {
    let (s, e) = (start.with_timezone(&zone), end.with_timezone(&zone));
    let to = if s.date_naive() == e.date_naive() { e.format("%H:%M") } else { e.format("%a %-d %b %H:%M") };
    format!("{}–{to}", s.format("%a %-d %b %H:%M"))
}

/// The code a board cell or a timeline bar shows for a shift type or template: its
/// initial, upper-cased ("Early" → "E").
pub fn initial(name: &str) -> String {
    name.chars().next().map(|c| c.to_uppercase().collect()).unwrap_or_default()
}

/// "Europe/Warsaw, UTC+2" at that moment (the offset changes with DST).
pub fn zone_label(at: DateTime<Utc>, zone: Tz) -> String {
    let seconds = at.with_timezone(&zone).offset().fix().local_minus_utc();
    let sign = if seconds < 0 { '−' } else { '+' };
    let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    let offset = if minutes == 0 { format!("{hours}") } else { format!("{hours}:{minutes:02}") };
    format!("{}, UTC{sign}{offset}", zone.name())
}

/// A time-off period: whole days as dates ("Mon 10 May – Wed 12 May 2027"), an exact
/// range as a day and times in `zone`.
pub fn period(period: &crate::domain::time_off::TimeOffPeriod, zone: Tz) -> String {
    use crate::domain::time_off::TimeOffPeriod;
    match period {
        TimeOffPeriod::Dates { first, last } if first == last => first.format("%a %-d %b %Y").to_string(),
        TimeOffPeriod::Dates { first, last } => {
            format!("{} – {}", first.format("%a %-d %b"), last.format("%a %-d %b %Y"))
        }
        TimeOffPeriod::Range { start, end } => format!("{} {}", day(*start, zone), times(*start, *end, zone)),
    }
}

/// "with Anna, Jonas" or "on your own".
pub fn teammates(with: &[crate::service::rosters::mine::Teammate]) -> String {
    let names: Vec<&str> = with.iter().map(|t| t.name.as_str()).collect();
    if names.is_empty() {
        "on your own".into()
    } else {
        format!("with {}", names.join(", "))
    }
}

/// "in 45 min", "in 5 h", "in 3 days", "now" for a start seen from `now`.
pub fn starts_in(start: DateTime<Utc>, end: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if start <= now {
        return if end > now { "on now".into() } else { "over".into() };
    }
    let minutes = (start - now).num_minutes();
    match minutes {
        0..=59 => format!("in {} min", minutes.max(1)),
        60..=2879 => format!("in {} h", minutes / 60),
        _ => format!("in {} days", minutes / 1440),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_say_their_zone_and_cross_midnight_and_dst() {
        let warsaw = chrono_tz::Europe::Warsaw;
        // The night into the spring change: 22:00 CET to 06:00 CEST, seven real hours.
        let start = Utc.with_ymd_and_hms(2026, 3, 28, 21, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 3, 29, 4, 0, 0).unwrap();
        assert_eq!(times(start, end, warsaw), "22:00–06:00 (+1 day)");
        assert_eq!(day(start, warsaw), "Sat 28 Mar");
        assert_eq!(zone_label(start, warsaw), "Europe/Warsaw, UTC+1");
        assert_eq!(zone_label(end, warsaw), "Europe/Warsaw, UTC+2");
        assert_eq!(zone_label(end, chrono_tz::America::St_Johns), "America/St_Johns, UTC−2:30");
        assert_eq!(zone_label(end, chrono_tz::Asia::Kolkata), "Asia/Kolkata, UTC+5:30");
        assert_eq!(times(start, end, chrono_tz::America::New_York), "17:00–00:00 (+1 day)");
    }

    #[test]
    fn how_soon() {
        let now = Utc.with_ymd_and_hms(2026, 3, 16, 8, 0, 0).unwrap();
        let at = |m: i64| now + chrono::Duration::minutes(m);
        assert_eq!(starts_in(at(30), at(510), now), "in 30 min");
        assert_eq!(starts_in(at(300), at(780), now), "in 5 h");
        assert_eq!(starts_in(at(4320), at(4800), now), "in 3 days");
        assert_eq!(starts_in(at(-10), at(470), now), "on now");
    }
}
