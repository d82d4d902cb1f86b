//! The holiday calendars compiled into the binary, one per region.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

use super::holidays::{parse_holidays, HolidayFileError, PublicHoliday};

/// Declares `REGIONS` and `FILES` from one list, so that they cannot drift:
/// region `R` is `calendars/R.ics`, embedded with `include_str!`.
macro_rules! embedded_calendars {
    ($($region:literal),* $(,)?) => {
        const REGIONS: &[&str] = &[$($region),*];
        const FILES: &[(&str, &str)] =
            &[$(($region, include_str!(concat!("../../calendars/", $region, ".ics")))),*];
    };
}

// The regions of calendars/generate.py (a test checks this list against the folder).
embedded_calendars![
    "AU", "BY", "CA", "DE", "DE-BY", "ES", "FR", "GB", "GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS", "IE", "IN", "NZ", "PL",
    "UA", "US",
];

type Parsed = Vec<(&'static str, Result<Vec<PublicHoliday>, HolidayFileError>)>;

static PARSED: OnceLock<Parsed> = OnceLock::new();

fn parsed() -> &'static Parsed {
    PARSED.get_or_init(|| FILES.iter().map(|&(region, text)| (region, parse_holidays(text))).collect())
}

fn own_file(region: &str) -> Option<&'static Result<Vec<PublicHoliday>, HolidayFileError>> {
    parsed().iter().find(|(r, _)| r.eq_ignore_ascii_case(region)).map(|(_, file)| file)
}

/// The regions that have a calendar of their own, sorted (`DE`, `DE-BY`, …).
pub fn embedded_regions() -> &'static [&'static str] {
    REGIONS
}

/// The embedded holidays of `region`, sorted by date (upper-case codes as
/// `domain::holiday_region::normalize_holiday_region` returns them; the match
/// ignores case).
///
/// The region's own file first; a subdivision without a file of its own
/// (`DE-BE`, `US-NY`) falls back to its country's file (`DE`, `US`), which
/// holds only the holidays of the whole country, so it misses the regional
/// ones. `None` for a country without a file, or for a file that does not
/// parse (which [`check_embedded`] reports at start-up).
pub fn embedded(region: &str) -> Option<&'static [PublicHoliday]> {
    let region = region.trim();
    let file = match own_file(region) {
        Some(file) => file,
        None => own_file(region.split_once('-')?.0)?,
    };
    file.as_ref().ok().map(Vec::as_slice)
}

/// The holidays of `region` (as [`embedded`], with its fallback) in one
/// calendar year; empty when the region has none or is unknown.
pub fn embedded_in_year(region: &str, year: i32) -> Vec<&'static PublicHoliday> {
    let Some(days) = embedded(region) else {
        return Vec::new();
    };
    let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Vec::new();
    };
    let start = days.partition_point(|h| h.date < first);
    days[start..].iter().take_while(|h| h.date.year() == year).collect()
}

/// Parses every embedded calendar; the first that fails, with its region.
/// The service calls this at start so that a bad build fails loudly.
pub fn check_embedded() -> Result<(), (String, HolidayFileError)> {
    for (region, file) in parsed() {
        if let Err(e) = file {
            return Err(((*region).to_owned(), e.clone()));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "embedded_tests.rs"]
mod tests;
