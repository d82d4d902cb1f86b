use chrono::TimeZone;
use proptest::prelude::*;

use super::*;

/// Undoes folding: a CRLF followed by a space or tab joins the lines.
fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "")
}

/// Undoes TEXT escaping (the `ical` parser unfolds but does not unescape).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a physical line, read from its start, ends inside an escape (a backslash
/// whose character went to the next line).
fn splits_an_escape(line: &str) -> bool {
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.next().is_none() {
            return true;
        }
    }
    false
}

/// What user text becomes in a calendar: newlines for CR and CRLF, no other control
/// characters but tab.
fn cleaned(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

fn event(summary: &str, description: &str) -> Event {
    Event {
        uid: "rota-person-a1".into(),
        when: When::Timed {
            start: Utc.with_ymd_and_hms(2026, 3, 28, 21, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 3, 29, 4, 0, 0).unwrap(),
        },
        changed: Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap(),
        sequence: 2,
        summary: summary.into(),
        description: description.into(),
        url: Some("https://rota.example/shifts?from=2026-03-28".into()),
        transparent: false,
    }
}

#[test]
fn a_short_event_reads_as_rfc_5545_with_crlf_and_utc_times() {
    let calendar = Calendar {
        name: "Piotr's shifts".into(),
        time_zone: "Europe/Warsaw".into(),
        events: vec![event("Night · Customer Service EN/DE", "")],
    };
    let text = write(&calendar);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n') && !text.replace("\r\n", "").contains('\r'));
    assert!(text.contains("\r\nDTSTART:20260328T210000Z\r\nDTEND:20260329T040000Z\r\n"));
    assert!(text.contains("\r\nSEQUENCE:2\r\n") && text.contains("\r\nTRANSP:OPAQUE\r\n"));
    assert!(!text.contains("METHOD") && !text.contains("DESCRIPTION"), "no method, no empty description");
}

#[test]
fn an_empty_calendar_still_holds_a_component() {
    let text = write(&Calendar { name: "Nobody".into(), time_zone: "UTC".into(), events: Vec::new() });
    assert!(text.contains("\r\nBEGIN:VTIMEZONE\r\nTZID:UTC\r\n"), "{text}");
    let mut parser = ical::IcalParser::new(text.as_bytes());
    assert!(parser.next().expect("one calendar").is_ok());
}

#[test]
fn all_day_events_end_the_day_after_their_last() {
    let mut e = event("Time off", "");
    e.when = When::AllDay {
        first: NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(),
        last: NaiveDate::from_ymd_opt(2026, 4, 8).unwrap(),
    };
    let mut out = String::new();
    push_event(&mut out, &e);
    assert!(out.contains("DTSTART;VALUE=DATE:20260406\r\nDTEND;VALUE=DATE:20260409\r\n"), "{out}");
}

#[test]
fn text_escapes_separators_and_normalises_line_breaks() {
    assert_eq!(escape_text("a, b; c\\d"), "a\\, b\\; c\\\\d");
    assert_eq!(escape_text("one\r\ntwo\rthree\nfour"), "one\\ntwo\\nthree\\nfour");
    assert_eq!(escape_text("bell\u{7}\ttab\u{0}"), "bell\ttab");
}

#[test]
fn folding_never_splits_a_character_or_an_escape() {
    // 74 ASCII octets then an escape: the escape moves to the next line whole.
    let mut out = String::new();
    push_line(&mut out, &format!("SUMMARY:{}\\;tail", "x".repeat(66)));
    let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(lines[0].len(), 74, "{lines:?}");
    assert!(lines[1].starts_with(" \\;"), "{lines:?}");
    // Two-octet letters: a fold lands between them, never inside one.
    let mut out = String::new();
    push_line(&mut out, &format!("SUMMARY:{}", "ł".repeat(60)));
    for line in out.split("\r\n") {
        assert!(line.len() <= MAX_LINE_OCTETS, "{} octets", line.len());
    }
    assert_eq!(unfold(&out), format!("SUMMARY:{}\r\n", "ł".repeat(60)));
}

#[test]
fn the_ical_parser_reads_back_what_was_written() {
    let calendar = Calendar {
        name: "Zespół Мінск, ; \\".into(),
        time_zone: "America/New_York".into(),
        events: vec![event("Nocna zmiana, ; \\ Ночь\nline two", &format!("{}koniec", "Długi opis — ".repeat(150)))],
    };
    let text = write(&calendar);
    let mut parser = ical::IcalParser::new(text.as_bytes());
    let parsed = parser.next().expect("one calendar").expect("it parses");
    let value = |props: &[ical::property::Property], name: &str| {
        props.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
    };
    assert_eq!(unescape(&value(&parsed.properties, "X-WR-CALNAME")), "Zespół Мінск, ; \\");
    let e = &parsed.events[0];
    assert_eq!(unescape(&value(&e.properties, "SUMMARY")), "Nocna zmiana, ; \\ Ночь\nline two");
    assert_eq!(unescape(&value(&e.properties, "DESCRIPTION")), format!("{}koniec", "Długi opis — ".repeat(150)));
    assert_eq!(value(&e.properties, "UID"), "rota-person-a1");
}

proptest! {
    #[test]
    fn any_text_folds_and_escapes_reversibly_within_75_octets(text in "\\PC{0,300}|[\\x00-\\x7f]{0,300}|(\\PC|[\\r\\n\\t\\\\;,]){0,200}") {
        let mut out = String::new();
        push_line(&mut out, &format!("DESCRIPTION:{}", escape_text(&text)));
        prop_assert!(out.ends_with("\r\n"));
        let body = &out[..out.len() - 2];
        for line in body.split("\r\n") {
            prop_assert!(line.len() <= MAX_LINE_OCTETS, "{} octets: {:?}", line.len(), line);
            prop_assert!(!splits_an_escape(line), "a fold inside an escape: {:?}", line);
        }
        let unfolded = unfold(body);
        prop_assert!(!unfolded.contains('\r') && !unfolded.contains('\n'));
        let value = unfolded.strip_prefix("DESCRIPTION:").unwrap_or_default();
        prop_assert_eq!(unescape(value), cleaned(&text));
    }
}
