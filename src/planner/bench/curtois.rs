//! The Curtois & Qu benchmark format (schedulingbenchmarks.org/nrp, Instance1–24):
//! parsing from text, conversion into a planner `Problem`, and the roster grid format
//! that `evaluate.py` reads. Pure: the caller reads and writes files.

use crate::planner::model::{
    Assignment, Contract, DaysOffBy, NightRule, Person, Problem, Request, RequestKind, RuleSwitches, Shift, ShiftType,
    Weights,
};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShiftKind {
    pub id: String,
    pub minutes: u32,
    pub cannot_follow: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Staff {
    pub id: String,
    pub max_shifts: Vec<(String, u32)>,
    pub max_total_minutes: u32,
    pub min_total_minutes: u32,
    pub max_consecutive: u32,
    pub min_consecutive: u32,
    pub min_days_off: u32,
    pub max_weekends: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DayRequest {
    pub employee: String,
    pub day: usize,
    pub shift: String,
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub day: usize,
    pub shift: String,
    pub requirement: u32,
    pub weight_under: u32,
    pub weight_over: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Instance {
    pub horizon: usize,
    pub shifts: Vec<ShiftKind>,
    pub staff: Vec<Staff>,
    pub days_off: Vec<(String, Vec<usize>)>,
    pub on_requests: Vec<DayRequest>,
    pub off_requests: Vec<DayRequest>,
    pub cover: Vec<Cover>,
}

/// Day 0 of every instance is a Monday; any Monday works as the calendar anchor.
pub fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Shift ids of the converted problem: "<day>:<shift type>".
pub fn shift_id(day: usize, kind: &str) -> String {
    format!("{day}:{kind}")
}

fn num<T: std::str::FromStr>(s: &str, line: usize, what: &str) -> Result<T, ParseError> {
    s.trim()
        .parse()
        .map_err(|_| ParseError { line, message: format!("{what}: expected a number, found '{}'", s.trim()) })
}

/// A non-negative count; Instance15 writes one requirement as "-0".
fn count(s: &str, line: usize, what: &str) -> Result<u32, ParseError> {
    let n: i64 = num(s, line, what)?;
    u32::try_from(n).map_err(|_| err(line, format!("{what}: must not be negative, found {n}")))
}

fn err(line: usize, message: impl Into<String>) -> ParseError {
    ParseError { line, message: message.into() }
}

fn field<'a>(fields: &[&'a str], i: usize, line: usize, what: &str) -> Result<&'a str, ParseError> {
    fields.get(i).map(|s| s.trim()).ok_or_else(|| err(line, format!("missing field {what}")))
}

