//! The board's grid: one row per person (a cell per day: the shift code coloured by
//! shift type, day off, leave or holiday, each with the person's own times on hover or
//! focus) and one cover row per template (assigned against minimum and target).

use std::collections::HashMap;

use chrono::{Datelike, Weekday};

use super::format::{day, initial, times};
use crate::domain::time_zone::stored_zone;
use crate::service::rosters::board::{Board, BoardPerson};

pub struct Cell {
    pub text: String,
    pub class: String,
    pub title: String,
    /// Where a click goes (a manager's edit panel); empty: not a link.
    pub href: String,
}

pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub zone: String,
    /// Lacks the skill the board is filtered by.
    pub dimmed: bool,
    pub cells: Vec<Cell>,
    pub hours: String,
    pub limit: String,
    pub shifts: usize,
    pub nights: u32,
    pub weekends: usize,
    pub holidays: usize,
    /// Nights and weekends against the team's mean, e.g. "+1 / −0.5".
    pub fairness: String,
    pub fairness_title: String,
}

pub struct CoverRow {
    pub template: String,
    pub cells: Vec<Cell>,
}

fn day_classes(class: &mut String, date: chrono::NaiveDate) {
    if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        class.push_str(" weekend");
    }
    if date.weekday() == Weekday::Mon {
        class.push_str(" week-start");
    }
}

/// "+1.5", "−0.5", "0": a difference from the mean, signed, at most one decimal.
pub fn signed(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0".into()
    } else if rounded.fract() == 0.0 {
        format!("{}{}", if rounded > 0.0 { "+" } else { "−" }, rounded.abs())
    } else {
        format!("{}{:.1}", if rounded > 0.0 { "+" } else { "−" }, rounded.abs())
    }
}

/// One person's row; `link` is the query prefix of the edit links (managers), if any.
pub fn person_row(
    board: &Board,
    row: &BoardPerson,
    kinds: &[String],
    skill: Option<&str>,
    link: Option<&str>,
) -> PersonRow {
    let desk_zone = stored_zone(&board.detail.desk.time_zone);
    let own = stored_zone(&row.person.time_zone);
    let cells = row
        .days
        .iter()
        .zip(&board.days)
        .enumerate()
        .map(|(i, (d, date))| {
            let mut texts = Vec::new();
            let mut titles = Vec::new();
            let mut class = String::from("cell");
            for &(ai, si) in &d.assignments {
                let (assignment, shift) = (&board.detail.assignments[ai], &board.detail.shifts[si]);
                let kind = kinds.iter().position(|k| *k == shift.shift_type).unwrap_or(0);
                let name = board
                    .detail
                    .desk
                    .shift_types
                    .get(kind)
                    .map(|t| t.name.clone())
                    .unwrap_or_else(|| shift.template_name.clone());
                texts.push(format!("{}{}", initial(&name), if assignment.forced { "!" } else { "" }));
                class = format!("cell work type-{}", kind % 6);
                let mut title = format!(
                    "{} {} {} ({}; desk {})",
                    shift.template_name,
                    day(shift.start, own),
                    times(shift.start, shift.end, own),
                    row.person.time_zone,
                    times(shift.start, shift.end, desk_zone)
                );
                if assignment.forced {
                    class.push_str(" forced");
                    title.push_str(&format!(" — forced: {}", assignment.force_reason.clone().unwrap_or_default()));
                }
                titles.push(title);
            }
            if d.leave {
                class.push_str(if texts.is_empty() { " leave" } else { " clash" });
                titles.push("approved time off".into());
                if texts.is_empty() {
                    texts.push("Lv".into());
                }
            }
            if let Some(holiday) = &d.holiday {
                if texts.is_empty() {
                    class.push_str(" holiday");
                    texts.push("Hol".into());
                }
                titles.push(format!("holiday: {holiday}"));
            }
            if texts.is_empty() {
                class.push_str(" off");
                texts.push("·".into());
                titles.push("day off".into());
            }
            day_classes(&mut class, *date);
            let href = link.map(|base| format!("{base}p={}&d={i}#panel", row.person.id)).unwrap_or_default();
            Cell { text: texts.join(" "), class, title: titles.join("; "), href }
        })
        .collect();
    let weeks = board.days.len().div_ceil(7).max(1) as u32;
    let (fairness, fairness_title) = match row.fairness {
        Some(fair) => (
            format!("{} / {}", signed(fair.nights), signed(fair.weekends)),
            format!(
                "Against the mean of the desk's staff over the look-back and this roster: nights {}, weekends {}, \
                 holidays {}",
                signed(fair.nights),
                signed(fair.weekends),
                signed(fair.holidays)
            ),
        ),
        None => ("—".to_string(), "Not on the desk's staff: the planner does not share its work out to them".into()),
    };
    PersonRow {
        id: row.person.id.clone(),
        name: row.person.name.clone(),
        zone: row.person.time_zone.clone(),
        dimmed: skill.is_some_and(|s| !row.skills.iter().any(|k| k == s)),
        cells,
        hours: format!("{:.1}", row.minutes as f64 / 60.0),
        limit: format!("{:.0}", f64::from(row.person.contract.max_minutes_per_week * weeks) / 60.0),
        shifts: row.shifts,
        nights: row.nights,
        weekends: row.weekend_shifts,
        holidays: row.holiday_shifts,
        fairness,
        fairness_title,
    }
}

/// One row per template: how many each day's shift has against its minimum and target.
pub fn cover_rows(board: &Board, link: Option<&str>) -> Vec<CoverRow> {
    let mut by_template_day: HashMap<(&str, usize), usize> = HashMap::new();
    for (si, shift) in board.detail.shifts.iter().enumerate() {
        if let Some(day) = board.shift_day[si] {
            by_template_day.entry((shift.template_id.as_str(), day)).or_insert(si);
        }
    }
    board
        .detail
        .desk
        .templates
        .iter()
        .map(|template| {
            let cells = board
                .days
                .iter()
                .enumerate()
                .map(|(i, date)| {
                    let mut class = String::from("cell cover");
                    if date.weekday() == Weekday::Mon {
                        class.push_str(" week-start");
                    }
                    let Some(&si) = by_template_day.get(&(template.id.as_str(), i)) else {
                        return Cell { text: String::new(), class, title: "no shift".into(), href: String::new() };
                    };
                    let shift = &board.detail.shifts[si];
                    let have = board.assigned[si];
                    let (min, target) = (shift.min_headcount as usize, shift.target_headcount as usize);
                    let short = board.judged.shortfalls.get(&shift.id);
                    class.push_str(if have < min || short.is_some() {
                        " below-min"
                    } else if have < target {
                        " below-target"
                    } else {
                        " covered"
                    });
                    let mut title = format!("{have} assigned; at least {min}, ideally {target}");
                    for s in short.into_iter().flatten().filter(|s| s.requirement != "headcount") {
                        title.push_str(&format!("; {} of {} {}", s.assigned, s.required, s.requirement));
                    }
                    let href = link.map(|base| format!("{base}shift={}#panel", shift.id)).unwrap_or_default();
                    Cell { text: format!("{have}/{target}"), class, title, href }
                })
                .collect();
            CoverRow { template: template.name.clone(), cells }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::signed;

    #[test]
    fn differences_read_with_their_sign_and_at_most_one_decimal() {
        assert_eq!(signed(0.0), "0");
        assert_eq!(signed(0.04), "0");
        assert_eq!(signed(1.0), "+1");
        assert_eq!(signed(-0.5), "−0.5");
        assert_eq!(signed(2.345), "+2.3");
    }
}
