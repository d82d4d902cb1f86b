//! A desk's templates through the planner's time arithmetic: the dated shifts a
//! horizon will contain, and the coverage check of the window. Pure: the closed days
//! come in as a set.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, SecondsFormat, Utc, Weekday};
use chrono_tz::Tz;

use crate::domain::time_zone::stored_zone;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::desk::{CoverageWindow, Desk, ShiftTemplate, Skill, SkillMinimum, WeeklyMoment};
use crate::planner::time::{self, TemplateLength, UtcInterval};

/// Local dates (in the desk's zone) without shifts, with the reason.
pub type ClosedDays = BTreeMap<NaiveDate, String>;

/// One dated shift of a desk, as a horizon will contain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DeskShift {
    pub template_id: String,
    pub template: String,
    pub shift_type: String,
    /// The local start date in the template's zone.
    #[schema(value_type = String, format = Date, example = "2026-03-30")]
    pub local_date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Start and end in the desk's zone, RFC 3339 with offset.
    pub start_local: String,
    pub end_local: String,
    /// Real elapsed minutes (a Warsaw night into the spring change has 420).
    pub minutes: i64,
    pub min_headcount: u32,
    pub target_headcount: u32,
    pub skill_minimums: Vec<SkillMinimum>,
    pub required_skills: Vec<Skill>,
}

fn weekday(iso: u8) -> Option<Weekday> {
    Weekday::try_from(iso.checked_sub(1)?).ok()
}

