//! A desk's week drawn as a timeline (server-side SVG): the coverage windows, one lane
//! per template, then the gaps, overlaps and parts outside the window the coverage
//! check found, with closed days shaded across every lane. The week runs from Monday
//! 00:00 to the next Monday 00:00 in the zone it is drawn in, in real time, so a week
//! with a DST change is an hour shorter or longer and its day lines say so.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::format::{initial, span};
use crate::domain::time_zone::stored_zone;
use crate::planner::time::resolve_local;
use crate::service::desks::week::DeskWeek;

/// Left column for the lane names, then the plot.
pub const LABEL_WIDTH: f64 = 150.0;
pub const PLOT_WIDTH: f64 = 840.0;
const TOP: f64 = 34.0;
const LANE: f64 = 28.0;
const BAR: f64 = 20.0;

pub struct Bar {
    pub x: f64,
    /// Top of the bar; set when it joins its lane.
    pub y: f64,
    pub width: f64,
    pub class: String,
    /// Shown on hover and read by screen readers.
    pub title: String,
    /// Written on the bar when it is wide enough.
    pub text: String,
}

pub struct Lane {
    pub y: f64,
    pub label: String,
    pub bars: Vec<Bar>,
}

pub struct DayMark {
    pub x: f64,
    pub label: String,
}

pub struct Timeline {
    /// "Europe/Warsaw" or "UTC".
    pub zone: String,
    pub width: f64,
    pub height: f64,
    pub days: Vec<DayMark>,
    /// Every six hours: x and "06", "12", "18".
    pub hours: Vec<(f64, String)>,
    pub lanes: Vec<Lane>,
    /// Closed days: from the first lane to the last.
    pub closed: Vec<Bar>,
    pub plot_top: f64,
    pub plot_height: f64,
    pub bar_height: f64,
    pub lane_height: f64,
}

/// Local midnight of `date` in `zone` (the first instant of the day after a gap).
fn midnight(zone: Tz, date: NaiveDate) -> DateTime<Utc> {
    resolve_local(zone, date.and_time(NaiveTime::MIN))
}

struct Scale {
    start: DateTime<Utc>,
    minutes: f64,
}

impl Scale {
    /// Monday 00:00 to the next Monday 00:00 in `zone`, however long that is.
    fn week(zone: Tz, monday: NaiveDate) -> Self {
        let start = midnight(zone, monday);
        let minutes = (midnight(zone, monday + Days::new(7)) - start).num_minutes().max(1) as f64;
        Scale { start, minutes }
    }

    fn x(&self, t: DateTime<Utc>) -> f64 {
        let at = (t - self.start).num_seconds() as f64 / 60.0;
        LABEL_WIDTH + (at / self.minutes).clamp(0.0, 1.0) * PLOT_WIDTH
    }

    /// The bar for `start..end`, if any of it is in the week.
    fn bar(&self, start: DateTime<Utc>, end: DateTime<Utc>, class: &str, title: String, text: &str) -> Option<Bar> {
        let (x0, x1) = (self.x(start), self.x(end));
        (x1 - x0 > 0.0).then(|| {
            let text =
                if x1 - x0 >= 6.5 * text.chars().count() as f64 + 6.0 { text.to_string() } else { String::new() };
            Bar { x: x0, y: 0.0, width: x1 - x0, class: class.to_string(), title, text }
        })
    }
}

fn day_marks(scale: &Scale, zone: Tz, monday: NaiveDate) -> Vec<DayMark> {
    (0..7)
        .map(|i| {
            let date = monday + Days::new(i);
            DayMark { x: scale.x(midnight(zone, date)), label: date.format("%a %-d %b").to_string() }
        })
        .collect()
}

