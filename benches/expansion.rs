//! Expansion of shift templates into UTC shifts, and the weekly coverage check.
//!
//! Run: `cargo bench --bench expansion`

use chrono::Weekday::{self, *};
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rota::planner::time::{coverage_report, expand, CoverageWindow, ShiftTemplate, TemplateLength, WeeklyMoment};

const WEEKDAYS: [Weekday; 5] = [Mon, Tue, Wed, Thu, Fri];

fn clock(hour: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour % 24, 0, 0).unwrap_or(NaiveTime::MIN)
}

fn template(name: &str, zone: Tz, from: u32, to: u32) -> ShiftTemplate {
    ShiftTemplate {
        name: name.into(),
        zone,
        start: clock(from),
        length: TemplateLength::End(clock(to)),
        weekdays: WEEKDAYS.to_vec(),
    }
}

/// A follow-the-sun desk: three templates in three zones with different DST rules.
fn follow_the_sun() -> (CoverageWindow, Vec<ShiftTemplate>) {
    let window = CoverageWindow {
        opening: WeeklyMoment::at(Mon, clock(8), Tz::Pacific__Auckland),
        closing: WeeklyMoment::at(Fri, clock(17), Tz::America__Los_Angeles),
    };
    let templates = vec![
        template("Auckland", Tz::Pacific__Auckland, 8, 17),
        template("Warsaw", Tz::Europe__Warsaw, 5, 14),
        template("Los Angeles", Tz::America__Los_Angeles, 5, 11),
    ];
    (window, templates)
}

fn expand_all(templates: &[ShiftTemplate], from: NaiveDate, to: NaiveDate) -> usize {
    templates.iter().map(|template| expand(template, from, to).len()).sum()
}

fn benches(c: &mut Criterion) {
    let (window, templates) = follow_the_sun();
    // A Monday in March, so both horizons cross DST changes.
    let from = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or(NaiveDate::MIN);
    let eight_weeks = NaiveDate::from_ymd_opt(2026, 4, 26).unwrap_or(NaiveDate::MIN);
    let one_year = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or(NaiveDate::MIN);

    c.bench_function("expand 3 templates x 8 weeks", |b| {
        b.iter(|| expand_all(black_box(&templates), black_box(from), black_box(eight_weeks)))
    });
    c.bench_function("expand 3 templates x 1 year", |b| {
        b.iter(|| expand_all(black_box(&templates), black_box(from), black_box(one_year)))
    });
    c.bench_function("coverage report 3 templates x 8 weeks", |b| {
        b.iter(|| coverage_report(black_box(&window), black_box(&templates), black_box(from), black_box(eight_weeks)))
    });
}

criterion_group!(expansion, benches);
criterion_main!(expansion);
