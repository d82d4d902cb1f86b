//! Properties of expansion and coverage over zones with odd offsets and DST
//! rules, for every date from 2025 to 2028.

use chrono::Weekday::*;
use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::*;

const ZONES: [Tz; 8] = [
    Tz::Europe__Warsaw,
    Tz::America__New_York,
    Tz::Australia__Sydney,
    Tz::Asia__Kolkata,
    Tz::Asia__Kathmandu,
    Tz::Pacific__Chatham,
    Tz::Australia__Lord_Howe,
    Tz::UTC,
];

fn zone() -> impl Strategy<Value = Tz> {
    proptest::sample::select(ZONES.to_vec())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(2028, 12, 31).unwrap_or(NaiveDate::MIN);
    (0..=(last - first).num_days()).prop_map(move |offset| first + TimeDelta::days(offset))
}

/// Dates on which some sampled zone moves its clocks, so DST days are not
/// left to chance.
fn transition_date() -> impl Strategy<Value = NaiveDate> {
    let dates: Vec<NaiveDate> = [
        (2026, 3, 29),
        (2026, 10, 25), // Warsaw
        (2026, 3, 8),
        (2026, 11, 1), // New York
        (2026, 4, 5),
        (2026, 10, 4), // Sydney, Lord Howe, Chatham (April)
        (2026, 9, 27), // Chatham
        (2025, 3, 30),
        (2027, 10, 31),
        (2028, 4, 2),
        (2028, 9, 24),
    ]
    .iter()
    .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
    .collect();
    proptest::sample::select(dates)
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![date(), transition_date()]
}

/// Minutes after midnight; often on a quarter hour, where transitions happen.
fn minute_of_day() -> impl Strategy<Value = u32> {
    prop_oneof![(0..96u32).prop_map(|quarter| quarter * 15), 0..1440u32]
}

fn clock(minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap_or(NaiveTime::MIN)
}

/// The resolution rule stated independently of `resolve_local`.
fn assert_resolved(zone: Tz, wanted: NaiveDateTime, got: DateTime<Utc>) -> Result<(), TestCaseError> {
    match zone.from_local_datetime(&wanted) {
        LocalResult::Single(exact) => prop_assert_eq!(got, exact.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, second) => {
            prop_assert_eq!(got, first.with_timezone(&Utc).min(second.with_timezone(&Utc)));
            prop_assert!(got < first.with_timezone(&Utc).max(second.with_timezone(&Utc)));
        }
        LocalResult::None => {
            // The first instant after the skipped hour: the transition itself.
            let before = got - TimeDelta::seconds(1);
            let reading = got.with_timezone(&zone).naive_local();
            let reading_before = before.with_timezone(&zone).naive_local();
            prop_assert!(reading > wanted, "{} reads {} for {}", got, reading, wanted);
            prop_assert!(reading_before < wanted, "{} reads {} for {}", before, reading_before, wanted);
            let offset_before = zone.offset_from_utc_datetime(&before.naive_utc()).fix();
            let offset_at = zone.offset_from_utc_datetime(&got.naive_utc()).fix();
            prop_assert!(offset_at.local_minus_utc() > offset_before.local_minus_utc());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn shifts_start_and_end_on_their_wall_clock_times(
        zone in zone(),
        day in any_date(),
        start in minute_of_day(),
        end in minute_of_day(),
        fixed_minutes in proptest::option::of(1..2000u32),
    ) {
        let length = match fixed_minutes {
            Some(minutes) => TemplateLength::Minutes(minutes),
            None => TemplateLength::End(clock(end)),
        };
        let template = ShiftTemplate {
            name: "T".into(),
            zone,
            start: clock(start),
            length,
            weekdays: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun],
        };
        let shifts = expand(&template, day, day);
        prop_assert_eq!(shifts.len(), 1);
        let shift = &shifts[0];
        prop_assert_eq!(shift.local_date, day);
        assert_resolved(zone, day.and_time(clock(start)), shift.start)?;
        match length {
            TemplateLength::Minutes(minutes) => {
                prop_assert_eq!(shift.end - shift.start, TimeDelta::minutes(i64::from(minutes)));
            }
            TemplateLength::End(end_time) => {
                let end_day = if end_time <= clock(start) { day + Days::new(1) } else { day };
                assert_resolved(zone, end_day.and_time(end_time), shift.end)?;
                prop_assert!(shift.end > shift.start || end_day == day);
            }
        }
    }

    #[test]
    fn three_templates_cut_at_a_b_c_tile_every_day(
        zone in zone(),
        day in any_date(),
        cuts in proptest::collection::btree_set(minute_of_day(), 3),
    ) {
        let cuts: Vec<NaiveTime> = cuts.into_iter().map(clock).collect();
        let every_day = vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun];
        let templates: Vec<ShiftTemplate> = (0..3)
            .map(|i| ShiftTemplate {
                name: format!("T{i}"),
                zone,
                start: cuts[i],
                length: TemplateLength::End(cuts[(i + 1) % 3]),
                weekdays: every_day.clone(),
            })
            .collect();
        let (from, to) = (day - Days::new(1), day + Days::new(1));
        let mut shifts: Vec<ExpandedShift> =
            templates.iter().flat_map(|template| expand(template, from, to)).collect();
        shifts.sort_by_key(|shift| (shift.local_date, shift.template.clone()));
        prop_assert_eq!(shifts.len(), 9);
        for pair in shifts.windows(2) {
            prop_assert_eq!(pair[0].end, pair[1].start, "{:?} then {:?}", pair[0], pair[1]);
            prop_assert!(pair[0].start <= pair[0].end);
        }

        // The same tiling seen through the coverage report of a 24/7 window
        // opening at the first cut.
        let window = CoverageWindow {
            opening: WeeklyMoment::at(Mon, cuts[0], zone),
            closing: WeeklyMoment::at(Mon, cuts[0], zone),
        };
        let report = coverage_report(&window, &templates, day, day);
        prop_assert_eq!(report.len(), 1);
        prop_assert_eq!(&report[0].gaps, &Vec::<UtcInterval>::new());
        prop_assert_eq!(&report[0].overlaps, &Vec::<Overlap>::new());
        prop_assert_eq!(&report[0].outside, &Vec::<OutsideWindow>::new());
    }
}