/// The week of `week.monday` drawn in `zone_name` ("UTC" or an IANA zone).
pub fn draw(week: &DeskWeek, zone_name: &str) -> Timeline {
    let zone = stored_zone(zone_name);
    let scale = Scale::week(zone, week.monday);
    let days = day_marks(&scale, zone, week.monday);
    let hours = (0..7)
        .flat_map(|i| [6u32, 12, 18].map(move |h| (i, h)))
        .filter_map(|(i, h)| {
            let local = (week.monday + Days::new(i)).and_hms_opt(h, 0, 0)?;
            Some((scale.x(resolve_local(zone, local)), format!("{h:02}")))
        })
        .collect();
    let desk_zone = stored_zone(&week.desk.time_zone);
    let in_zone = |start, end| span(start, end, zone);

    let mut lanes = Vec::new();
    let mut lane = |label: &str, mut bars: Vec<Bar>| {
        let y = TOP + lanes.len() as f64 * LANE;
        for bar in &mut bars {
            bar.y = y + (LANE - BAR) / 2.0;
        }
        lanes.push(Lane { y, label: label.to_string(), bars });
    };
    let open = week
        .windows
        .iter()
        .filter_map(|w| scale.bar(w.start, w.end, "open", format!("Open {}", in_zone(w.start, w.end)), "open"))
        .collect();
    lane("Open", open);
    for template in &week.desk.templates {
        let kind = week.desk.shift_types.iter().position(|t| t.id == template.shift_type).unwrap_or(0);
        let code = initial(&template.name);
        let bars = week
            .shifts
            .iter()
            .filter(|s| s.template_id == template.id)
            .filter_map(|s| {
                let people = if s.min_headcount == s.target_headcount {
                    format!("{}", s.min_headcount)
                } else {
                    format!("{}–{}", s.min_headcount, s.target_headcount)
                };
                let title = format!(
                    "{} {} ({} {}), {people} people",
                    template.name,
                    in_zone(s.start, s.end),
                    span(s.start, s.end, desk_zone),
                    week.desk.time_zone
                );
                scale.bar(s.start, s.end, &format!("shift type-{}", kind % 6), title, &format!("{code} {people}"))
            })
            .collect();
        lane(&template.name, bars);
    }
    let gaps = week
        .check
        .gaps
        .iter()
        .filter_map(|g| scale.bar(g.start, g.end, "gap", format!("Gap: no shift {}", in_zone(g.start, g.end)), "gap"))
        .collect();
    lane("Gaps", gaps);
    let overlaps = week
        .check
        .overlaps
        .iter()
        .filter_map(|o| {
            let names: Vec<&str> = o.shifts.iter().map(|s| s.template.as_str()).collect();
            let title = format!("Overlap of {} {}", names.join(" and "), in_zone(o.span.start, o.span.end));
            scale.bar(o.span.start, o.span.end, "overlap", title, "overlap")
        })
        .collect();
    lane("Overlaps", overlaps);
    let outside = week
        .check
        .outside
        .iter()
        .filter_map(|o| {
            let title = format!("{} outside the window {}", o.shift.template, in_zone(o.span.start, o.span.end));
            scale.bar(o.span.start, o.span.end, "outside", title, "outside")
        })
        .collect();
    lane("Outside window", outside);

    let closed = week
        .closed
        .iter()
        .filter_map(|(date, why)| {
            let (start, end) = (midnight(desk_zone, *date), midnight(desk_zone, date.succ_opt()?));
            let mut bar =
                scale.bar(start, end, "closed", format!("Closed {}: {why}", date.format("%a %-d %b")), "closed")?;
            bar.y = TOP - 4.0;
            Some(bar)
        })
        .collect();
    let plot_height = lanes.len() as f64 * LANE;
    Timeline {
        zone: zone_name.to_string(),
        width: LABEL_WIDTH + PLOT_WIDTH + 4.0,
        height: TOP + plot_height + 4.0,
        days,
        hours,
        lanes,
        closed,
        plot_top: TOP - 4.0,
        plot_height: plot_height + 4.0,
        bar_height: BAR,
        lane_height: LANE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fraction(x: f64) -> f64 {
        (x - LABEL_WIDTH) / PLOT_WIDTH
    }

    #[test]
    fn a_week_with_the_spring_change_is_an_hour_short_and_its_days_say_so() {
        let monday = NaiveDate::from_ymd_opt(2026, 3, 23).unwrap();
        let warsaw = Scale::week(chrono_tz::Europe::Warsaw, monday);
        assert_eq!(warsaw.minutes, 167.0 * 60.0);
        let days = day_marks(&warsaw, chrono_tz::Europe::Warsaw, monday);
        assert_eq!(days[6].label, "Sun 29 Mar");
        assert!((fraction(days[6].x) - 144.0 / 167.0).abs() < 1e-9, "Sunday starts 144 of 167 hours in");
        let utc = Scale::week(chrono_tz::UTC, monday);
        assert_eq!(utc.minutes, 168.0 * 60.0);
        assert!((fraction(day_marks(&utc, chrono_tz::UTC, monday)[6].x) - 144.0 / 168.0).abs() < 1e-9);
    }

    #[test]
    fn bars_are_clipped_to_the_week_and_named_only_when_they_fit() {
        let monday = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let scale = Scale::week(chrono_tz::UTC, monday);
        let at = |day: u32, hour: u32| chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 3, day, hour, 0, 0).unwrap();
        let sunday_night = scale.bar(at(22, 22), at(23, 6), "shift", "Night".into(), "N 2–3").unwrap();
        assert!((sunday_night.x + sunday_night.width - (LABEL_WIDTH + PLOT_WIDTH)).abs() < 1e-9, "ends at the edge");
        assert!((sunday_night.width - PLOT_WIDTH * 2.0 / 168.0).abs() < 1e-9);
        assert_eq!(sunday_night.text, "", "two hours are too narrow for its name");
        let early = scale.bar(at(16, 6), at(16, 14), "shift", "Early".into(), "E 2–3").unwrap();
        assert_eq!(early.text, "E 2–3");
        assert!(scale.bar(at(9, 6), at(9, 14), "shift", "last week".into(), "").is_none());
    }
}