/// Parses an instance file (CRLF or LF).
pub fn parse(text: &str) -> Result<Instance, ParseError> {
    let mut inst = Instance::default();
    let mut section = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("SECTION_") {
            section = line.to_string();
            continue;
        }
        let f: Vec<&str> = line.split(',').collect();
        match section.as_str() {
            "SECTION_HORIZON" => inst.horizon = num(line, line_no, "horizon")?,
            "SECTION_SHIFTS" => {
                let follow = f.get(2).map(|s| s.trim()).unwrap_or("");
                inst.shifts.push(ShiftKind {
                    id: field(&f, 0, line_no, "ShiftID")?.to_string(),
                    minutes: num(field(&f, 1, line_no, "Length")?, line_no, "Length")?,
                    cannot_follow: follow
                        .split('|')
                        .filter(|s| !s.trim().is_empty())
                        .map(|s| s.trim().to_string())
                        .collect(),
                });
            }
            "SECTION_STAFF" => {
                let mut max_shifts = Vec::new();
                for pair in field(&f, 1, line_no, "MaxShifts")?.split('|') {
                    let (k, v) = pair
                        .split_once('=')
                        .ok_or_else(|| err(line_no, format!("MaxShifts entry '{pair}' lacks '='")))?;
                    max_shifts.push((k.trim().to_string(), num(v, line_no, "MaxShifts")?));
                }
                let n = |j: usize, what: &str| -> Result<u32, ParseError> {
                    num(field(&f, j, line_no, what)?, line_no, what)
                };
                inst.staff.push(Staff {
                    id: field(&f, 0, line_no, "ID")?.to_string(),
                    max_shifts,
                    max_total_minutes: n(2, "MaxTotalMinutes")?,
                    min_total_minutes: n(3, "MinTotalMinutes")?,
                    max_consecutive: n(4, "MaxConsecutiveShifts")?,
                    min_consecutive: n(5, "MinConsecutiveShifts")?,
                    min_days_off: n(6, "MinConsecutiveDaysOff")?,
                    max_weekends: n(7, "MaxWeekends")?,
                });
            }
            "SECTION_DAYS_OFF" => {
                let mut days = Vec::new();
                for d in f.iter().skip(1).filter(|s| !s.trim().is_empty()) {
                    days.push(num(d, line_no, "DayIndex")?);
                }
                inst.days_off.push((field(&f, 0, line_no, "EmployeeID")?.to_string(), days));
            }
            "SECTION_SHIFT_ON_REQUESTS" | "SECTION_SHIFT_OFF_REQUESTS" => {
                let r = DayRequest {
                    employee: field(&f, 0, line_no, "EmployeeID")?.to_string(),
                    day: num(field(&f, 1, line_no, "Day")?, line_no, "Day")?,
                    shift: field(&f, 2, line_no, "ShiftID")?.to_string(),
                    weight: num(field(&f, 3, line_no, "Weight")?, line_no, "Weight")?,
                };
                if section == "SECTION_SHIFT_ON_REQUESTS" {
                    inst.on_requests.push(r);
                } else {
                    inst.off_requests.push(r);
                }
            }
            "SECTION_COVER" => inst.cover.push(Cover {
                day: num(field(&f, 0, line_no, "Day")?, line_no, "Day")?,
                shift: field(&f, 1, line_no, "ShiftID")?.to_string(),
                requirement: count(field(&f, 2, line_no, "Requirement")?, line_no, "Requirement")?,
                weight_under: num(field(&f, 3, line_no, "WeightUnder")?, line_no, "WeightUnder")?,
                weight_over: num(field(&f, 4, line_no, "WeightOver")?, line_no, "WeightOver")?,
            }),
            other => return Err(err(line_no, format!("data outside a known section ({other:?})"))),
        }
    }
    if inst.horizon == 0 || inst.shifts.is_empty() || inst.staff.is_empty() {
        return Err(err(0, "missing SECTION_HORIZON, SECTION_SHIFTS or SECTION_STAFF"));
    }
    Ok(inst)
}

/// The instance as a planner problem: one shift per (day, type) in UTC starting 08:00 (no
/// Curtois shift is longer than 12 h, so none overlaps the next day or counts as night),
/// one contract per employee, days off as unavailable dates, cover as target headcount
/// with the instance's own weights, and every other soft rule weighted 0.
pub fn to_problem(inst: &Instance) -> Problem {
    let base = base_date();
    let date = |d: usize| base + Duration::days(d as i64);
    let shift_types = inst
        .shifts
        .iter()
        .map(|k| ShiftType { id: k.id.clone(), rotation_rank: None, cannot_be_followed_by: k.cannot_follow.clone() })
        .collect();
    let minutes: HashMap<&str, u32> = inst.shifts.iter().map(|k| (k.id.as_str(), k.minutes)).collect();
    let cover: HashMap<(usize, &str), &Cover> = inst.cover.iter().map(|c| ((c.day, c.shift.as_str()), c)).collect();
    let mut shifts = Vec::new();
    for d in 0..inst.horizon {
        for k in &inst.shifts {
            let start = Utc.from_utc_datetime(&date(d).and_hms_opt(8, 0, 0).unwrap_or_default());
            let c = cover.get(&(d, k.id.as_str()));
            shifts.push(Shift {
                id: shift_id(d, &k.id),
                desk: String::new(),
                shift_type: k.id.clone(),
                start,
                end: start + Duration::minutes(i64::from(minutes.get(k.id.as_str()).copied().unwrap_or(0))),
                min_headcount: 0,
                target_headcount: c.map_or(0, |c| c.requirement),
                required_skills: vec![],
                skill_minimums: vec![],
                weight_below_target: Some(c.map_or(0, |c| i64::from(c.weight_under))),
                weight_above_target: Some(c.map_or(0, |c| i64::from(c.weight_over))),
            });
        }
    }
    let days_off: HashMap<&str, &Vec<usize>> = inst.days_off.iter().map(|(e, d)| (e.as_str(), d)).collect();
    let mut requests: BTreeMap<&str, Vec<Request>> = BTreeMap::new();
    for (list, kind) in [(&inst.on_requests, RequestKind::On), (&inst.off_requests, RequestKind::Off)] {
        for r in list {
            requests.entry(r.employee.as_str()).or_default().push(Request {
                date: date(r.day),
                shift_type: Some(r.shift.clone()),
                kind,
                weight: r.weight,
            });
        }
    }
    let mut contracts = Vec::new();
    let mut people = Vec::new();
    for s in &inst.staff {
        contracts.push(Contract {
            id: s.id.clone(),
            max_minutes_per_horizon: Some(s.max_total_minutes),
            min_minutes_per_horizon: Some(s.min_total_minutes),
            max_consecutive_days: Some(s.max_consecutive),
            min_consecutive_days: Some(s.min_consecutive),
            min_consecutive_days_off: Some(s.min_days_off),
            max_weekends: Some(s.max_weekends),
            max_shifts_per_type: s.max_shifts.iter().cloned().collect(),
            ..Contract::default()
        });
        people.push(Person {
            id: s.id.clone(),
            zone: "UTC".to_string(),
            skills: vec![],
            contract: s.id.clone(),
            unavailable: vec![],
            unavailable_dates: days_off
                .get(s.id.as_str())
                .map(|v| v.iter().map(|d| date(*d)).collect())
                .unwrap_or_default(),
            holidays: vec![],
            requests: requests.remove(s.id.as_str()).unwrap_or_default(),
            locked: vec![],
            history: vec![],
            commitments: vec![],
            ledger: Default::default(),
        });
    }
    Problem {
        skills: vec![],
        shift_types,
        shifts,
        contracts,
        people,
        // Curtois' days off are the days a shift starts on; its shifts never cross
        // midnight in a way the instances judge, and UTC has no night rule to matter.
        rules: RuleSwitches { one_shift_per_day: true, days_off_by: DaysOffBy::StartDate },
        weights: objective_weights(),
        previous: vec![],
        night: NightRule::default(),
    }
}

