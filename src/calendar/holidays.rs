//! Reading a public-holiday calendar: iCalendar text to a list of days.

use chrono::{Datelike, NaiveDate, TimeDelta};
use ical::parser::ParserError;
use ical::property::{Property, PropertyError};

use super::scan::{error, scan, Scan, ScannedEvent};
use crate::domain::has_control_character;

/// Years a holiday file may name; anything else is a typo (`20206`, `0226`).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// The longest event accepted, in days: no holiday lasts longer than a year.
const MAX_DAYS: i64 = 366;

/// One public holiday on one local calendar date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PublicHoliday {
    pub date: NaiveDate,
    pub name: String,
}

/// Why a holiday file was refused, and the 1-based line of the source text
/// where (the first physical line of a folded line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct HolidayFileError {
    pub line: usize,
    pub message: String,
}

/// Parses an iCalendar file of all-day holidays into one [`PublicHoliday`]
/// per day, sorted by date (then name), without duplicates.
///
/// Accepts a leading UTF-8 BOM, LF or CRLF line ends and folded lines. Each
/// `VEVENT` needs a `DTSTART` that is a DATE (`DTSTART;VALUE=DATE:20260406` or
/// `DTSTART:20260406`) and a `SUMMARY` (its name, TEXT escapes undone, trimmed).
/// It lasts until `DTEND` (a DATE, exclusive), or for `DURATION` (`P<n>D` or
/// `P<n>W`), or one day when it has neither. Recurrence (`RRULE`, `RDATE`,
/// `EXDATE`, `RECURRENCE-ID`) is refused, not ignored. Dates must lie in the
/// years 1900–2200. Other components and properties are ignored.
///
/// A file that is wrong anywhere is refused whole, never half-read; the error
/// names the line.
pub fn parse_holidays(text: &str) -> Result<Vec<PublicHoliday>, HolidayFileError> {
    let scan = scan(text)?;
    let mut events = Vec::new();
    for calendar in ical::IcalParser::new(scan.normalized.as_bytes()) {
        events.extend(calendar.map_err(|e| ical_error(&scan, e))?.events);
    }
    if events.len() != scan.events.len() {
        return Err(error(
            1,
            format!("the ical parser read {} VEVENTs where the file has {}", events.len(), scan.events.len()),
        ));
    }
    let mut days = Vec::new();
    for (event, scanned) in events.iter().zip(&scan.events) {
        if event.properties.len() != scanned.property_lines.len() {
            return Err(error(scanned.begin, "the ical parser read this VEVENT's properties differently"));
        }
        expand(&event.properties, scanned, &mut days)?;
    }
    days.sort();
    days.dedup();
    Ok(days)
}

/// The `ical` crate's error, on the source line it was about where it says.
fn ical_error(scan: &Scan, e: ParserError) -> HolidayFileError {
    let line = match &e {
        ParserError::PropertyError(
            PropertyError::MissingName { line }
            | PropertyError::MissingClosingQuote { line }
            | PropertyError::MissingDelimiter { line, .. }
            | PropertyError::MissingContentAfter { line, .. }
            | PropertyError::MissingParamKey { line },
        ) => line.checked_sub(1).and_then(|i| scan.lines.get(i)).map_or(1, |l| l.line),
        _ => 1,
    };
    error(line, format!("the ical parser refused the file: {e}"))
}

