//! Turns a validated `Problem` into flat index tables for the solver: a global axis of
//! local days (day 0 is a Monday, so week = day / 7 and weekend = day % 7 ≥ 5), per-zone
//! day of every shift, per-(person, shift) eligibility and static cost. Everything that
//! depends on time zones is decided here once, so the search loop only does arithmetic.

use super::definitions::{days_touched, inside_daytime, is_night, is_weekend, local_day, week_start};
use super::model::{DaysOffBy, NightRule, Problem, RequestKind, Weights};
use super::validate::{parse_zone, validate, InvalidInput};
use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use std::collections::HashMap;

pub const OFF: u32 = u32::MAX;
const NO_LIMIT: u32 = u32::MAX;
/// Where the day grid of a problem without shifts starts (a Monday); any date would do.
const EMPTY_PROBLEM_BASE: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// A person's contract with "no limit" encoded as `u32::MAX` (or 0 for minimums).
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_week_minutes: u32,
    pub max_total_minutes: u32,
    pub min_total_minutes: u32,
    pub min_rest_minutes: i64,
    pub max_consecutive: u32,
    pub min_consecutive: u32,
    pub min_days_off: u32,
    pub max_weekends: u32,
    pub max_nights_week: u32,
    pub max_per_type: Vec<u32>,
}

/// One request, pre-multiplied by the request weight.
#[derive(Debug, Clone, Copy)]
pub struct CellRequest {
    pub shift_type: Option<u16>,
    pub on: bool,
    pub cost: i64,
}

#[derive(Debug, Clone)]
pub struct Compiled {
    pub n_people: usize,
    pub n_shifts: usize,
    pub n_days: usize,
    pub n_types: usize,
    pub n_weeks: usize,
    pub base: NaiveDate,
    pub shift_type: Vec<u16>,
    pub shift_minutes: Vec<u32>,
    /// Minutes since the Unix epoch.
    pub shift_start: Vec<i64>,
    pub shift_end: Vec<i64>,
    pub person_zone: Vec<usize>,
    pub zones: Vec<Tz>,
    /// `[zone * n_shifts + shift]` → global day index.
    pub day_of: Vec<u32>,
    /// `[class * n_shifts + shift]`: night for people of that (zone, night rule) class.
    pub night: Vec<bool>,
    pub night_class: Vec<usize>,
    /// Per zone: inclusive range of days that hold a shift (the person's horizon).
    pub horizon: Vec<(u32, u32)>,
    /// Per zone, per day: shifts starting that local day (`day_shift_start[z*(D+1)+d]..`).
    pub day_shift_start: Vec<u32>,
    pub day_shifts: Vec<Vec<u32>>,
    /// `[person * n_shifts + shift]`
    pub eligible: Vec<bool>,
    pub static_cost: Vec<i64>,
    /// `[person * n_shifts + shift]`: the parts of `static_cost`, for the score breakdown.
    pub outside_daytime: Vec<bool>,
    pub was_previous: Vec<bool>,
    /// `[person * n_shifts + shift]`: the shift falls on a public holiday of the person.
    pub holiday_work: Vec<bool>,
    /// `[person * n_days + day]`: a locked assignment the search may not change.
    pub fixed: Vec<bool>,
    /// `[person * n_days + day]`: the locked assignment is forced (kept despite a rule).
    pub forced: Vec<bool>,
    pub has_forced: Vec<bool>,
    pub locked: Vec<(usize, u32, u32)>,
    pub req_start: Vec<u32>,
    pub requests: Vec<CellRequest>,
    /// The limits a person is held to: the contract's, raised where forced shifts take
    /// the fixed load over them (see `forced`).
    pub limits: Vec<Limits>,
    /// The contract's own limits, for messages (a raised limit is not the contract's).
    pub contract_limits: Vec<Limits>,
    /// Per person: (first day, length) of each stretch of fixed days that holds a forced
    /// one and is longer than the contract's maximum run (history carried in). Only a run
    /// holding such a stretch may be that long; every other run keeps the contract's.
    pub forced_runs: Vec<Vec<(u32, u32)>>,
    /// `[person * n_weeks + week]`: minutes and nights of history and commitments in
    /// that calendar week, and whether they hold a weekend day.
    pub week_base_minutes: Vec<u32>,
    pub week_base_nights: Vec<u32>,
    pub weekend_base: Vec<bool>,
    /// `[person * n_weeks + week]`: the weekly limits, raised to the fixed load of a week
    /// that a forced assignment takes over them (so the search sees only new breaks).
    pub week_cap_minutes: Vec<u32>,
    pub week_cap_nights: Vec<u32>,
    /// Worked local days just before the horizon (history), for maximum runs.
    pub history_run: Vec<u32>,
    /// Types worked on the day before the horizon (history), for successions: each of
    /// them, as the checker compares the first day with every duty of the day before.
    pub history_types: Vec<Vec<u16>>,
    /// End of the latest history shift, minutes since the epoch, for rest.
    pub history_end: Vec<Option<i64>>,
    pub ledger: Vec<[u32; 3]>,
    /// `[t * n_types + u]`: u may not follow t on the next day.
    pub cannot_follow: Vec<bool>,
    pub rank: Vec<Option<u32>>,
    pub min_headcount: Vec<u32>,
    pub target: Vec<u32>,
    pub w_below_target: Vec<i64>,
    pub w_above_target: Vec<i64>,
    /// Skill minimums: per shift the range `skill_req_start[s]..skill_req_start[s+1]`.
    pub skill_req_start: Vec<u32>,
    pub skill_req_min: Vec<u32>,
    /// `[req * n_people + person]`
    pub qualifies: Vec<bool>,
    pub weights: Weights,
    /// Stability cost that does not depend on the plan (every previous assignment counts
    /// once; keeping it earns it back through `static_cost`).
    pub constant_cost: i64,
    /// How many days to look back/forward for rest conflicts.
    pub rest_window: u32,
    /// Minutes beyond a limit count in units of the shortest shift, so that one shift too
    /// many or too few weighs like one day too many in a run.
    pub minute_unit: u32,
    /// False when no rest rule exists and no shift can reach into the next local day's
    /// shifts: the search then skips the rest checks (Curtois).
    pub rest_matters: bool,
    pub shift_ids: Vec<String>,
    pub person_ids: Vec<String>,
    pub type_ids: Vec<String>,
}

