//! A small RFC 5545 writer for calendar feeds: the data and "now" in, the bytes out.
//! Lines end in CRLF and fold at 75 octets, never inside a UTF-8 character or between
//! a backslash and the character it escapes; TEXT values escape `\`, `;`, `,` and
//! newlines; a CR or CRLF in user text is a newline, other control characters are
//! dropped. No BOM, no METHOD (a subscription is not a scheduling message), and every
//! time in UTC (`…Z`), so no VTIMEZONE is needed and no client can misread a zone.
//! Written here rather than with a crate: `icalendar` can fold inside an escape and
//! passes a bare CR through; `ical`'s writer folds by characters and does not escape.

use chrono::{DateTime, NaiveDate, Utc};

/// The longest physical line, in octets, without its CRLF.
pub const MAX_LINE_OCTETS: usize = 75;

/// When an event happens: a UTC interval, or whole local days (time off).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    Timed {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// `first` to `last` inclusive.
    AllDay {
        first: NaiveDate,
        last: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across renders and changes of the event.
    pub uid: String,
    pub when: When,
    /// The event's last change: DTSTAMP and LAST-MODIFIED (the same data gives the same bytes).
    pub changed: DateTime<Utc>,
    /// Increases on every change of time, person or status.
    pub sequence: u32,
    pub summary: String,
    pub description: String,
    pub url: Option<String>,
    /// TRANSP:TRANSPARENT (colleagues' shifts, a desk's shifts) rather than OPAQUE (my work).
    pub transparent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub name: String,
    /// The subscriber's zone, for display only (X-WR-TIMEZONE): every time is UTC.
    pub time_zone: String,
    pub events: Vec<Event>,
}

/// User text as a TEXT value: CRLF and CR become a newline, other control characters
/// but tab are dropped, then `\`, `;`, `,` and newline are escaped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: no TEXT escaping (a comma in a URL is a comma), control characters dropped.
fn uri(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// The line's pieces: one character, or an escape (`\;`, `\n` …) whole.
fn pieces(line: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(line.len());
    let mut iter = line.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        let mut end = at + c.len_utf8();
        if c == '\\' {
            if let Some((next_at, next)) = iter.next() {
                end = next_at + next.len_utf8();
            }
        }
        out.push(&line[at..end]);
    }
    out
}

fn blank(piece: &str) -> bool {
    piece == " " || piece == "\t"
}

/// Appends one content line to `out`, folded: at most 75 octets per physical line (a
/// continuation's leading space counts), split only between characters, never between
/// a backslash and what it escapes, and where it can be between two non-blank
/// characters (some readers trim the blanks next to a fold).
pub fn push_line(out: &mut String, line: &str) {
    let pieces = pieces(line);
    let breakable = |i: usize| i > 0 && !blank(pieces[i - 1]) && !blank(pieces[i]);
    let (mut start, mut used, mut last_break) = (0, 0, None);
    let mut i = 0;
    while i < pieces.len() {
        if i > start && breakable(i) {
            last_break = Some(i);
        }
        if used + pieces[i].len() > MAX_LINE_OCTETS {
            let at = match last_break {
                Some(b) if b > start => b,
                _ => i,
            };
            pieces[start..at].iter().for_each(|p| out.push_str(p));
            out.push_str("\r\n ");
            start = at;
            used = 1 + pieces[at..i].iter().map(|p| p.len()).sum::<usize>();
            last_break = (at + 1..i).rev().find(|j| breakable(*j));
            continue;
        }
        used += pieces[i].len();
        i += 1;
    }
    pieces[start..].iter().for_each(|p| out.push_str(p));
    out.push_str("\r\n");
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

fn push_event(out: &mut String, event: &Event) {
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}", escape_text(&event.uid)));
    push_line(out, &format!("DTSTAMP:{}", utc(event.changed)));
    match &event.when {
        When::Timed { start, end } => {
            push_line(out, &format!("DTSTART:{}", utc(*start)));
            push_line(out, &format!("DTEND:{}", utc(*end)));
        }
        When::AllDay { first, last } => {
            push_line(out, &format!("DTSTART;VALUE=DATE:{}", date(*first)));
            let after = last.succ_opt().unwrap_or(*last);
            push_line(out, &format!("DTEND;VALUE=DATE:{}", date(after)));
        }
    }
    push_line(out, &format!("LAST-MODIFIED:{}", utc(event.changed)));
    push_line(out, &format!("SEQUENCE:{}", event.sequence));
    push_line(out, &format!("SUMMARY:{}", escape_text(&event.summary)));
    if !event.description.is_empty() {
        push_line(out, &format!("DESCRIPTION:{}", escape_text(&event.description)));
    }
    if let Some(url) = &event.url {
        push_line(out, &format!("URL:{}", uri(url)));
    }
    push_line(out, if event.transparent { "TRANSP:TRANSPARENT" } else { "TRANSP:OPAQUE" });
    push_line(out, "END:VEVENT");
}

/// The whole document.
pub fn write(calendar: &Calendar) -> String {
    let mut out = String::with_capacity(512 + calendar.events.len() * 600);
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, "PRODID:-//rota//rota calendar feeds//EN");
    push_line(&mut out, "CALSCALE:GREGORIAN");
    let name = escape_text(&calendar.name);
    push_line(&mut out, &format!("NAME:{name}"));
    push_line(&mut out, &format!("X-WR-CALNAME:{name}"));
    push_line(&mut out, &format!("X-WR-TIMEZONE:{}", escape_text(&calendar.time_zone)));
    push_line(&mut out, "REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    push_line(&mut out, "X-PUBLISHED-TTL:PT1H");
    for event in &calendar.events {
        push_event(&mut out, event);
    }
    if calendar.events.is_empty() {
        // A calendar holds at least one component (RFC 5545 §3.6) and strict readers
        // refuse one without: an empty feed carries the zone every time is in.
        for line in [
            "BEGIN:VTIMEZONE",
            "TZID:UTC",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000",
            "TZNAME:UTC",
            "END:STANDARD",
            "END:VTIMEZONE",
        ] {
            push_line(&mut out, line);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
#[path = "ics_tests.rs"]
mod tests;