/// One `VEVENT`'s properties (with their source lines) into its days.
fn expand(
    properties: &[Property],
    scanned: &ScannedEvent,
    days: &mut Vec<PublicHoliday>,
) -> Result<(), HolidayFileError> {
    let mut start = None;
    let mut end = None;
    let mut duration = None;
    let mut summary = None;
    for (property, &line) in properties.iter().zip(&scanned.property_lines) {
        let name = property.name.to_ascii_uppercase();
        let slot = match name.as_str() {
            "DTSTART" => &mut start,
            "DTEND" => &mut end,
            "DURATION" => &mut duration,
            "SUMMARY" => &mut summary,
            "RRULE" | "RDATE" | "EXDATE" | "RECURRENCE-ID" => {
                return Err(error(line, format!("{name}: recurring events are not supported, list each holiday")));
            }
            _ => continue,
        };
        if slot.is_some() {
            return Err(error(line, format!("a second {name} in one VEVENT")));
        }
        *slot = Some((property, line));
    }

    let Some((start, start_line)) = start else {
        return Err(error(scanned.begin, "VEVENT without DTSTART"));
    };
    let first = date_value(start, start_line, "DTSTART")?;
    let (length, length_line) = match (end, duration) {
        (Some(_), Some((_, line))) => return Err(error(line, "a VEVENT has DTEND or DURATION, not both")),
        (Some((end, line)), None) => {
            let last = date_value(end, line, "DTEND")?;
            let days = (last - first).num_days();
            if days < 1 {
                return Err(error(line, format!("DTEND {last} is not after DTSTART {first} (DTEND is exclusive)")));
            }
            (days, line)
        }
        (None, Some((duration, line))) => (duration_days(duration, line)?, line),
        (None, None) => (1, start_line),
    };
    if length > MAX_DAYS {
        return Err(error(length_line, format!("an event of {length} days; at most {MAX_DAYS}")));
    }
    let last = first + TimeDelta::days(length - 1);
    if !YEARS.contains(&last.year()) {
        return Err(error(length_line, format!("the event ends on {last}, outside the years 1900–2200")));
    }

    let Some((summary, summary_line)) = summary else {
        return Err(error(scanned.begin, "VEVENT without SUMMARY (the holiday's name)"));
    };
    let name = unescape(summary.value.as_deref().unwrap_or("")).trim().to_owned();
    if name.is_empty() {
        return Err(error(summary_line, "an empty SUMMARY"));
    }
    if has_control_character(&name) {
        return Err(error(summary_line, "SUMMARY contains a control character"));
    }
    for offset in 0..length {
        days.push(PublicHoliday { date: first + TimeDelta::days(offset), name: name.clone() });
    }
    Ok(())
}

/// A DATE property (`20260406`, optionally with `VALUE=DATE`).
fn date_value(property: &Property, line: usize, what: &str) -> Result<NaiveDate, HolidayFileError> {
    for (key, values) in property.params.iter().flatten() {
        if key.eq_ignore_ascii_case("VALUE") && !values.iter().all(|v| v.eq_ignore_ascii_case("DATE")) {
            return Err(error(line, format!("{what} must be a DATE, not VALUE={}", values.join(","))));
        }
    }
    let value = property.value.as_deref().unwrap_or("").trim();
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        let hint = if value.contains('T') { " (a date-time; a holiday is a whole DATE)" } else { "" };
        return Err(error(line, format!("{what} `{value}` is not a DATE like 20260406{hint}")));
    }
    let field = |range: std::ops::Range<usize>| value.get(range).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    let year = i32::try_from(field(0..4)).unwrap_or(0);
    let Some(date) = NaiveDate::from_ymd_opt(year, field(4..6), field(6..8)) else {
        return Err(error(line, format!("{what} `{value}` is not a calendar date")));
    };
    if !YEARS.contains(&date.year()) {
        return Err(error(line, format!("{what} {date} is outside the years 1900–2200")));
    }
    Ok(date)
}

/// `P<n>D` or `P<n>W` (optionally `+P…`), n ≥ 1, in days.
fn duration_days(property: &Property, line: usize) -> Result<i64, HolidayFileError> {
    let value = property.value.as_deref().unwrap_or("").trim();
    let unknown =
        || error(line, format!("unknown DURATION `{value}`: a holiday lasts P<n>D or P<n>W (e.g. P1D, P2D, P1W)"));
    let body = value.strip_prefix('+').unwrap_or(value).strip_prefix('P').ok_or_else(unknown)?;
    let (count, per) = if let Some(count) = body.strip_suffix('D') {
        (count, 1)
    } else if let Some(count) = body.strip_suffix('W') {
        (count, 7)
    } else {
        return Err(unknown());
    };
    if count.is_empty() || count.len() > 4 || !count.bytes().all(|b| b.is_ascii_digit()) {
        return Err(unknown());
    }
    let days = count.parse::<i64>().map_err(|_| unknown())? * per;
    if days < 1 {
        return Err(error(line, format!("DURATION `{value}` is empty")));
    }
    Ok(days)
}

/// Undoes RFC 5545 TEXT escapes (`\\`, `\,`, `\;`, `\n`), and `\:`, which the
/// `holidays` exporter writes too. Any other backslash stays as it is.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(escaped @ ('\\' | ',' | ';' | ':')) => out.push(escaped),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
#[path = "holidays_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "holidays_proptests.rs"]
mod proptests;