pub fn local_text(zone: Tz, instant: DateTime<Utc>) -> String {
    instant.with_timezone(&zone).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The planner templates of one desk template: one per distinct day shape, named by
/// the template's id.
fn planner_templates(template: &ShiftTemplate) -> Vec<time::ShiftTemplate> {
    let zone = stored_zone(&template.time_zone);
    let mut by_times: BTreeMap<(NaiveTime, NaiveTime), Vec<Weekday>> = BTreeMap::new();
    for iso in &template.weekdays {
        if let (Some(shape), Some(day)) = (template.shape_on(*iso), weekday(*iso)) {
            by_times.entry((shape.start, shape.end)).or_default().push(day);
        }
    }
    by_times
        .into_iter()
        .map(|((start, end), weekdays)| time::ShiftTemplate {
            name: template.id.clone(),
            zone,
            start,
            length: TemplateLength::End(end),
            weekdays,
        })
        .collect()
}

/// Whether a shift starting at `start` falls on a closed day of the desk.
fn is_closed(desk_zone: Tz, closed: &ClosedDays, start: DateTime<Utc>) -> bool {
    closed.contains_key(&time::local_date_of(desk_zone, start))
}

/// The shifts whose start falls on a local date `from..=to` in the desk's zone, in
/// start order; none on closed days.
pub fn shifts(desk: &Desk, from: NaiveDate, to: NaiveDate, closed: &ClosedDays) -> Vec<DeskShift> {
    let desk_zone = stored_zone(&desk.time_zone);
    // Template dates differ from desk dates by at most a day either way.
    let (Some(before), Some(after)) = (from.checked_sub_days(Days::new(1)), to.checked_add_days(Days::new(1))) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for template in &desk.templates {
        for planner_template in planner_templates(template) {
            for shift in time::expand(&planner_template, before, after) {
                let desk_date = time::local_date_of(desk_zone, shift.start);
                if desk_date < from || desk_date > to || is_closed(desk_zone, closed, shift.start) {
                    continue;
                }
                let iso = u8::try_from(shift.local_date.weekday().number_from_monday()).unwrap_or(1);
                let Some(shape) = template.shape_on(iso) else { continue };
                out.push(DeskShift {
                    template_id: template.id.clone(),
                    template: template.name.clone(),
                    shift_type: template.shift_type.clone(),
                    local_date: shift.local_date,
                    start: shift.start,
                    end: shift.end,
                    start_local: local_text(desk_zone, shift.start),
                    end_local: local_text(desk_zone, shift.end),
                    minutes: shift.duration().num_minutes(),
                    min_headcount: shape.min_headcount,
                    target_headcount: shape.target_headcount,
                    skill_minimums: template.skill_minimums.clone(),
                    required_skills: template.required_skills.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| (a.start, &a.template, a.end).cmp(&(b.start, &b.template, b.end)));
    out
}

/// A stretch of time in UTC and in the desk's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub start_local: String,
    pub end_local: String,
    pub minutes: i64,
}

impl Span {
    fn of(zone: Tz, interval: UtcInterval) -> Self {
        Span {
            start: interval.start,
            end: interval.end,
            start_local: local_text(zone, interval.start),
            end_local: local_text(zone, interval.end),
            minutes: interval.duration().num_minutes(),
        }
    }
}

/// A shift named the way a manager knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ShiftName {
    pub template_id: String,
    pub template: String,
    #[schema(value_type = String)]
    pub local_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OverlapSpan {
    #[serde(flatten)]
    pub span: Span,
    pub shifts: Vec<ShiftName>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OutsideSpan {
    #[serde(flatten)]
    pub span: Span,
    pub shift: ShiftName,
}

/// The templates checked against the window: where no shift covers it, where two
/// do, and which parts of shifts lie outside it. Closed days are not gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CoverageCheck {
    #[schema(value_type = String)]
    pub from: NaiveDate,
    #[schema(value_type = String)]
    pub to: NaiveDate,
    /// The zone of the `*_local` times (the desk's).
    pub time_zone: String,
    pub gaps: Vec<Span>,
    pub overlaps: Vec<OverlapSpan>,
    pub outside: Vec<OutsideSpan>,
}

fn planner_moment(moment: &WeeklyMoment) -> Option<time::WeeklyMoment> {
    Some(time::WeeklyMoment {
        weekday: weekday(moment.weekday)?,
        minutes_after_midnight: moment.time,
        zone: moment.time_zone.parse().ok()?,
    })
}

fn planner_window(window: &CoverageWindow) -> Option<time::CoverageWindow> {
    Some(time::CoverageWindow { opening: planner_moment(&window.opens)?, closing: planner_moment(&window.closes)? })
}

/// The first two windows that share an instant in some week of 2026, if any (a week
/// of each side is compared, so windows that wrap past Sunday are caught too).
pub fn overlapping_windows(windows: &[CoverageWindow]) -> Option<(usize, usize)> {
    let monday = NaiveDate::from_ymd_opt(2026, 1, 5)?;
    let weeks: Vec<Vec<UtcInterval>> = windows
        .iter()
        .map(|w| {
            let Some(window) = planner_window(w) else { return Vec::new() };
            (0..3u64)
                .filter_map(|k| monday.checked_add_days(Days::new(7 * k)))
                .filter_map(|m| window.in_week_of(m))
                .collect()
        })
        .collect();
    for i in 0..weeks.len() {
        for j in i + 1..weeks.len() {
            let meet =
                weeks[i].iter().any(|a| weeks[j].iter().any(|b| a.intersection(b).is_some_and(|x| !x.is_empty())));
            if meet {
                return Some((i, j));
            }
        }
    }
    None
}

/// Where `a` and `b` both are.
fn intersect(a: &[UtcInterval], b: &[UtcInterval]) -> Vec<UtcInterval> {
    a.iter().flat_map(|x| b.iter().filter_map(move |y| x.intersection(y))).filter(|i| !i.is_empty()).collect()
}

/// The coverage check for the weeks holding `from..=to` (dates in the desk's zone).
pub fn coverage_check(desk: &Desk, from: NaiveDate, to: NaiveDate, closed: &ClosedDays) -> CoverageCheck {
    let zone = stored_zone(&desk.time_zone);
    let mut check = CoverageCheck {
        from,
        to,
        time_zone: desk.time_zone.clone(),
        gaps: Vec::new(),
        overlaps: Vec::new(),
        outside: Vec::new(),
    };
    let windows: Vec<time::CoverageWindow> = desk.coverage.iter().filter_map(planner_window).collect();
    let names: BTreeMap<&str, &str> = desk.templates.iter().map(|t| (t.id.as_str(), t.name.as_str())).collect();
    let name = |shift: &time::ShiftRef| ShiftName {
        template_id: shift.template.clone(),
        template: names.get(shift.template.as_str()).map(|n| n.to_string()).unwrap_or_default(),
        local_date: shift.local_date,
    };
    let templates: Vec<time::ShiftTemplate> = desk.templates.iter().flat_map(planner_templates).collect();
    let closed_intervals: Vec<UtcInterval> = closed
        .keys()
        .filter_map(|date| {
            let next = date.succ_opt()?;
            UtcInterval::new(
                time::resolve_local(zone, date.and_time(NaiveTime::MIN)),
                time::resolve_local(zone, next.and_time(NaiveTime::MIN)),
            )
        })
        .collect();
    // A shift on a closed day is never expanded, so it cannot overlap or stick out.
    let start_of = |shift: &time::ShiftRef| {
        let template = desk.templates.iter().find(|t| t.id == shift.template)?;
        let day = shift.local_date.weekday();
        let planner_template = planner_templates(template).into_iter().find(|pt| pt.weekdays.contains(&day))?;
        planner_template.shift_on(shift.local_date).map(|s| s.start)
    };
    let on_closed_day = |shift: &time::ShiftRef| start_of(shift).is_some_and(|start| is_closed(zone, closed, start));
    // Outside is outside every window: intersect what each window leaves out.
    let mut outside: Option<BTreeMap<time::ShiftRef, Vec<UtcInterval>>> = None;
    for window in &windows {
        let mut left_out: BTreeMap<time::ShiftRef, Vec<UtcInterval>> = BTreeMap::new();
        for week in time::coverage_report(window, &templates, from, to) {
            for gap in week.gaps {
                check.gaps.extend(gap.subtract(&closed_intervals).into_iter().map(|part| Span::of(zone, part)));
            }
            for overlap in week.overlaps.into_iter().filter(|o| !o.shifts.iter().any(on_closed_day)) {
                let shifts = overlap.shifts.iter().map(name).collect();
                check.overlaps.push(OverlapSpan { span: Span::of(zone, overlap.interval), shifts });
            }
            for part in week.outside.into_iter().filter(|o| !on_closed_day(&o.shift)) {
                left_out.entry(part.shift).or_default().push(part.interval);
            }
        }
        outside = Some(match outside {
            None => left_out,
            Some(before) => before
                .into_iter()
                .filter_map(|(shift, parts)| {
                    let both = intersect(&parts, left_out.get(&shift)?);
                    (!both.is_empty()).then_some((shift, both))
                })
                .collect(),
        });
    }
    for (shift, parts) in outside.unwrap_or_default() {
        for part in parts {
            check.outside.push(OutsideSpan { span: Span::of(zone, part), shift: name(&shift) });
        }
    }
    check.gaps.sort_by_key(|g| g.start);
    check.overlaps.sort_by_key(|o| o.span.start);
    check.outside.sort_by_key(|o| o.span.start);
    check
}

/// The instances of the desk's coverage windows that overlap `from..=to` (local dates
/// in the desk's zone), by start.
pub fn window_instances(desk: &Desk, from: NaiveDate, to: NaiveDate) -> Vec<UtcInterval> {
    let zone = stored_zone(&desk.time_zone);
    let (Some(first), Some(after)) = (from.checked_sub_days(Days::new(7)), to.succ_opt()) else { return Vec::new() };
    let range_start = time::resolve_local(zone, from.and_time(NaiveTime::MIN));
    let range_end = time::resolve_local(zone, after.and_time(NaiveTime::MIN));
    let mut instances: Vec<UtcInterval> = Vec::new();
    for window in desk.coverage.iter().filter_map(planner_window) {
        let mut week = first;
        while week <= to + Days::new(7) {
            if let Some(instance) = window.in_week_of(week) {
                if instance.start < range_end && instance.end > range_start && !instances.contains(&instance) {
                    instances.push(instance);
                }
            }
            week = week + Days::new(7);
        }
    }
    instances.sort_by_key(|i| i.start);
    instances
}
