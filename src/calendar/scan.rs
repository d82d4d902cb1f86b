//! The pre-scan in front of the `ical` crate: unfolds the physical lines,
//! remembers on which physical line each content line starts, and checks the
//! component structure, so that every refusal names a line of the source text.
//!
//! The `ical` crate reports no line numbers for structural errors and is lax
//! where a holiday file must not be: `END:VCALENDAR` closes a `VEVENT`, an
//! empty text is zero calendars (not an error), and its unfolding drops the
//! spaces before each fold (`New Year's ` + ` Day` becomes `New Year'sDay`).
//! So this scan unfolds the text itself (RFC 5545 §3.1: a line starting with a
//! space or tab continues the one before, minus that one character), refuses
//! everything structurally wrong, and hands the crate the unfolded lines with
//! upper-cased property names, one per line, where it cannot go wrong.

use super::holidays::HolidayFileError;

/// Components the `ical` crate accepts inside each parent (0.11; anything
/// else is its `InvalidComponent`, which has no line number).
fn allowed_children(parent: &str) -> &'static [&'static str] {
    match parent {
        "VCALENDAR" => &["VEVENT", "VALARM", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"],
        "VEVENT" | "VTODO" => &["VALARM"],
        "VTIMEZONE" => &["STANDARD", "DAYLIGHT"],
        _ => &[],
    }
}

/// One unfolded content line and the 1-based physical line it starts on.
pub(super) struct LogicalLine {
    pub line: usize,
    pub text: String,
}

/// A `VEVENT` directly inside a `VCALENDAR`: where it starts and, in order,
/// the physical line of each of its own properties (not those of a `VALARM`).
pub(super) struct ScannedEvent {
    pub begin: usize,
    pub property_lines: Vec<usize>,
}

pub(super) struct Scan {
    pub lines: Vec<LogicalLine>,
    pub events: Vec<ScannedEvent>,
    /// The unfolded lines, names upper-cased, joined with `\n`: the `ical`
    /// crate's input. Its line `k` (1-based) is `lines[k - 1]`.
    pub normalized: String,
}

pub(super) fn error(line: usize, message: impl Into<String>) -> HolidayFileError {
    HolidayFileError { line, message: message.into() }
}

/// Physical lines (LF or CRLF, a leading UTF-8 BOM ignored) unfolded into
/// content lines. Blank lines are skipped.
fn unfold(text: &str) -> Result<Vec<LogicalLine>, HolidayFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<LogicalLine> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.is_empty() {
            continue;
        }
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            match lines.last_mut() {
                Some(last) => last.text.push_str(rest),
                None => {
                    return Err(error(
                        index + 1,
                        "a folded continuation line (starting with a space or tab) with no line before it",
                    ))
                }
            }
        } else {
            lines.push(LogicalLine { line: index + 1, text: raw.to_owned() });
        }
    }
    Ok(lines)
}

/// Splits `NAME;PARAMS:value` after the name: the name (letters, digits, `-`)
/// and the rest, which starts with `;` or `:`.
fn split_name(text: &str) -> Option<(&str, &str)> {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))?;
    let (name, rest) = text.split_at(end);
    (!name.is_empty() && (rest.starts_with(';') || rest.starts_with(':'))).then_some((name, rest))
}

pub(super) fn scan(text: &str) -> Result<Scan, HolidayFileError> {
    let lines = unfold(text)?;
    let Some(first) = lines.first() else {
        return Err(error(1, "empty file: an iCalendar file starts with BEGIN:VCALENDAR"));
    };
    if !first.text.trim_end().eq_ignore_ascii_case("BEGIN:VCALENDAR") {
        return Err(error(first.line, "not an iCalendar file: it must start with BEGIN:VCALENDAR"));
    }

    let mut stack: Vec<(String, usize)> = Vec::new(); // open components, with their BEGIN line
    let mut events = Vec::new();
    let mut current: Option<ScannedEvent> = None;
    let mut normalized = String::with_capacity(text.len());
    for logical in &lines {
        let line = logical.line;
        let Some((name, rest)) = split_name(&logical.text) else {
            return Err(error(line, "not an iCalendar content line (NAME:value or NAME;PARAM=value:value)"));
        };
        let name = name.to_ascii_uppercase();
        if !normalized.is_empty() {
            normalized.push('\n');
        }
        if name == "BEGIN" || name == "END" {
            let Some(value) = rest.strip_prefix(':') else {
                return Err(error(line, format!("{name} takes no parameters")));
            };
            let component = value.trim().to_ascii_uppercase();
            normalized.push_str(&format!("{name}:{component}"));
            if name == "BEGIN" {
                match stack.last() {
                    None if component != "VCALENDAR" => {
                        return Err(error(line, format!("BEGIN:{component} outside BEGIN:VCALENDAR … END:VCALENDAR")));
                    }
                    Some((parent, _)) if !allowed_children(parent).contains(&component.as_str()) => {
                        return Err(error(line, format!("BEGIN:{component} is not allowed inside {parent}")));
                    }
                    _ => {}
                }
                if component == "VEVENT" && stack.len() == 1 {
                    current = Some(ScannedEvent { begin: line, property_lines: Vec::new() });
                }
                stack.push((component, line));
            } else {
                match stack.pop() {
                    None => return Err(error(line, format!("END:{component} without a BEGIN"))),
                    Some((open, begin)) if open != component => {
                        return Err(error(
                            line,
                            format!("END:{component} does not close BEGIN:{open} of line {begin}"),
                        ));
                    }
                    Some(_) => {}
                }
                if component == "VEVENT" && stack.len() == 1 {
                    events.extend(current.take());
                }
            }
        } else {
            if stack.is_empty() {
                return Err(error(line, "content after END:VCALENDAR"));
            }
            if let (Some(event), 2) = (current.as_mut(), stack.len()) {
                event.property_lines.push(line);
            }
            normalized.push_str(&name);
            normalized.push_str(rest);
        }
    }
    if let Some((open, begin)) = stack.last() {
        return Err(error(*begin, format!("BEGIN:{open} is never closed by END:{open}")));
    }
    Ok(Scan { lines, events, normalized })
}
