//! Round trip: random holiday lists written as iCalendar text (random BOM,
//! line ends, folding, escapes) parse back to the same days; cut files and
//! random text are refused without panicking.

use chrono::{NaiveDate, TimeDelta};
use proptest::prelude::*;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[derive(Debug, Clone)]
enum Length {
    Default,
    DtEnd(i64),
    Days(i64),
    Weeks(i64),
}

impl Length {
    fn days(&self) -> i64 {
        match self {
            Length::Default => 1,
            Length::DtEnd(n) | Length::Days(n) => *n,
            Length::Weeks(n) => n * 7,
        }
    }
}

#[derive(Debug, Clone)]
struct Event {
    start: NaiveDate,
    length: Length,
    name: String,
    value_date: bool,
}

fn event() -> impl Strategy<Value = Event> {
    let first = day(1900, 1, 1);
    let length = prop_oneof![
        Just(Length::Default),
        (1..=10i64).prop_map(Length::DtEnd),
        (1..=10i64).prop_map(Length::Days),
        (1..=3i64).prop_map(Length::Weeks),
    ];
    let name = "[A-Za-zŁŻ][A-Za-z0-9 éłüßŻ,;:\\\\'()./-]{0,60}[A-Za-z0-9)]|[A-Za-zł]";
    (0..109_500i64, length, name, any::<bool>()).prop_map(move |(offset, length, name, value_date)| Event {
        start: first + TimeDelta::days(offset),
        length,
        name,
        value_date,
    })
}

/// How the text is laid out: BOM, line ends, folding.
#[derive(Debug, Clone)]
struct Layout {
    bom: bool,
    crlf: Vec<bool>,
    fold: Option<(usize, char)>,
    escape_colon: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    let fold = proptest::option::of((6..=75usize, prop_oneof![Just(' '), Just('\t')]));
    (any::<bool>(), proptest::collection::vec(any::<bool>(), 1..6), fold, any::<bool>())
        .prop_map(|(bom, crlf, fold, escape_colon)| Layout { bom, crlf, fold, escape_colon })
}

fn escape(text: &str, colon: bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '\\' | ',' | ';') || (colon && c == ':') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Splits a content line into physical lines of at most `width` bytes (the
/// continuation's leading space included), never inside a character.
fn fold(line: &str, width: usize, with: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    for c in line.chars() {
        let limit = if parts.len() == 1 { width } else { width - 1 };
        if parts.last().is_some_and(|p| !p.is_empty() && p.len() + c.len_utf8() > limit) {
            parts.push(String::new());
        }
        parts.last_mut().unwrap().push(c);
    }
    parts.into_iter().enumerate().map(|(i, p)| if i == 0 { p } else { format!("{with}{p}") }).collect()
}

fn write_ics(events: &[Event], layout: &Layout) -> String {
    let mut lines =
        vec!["BEGIN:VCALENDAR".to_owned(), "VERSION:2.0".to_owned(), "PRODID:-//rota//proptest//EN".to_owned()];
    for (i, e) in events.iter().enumerate() {
        let date = |d: NaiveDate| d.format("%Y%m%d").to_string();
        let param = if e.value_date { ";VALUE=DATE" } else { "" };
        lines.push("BEGIN:VEVENT".to_owned());
        lines.push(format!("UID:{i}@rota.test"));
        lines.push(format!("SUMMARY:{}", escape(&e.name, layout.escape_colon)));
        lines.push(format!("DTSTART{param}:{}", date(e.start)));
        match e.length {
            Length::Default => {}
            Length::DtEnd(n) => lines.push(format!("DTEND{param}:{}", date(e.start + TimeDelta::days(n)))),
            Length::Days(n) => lines.push(format!("DURATION:P{n}D")),
            Length::Weeks(n) => lines.push(format!("DURATION:P{n}W")),
        }
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());

    let mut text = if layout.bom { "\u{feff}".to_owned() } else { String::new() };
    let physical = lines.iter().flat_map(|l| match layout.fold {
        Some((width, with)) => fold(l, width, with),
        None => vec![l.clone()],
    });
    for (i, line) in physical.enumerate() {
        text.push_str(&line);
        text.push_str(if layout.crlf[i % layout.crlf.len()] { "\r\n" } else { "\n" });
    }
    text
}

fn expected(events: &[Event]) -> Vec<PublicHoliday> {
    let mut days: Vec<PublicHoliday> = events
        .iter()
        .flat_map(|e| {
            (0..e.length.days()).map(|d| PublicHoliday { date: e.start + TimeDelta::days(d), name: e.name.clone() })
        })
        .collect();
    days.sort();
    days.dedup();
    days
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn written_holidays_read_back(events in proptest::collection::vec(event(), 0..12), layout in layout()) {
        let text = write_ics(&events, &layout);
        prop_assert_eq!(parse_holidays(&text), Ok(expected(&events)), "{}", text);
    }

    /// Never half-read: every proper prefix of a file (cut at a line end) is refused.
    #[test]
    fn a_cut_file_is_refused(events in proptest::collection::vec(event(), 1..4), layout in layout(), cut in any::<prop::sample::Index>()) {
        let text = write_ics(&events, &layout);
        let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        let at = ends[cut.index(ends.len() - 1)];
        prop_assert!(parse_holidays(&text[..at]).is_err(), "{}", &text[..at]);
    }

    #[test]
    fn any_text_is_read_or_refused_without_panicking(text in "(BEGIN:VCALENDAR\n)?[ -~\t\r\n\u{feff}é]{0,300}") {
        let _ = parse_holidays(&text);
    }
}
