use chrono::NaiveDate;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn names_on(region: &str, date: NaiveDate) -> Vec<&'static str> {
    embedded(region).unwrap().iter().filter(|h| h.date == date).map(|h| h.name.as_str()).collect()
}

#[test]
fn every_embedded_calendar_parses_and_covers_2025_to_2028() {
    assert_eq!(check_embedded(), Ok(()));
    for region in embedded_regions() {
        let days = embedded(region).unwrap_or_else(|| panic!("{region}"));
        assert!(days.windows(2).all(|w| w[0] < w[1]), "{region}: sorted, no duplicates");
        for year in 2025..=2028 {
            let in_year = embedded_in_year(region, year);
            if *region == "UA" {
                // Martial law: Ukraine's public holidays are working days (calendars/README.md).
                assert!(in_year.is_empty(), "UA {year}: the holidays package lists days off again");
            } else {
                assert!(!in_year.is_empty(), "{region} has no holiday in {year}");
            }
        }
    }
}

#[test]
fn the_table_matches_the_calendars_folder() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("calendars");
    let mut on_disk: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|entry| entry.unwrap().file_name().to_str()?.strip_suffix(".ics").map(str::to_owned))
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, embedded_regions());
    let mut sorted = embedded_regions().to_vec();
    sorted.sort_unstable();
    assert_eq!(sorted, embedded_regions(), "embedded_regions() is sorted");
}

#[test]
fn known_holidays() {
    assert_eq!(names_on("PL", day(2026, 4, 6)), ["Easter Monday"]);
    assert_eq!(names_on("PL", day(2027, 3, 29)), ["Easter Monday"]);
    assert_eq!(names_on("US", day(2026, 11, 26)), ["Thanksgiving Day"]);
    assert_eq!(names_on("DE-BY", day(2026, 1, 6)), ["Epiphany"]);
    assert!(names_on("DE", day(2026, 1, 6)).is_empty());
    assert_eq!(names_on("GB-ENG", day(2026, 4, 6)), ["Easter Monday"]);
    assert!(names_on("GB", day(2026, 4, 6)).is_empty(), "Scotland has no Easter Monday");
    // BY.ics has New Year as one event with DURATION:P2D.
    assert_eq!(names_on("BY", day(2025, 1, 2)), ["New Year's Day"]);
}

#[test]
fn a_subdivision_without_a_file_falls_back_to_its_country() {
    assert_eq!(embedded("DE-BE"), embedded("DE"));
    assert_eq!(embedded("US-NY"), embedded("US"));
    assert_ne!(embedded("DE-BY"), embedded("DE"));
    assert_eq!(embedded("de-by"), embedded("DE-BY"));
    assert_eq!(embedded("SE"), None);
    assert_eq!(embedded("SE-AB"), None);
    assert_eq!(embedded(""), None);
    assert!(embedded_in_year("SE", 2026).is_empty());
}

#[test]
fn in_year_is_that_year_only() {
    let days = embedded_in_year("PL", 2026);
    assert!(days.iter().all(|h| h.date.year() == 2026));
    assert_eq!(days.first().map(|h| h.date), Some(day(2026, 1, 1)));
    assert_eq!(days.last().map(|h| h.date), Some(day(2026, 12, 26)));
    assert_eq!(days.len(), embedded("PL").unwrap().iter().filter(|h| h.date.year() == 2026).count());
    assert!(embedded_in_year("PL", 2031).is_empty());
    assert!(embedded_in_year("PL", i32::MAX).is_empty());
}
