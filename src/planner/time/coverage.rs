//! A desk's weekly coverage window checked against its shift templates:
//! gaps and overlaps in UTC, week by week.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::interval::UtcInterval;
use super::resolve::resolve_local;
use super::sweep::coverage_segments;
use super::template::{expand, ExpandedShift, ShiftTemplate, TemplateLength};

const MINUTES_PER_DAY: u32 = 24 * 60;

/// A wall-clock moment that recurs weekly: a weekday, a time and a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyMoment {
    pub weekday: Weekday,
    /// Wall-clock minutes after local midnight of `weekday`; 1440 is 24:00,
    /// i.e. midnight at the end of that day.
    pub minutes_after_midnight: u32,
    pub zone: Tz,
}

impl WeeklyMoment {
    /// `weekday` at `time` (seconds dropped) in `zone`.
    pub fn at(weekday: Weekday, time: NaiveTime, zone: Tz) -> Self {
        Self { weekday, minutes_after_midnight: time.hour() * 60 + time.minute(), zone }
    }

    /// `weekday` 24:00 in `zone`.
    pub fn end_of_day(weekday: Weekday, zone: Tz) -> Self {
        Self { weekday, minutes_after_midnight: MINUTES_PER_DAY, zone }
    }

    /// The wall-clock reading in the week that starts (Monday) on `monday`.
    fn local_in_week(&self, monday: NaiveDate) -> Option<NaiveDateTime> {
        let day = monday.checked_add_days(Days::new(u64::from(self.weekday.num_days_from_monday())))?;
        day.and_time(NaiveTime::MIN).checked_add_signed(TimeDelta::minutes(i64::from(self.minutes_after_midnight)))
    }

    /// The instant of this moment in the week that starts on `monday`.
    pub fn in_week(&self, monday: NaiveDate) -> Option<DateTime<Utc>> {
        self.local_in_week(monday).map(|local| resolve_local(self.zone, local))
    }
}

/// When a desk must be staffed, e.g. Monday 00:00 to Friday 24:00 in one
/// zone, or Monday 08:00 Pacific/Auckland to Friday 17:00 America/Los_Angeles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageWindow {
    pub opening: WeeklyMoment,
    pub closing: WeeklyMoment,
}

impl CoverageWindow {
    /// From the opening instant of the week containing `date` (weeks start
    /// on Monday, in the opening zone's calendar) to the first closing
    /// instant after it. A closing equal to the opening gives a full week.
    pub fn in_week_of(&self, date: NaiveDate) -> Option<UtcInterval> {
        let monday = week_start_of(date);
        let opens = self.opening.in_week(monday)?;
        // Start far enough back that the first candidate closes before the
        // opening, then walk forward week by week.
        let weeks_back = u64::from(self.closing.minutes_after_midnight / (7 * MINUTES_PER_DAY)) + 2;
        let mut candidate_monday = monday.checked_sub_days(Days::new(7 * weeks_back))?;
        for _ in 0..weeks_back + 3 {
            if let Some(closes) = self.closing.in_week(candidate_monday) {
                if closes > opens {
                    return Some(UtcInterval { start: opens, end: closes });
                }
            }
            candidate_monday = candidate_monday.checked_add_days(Days::new(7))?;
        }
        None
    }
}

/// The Monday on or before `date`.
pub fn week_start_of(date: NaiveDate) -> NaiveDate {
    let back = Days::new(u64::from(date.weekday().num_days_from_monday()));
    date.checked_sub_days(back).unwrap_or(date)
}

/// One shift, named by its template and the local date it starts on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ShiftRef {
    pub template: String,
    pub local_date: NaiveDate,
}

/// Instants covered by two or more shifts, all of them throughout `interval`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overlap {
    pub interval: UtcInterval,
    /// Template name of every covering shift, sorted; a name appears twice
    /// when two shifts of one template overlap.
    pub templates: Vec<String>,
    /// The covering shifts, sorted by template name then date.
    pub shifts: Vec<ShiftRef>,
}

/// Part of a shift that lies outside the coverage window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutsideWindow {
    pub interval: UtcInterval,
    pub shift: ShiftRef,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekCoverage {
    /// Monday of the week.
    pub week_start: NaiveDate,
    /// This week's coverage window in UTC: (opening, closing).
    pub window: (DateTime<Utc>, DateTime<Utc>),
    /// Parts of the window no shift covers, in time order.
    pub gaps: Vec<UtcInterval>,
    /// Parts of the window two or more shifts cover, in time order.
    pub overlaps: Vec<Overlap>,
    /// Parts of shifts starting (local date) in this week that fall outside
    /// this week's window and outside the neighbouring weeks' windows.
    pub outside: Vec<OutsideWindow>,
}

