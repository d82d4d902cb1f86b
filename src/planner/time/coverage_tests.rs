//! Coverage reports for real desks, asserted to the UTC instant.

use chrono::Weekday::{self, *};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::*;

const WEEKDAYS: [Weekday; 5] = [Mon, Tue, Wed, Thu, Fri];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    date(y, m, d).and_time(time(h, min)).and_utc()
}

fn span(start: DateTime<Utc>, end: DateTime<Utc>) -> UtcInterval {
    UtcInterval::new(start, end).expect("ordered")
}

fn template(name: &str, zone: Tz, from: u32, to: u32, weekdays: &[Weekday]) -> ShiftTemplate {
    ShiftTemplate {
        name: name.into(),
        zone,
        start: time(from, 0),
        length: TemplateLength::End(time(to % 24, 0)),
        weekdays: weekdays.to_vec(),
    }
}

fn warsaw_working_week() -> CoverageWindow {
    CoverageWindow {
        opening: WeeklyMoment::at(Mon, time(0, 0), Tz::Europe__Warsaw),
        closing: WeeklyMoment::end_of_day(Fri, Tz::Europe__Warsaw),
    }
}

fn overlap(start: DateTime<Utc>, end: DateTime<Utc>, shifts: &[(&str, NaiveDate)]) -> Overlap {
    Overlap {
        interval: span(start, end),
        templates: shifts.iter().map(|(name, _)| name.to_string()).collect(),
        shifts: shifts
            .iter()
            .map(|(name, local_date)| ShiftRef { template: name.to_string(), local_date: *local_date })
            .collect(),
    }
}

#[test]
fn three_shifts_tile_the_warsaw_working_week_across_dst() {
    let templates = [
        template("Early", Tz::Europe__Warsaw, 0, 8, &WEEKDAYS),
        template("Day", Tz::Europe__Warsaw, 8, 16, &WEEKDAYS),
        template("Late", Tz::Europe__Warsaw, 16, 24, &WEEKDAYS),
    ];
    let report = coverage_report(&warsaw_working_week(), &templates, date(2026, 3, 25), date(2026, 4, 1));
    let windows: Vec<_> = report.iter().map(|week| (week.week_start, week.window)).collect();
    assert_eq!(
        windows,
        vec![
            (date(2026, 3, 23), (utc(2026, 3, 22, 23, 0), utc(2026, 3, 27, 23, 0))),
            (date(2026, 3, 30), (utc(2026, 3, 29, 22, 0), utc(2026, 4, 3, 22, 0))),
        ]
    );
    for week in &report {
        assert_eq!(week.gaps, vec![], "{}", week.week_start);
        assert_eq!(week.overlaps, vec![], "{}", week.week_start);
        assert_eq!(week.outside, vec![], "{}", week.week_start);
    }
}

#[test]
fn night_shifts_sticking_out_of_the_window_are_outside_not_gaps() {
    let templates = [
        template("Day", Tz::Europe__Warsaw, 6, 14, &WEEKDAYS),
        template("Evening", Tz::Europe__Warsaw, 14, 22, &WEEKDAYS),
        template("Night", Tz::Europe__Warsaw, 22, 6, &[Sun, Mon, Tue, Wed, Thu, Fri]),
    ];
    let report = coverage_report(&warsaw_working_week(), &templates, date(2026, 3, 23), date(2026, 3, 29));
    assert_eq!(report.len(), 1);
    let week = &report[0];
    assert_eq!(week.gaps, vec![]);
    assert_eq!(week.overlaps, vec![]);
    let outside: Vec<_> =
        week.outside.iter().map(|part| (part.interval, part.shift.template.as_str(), part.shift.local_date)).collect();
    assert_eq!(
        outside,
        vec![
            // Friday night runs into Saturday 06:00 CET.
            (span(utc(2026, 3, 27, 23, 0), utc(2026, 3, 28, 5, 0)), "Night", date(2026, 3, 27)),
            // Sunday night starts 22:00 CEST, after the spring-forward jump.
            (span(utc(2026, 3, 29, 20, 0), utc(2026, 3, 29, 22, 0)), "Night", date(2026, 3, 29)),
        ]
    );
}

#[test]
fn a_one_hour_gap_and_an_overlap_are_reported_exactly() {
    let templates = [
        template("Early", Tz::Europe__Warsaw, 0, 8, &WEEKDAYS),
        template("Day", Tz::Europe__Warsaw, 8, 15, &WEEKDAYS),
        template("Late", Tz::Europe__Warsaw, 16, 24, &WEEKDAYS),
        template("Overtime", Tz::Europe__Warsaw, 7, 9, &[Wed]),
    ];
    let report = coverage_report(&warsaw_working_week(), &templates, date(2026, 6, 1), date(2026, 6, 7));
    assert_eq!(report.len(), 1);
    let week = &report[0];
    assert_eq!(week.window, (utc(2026, 5, 31, 22, 0), utc(2026, 6, 5, 22, 0)));
    let daily_gap = |day| span(utc(2026, 6, day, 13, 0), utc(2026, 6, day, 14, 0));
    assert_eq!(week.gaps, (1..=5).map(daily_gap).collect::<Vec<_>>());
    let wednesday = date(2026, 6, 3);
    assert_eq!(
        week.overlaps,
        vec![
            overlap(utc(2026, 6, 3, 5, 0), utc(2026, 6, 3, 6, 0), &[("Early", wednesday), ("Overtime", wednesday)]),
            overlap(utc(2026, 6, 3, 6, 0), utc(2026, 6, 3, 7, 0), &[("Day", wednesday), ("Overtime", wednesday)]),
        ]
    );
    assert_eq!(week.outside, vec![]);
}

