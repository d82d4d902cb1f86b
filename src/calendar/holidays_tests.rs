use chrono::NaiveDate;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn holiday(y: i32, m: u32, d: u32, name: &str) -> PublicHoliday {
    PublicHoliday { date: day(y, m, d), name: name.to_owned() }
}

/// A calendar around `events` (each a list of content lines), LF line ends.
fn calendar(events: &[&[&str]]) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//rota//test//EN\n");
    for event in events {
        text.push_str("BEGIN:VEVENT\n");
        for line in *event {
            text.push_str(line);
            text.push('\n');
        }
        text.push_str("END:VEVENT\n");
    }
    text.push_str("END:VCALENDAR\n");
    text
}

fn refused(text: &str) -> HolidayFileError {
    match parse_holidays(text) {
        Ok(days) => panic!("accepted {days:?} from\n{text}"),
        Err(e) => e,
    }
}

#[test]
fn bom_and_crlf() {
    let text = "\u{feff}BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Easter Monday\r\n\
                DTSTART;VALUE=DATE:20260406\r\nDURATION:P1D\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(parse_holidays(text).unwrap(), vec![holiday(2026, 4, 6, "Easter Monday")]);
}

#[test]
fn folded_summary_keeps_the_space_before_the_fold() {
    // The ical crate alone would read "New Year'sDay" (it trims each physical line).
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:New Year's \r\n Day\r\n\tof Joy\r\nDTSTART:20260101\r\n\
                END:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(parse_holidays(text).unwrap(), vec![holiday(2026, 1, 1, "New Year's Dayof Joy")]);
}

#[test]
fn duration_and_dtend_give_their_days() {
    let text = calendar(&[
        &["SUMMARY:New Year's Day", "DTSTART;VALUE=DATE:20250101", "DURATION:P2D"],
        &["SUMMARY:Carnival", "DTSTART;VALUE=DATE:20260216", "DTEND;VALUE=DATE:20260218"],
        &["SUMMARY:Summer", "DTSTART:20260803", "DURATION:P1W"],
        &["SUMMARY:Plain", "DTSTART:20260501"],
    ]);
    let days = parse_holidays(&text).unwrap();
    let of = |name: &str| days.iter().filter(|h| h.name == name).map(|h| h.date).collect::<Vec<_>>();
    assert_eq!(of("New Year's Day"), vec![day(2025, 1, 1), day(2025, 1, 2)]);
    assert_eq!(of("Carnival"), vec![day(2026, 2, 16), day(2026, 2, 17)], "DTEND is exclusive");
    assert_eq!(of("Summer").len(), 7);
    assert_eq!(of("Summer").last(), Some(&day(2026, 8, 9)));
    assert_eq!(of("Plain"), vec![day(2026, 5, 1)], "one day without DTEND or DURATION");
    assert_eq!(days.len(), 12);
}

#[test]
fn sorted_and_deduplicated_with_text_escapes_undone() {
    let text = calendar(&[
        &["SUMMARY:B", "DTSTART:20261225"],
        &["SUMMARY:A\\, \\;x\\: \\\\y", "DTSTART:20261225"],
        &["SUMMARY:B", "DTSTART:20261224", "DURATION:P2D"],
    ]);
    assert_eq!(
        parse_holidays(&text).unwrap(),
        vec![holiday(2026, 12, 24, "B"), holiday(2026, 12, 25, "A, ;x: \\y"), holiday(2026, 12, 25, "B")]
    );
}

#[test]
fn lower_case_names_and_other_components_are_fine() {
    let text = "BEGIN:VCALENDAR\nbegin:vevent\nsummary:Labour Day\ndtstart;value=date:20260501\n\
                BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT15M\nEND:VALARM\nend:vevent\n\
                BEGIN:VTODO\nSUMMARY:not a holiday\nDTSTART:20260502\nEND:VTODO\nEND:VCALENDAR";
    assert_eq!(parse_holidays(text).unwrap(), vec![holiday(2026, 5, 1, "Labour Day")]);
}

#[test]
fn a_calendar_without_events_is_empty() {
    assert_eq!(parse_holidays(&calendar(&[])).unwrap(), vec![]);
}

#[test]
fn broken_dtstart_names_its_line() {
    let text = calendar(&[&["UID:1", "SUMMARY:Easter Monday", "DTSTART;VALUE=DATE:2026-04-06"]]);
    assert_eq!(text.lines().nth(6), Some("DTSTART;VALUE=DATE:2026-04-06"));
    let e = refused(&text);
    assert_eq!(e.line, 7, "{e}");
    assert!(e.to_string().starts_with("line 7: DTSTART `2026-04-06`"), "{e}");

    // Folded lines before it count as the physical lines they are.
    let text = text.replace("SUMMARY:Easter Monday\n", "SUMMARY:Easter\n  Monday\n");
    assert_eq!(refused(&text).line, 8);
}