impl Compiled {
    /// Cells in a roster grid: one per person and local day (the size of a roster).
    #[inline]
    pub fn n_cells(&self) -> usize {
        self.n_people * self.n_days
    }
    /// Index of (person, local day) in the per-cell tables: `fixed`, `holiday`, grids.
    #[inline]
    pub fn cell_index(&self, p: usize, d: u32) -> usize {
        p * self.n_days + d as usize
    }
    /// Whether (person, day) holds a locked assignment that the search may not change.
    #[inline]
    pub fn is_locked(&self, p: usize, d: u32) -> bool {
        self.fixed[self.cell_index(p, d)]
    }
    /// Whether person p may work shift s at all (skills, time off, holidays, limits).
    #[inline]
    pub fn may_work(&self, p: usize, s: u32) -> bool {
        self.eligible[p * self.n_shifts + s as usize]
    }
    /// The part of p working s that does not depend on the rest of the plan.
    #[inline]
    pub fn static_cost_of(&self, p: usize, s: u32) -> i64 {
        self.static_cost[p * self.n_shifts + s as usize]
    }
    /// Whether person p counts toward skill requirement r.
    #[inline]
    pub fn counts_toward(&self, r: usize, p: usize) -> bool {
        self.qualifies[r * self.n_people + p]
    }
    pub fn zone_of(&self, p: usize) -> usize {
        self.person_zone[p]
    }
    pub fn day(&self, p: usize, s: u32) -> u32 {
        self.day_of[self.person_zone[p] * self.n_shifts + s as usize]
    }
    pub fn is_night_for(&self, p: usize, s: u32) -> bool {
        self.night[self.night_class[p] * self.n_shifts + s as usize]
    }
    /// Whether (person, day) holds a forced assignment.
    #[inline]
    pub fn is_forced(&self, p: usize, d: u32) -> bool {
        self.has_forced[p] && self.forced[self.cell_index(p, d)]
    }
    /// Whether the days off `a..=b` lie between two fixed days, one of them forced: no
    /// plan can lengthen them, so a break of the minimum days off is the manager's.
    #[inline]
    pub fn off_between_forced(&self, p: usize, a: u32, b: u32) -> bool {
        if !self.has_forced[p] || a == 0 {
            return false;
        }
        let (before, after) = (a - 1, b + 1);
        self.is_locked(p, before) && self.is_locked(p, after) && (self.is_forced(p, before) || self.is_forced(p, after))
    }
    /// The longest run person p may work on days `start..=end` (history carried in when
    /// it starts on the first day): the contract's maximum, or the length of a fixed
    /// stretch with a forced day that the run holds (the plan answers only for more).
    #[inline]
    pub fn max_run(&self, p: usize, start: u32, end: u32) -> u32 {
        let max = self.limits[p].max_consecutive;
        if !self.has_forced[p] {
            return max;
        }
        self.forced_runs[p].iter().filter(|(s, _)| start <= *s && *s <= end).map(|(_, n)| *n).fold(max, u32::max)
    }
    /// The longest run any row of person p may hold (for the row DP's run dimension).
    pub fn longest_run_allowed(&self, p: usize) -> u32 {
        self.forced_runs[p].iter().map(|(_, n)| *n).fold(self.limits[p].max_consecutive, u32::max)
    }
    /// Whether type `u` on the first day breaks a succession from a history shift the day
    /// before.
    #[inline]
    pub fn follows_history_badly(&self, p: usize, u: usize) -> bool {
        self.history_types[p].iter().any(|t| self.cannot_follow[*t as usize * self.n_types + u])
    }
    #[inline]
    pub fn on_holiday(&self, p: usize, s: u32) -> bool {
        self.holiday_work[p * self.n_shifts + s as usize]
    }
    pub fn shifts_on(&self, p: usize, d: u32) -> &[u32] {
        let z = self.person_zone[p];
        let row = &self.day_shifts[z];
        let base = z * (self.n_days + 1);
        let (a, b) = (self.day_shift_start[base + d as usize], self.day_shift_start[base + d as usize + 1]);
        &row[a as usize..b as usize]
    }
    pub fn requests_at(&self, p: usize, d: u32) -> &[CellRequest] {
        let i = self.cell_index(p, d);
        &self.requests[self.req_start[i] as usize..self.req_start[i + 1] as usize]
    }
    pub fn skill_reqs(&self, s: u32) -> std::ops::Range<usize> {
        self.skill_req_start[s as usize] as usize..self.skill_req_start[s as usize + 1] as usize
    }
}

