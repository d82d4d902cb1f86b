//! Consecutive-day rules on the person's local dates. Runs touching the first or last day
//! of the horizon are exempt from the minimum rules (they may continue outside it); a
//! run too short around a forced day is the manager's, reported as a forced break. The
//! maximum rule counts worked history days just before the horizon; a stretch of fixed
//! days with a forced one may be longer than it (a forced break), and so may the run
//! holding that stretch up to its length, no other run.

use super::findings::{Findings, Source};
use crate::planner::model::Contract;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;

/// One duty on a local day, for the day-based rules.
pub struct Day<'a> {
    pub shift_type: &'a str,
    /// The shift id ("" for history).
    pub id: &'a str,
    pub source: Source,
}

struct Run<'a> {
    working: bool,
    start: NaiveDate,
    len: u32,
    forced: Vec<&'a str>,
}

pub fn check_runs(
    contract: &Contract,
    first: NaiveDate,
    last: NaiveDate,
    worked: &BTreeMap<NaiveDate, Vec<Day>>,
    history: &BTreeMap<NaiveDate, Vec<Day>>,
    found: &mut Findings,
) {
    let mut carried = 0u32;
    let mut d = first - Duration::days(1);
    while history.contains_key(&d) {
        carried += 1;
        d -= Duration::days(1);
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut day = first;
    while day <= last {
        let duties = worked.get(&day);
        let on = duties.is_some();
        match runs.last_mut() {
            Some(run) if run.working == on => run.len += 1,
            _ => runs.push(Run { working: on, start: day, len: 1, forced: Vec::new() }),
        }
        if let (Some(run), Some(list)) = (runs.last_mut(), duties) {
            run.forced.extend(list.iter().filter(|d| d.source == Source::Forced).map(|d| d.id));
        }
        day += Duration::days(1);
    }
    // Per stretch of fixed days with a forced one that is longer than the maximum: its
    // first day and the length its run may have.
    let mut allowances: Vec<(NaiveDate, i64)> = Vec::new();
    if let Some(max) = contract.max_consecutive_days {
        let mut stretch: Option<(NaiveDate, u32, Vec<&str>)> = None;
        let mut day = first;
        while day <= last + Duration::days(1) {
            let fixed = worked.get(&day).filter(|l| l.iter().all(|d| d.source.is_fixed()));
            match (fixed, stretch.as_mut()) {
                (Some(list), Some((_, len, forced))) => {
                    *len += 1;
                    forced.extend(list.iter().filter(|d| d.source == Source::Forced).map(|d| d.id));
                }
                (Some(list), None) => {
                    let forced = list.iter().filter(|d| d.source == Source::Forced).map(|d| d.id).collect();
                    stretch = Some((day, 1, forced));
                }
                (None, Some(_)) => {
                    if let Some((start, len, forced)) = stretch.take() {
                        let total = len + if start == first { carried } else { 0 };
                        if !forced.is_empty() && total > max {
                            let message = format!("{total} fixed days in a row from {start}, max {max}");
                            let raised = found.limit("MAX_CONSECUTIVE_SHIFTS", max, i64::from(total), &forced, message);
                            allowances.push((start, raised));
                        }
                    }
                }
                (None, None) => {}
            }
            day += Duration::days(1);
        }
    }
    let n = runs.len();
    for (i, run) in runs.iter().enumerate() {
        let interior = i > 0 && i + 1 < n;
        let (start, len) = (run.start, run.len);
        if run.working {
            let total = if i == 0 { len + carried } else { len };
            if let Some(max) = contract.max_consecutive_days {
                // A run holds the stretches that start inside it (their days are worked).
                let end = start + Duration::days(i64::from(len) - 1);
                let held = allowances.iter().filter(|(s, _)| start <= *s && *s <= end).map(|(_, n)| *n);
                let allowed = held.fold(i64::from(max), i64::max);
                if i64::from(total) > allowed {
                    let mut message = format!("{total} days in a row from {start}, max {max}");
                    if allowed > i64::from(max) {
                        message += &format!(" ({allowed} with its forced days)");
                    }
                    found.flag("MAX_CONSECUTIVE_SHIFTS", message);
                }
            }
            if let Some(min) = contract.min_consecutive_days {
                if interior && len < min {
                    let message = format!("{len} days in a row from {start}, min {min}");
                    if run.forced.is_empty() {
                        found.flag("MIN_CONSECUTIVE_SHIFTS", message);
                    } else {
                        // Kept on the manager's word, so reported with the forced shifts.
                        found.force("MIN_CONSECUTIVE_SHIFTS", &run.forced, message);
                    }
                }
            }
        } else if let Some(min) = contract.min_consecutive_days_off {
            if interior && len < min {
                let message = format!("{len} days off from {start}, min {min}");
                // Between two fixed days with a forced one, no plan can lengthen them.
                let fixed = |day: NaiveDate| worked.get(&day).filter(|l| l.iter().all(|d| d.source.is_fixed()));
                let around = [start - Duration::days(1), start + Duration::days(i64::from(len))];
                match (fixed(around[0]), fixed(around[1])) {
                    (Some(a), Some(b)) if a.iter().chain(b).any(|d| d.source == Source::Forced) => {
                        let ids: Vec<&str> = a.iter().chain(b).map(|d| d.id).collect();
                        found.force("MIN_CONSECUTIVE_DAYS_OFF", &ids, message);
                    }
                    _ => found.flag("MIN_CONSECUTIVE_DAYS_OFF", message),
                }
            }
        }
    }
}