/// Gaps and overlaps of `templates` within `window`, for every week (Monday
/// to Sunday) that contains a date of `from..=to_inclusive`.
///
/// The range picks weeks, not shifts: all shifts the templates give around
/// each week's window count, including those starting before `from`.
/// Overlaps are reported inside the window only; outside it, see `outside`.
pub fn coverage_report(
    window: &CoverageWindow,
    templates: &[ShiftTemplate],
    from: NaiveDate,
    to_inclusive: NaiveDate,
) -> Vec<WeekCoverage> {
    if from > to_inclusive {
        return Vec::new();
    }
    let first = week_start_of(from);
    let last = week_start_of(to_inclusive);
    // One week of context on each side to tell "outside" from "next week".
    let (Some(context_first), Some(context_last)) =
        (first.checked_sub_days(Days::new(7)), last.checked_add_days(Days::new(7)))
    else {
        return Vec::new();
    };
    let windows: Vec<(NaiveDate, Option<UtcInterval>)> = context_first
        .iter_weeks()
        .take_while(|monday| *monday <= context_last)
        .map(|monday| (monday, window.in_week_of(monday)))
        .collect();

    let shifts = shifts_around(templates, &windows);
    let intervals: Vec<UtcInterval> = shifts.iter().map(ExpandedShift::interval).collect();

    windows
        .windows(3)
        .filter_map(|triple| {
            let [before, (monday, this), after] = triple else {
                return None;
            };
            let this = (*this)?;
            let neighbours: Vec<UtcInterval> = [before.1, Some(this), after.1].into_iter().flatten().collect();
            Some(week_coverage(*monday, this, &neighbours, &shifts, &intervals))
        })
        .collect()
}

/// Every shift of every template that could touch one of the windows.
fn shifts_around(templates: &[ShiftTemplate], windows: &[(NaiveDate, Option<UtcInterval>)]) -> Vec<ExpandedShift> {
    let known = || windows.iter().filter_map(|(_, interval)| *interval);
    let (Some(earliest), Some(latest)) =
        (known().map(|interval| interval.start).min(), known().map(|interval| interval.end).max())
    else {
        return Vec::new();
    };
    let longest_days = templates
        .iter()
        .map(|template| match template.length {
            TemplateLength::End(_) => 1,
            TemplateLength::Minutes(minutes) => u64::from(minutes.div_ceil(MINUTES_PER_DAY)),
        })
        .max()
        .unwrap_or(1);
    // Local dates differ from UTC dates by at most a day.
    let from = earliest.date_naive().checked_sub_days(Days::new(longest_days + 2)).unwrap_or(NaiveDate::MIN);
    let to = latest.date_naive().checked_add_days(Days::new(2)).unwrap_or(NaiveDate::MAX);
    let mut shifts: Vec<ExpandedShift> = templates.iter().flat_map(|template| expand(template, from, to)).collect();
    shifts.sort_by(|a, b| (a.start, a.end, &a.template).cmp(&(b.start, b.end, &b.template)));
    shifts
}

fn week_coverage(
    monday: NaiveDate,
    window: UtcInterval,
    neighbour_windows: &[UtcInterval],
    shifts: &[ExpandedShift],
    intervals: &[UtcInterval],
) -> WeekCoverage {
    let shift_ref = |index: usize| {
        shifts.get(index).map(|shift| ShiftRef { template: shift.template.clone(), local_date: shift.local_date })
    };
    let mut gaps = Vec::new();
    let mut overlaps = Vec::new();
    for segment in coverage_segments(window, intervals) {
        match segment.covering.len() {
            0 => gaps.push(segment.interval),
            1 => {}
            _ => {
                let mut covering: Vec<ShiftRef> =
                    segment.covering.iter().filter_map(|&index| shift_ref(index)).collect();
                covering.sort();
                overlaps.push(Overlap {
                    interval: segment.interval,
                    templates: covering.iter().map(|shift| shift.template.clone()).collect(),
                    shifts: covering,
                });
            }
        }
    }
    let outside = shifts
        .iter()
        .filter(|shift| week_start_of(shift.local_date) == monday)
        .flat_map(|shift| {
            shift.interval().subtract(neighbour_windows).into_iter().map(|interval| OutsideWindow {
                interval,
                shift: ShiftRef { template: shift.template.clone(), local_date: shift.local_date },
            })
        })
        .collect();
    WeekCoverage { week_start: monday, window: (window.start, window.end), gaps, overlaps, outside }
}