#[test]
fn wrong_events_name_their_line() {
    let cases: &[(&[&str], usize, &str)] = &[
        (&["SUMMARY:X", "DTSTART:20260406", "DURATION:PT24H"], 7, "unknown DURATION `PT24H`"),
        (&["SUMMARY:X", "DTSTART:20260406", "DURATION:P0D"], 7, "is empty"),
        (&["SUMMARY:X", "DTSTART:20260406", "DURATION:-P1D"], 7, "unknown DURATION"),
        (&["SUMMARY:X", "DURATION:P1D"], 4, "VEVENT without DTSTART"),
        (&["DTSTART:20260406"], 4, "VEVENT without SUMMARY"),
        (&["SUMMARY:", "DTSTART:20260406"], 5, "an empty SUMMARY"),
        (&["SUMMARY:X", "DTSTART:20260406T000000Z"], 6, "a date-time"),
        (&["SUMMARY:X", "DTSTART;VALUE=DATE-TIME:20260406"], 6, "must be a DATE"),
        (&["SUMMARY:X", "DTSTART:20260230"], 6, "not a calendar date"),
        (&["SUMMARY:X", "DTSTART:18991231"], 6, "outside the years 1900–2200"),
        (&["SUMMARY:X", "DTSTART:22001231", "DURATION:P2D"], 7, "outside the years 1900–2200"),
        (&["SUMMARY:X", "DTSTART:20260406", "DTEND:20260406"], 7, "is not after DTSTART"),
        (&["SUMMARY:X", "DTSTART:20260406", "DTEND:20260408", "DURATION:P2D"], 8, "not both"),
        (&["SUMMARY:X", "DTSTART:20260406", "DTSTART:20260407"], 7, "a second DTSTART"),
        (&["SUMMARY:X", "DTSTART:20260406", "RRULE:FREQ=YEARLY"], 7, "recurring events are not supported"),
        (&["SUMMARY:X", "DTSTART:20260406", "DURATION:P400D"], 7, "at most 366"),
        (&["SUMMARY:X", "DTSTART;VALUE:20260406"], 6, "the ical parser refused the file"),
    ];
    for (event, line, message) in cases {
        let e = refused(&calendar(&[event]));
        assert_eq!(e.line, *line, "{event:?}: {e}");
        assert!(e.message.contains(message), "{event:?}: {e}");
    }
}

#[test]
fn garbage_and_broken_structure_are_refused() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 1, "empty file"),
        ("\u{feff}\r\n\r\n", 1, "empty file"),
        ("hello world\n", 1, "not an iCalendar file"),
        ("<html><body>404</body></html>", 1, "not an iCalendar file"),
        ("{\"holidays\": []}", 1, "not an iCalendar file"),
        (" BEGIN:VCALENDAR\n", 1, "no line before it"),
        ("BEGIN:VCALENDAR\nwhat is this\nEND:VCALENDAR\n", 2, "not an iCalendar content line"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:X\nDTSTART:20260406\n", 2, "never closed"),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:X\nDTSTART:20260406\nEND:VEVENT\n",
            1,
            "BEGIN:VCALENDAR is never closed",
        ),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:X\nDTSTART:20260406\nEND:VCALENDAR\n",
            5,
            "does not close BEGIN:VEVENT",
        ),
        ("BEGIN:VCALENDAR\nEND:VCALENDAR\nSUMMARY:X\n", 3, "content after END:VCALENDAR"),
        ("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR\n", 3, "without a BEGIN"),
        ("BEGIN:VCALENDAR\nBEGIN:X-HOLIDAY\nEND:X-HOLIDAY\nEND:VCALENDAR\n", 2, "not allowed inside VCALENDAR"),
        ("BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\n", 3, "outside BEGIN:VCALENDAR"),
        ("BEGIN;X=1:VCALENDAR\nEND:VCALENDAR\n", 1, "not an iCalendar file"),
    ];
    for (text, line, message) in cases {
        let e = refused(text);
        assert_eq!(e.line, *line, "{text:?}: {e}");
        assert!(e.message.contains(message), "{text:?}: {e}");
    }
}

#[test]
fn two_calendars_in_one_file_are_both_read() {
    let one = calendar(&[&["SUMMARY:A", "DTSTART:20260101"]]);
    let two = calendar(&[&["SUMMARY:B", "DTSTART:20260102"]]);
    assert_eq!(parse_holidays(&(one + &two)).unwrap().len(), 2);
}

/// What the pre-scan is for: the ical crate 0.11 on its own.
#[test]
fn ical_crate_quirks_the_scan_covers() {
    let read = |text: &str| ical::IcalParser::new(text.as_bytes()).collect::<Vec<_>>();
    assert!(read("").is_empty(), "an empty text is no calendar, and no error");
    let folded = read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:New Year's \n Day\nEND:VEVENT\nEND:VCALENDAR\n");
    let summary = folded[0].as_ref().unwrap().events[0].properties[0].value.clone();
    assert_eq!(summary.as_deref(), Some("New Year'sDay"), "the space before a fold is lost");
    let mismatched = read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:X\nEND:VCALENDAR\nEND:VCALENDAR\n");
    assert!(mismatched[0].is_ok(), "END:VCALENDAR closes a VEVENT");
}