/// Whether a shift can end after a shift of a later local day starts (same zone).
fn shifts_can_touch(day_of: &[u32], zones: &[Tz], n_shifts: usize, n_days: usize, problem: &Problem) -> bool {
    for z in 0..zones.len() {
        let mut max_end = vec![i64::MIN; n_days];
        let mut min_start = vec![i64::MAX; n_days];
        for (s, shift) in problem.shifts.iter().enumerate() {
            let d = day_of[z * n_shifts + s] as usize;
            max_end[d] = max_end[d].max(minutes_since_epoch(shift.end));
            min_start[d] = min_start[d].min(minutes_since_epoch(shift.start));
        }
        let mut latest_end = i64::MIN;
        for d in 0..n_days {
            if min_start[d] < latest_end {
                return true;
            }
            latest_end = latest_end.max(max_end[d]);
        }
    }
    false
}

fn minutes_since_epoch(t: chrono::DateTime<chrono::Utc>) -> i64 {
    t.timestamp().div_euclid(60)
}

pub fn compile(problem: &Problem) -> Result<Compiled, InvalidInput> {
    validate(problem)?;
    let n_people = problem.people.len();
    let n_shifts = problem.shifts.len();
    let type_index: HashMap<&str, u16> =
        problem.shift_types.iter().enumerate().map(|(i, t)| (t.id.as_str(), i as u16)).collect();
    let n_types = type_index.len();
    let shift_index: HashMap<&str, u32> =
        problem.shifts.iter().enumerate().map(|(i, s)| (s.id.as_str(), i as u32)).collect();
    let skill_bit: HashMap<&str, usize> = problem.skills.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();

    let mut zones: Vec<Tz> = Vec::new();
    let mut person_zone = Vec::with_capacity(n_people);
    for (i, p) in problem.people.iter().enumerate() {
        let tz = parse_zone(&p.zone, &format!("people[{i}].zone"))?;
        let z = zones.iter().position(|x| *x == tz).unwrap_or_else(|| {
            zones.push(tz);
            zones.len() - 1
        });
        person_zone.push(z);
    }
    if zones.is_empty() {
        zones.push(chrono_tz::UTC);
    }
    let local_days: Vec<Vec<NaiveDate>> =
        zones.iter().map(|z| problem.shifts.iter().map(|s| local_day(*z, s.start)).collect()).collect();
    let first = local_days.iter().flatten().min().copied();
    let last = local_days.iter().flatten().max().copied();
    let base = week_start(first.unwrap_or(EMPTY_PROBLEM_BASE));
    let n_days = last.map_or(1, |l| (l - base).num_days() as usize + 2);
    let n_weeks = n_days.div_ceil(7);
    let idx = |d: NaiveDate| (d - base).num_days().clamp(0, n_days as i64 - 1) as u32;

    let mut day_of = Vec::with_capacity(zones.len() * n_shifts);
    let mut horizon = Vec::new();
    let mut day_shift_start = Vec::new();
    let mut day_shifts = Vec::new();
    for zone_days in &local_days {
        let days: Vec<u32> = zone_days.iter().map(|d| idx(*d)).collect();
        horizon.push((days.iter().min().copied().unwrap_or(0), days.iter().max().copied().unwrap_or(0)));
        let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); n_days];
        for (s, d) in days.iter().enumerate() {
            buckets[*d as usize].push(s as u32);
        }
        let mut flat = Vec::with_capacity(n_shifts);
        for b in &buckets {
            day_shift_start.push(flat.len() as u32);
            flat.extend_from_slice(b);
        }
        day_shift_start.push(flat.len() as u32);
        day_shifts.push(flat);
        day_of.extend(days);
    }
    // Night per (zone, night rule): a contract may bring its own rule.
    let rule_of = |person: &super::model::Person| {
        problem.contracts.iter().find(|c| c.id == person.contract).and_then(|c| c.night).unwrap_or(problem.night)
    };
    let mut classes: Vec<(usize, NightRule)> = Vec::new();
    let mut night_class = Vec::with_capacity(n_people);
    for (p, person) in problem.people.iter().enumerate() {
        let key = (person_zone[p], rule_of(person));
        let k = classes.iter().position(|x| *x == key).unwrap_or_else(|| {
            classes.push(key);
            classes.len() - 1
        });
        night_class.push(k);
    }
    let mut night = Vec::with_capacity(classes.len() * n_shifts);
    for (z, rule) in &classes {
        night.extend(problem.shifts.iter().map(|s| is_night(zones[*z], *rule, s.start, s.end)));
    }
    // The local dates each shift touches, per zone (days off and holidays by overlap).
    let by_overlap = problem.rules.days_off_by == DaysOffBy::Overlap;
    let touched: Vec<Vec<Vec<NaiveDate>>> = zones
        .iter()
        .enumerate()
        .map(|(z, tz)| {
            problem
                .shifts
                .iter()
                .enumerate()
                .map(
                    |(s, shift)| {
                        if by_overlap {
                            days_touched(*tz, shift.start, shift.end)
                        } else {
                            vec![local_days[z][s]]
                        }
                    },
                )
                .collect()
        })
        .collect();

    let w = &problem.weights;
    let contracts: HashMap<&str, &super::model::Contract> =
        problem.contracts.iter().map(|c| (c.id.as_str(), c)).collect();
    let previous: std::collections::HashSet<(&str, &str)> =
        problem.previous.iter().map(|a| (a.shift.as_str(), a.person.as_str())).collect();
    let previous_shifts: std::collections::HashSet<&str> = problem.previous.iter().map(|a| a.shift.as_str()).collect();
    let mut eligible = vec![false; n_people * n_shifts];
    let mut static_cost = vec![0i64; n_people * n_shifts];
    let mut outside_daytime = vec![false; n_people * n_shifts];
    let mut was_previous = vec![false; n_people * n_shifts];
    let mut holiday_work = vec![false; n_people * n_shifts];
    let mut fixed = vec![false; n_people * n_days];
    let mut forced = vec![false; n_people * n_days];
    let mut has_forced = vec![false; n_people];
    let mut week_base_minutes = vec![0u32; n_people * n_weeks];
    let mut week_base_nights = vec![0u32; n_people * n_weeks];
    let mut weekend_base = vec![false; n_people * n_weeks];
    let mut week_cap_minutes = vec![0; n_people * n_weeks];
    let mut week_cap_nights = vec![0; n_people * n_weeks];
    let mut locked = Vec::new();
    let mut cell_requests: Vec<Vec<CellRequest>> = vec![Vec::new(); n_people * n_days];
    let mut limits = Vec::with_capacity(n_people);
    let mut history_run = Vec::with_capacity(n_people);
    let mut history_types = Vec::with_capacity(n_people);
    let mut history_end = Vec::with_capacity(n_people);
    let mut ledger = Vec::with_capacity(n_people);
    let mut max_rest = 0i64;
    let mut outside_requests = 0i64;
    for (p, person) in problem.people.iter().enumerate() {
        let z = person_zone[p];
        let tz = zones[z];
        let c = contracts.get(person.contract.as_str()).copied().ok_or_else(|| InvalidInput {
            field: format!("people[{p}].contract"),
            message: "unknown contract".into(),
        })?;
        let mut max_per_type = vec![NO_LIMIT; n_types];
        for (t, n) in &c.max_shifts_per_type {
            if let Some(i) = type_index.get(t.as_str()) {
                max_per_type[*i as usize] = *n;
            }
        }
        let lim = Limits {
            max_week_minutes: c.max_minutes_per_week.unwrap_or(NO_LIMIT),
            max_total_minutes: c.max_minutes_per_horizon.unwrap_or(NO_LIMIT),
            min_total_minutes: c.min_minutes_per_horizon.unwrap_or(0),
            min_rest_minutes: i64::from(c.min_rest_minutes.unwrap_or(0)),
            max_consecutive: c.max_consecutive_days.unwrap_or(NO_LIMIT),
            min_consecutive: c.min_consecutive_days.unwrap_or(0),
            min_days_off: c.min_consecutive_days_off.unwrap_or(0),
            max_weekends: c.max_weekends.unwrap_or(NO_LIMIT),
            max_nights_week: c.max_nights_per_week.unwrap_or(NO_LIMIT),
            max_per_type,
        };
        max_rest = max_rest.max(lim.min_rest_minutes);
        let has: Vec<bool> = {
            let mut v = vec![false; problem.skills.len()];
            for s in &person.skills {
                if let Some(b) = skill_bit.get(s.as_str()) {
                    v[*b] = true;
                }
            }
            v
        };
        let off_dates: std::collections::HashSet<NaiveDate> = person.unavailable_dates.iter().copied().collect();
        let hol: std::collections::HashSet<NaiveDate> = person.holidays.iter().copied().collect();
        let rest = chrono::Duration::minutes(lim.min_rest_minutes);
        for (s, shift) in problem.shifts.iter().enumerate() {
            let t = type_index.get(shift.shift_type.as_str()).copied().unwrap_or(0);
            let inside = c.daytime.map(|win| inside_daytime(tz, win, shift.start, shift.end));
            let days = &touched[z][s];
            let on_holiday = days.iter().any(|d| hol.contains(d));
            holiday_work[p * n_shifts + s] = on_holiday;
            // A commitment never moves, so a shift that overlaps one or leaves too little
            // rest around it is simply not workable.
            let clashes = person.commitments.iter().any(|k| shift.start < k.end + rest && k.start < shift.end + rest);
            let ok = shift.required_skills.iter().all(|r| skill_bit.get(r.as_str()).is_some_and(|b| has[*b]))
                && !person.unavailable.iter().any(|iv| iv.start < shift.end && shift.start < iv.end)
                && !clashes
                && !days.iter().any(|d| off_dates.contains(d))
                && (!on_holiday || c.may_work_holidays)
                && (!c.volunteer || inside != Some(false))
                && lim.max_per_type[t as usize] > 0
                && lim.max_total_minutes > 0;
            eligible[p * n_shifts + s] = ok;
            let mut cost = 0;
            if inside == Some(false) && !c.volunteer {
                cost += w.outside_daytime;
                outside_daytime[p * n_shifts + s] = true;
            }
            // Stability concerns only shifts the previous roster staffed: a new shift (e.g.
            // a longer horizon) is not a change.
            if previous.contains(&(shift.id.as_str(), person.id.as_str())) {
                was_previous[p * n_shifts + s] = true;
                cost -= w.change_from_previous;
            } else if previous_shifts.contains(shift.id.as_str()) {
                cost += w.change_from_previous;
            }
            static_cost[p * n_shifts + s] = cost;
        }
        for l in &person.locked {
            if let Some(s) = shift_index.get(l.shift.as_str()) {
                let d = day_of[z * n_shifts + *s as usize];
                if fixed[p * n_days + d as usize] {
                    return Err(InvalidInput {
                        field: format!("people[{p}].locked"),
                        message: format!("two locked shifts on the same local day ({})", l.shift),
                    });
                }
                fixed[p * n_days + d as usize] = true;
                forced[p * n_days + d as usize] = l.forced;
                has_forced[p] |= l.forced;
                locked.push((p, d, *s));
            }
        }
        // History and commitments count toward the calendar week they start in.
        let rule = classes[night_class[p]].1;
        // Only weeks that hold a day of the person's horizon: the others the plan
        // cannot add to.
        let weeks = (horizon[z].0 / 7) as usize..=(horizon[z].1 / 7) as usize;
        let week_of = |t: chrono::DateTime<chrono::Utc>| {
            let w = (week_start(local_day(tz, t)) - base).num_days().div_euclid(7);
            usize::try_from(w).ok().filter(|w| weeks.contains(w))
        };
        let fixed_duties = person
            .history
            .iter()
            .map(|h| (h.start, h.end, true))
            .chain(person.commitments.iter().map(|k| (k.start, k.end, false)));
        for (start, end, is_history) in fixed_duties {
            if let Some(wk) = week_of(start) {
                let i = p * n_weeks + wk;
                week_base_minutes[i] = week_base_minutes[i].saturating_add((end - start).num_minutes() as u32);
                week_base_nights[i] = week_base_nights[i].saturating_add(u32::from(is_night(tz, rule, start, end)));
                // A weekend already begun before the horizon is the same weekend.
                let day = local_day(tz, start);
                let before_horizon = day < base + Duration::days(i64::from(horizon[z].0));
                weekend_base[i] |= is_history && before_horizon && is_weekend(day);
            }
        }
        for wk in 0..n_weeks {
            week_cap_minutes[p * n_weeks + wk] = lim.max_week_minutes;
            week_cap_nights[p * n_weeks + wk] = lim.max_nights_week;
        }
        for r in &person.requests {
            if r.date < base || (r.date - base).num_days() >= n_days as i64 {
                // No shift can fall on that date: an "on" request is simply unmet.
                if r.kind == RequestKind::On {
                    outside_requests += w.request * i64::from(r.weight);
                }
                continue;
            }
            let d = (r.date - base).num_days() as usize;
            cell_requests[p * n_days + d].push(CellRequest {
                shift_type: r.shift_type.as_deref().and_then(|t| type_index.get(t).copied()),
                on: r.kind == RequestKind::On,
                cost: w.request * i64::from(r.weight),
            });
        }
        // History: runs and succession relative to the person's first horizon day.
        let first_day = base + Duration::days(i64::from(horizon[z].0));
        // Every type of each day: two history shifts on one day are both followed.
        let mut hist_days: HashMap<NaiveDate, Vec<u16>> = HashMap::new();
        for h in &person.history {
            let t = type_index.get(h.shift_type.as_str()).copied().unwrap_or(0);
            let types = hist_days.entry(local_day(tz, h.start)).or_default();
            if !types.contains(&t) {
                types.push(t);
            }
        }
        let mut run = 0;
        while hist_days.contains_key(&(first_day - Duration::days(i64::from(run) + 1))) {
            run += 1;
        }
        history_run.push(run);
        history_types.push(hist_days.remove(&(first_day - Duration::days(1))).unwrap_or_default());
        history_end.push(person.history.iter().map(|h| minutes_since_epoch(h.end)).max());
        ledger.push([person.ledger.nights, person.ledger.weekends, person.ledger.holidays]);
        limits.push(lim);
    }
    let mut req_start = Vec::with_capacity(n_people * n_days + 1);
    let mut requests = Vec::new();
    for cell in &cell_requests {
        req_start.push(requests.len() as u32);
        requests.extend_from_slice(cell);
    }
    req_start.push(requests.len() as u32);

    let mut cannot_follow = vec![false; n_types * n_types];
    for (t, st) in problem.shift_types.iter().enumerate() {
        for u in &st.cannot_be_followed_by {
            if let Some(u) = type_index.get(u.as_str()) {
                cannot_follow[t * n_types + *u as usize] = true;
            }
        }
    }
    let mut skill_req_start = vec![0u32];
    let mut skill_req_min = Vec::new();
    let mut qualifies = Vec::new();
    for s in &problem.shifts {
        for m in &s.skill_minimums {
            skill_req_min.push(m.min);
            // A mask over the skills, so that each person is one pass over their own
            // skills (not skills × any_of, which large skill lists made take seconds).
            let mut wanted = vec![false; problem.skills.len()];
            for k in &m.any_of {
                if let Some(b) = skill_bit.get(k.as_str()) {
                    wanted[*b] = true;
                }
            }
            for person in &problem.people {
                qualifies.push(person.skills.iter().any(|k| skill_bit.get(k.as_str()).is_some_and(|b| wanted[*b])));
            }
        }
        skill_req_start.push(skill_req_min.len() as u32);
    }
    // Shifts last at most 24 h (validated), so two shifts more than this many days apart can
    // never be closer than the longest rest.
    let rest_window = 3 + ((24 * 60 + max_rest) / (24 * 60)) as u32;

    let rest_matters = max_rest > 0
        || problem.people.iter().any(|p| !p.history.is_empty())
        || shifts_can_touch(&day_of, &zones, n_shifts, n_days, problem);
    let mut compiled = Compiled {
        n_people,
        n_shifts,
        n_days,
        n_types,
        n_weeks,
        base,
        shift_type: problem
            .shifts
            .iter()
            .map(|s| type_index.get(s.shift_type.as_str()).copied().unwrap_or(0))
            .collect(),
        shift_minutes: problem.shifts.iter().map(|s| (s.end - s.start).num_minutes() as u32).collect(),
        shift_start: problem.shifts.iter().map(|s| minutes_since_epoch(s.start)).collect(),
        shift_end: problem.shifts.iter().map(|s| minutes_since_epoch(s.end)).collect(),
        person_zone,
        zones,
        day_of,
        night,
        night_class,
        horizon,
        day_shift_start,
        day_shifts,
        eligible,
        static_cost,
        outside_daytime,
        was_previous,
        holiday_work,
        fixed,
        forced,
        has_forced,
        locked,
        req_start,
        requests,
        contract_limits: limits.clone(),
        limits,
        forced_runs: vec![Vec::new(); n_people],
        week_base_minutes,
        week_base_nights,
        weekend_base,
        week_cap_minutes,
        week_cap_nights,
        history_run,
        history_types,
        history_end,
        ledger,
        cannot_follow,
        rank: problem.shift_types.iter().map(|t| t.rotation_rank).collect(),
        min_headcount: problem.shifts.iter().map(|s| s.min_headcount).collect(),
        target: problem.shifts.iter().map(|s| s.target_headcount).collect(),
        w_below_target: problem.shifts.iter().map(|s| s.weight_below_target.unwrap_or(w.below_target)).collect(),
        w_above_target: problem.shifts.iter().map(|s| s.weight_above_target.unwrap_or(w.above_target)).collect(),
        skill_req_start,
        skill_req_min,
        qualifies,
        weights: w.clone(),
        constant_cost: w.change_from_previous * previous.len() as i64 + outside_requests,
        rest_window,
        rest_matters,
        minute_unit: problem.shifts.iter().map(|s| (s.end - s.start).num_minutes().max(1) as u32).min().unwrap_or(60),
        shift_ids: problem.shifts.iter().map(|s| s.id.clone()).collect(),
        person_ids: problem.people.iter().map(|p| p.id.clone()).collect(),
        type_ids: problem.shift_types.iter().map(|t| t.id.clone()).collect(),
    };
    for p in 0..n_people {
        if compiled.has_forced[p] {
            super::forced::raise_limits_to_forced_load(&mut compiled, p);
        }
    }
    Ok(compiled)
}
