//! Shift templates (wall-clock times in an IANA zone) and their expansion
//! into UTC shifts, one per matching local date.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::interval::UtcInterval;
use super::resolve::resolve_local;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftTemplate {
    pub name: String,
    pub zone: Tz,
    /// Wall-clock start in `zone`.
    pub start: NaiveTime,
    pub length: TemplateLength,
    /// Local weekdays (in `zone`) on which the shift starts.
    pub weekdays: Vec<Weekday>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TemplateLength {
    /// Wall-clock end in the template's zone; on the next day when it is not
    /// after the start, so the elapsed time changes on DST nights.
    End(NaiveTime),
    /// Fixed elapsed duration, whatever the wall clock does.
    Minutes(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpandedShift {
    pub template: String,
    /// The local date (in the template's zone) on which the shift starts.
    pub local_date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl ExpandedShift {
    pub fn interval(&self) -> UtcInterval {
        UtcInterval { start: self.start, end: self.end }
    }

    pub fn duration(&self) -> TimeDelta {
        self.interval().duration()
    }
}

impl ShiftTemplate {
    /// The shift this template gives when started on `local_date`, whatever
    /// the weekday. `None` only at the edge of the representable calendar.
    pub fn shift_on(&self, local_date: NaiveDate) -> Option<ExpandedShift> {
        let start = resolve_local(self.zone, local_date.and_time(self.start));
        let end = match self.length {
            TemplateLength::End(end_time) => {
                let end_date = if end_time <= self.start { local_date.succ_opt()? } else { local_date };
                // A gap as long as the shift (e.g. a skipped calendar day) could
                // otherwise put the end before the start.
                resolve_local(self.zone, end_date.and_time(end_time)).max(start)
            }
            TemplateLength::Minutes(minutes) => start.checked_add_signed(TimeDelta::minutes(i64::from(minutes)))?,
        };
        Some(ExpandedShift { template: self.name.clone(), local_date, start, end })
    }
}

/// One shift per local date in `from..=to_inclusive` whose weekday is listed
/// in the template, in date order.
pub fn expand(template: &ShiftTemplate, from: NaiveDate, to_inclusive: NaiveDate) -> Vec<ExpandedShift> {
    let mut shifts = Vec::new();
    if template.weekdays.is_empty() || from > to_inclusive {
        return shifts;
    }
    let days = (to_inclusive - from).num_days().saturating_add(1);
    let per_week = template.weekdays.len().min(7);
    shifts.reserve(usize::try_from(days / 7 + 1).unwrap_or(0) * per_week);
    for date in from.iter_days().take_while(|date| *date <= to_inclusive) {
        if template.weekdays.contains(&date.weekday()) {
            shifts.extend(template.shift_on(date));
        }
    }
    shifts
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        date(y, m, d).and_time(time(h, min)).and_utc()
    }

    fn warsaw_night() -> ShiftTemplate {
        ShiftTemplate {
            name: "Night".into(),
            zone: Tz::Europe__Warsaw,
            start: time(22, 0),
            length: TemplateLength::End(time(6, 0)),
            weekdays: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun],
        }
    }

    #[test]
    fn warsaw_night_into_spring_forward_lasts_seven_hours() {
        let shifts = expand(&warsaw_night(), date(2026, 3, 28), date(2026, 3, 28));
        assert_eq!(shifts.len(), 1);
        assert_eq!(shifts[0].start, utc(2026, 3, 28, 21, 0));
        assert_eq!(shifts[0].end, utc(2026, 3, 29, 4, 0));
        assert_eq!(shifts[0].duration(), TimeDelta::hours(7));
    }

    #[test]
    fn warsaw_night_into_fall_back_lasts_nine_hours() {
        let shifts = expand(&warsaw_night(), date(2026, 10, 24), date(2026, 10, 24));
        assert_eq!(shifts.len(), 1);
        assert_eq!(shifts[0].start, utc(2026, 10, 24, 20, 0));
        assert_eq!(shifts[0].end, utc(2026, 10, 25, 5, 0));
        assert_eq!(shifts[0].duration(), TimeDelta::hours(9));
    }

    #[test]
    fn ordinary_warsaw_nights_last_eight_hours() {
        let shifts = expand(&warsaw_night(), date(2026, 3, 20), date(2026, 11, 5));
        for shift in shifts {
            let expected = match shift.local_date {
                d if d == date(2026, 3, 28) => TimeDelta::hours(7),
                d if d == date(2026, 10, 24) => TimeDelta::hours(9),
                _ => TimeDelta::hours(8),
            };
            assert_eq!(shift.duration(), expected, "{}", shift.local_date);
        }
    }

    #[test]
    fn fixed_minutes_ignore_the_wall_clock() {
        let template = ShiftTemplate { length: TemplateLength::Minutes(480), ..warsaw_night() };
        let shifts = expand(&template, date(2026, 3, 28), date(2026, 3, 28));
        assert_eq!(shifts[0].end, utc(2026, 3, 29, 5, 0));
        assert_eq!(shifts[0].duration(), TimeDelta::hours(8));
    }

    #[test]
    fn only_listed_weekdays_expand() {
        let template = ShiftTemplate { weekdays: vec![Mon, Wed], ..warsaw_night() };
        // 2026-06-01 is a Monday.
        let dates: Vec<NaiveDate> =
            expand(&template, date(2026, 6, 1), date(2026, 6, 14)).into_iter().map(|shift| shift.local_date).collect();
        assert_eq!(dates, vec![date(2026, 6, 1), date(2026, 6, 3), date(2026, 6, 8), date(2026, 6, 10)]);
        assert!(expand(&template, date(2026, 6, 2), date(2026, 6, 1)).is_empty());
    }

    #[test]
    fn start_inside_the_gap_rolls_forward_and_end_equal_to_start_means_a_full_day() {
        let template = ShiftTemplate {
            name: "Around the clock".into(),
            zone: Tz::Europe__Warsaw,
            start: time(2, 30),
            length: TemplateLength::End(time(2, 30)),
            weekdays: vec![Sun],
        };
        let shifts = expand(&template, date(2026, 3, 29), date(2026, 3, 29));
        assert_eq!(shifts[0].start, utc(2026, 3, 29, 1, 0));
        assert_eq!(shifts[0].end, utc(2026, 3, 30, 0, 30));
    }

    #[test]
    fn templates_round_trip_through_json() {
        let template = warsaw_night();
        let json = serde_json::to_string(&template).expect("serialise");
        let back: ShiftTemplate = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, template);
    }
}