/// The roster as the grid that `evaluate.py` reads: one line per employee in staff order,
/// one token per day, '.' for a day off.
pub fn to_grid(inst: &Instance, assignments: &[Assignment]) -> String {
    let mut cells: HashMap<&str, Vec<&str>> =
        inst.staff.iter().map(|s| (s.id.as_str(), vec!["."; inst.horizon])).collect();
    for a in assignments {
        if let Some((day, kind)) = a.shift.split_once(':') {
            if let (Ok(day), Some(row)) = (day.parse::<usize>(), cells.get_mut(a.person.as_str())) {
                if let Some(cell) = row.get_mut(day) {
                    *cell = kind;
                }
            }
        }
    }
    let mut out = String::new();
    for s in &inst.staff {
        out.push_str(&s.id);
        for tok in cells.get(s.id.as_str()).map(Vec::as_slice).unwrap_or(&[]) {
            out.push(' ');
            out.push_str(tok);
        }
        out.push('\n');
    }
    out
}

/// Reads a roster grid (space-, tab- or comma-separated; '#' comments) into assignments.
pub fn parse_grid(inst: &Instance, text: &str) -> Result<Vec<Assignment>, ParseError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = if line.contains(',') {
            line.split(',').map(str::trim).collect()
        } else if line.contains('\t') {
            line.split('\t').map(str::trim).collect()
        } else {
            line.split_whitespace().collect()
        };
        let (who, days) = fields.split_first().ok_or_else(|| err(i + 1, "empty line"))?;
        if !inst.staff.iter().any(|s| s.id == *who) {
            return Err(err(i + 1, format!("unknown employee '{who}'")));
        }
        for (d, tok) in days.iter().enumerate() {
            if tok.is_empty() || *tok == "." || *tok == "-" {
                continue;
            }
            if d >= inst.horizon || !inst.shifts.iter().any(|k| k.id == *tok) {
                return Err(err(i + 1, format!("bad token '{tok}' on day {d}")));
            }
            out.push(Assignment { shift: shift_id(d, tok), person: who.to_string() });
        }
    }
    Ok(out)
}

/// All soft rules off except coverage and requests: the Curtois–Qu objective.
fn objective_weights() -> Weights {
    Weights {
        below_minimum: 0,
        below_target: 100,
        above_target: 1,
        skill_shortfall: 0,
        request: 1,
        fairness_nights: 0,
        fairness_weekends: 0,
        fairness_holidays: 0,
        backward_rotation: 0,
        outside_daytime: 0,
        change_from_previous: 0,
        isolated_day: 0,
    }
}
