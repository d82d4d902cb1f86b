//! Consecutive-day rules on the person's local dates. Runs touching the first or last day
//! of the horizon are exempt from the minimum rules (they may continue outside it), and
//! so are runs around a forced day (the manager's); the maximum rule counts worked
//! history days just before the horizon.

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
    let max = contract.max_consecutive_days.map(|max| {
        // Raised to the longest stretch of fixed days that holds a forced one.
        let mut allowed = i64::from(max);
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
                            allowed = allowed.max(raised);
                        }
                    }
                }
                (None, None) => {}
            }
            day += Duration::days(1);
        }
        allowed
    });
    let n = runs.len();
    for (i, run) in runs.iter().enumerate() {
        let interior = i > 0 && i + 1 < n && run.forced.is_empty();
        let (start, len) = (run.start, run.len);
        if run.working {
            let total = if i == 0 { len + carried } else { len };
            if let Some(max) = max {
                if i64::from(total) > max {
                    found.flag("MAX_CONSECUTIVE_SHIFTS", format!("{total} days in a row from {start}, max {max}"));
                }
            }
            if let Some(min) = contract.min_consecutive_days {
                if interior && len < min {
                    found.flag("MIN_CONSECUTIVE_SHIFTS", format!("{len} days in a row from {start}, min {min}"));
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