fn follow_the_sun() -> (CoverageWindow, [ShiftTemplate; 3]) {
    let window = CoverageWindow {
        opening: WeeklyMoment::at(Mon, time(8, 0), Tz::Pacific__Auckland),
        closing: WeeklyMoment::at(Fri, time(17, 0), Tz::America__Los_Angeles),
    };
    let templates = [
        template("Auckland", Tz::Pacific__Auckland, 8, 17, &WEEKDAYS),
        template("Warsaw", Tz::Europe__Warsaw, 5, 14, &WEEKDAYS),
        template("Los Angeles", Tz::America__Los_Angeles, 5, 11, &WEEKDAYS),
    ];
    (window, templates)
}

#[test]
fn follow_the_sun_hands_over_exactly_in_winter() {
    let (window, templates) = follow_the_sun();
    let report = coverage_report(&window, &templates, date(2026, 3, 2), date(2026, 3, 2));
    assert_eq!(report.len(), 1);
    let week = &report[0];
    // Monday 08:00 NZDT is Sunday 19:00 UTC; Friday 17:00 PST is Saturday 01:00 UTC.
    assert_eq!(week.window, (utc(2026, 3, 1, 19, 0), utc(2026, 3, 7, 1, 0)));
    // Los Angeles closes at 11:00 PST, six hours before the window closes on Friday.
    assert_eq!(week.gaps, vec![span(utc(2026, 3, 6, 19, 0), utc(2026, 3, 7, 1, 0))]);
    assert_eq!(week.overlaps, vec![]);
    assert_eq!(week.outside, vec![]);
}

#[test]
fn follow_the_sun_breaks_when_only_america_has_moved_its_clocks() {
    // US clocks moved on 8 Mar 2026; Europe moves on 29 Mar and New Zealand on 5 Apr.
    let (window, templates) = follow_the_sun();
    let report = coverage_report(&window, &templates, date(2026, 3, 9), date(2026, 3, 15));
    assert_eq!(report.len(), 1);
    let week = &report[0];
    assert_eq!(week.window, (utc(2026, 3, 8, 19, 0), utc(2026, 3, 14, 0, 0)));
    let mut gaps: Vec<UtcInterval> =
        (9..=12).map(|day| span(utc(2026, 3, day, 18, 0), utc(2026, 3, day, 19, 0))).collect();
    gaps.push(span(utc(2026, 3, 13, 18, 0), utc(2026, 3, 14, 0, 0)));
    assert_eq!(week.gaps, gaps);
    let overlaps: Vec<Overlap> = (9..=13)
        .map(|day| {
            overlap(
                utc(2026, 3, day, 12, 0),
                utc(2026, 3, day, 13, 0),
                &[("Los Angeles", date(2026, 3, day)), ("Warsaw", date(2026, 3, day))],
            )
        })
        .collect();
    assert_eq!(week.overlaps, overlaps);
    assert_eq!(week.outside, vec![]);
}

#[test]
fn a_window_closing_when_it_opens_lasts_a_week() {
    let window = CoverageWindow {
        opening: WeeklyMoment::at(Mon, time(0, 0), Tz::UTC),
        closing: WeeklyMoment::at(Mon, time(0, 0), Tz::UTC),
    };
    assert_eq!(window.in_week_of(date(2026, 6, 4)), Some(span(utc(2026, 6, 1, 0, 0), utc(2026, 6, 8, 0, 0))));
    assert!(coverage_report(&window, &[], date(2026, 6, 4), date(2026, 6, 3)).is_empty());
}

#[test]
fn two_shifts_of_one_template_overlapping_are_reported() {
    let window = CoverageWindow {
        opening: WeeklyMoment::at(Mon, time(0, 0), Tz::UTC),
        closing: WeeklyMoment::end_of_day(Sun, Tz::UTC),
    };
    let long_day = ShiftTemplate {
        name: "Long".into(),
        zone: Tz::UTC,
        start: time(0, 0),
        length: TemplateLength::Minutes(25 * 60),
        weekdays: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun],
    };
    let report = coverage_report(&window, &[long_day], date(2026, 6, 1), date(2026, 6, 1));
    let week = &report[0];
    assert_eq!(week.gaps, vec![]);
    assert_eq!(week.overlaps.len(), 7);
    assert_eq!(
        week.overlaps[0],
        overlap(
            utc(2026, 6, 1, 0, 0),
            utc(2026, 6, 1, 1, 0),
            &[("Long", date(2026, 5, 31)), ("Long", date(2026, 6, 1))]
        )
    );
    // Sunday's shift runs an hour into next week's window, which is not outside.
    assert_eq!(week.outside, vec![]);
}
