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

/// The demo's EN/DE desk as a desk save sees it: three Warsaw templates, 24/5,
/// checked for the twelve months every save checks.
fn en_de_desk() -> rota::domain::Desk {
    let shift = |name: &str, kind: &str, start: &str, end: &str, weekdays: serde_json::Value| {
        serde_json::json!({"id": name, "name": name, "shift_type": kind, "start": start, "end": end,
            "time_zone": "Europe/Warsaw", "weekdays": weekdays, "min_headcount": 2, "target_headcount": 3})
    };
    let templates = serde_json::json!([
        shift("Early", "early", "06:00", "14:00", serde_json::json!([1, 2, 3, 4, 5])),
        shift("Late", "late", "14:00", "22:00", serde_json::json!([1, 2, 3, 4, 5])),
        shift("Night", "night", "22:00", "06:00", serde_json::json!([7, 1, 2, 3, 4, 5])),
    ]);
    let now = chrono::Utc::now();
    rota::domain::Desk {
        id: "desk".into(),
        name: "Customer Service EN/DE".into(),
        time_zone: "Europe/Warsaw".into(),
        teams: Vec::new(),
        coverage: vec![rota::domain::desk::CoverageWindow::business_week("Europe/Warsaw")],
        shift_types: Vec::new(),
        templates: serde_json::from_value(templates).unwrap_or_default(),
        closures: Default::default(),
        holiday_work: false,
        archived_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    }
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
    let desk = en_de_desk();
    let closed = rota::service::desks::expand::ClosedDays::new();
    c.bench_function("desk coverage check 3 templates x 12 months", |b| {
        b.iter(|| rota::service::desks::expand::coverage_check(black_box(&desk), from, one_year, &closed))
    });
}

criterion_group!(expansion, benches);
criterion_main!(expansion);
