//! The solver's incremental state: a grid of (person, local day) cells, each off or one
//! shift, plus counters so that changing one cell costs O(affected run length) instead
//! of a full re-evaluation. `set` returns the exact change of the soft cost and of the
//! hard-violation units; `full_cost` recomputes both from scratch (used at start and by
//! tests to prove the deltas right).

use crate::planner::compile::{Compiled, OFF};

/// For the rest units of a change of one cell: the latest-ending duty before the cell
/// (see `State::latest_before`) and the later of the cell's two ends, old and new.
#[derive(Debug, Clone, Copy)]
struct RestScope {
    latest: Option<(Option<u32>, i64)>,
    reach: i64,
}

/// Soft cost and hard-violation units of a state or of a change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cost {
    pub soft: i64,
    pub hard: i64,
}

impl std::ops::Add for Cost {
    type Output = Cost;
    fn add(self, o: Cost) -> Cost {
        Cost { soft: self.soft + o.soft, hard: self.hard + o.hard }
    }
}
impl std::ops::Sub for Cost {
    type Output = Cost;
    fn sub(self, o: Cost) -> Cost {
        Cost { soft: self.soft - o.soft, hard: self.hard - o.hard }
    }
}
impl std::ops::AddAssign for Cost {
    fn add_assign(&mut self, o: Cost) {
        self.soft += o.soft;
        self.hard += o.hard;
    }
}

fn excess(value: u32, max: u32) -> i64 {
    i64::from(value.saturating_sub(max))
}

/// Minutes beyond a limit, in started units (see `Compiled::minute_unit`).
fn excess_units(value: u32, max: u32, unit: u32) -> i64 {
    i64::from(value.saturating_sub(max).div_ceil(unit))
}

/// A week's excess over its cap, counting what history and commitments already hold
/// (`base`): only a week where the plan adds something can break the limit (the past
/// and other desks' duties are not this plan's to change).
fn week_excess(plan: u32, base: u32, cap: u32, unit: u32) -> i64 {
    if plan == 0 {
        0
    } else {
        excess_units(plan.saturating_add(base), cap, unit)
    }
}

#[derive(Clone)]
pub struct State<'c> {
    pub c: &'c Compiled,
    pub grid: Vec<u32>,
    pub count: Vec<u32>,
    skill_count: Vec<u32>,
    pub minutes: Vec<u32>,
    type_count: Vec<u32>,
    week_minutes: Vec<u32>,
    week_nights: Vec<u32>,
    weekend_days: Vec<u8>,
    /// Per person: nights, weekends, holidays worked in this plan (fairness).
    pub tallies: Vec<[u32; 3]>,
    /// Per person: weekends worked for `max_weekends`, counting one already begun in
    /// the history.
    weekends_worked: Vec<u32>,
    /// Hard-violation units per person (every hard rule is about one person's row).
    pub person_hard: Vec<i64>,
    pub cost: Cost,
    /// Cells changed so far: a deterministic measure of the search's effort.
    pub sets: u64,
}

impl<'c> State<'c> {
    pub fn new(c: &'c Compiled) -> Self {
        let mut s = State {
            c,
            grid: vec![OFF; c.n_cells()],
            count: vec![0; c.n_shifts],
            skill_count: vec![0; c.skill_req_min.len()],
            minutes: vec![0; c.n_people],
            type_count: vec![0; c.n_people * c.n_types],
            week_minutes: vec![0; c.n_people * c.n_weeks],
            week_nights: vec![0; c.n_people * c.n_weeks],
            weekend_days: vec![0; c.n_people * c.n_weeks],
            tallies: vec![[0; 3]; c.n_people],
            weekends_worked: vec![0; c.n_people],
            person_hard: vec![0; c.n_people],
            cost: Cost::default(),
            sets: 0,
        };
        s.cost = s.full_cost();
        s
    }

    /// A day where person p's row breaks a run or succession rule (for targeted repair);
    /// None when the row only breaks row-wide counts (minutes, weekends, types).
    pub fn violation_day(&self, p: usize) -> Option<u32> {
        let (first, last) = self.horizon(p);
        let mut d = first;
        while d <= last {
            let mut e = d;
            while e < last && self.worked(p, e + 1) == self.worked(p, d) {
                e += 1;
            }
            if self.runs_hard(p, d, e) > 0 || self.pair_cost(p, d).hard > 0 {
                return Some(d);
            }
            d = e + 1;
        }
        None
    }

    /// Moves to the roster `grid` (cell by cell, so counters and cost stay exact).
    pub fn load(&mut self, grid: &[u32]) {
        for (i, &v) in grid.iter().enumerate() {
            if self.grid[i] != v {
                let (p, d) = (i / self.c.n_days, (i % self.c.n_days) as u32);
                self.set(p, d, v);
            }
        }
    }

    #[inline]
    pub fn cell(&self, p: usize, d: u32) -> u32 {
        self.grid[self.c.cell_index(p, d)]
    }

    #[inline]
    fn worked(&self, p: usize, d: u32) -> bool {
        self.cell(p, d) != OFF
    }

    pub fn horizon(&self, p: usize) -> (u32, u32) {
        self.c.horizon[self.c.zone_of(p)]
    }

    /// Sets one cell and returns the exact change in cost.
    pub fn set(&mut self, p: usize, d: u32, new: u32) -> Cost {
        let old = self.cell(p, d);
        if old == new {
            return Cost::default();
        }
        self.sets += 1;
        // Swapping one shift for another keeps which days are worked, so run lengths and
        // isolated days cannot change: only the successions need a look (the common case
        // of swaps between people, and a large share of the search's time).
        let same_days = (old == OFF) == (new == OFF);
        let scope = self.rest_scope(p, d, old, new);
        let local = |st: &Self| if same_days { st.succession_cost(p, d, scope) } else { st.local_cost(p, d, scope) };
        let before = local(self);
        let mut delta = Cost::default();
        if old != OFF {
            delta += self.count_change(p, d, old, false);
        }
        let i = self.c.cell_index(p, d);
        self.grid[i] = new;
        if new != OFF {
            delta += self.count_change(p, d, new, true);
        }
        delta.soft += self.request_cost(p, d, new) - self.request_cost(p, d, old);
        delta += local(self) - before;
        self.person_hard[p] += delta.hard;
        self.cost += delta;
        delta
    }

    /// Updates every counter touched by adding/removing shift `s` at (p, d) and returns
    /// the change of the counter-based costs.
    fn count_change(&mut self, p: usize, d: u32, s: u32, add: bool) -> Cost {
        let c = self.c;
        let su = s as usize;
        let lim = &c.limits[p];
        let w = &c.weights;
        let mut delta = Cost::default();
        let step = |v: &mut u32| {
            if add {
                *v += 1
            } else {
                *v -= 1
            }
        };
        let sign = if add { 1 } else { -1 };
        delta.soft += sign * c.static_cost_of(p, s);

        // Coverage of the shift.
        let n0 = self.count[su];
        step(&mut self.count[su]);
        delta.soft += self.cover_cost(s, self.count[su]) - self.cover_cost(s, n0);
        for r in c.skill_reqs(s) {
            if c.counts_toward(r, p) {
                let k0 = self.skill_count[r];
                step(&mut self.skill_count[r]);
                delta.soft += self.skill_cost(r, self.skill_count[r]) - self.skill_cost(r, k0);
            }
        }

        // Minutes over the horizon.
        let m = c.shift_minutes[su];
        let m0 = self.minutes[p];
        self.minutes[p] = if add { m0 + m } else { m0 - m };
        delta.hard += self.minutes_hard(p, self.minutes[p]) - self.minutes_hard(p, m0);

        // Per type.
        let t = c.shift_type[su] as usize;
        let ti = p * c.n_types + t;
        let t0 = self.type_count[ti];
        step(&mut self.type_count[ti]);
        delta.hard += excess(self.type_count[ti], lim.max_per_type[t]) - excess(t0, lim.max_per_type[t]);

        // Week minutes and nights.
        let wi = p * c.n_weeks + (d / 7) as usize;
        let wm0 = self.week_minutes[wi];
        self.week_minutes[wi] = if add { wm0 + m } else { wm0 - m };
        let (base_m, cap_m) = (c.week_base_minutes[wi], c.week_cap_minutes[wi]);
        delta.hard += week_excess(self.week_minutes[wi], base_m, cap_m, c.minute_unit)
            - week_excess(wm0, base_m, cap_m, c.minute_unit);
        let tally = self.tallies[p];
        let ledger = c.ledger[p];
        if c.is_night_for(p, s) {
            let n0 = self.week_nights[wi];
            step(&mut self.week_nights[wi]);
            let (base_n, cap_n) = (c.week_base_nights[wi], c.week_cap_nights[wi]);
            delta.hard += week_excess(self.week_nights[wi], base_n, cap_n, 1) - week_excess(n0, base_n, cap_n, 1);
            step(&mut self.tallies[p][0]);
            delta.soft += w.fairness_nights * fair_step(tally[0] + ledger[0], add);
        }
        // Weekends: a weekend counts once however many of its days are worked.
        if d % 7 >= 5 {
            let before = self.weekend_days[wi];
            self.weekend_days[wi] = if add { before + 1 } else { before - 1 };
            if (before == 0) != (self.weekend_days[wi] == 0) {
                let k0 = self.tallies[p][1];
                step(&mut self.tallies[p][1]);
                delta.soft += w.fairness_weekends * fair_step(k0 + ledger[1], add);
                if !c.weekend_base[wi] {
                    let h0 = self.weekends_worked[p];
                    step(&mut self.weekends_worked[p]);
                    delta.hard += excess(self.weekends_worked[p], lim.max_weekends) - excess(h0, lim.max_weekends);
                }
            }
        }
        if c.on_holiday(p, s) {
            step(&mut self.tallies[p][2]);
            delta.soft += w.fairness_holidays * fair_step(tally[2] + ledger[2], add);
        }
        delta
    }

    fn minutes_hard(&self, p: usize, m: u32) -> i64 {
        let lim = &self.c.limits[p];
        let u = self.c.minute_unit;
        excess_units(m, lim.max_total_minutes, u) + excess_units(lim.min_total_minutes, m, u)
    }

    pub fn cover_cost(&self, s: u32, n: u32) -> i64 {
        let c = self.c;
        let su = s as usize;
        let (min, target) = (c.min_headcount[su], c.target[su]);
        c.weights.below_minimum * excess(min, n)
            + c.w_below_target[su] * excess(target, n)
            + c.w_above_target[su] * excess(n, target)
    }

    pub fn skill_cost(&self, r: usize, n: u32) -> i64 {
        self.c.weights.skill_shortfall * excess(self.c.skill_req_min[r], n)
    }

    pub fn skill_count(&self, r: usize) -> u32 {
        self.skill_count[r]
    }

    pub fn request_cost(&self, p: usize, d: u32, v: u32) -> i64 {
        let c = self.c;
        let mut cost = 0;
        for r in c.requests_at(p, d) {
            let matches = v != OFF && r.shift_type.is_none_or_eq(c.shift_type[v as usize]);
            if matches != r.on {
                cost += r.cost;
            }
        }
        cost
    }

    /// Costs that depend on the neighbourhood of cell (p, d): run lengths, isolated days,
    /// and the successions.
    fn local_cost(&self, p: usize, d: u32, scope: RestScope) -> Cost {
        let (first, last) = self.horizon(p);
        let mut cost = self.succession_cost(p, d, scope);
        let left = if d > first { d - 1 } else { d };
        let right = if d < last { d + 1 } else { d };
        let a = self.run_start(p, left, first);
        let b = self.run_end(p, right, last);
        cost.hard += self.runs_hard(p, a, b);
        if self.c.weights.isolated_day != 0 {
            for e in [d.wrapping_sub(1), d, d + 1] {
                cost.soft += self.isolated(p, e);
            }
        }
        cost
    }

    /// Costs that depend on which shifts surround cell (p, d): the successions into and
    /// out of it and the rest around it.
    fn succession_cost(&self, p: usize, d: u32, scope: RestScope) -> Cost {
        let (_, last) = self.horizon(p);
        let mut cost = self.pair_cost(p, d);
        if d < last {
            cost += self.pair_cost(p, d + 1);
        }
        if self.c.rest_matters {
            cost.hard += self.rest_around(p, d, scope);
        }
        cost
    }

    fn run_start(&self, p: usize, d: u32, first: u32) -> u32 {
        let on = self.worked(p, d);
        let mut a = d;
        while a > first && self.worked(p, a - 1) == on {
            a -= 1;
        }
        a
    }

    fn run_end(&self, p: usize, d: u32, last: u32) -> u32 {
        let on = self.worked(p, d);
        let mut b = d;
        while b < last && self.worked(p, b + 1) == on {
            b += 1;
        }
        b
    }

    /// Hard units of the runs lying inside [a, b] (a and b are run boundaries).
    fn runs_hard(&self, p: usize, a: u32, b: u32) -> i64 {
        let (first, last) = self.horizon(p);
        let lim = &self.c.limits[p];
        let mut hard = 0;
        let mut start = a;
        while start <= b {
            let on = self.worked(p, start);
            let mut end = start;
            let mut forced = self.c.is_forced(p, start);
            while end < b && self.worked(p, end + 1) == on {
                end += 1;
                forced |= self.c.is_forced(p, end);
            }
            let len = end - start + 1;
            // A run around a forced day is the manager's: exempt from the minimum rules
            // (the checker reports it as a forced break).
            let interior = start > first && end < last && !forced;
            if on {
                let carried = if start == first { self.c.history_run[p] } else { 0 };
                hard += excess(len + carried, self.c.max_run(p, start, end));
                if interior {
                    hard += excess(lim.min_consecutive, len);
                }
            } else if interior && !self.c.off_between_forced(p, start, end) {
                hard += excess(lim.min_days_off, len);
            }
            start = end + 1;
        }
        hard
    }

    /// Succession of day d-1 → d: forbidden pairs (hard) and backward rotation (soft).
    fn pair_cost(&self, p: usize, d: u32) -> Cost {
        let c = self.c;
        let (first, _) = self.horizon(p);
        let cur = self.cell(p, d);
        if cur == OFF {
            return Cost::default();
        }
        let u = c.shift_type[cur as usize] as usize;
        // A forbidden succession between fixed cells with a forced one is the manager's;
        // the backward rotation between them is still a (soft) cost of the roster.
        let excused = c.has_forced[p] && self.both_fixed_one_forced(p, d.checked_sub(1).filter(|e| *e >= first), d);
        let mut cost = Cost::default();
        if d == first {
            // Every history shift of the day before counts (the checker's reading).
            if c.follows_history_badly(p, u) && !excused {
                cost.hard += 1;
            }
            return cost;
        }
        let prev = self.cell(p, d - 1);
        if prev != OFF {
            let t = c.shift_type[prev as usize] as usize;
            if c.cannot_follow[t * c.n_types + u] && !excused {
                cost.hard += 1;
            }
            if let (Some(a), Some(b)) = (c.rank[t], c.rank[u]) {
                if b < a {
                    cost.soft += c.weights.backward_rotation;
                }
            }
        }
        cost
    }

    /// Hard units of rest of p's whole row: each worked cell is held to the latest end
    /// among the duties before it (history first, then the cells in day order), as the
    /// checker compares each duty with the latest end so far; a nearest neighbour is
    /// not enough where fixed duties overlap or the history ends late.
    fn rest_row(&self, p: usize) -> i64 {
        let (first, last) = self.horizon(p);
        let mut latest = self.c.history_end[p].map(|end| (None, end));
        (first..=last).map(|b| self.rest_step(p, &mut latest, b)).sum()
    }

    /// Rest units of cell (p, b) against `latest` (day and end of the latest-ending duty
    /// before it; day None: the history), which then moves on to b when b ends later.
    /// Strictly later only: of two equal ends the checker keeps the earlier duty.
    #[inline]
    fn rest_step(&self, p: usize, latest: &mut Option<(Option<u32>, i64)>, b: u32) -> i64 {
        let v = self.cell(p, b);
        if v == OFF {
            return 0;
        }
        let hard = latest.map_or(0, |(a, end)| self.rest_pair(p, a, end, b));
        let end = self.c.shift_end[v as usize];
        if latest.is_none_or(|(_, l)| end > l) {
            *latest = Some((Some(b), end));
        }
        hard
    }

    /// The latest-ending duty before day d that a cell from d on can be too close to:
    /// the history, or a cell of the rest window before d (one further back ends too
    /// early to matter). Shifts last at most 24 h, so a cell three or more days before a
    /// worked one ends before that one starts: the walk back stops two days after the
    /// first worked cell.
    fn latest_before(&self, p: usize, d: u32) -> Option<(Option<u32>, i64)> {
        let c = self.c;
        let (first, _) = self.horizon(p);
        let lo = d.saturating_sub(c.rest_window).max(first);
        let mut cell: Option<(u32, i64)> = None;
        let mut e = d;
        while e > lo {
            e -= 1;
            if cell.is_some_and(|(found, _)| e + 2 < found) {
                break;
            }
            let v = self.cell(p, e);
            if v != OFF {
                let end = c.shift_end[v as usize];
                // Walking back, an equal end is an earlier duty: it is the one kept.
                if cell.is_none_or(|(_, l)| end >= l) {
                    cell = Some((e, end));
                }
            }
        }
        match (c.history_end[p], cell) {
            (Some(h), Some((_, l))) if h >= l => Some((None, h)),
            (Some(h), None) => Some((None, h)),
            (_, cell) => cell.map(|(e, end)| (Some(e), end)),
        }
    }

    /// 1 if the shift on day `b` starts too soon after `end`, the end of the shift on
    /// day `a` (None: the history).
    fn rest_pair(&self, p: usize, a: Option<u32>, end: i64, b: u32) -> i64 {
        let c = self.c;
        if c.has_forced[p] && self.both_fixed_one_forced(p, a, b) {
            return 0;
        }
        let gap = c.shift_start[self.cell(p, b) as usize] - end;
        i64::from(gap < c.limits[p].min_rest_minutes || gap < 0)
    }

    /// Whether the pair of cells a → b (a None: the history) is all fixed with at least
    /// one forced: a break between them is a forced violation, reported by the checker
    /// and constant for the search.
    pub(crate) fn both_fixed_one_forced(&self, p: usize, a: Option<u32>, b: u32) -> bool {
        let c = self.c;
        let fixed_b = c.is_locked(p, b);
        match a {
            Some(a) => fixed_b && c.is_locked(p, a) && (c.is_forced(p, a) || c.is_forced(p, b)),
            None => c.is_forced(p, b),
        }
    }

    /// What the rest units around a change of cell (p, d) from `old` to `new` depend on
    /// outside the cell, taken once so that they are summed over the same cells before
    /// and after the change.
    fn rest_scope(&self, p: usize, d: u32, old: u32, new: u32) -> RestScope {
        if !self.c.rest_matters {
            return RestScope { latest: None, reach: i64::MIN };
        }
        let end = |v: u32| if v == OFF { i64::MIN } else { self.c.shift_end[v as usize] };
        RestScope { latest: self.latest_before(p, d), reach: end(old).max(end(new)) }
    }

    /// The rest units that cell (p, d) can change: those of d and of the cells after it
    /// up to the end of its rest window, or up to the first one that ends after d does
    /// with either value (every later cell compares with that one or a later one, never
    /// with d).
    fn rest_around(&self, p: usize, d: u32, scope: RestScope) -> i64 {
        let (_, last) = self.horizon(p);
        let mut latest = scope.latest;
        let mut hard = 0;
        for b in d..=d.saturating_add(self.c.rest_window).min(last) {
            hard += self.rest_step(p, &mut latest, b);
            let v = self.cell(p, b);
            if b > d && v != OFF && self.c.shift_end[v as usize] > scope.reach {
                break;
            }
        }
        hard
    }

    fn isolated(&self, p: usize, e: u32) -> i64 {
        let (first, last) = self.horizon(p);
        if e <= first || e >= last || e == u32::MAX {
            return 0;
        }
        if self.worked(p, e) && !self.worked(p, e - 1) && !self.worked(p, e + 1) {
            self.c.weights.isolated_day
        } else {
            0
        }
    }

    /// Recomputes the whole cost from the grid, ignoring the stored counters' costs (but
    /// rebuilding the counters themselves).
    pub fn full_cost(&mut self) -> Cost {
        let c = self.c;
        let grid = std::mem::replace(&mut self.grid, vec![OFF; c.n_cells()]);
        self.count.iter_mut().for_each(|x| *x = 0);
        self.skill_count.iter_mut().for_each(|x| *x = 0);
        self.minutes.iter_mut().for_each(|x| *x = 0);
        self.type_count.iter_mut().for_each(|x| *x = 0);
        self.week_minutes.iter_mut().for_each(|x| *x = 0);
        self.week_nights.iter_mut().for_each(|x| *x = 0);
        self.weekend_days.iter_mut().for_each(|x| *x = 0);
        self.tallies.iter_mut().for_each(|x| *x = [0; 3]);
        for p in 0..c.n_people {
            let weeks = &c.weekend_base[p * c.n_weeks..(p + 1) * c.n_weeks];
            self.weekends_worked[p] = weeks.iter().filter(|b| **b).count() as u32;
        }
        // Rebuild counters (their cost deltas are discarded; totals are summed below).
        for p in 0..c.n_people {
            for d in 0..c.n_days as u32 {
                let v = grid[c.cell_index(p, d)];
                if v != OFF {
                    self.count_change(p, d, v, true);
                }
            }
        }
        self.grid = grid;
        let w = &c.weights;
        let mut cost = Cost { soft: c.constant_cost, hard: 0 };
        for s in 0..c.n_shifts as u32 {
            cost.soft += self.cover_cost(s, self.count[s as usize]);
            for r in c.skill_reqs(s) {
                cost.soft += self.skill_cost(r, self.skill_count[r]);
            }
        }
        for p in 0..c.n_people {
            let lim = &c.limits[p];
            let (first, last) = self.horizon(p);
            let hard_before = cost.hard;
            cost.hard += self.minutes_hard(p, self.minutes[p]);
            for t in 0..c.n_types {
                cost.hard += excess(self.type_count[p * c.n_types + t], lim.max_per_type[t]);
            }
            for wk in 0..c.n_weeks {
                let wi = p * c.n_weeks + wk;
                cost.hard +=
                    week_excess(self.week_minutes[wi], c.week_base_minutes[wi], c.week_cap_minutes[wi], c.minute_unit);
                cost.hard += week_excess(self.week_nights[wi], c.week_base_nights[wi], c.week_cap_nights[wi], 1);
            }
            let [n, k, h] = self.tallies[p];
            let l = c.ledger[p];
            cost.hard += excess(self.weekends_worked[p], lim.max_weekends);
            cost.soft += w.fairness_nights * square(n + l[0])
                + w.fairness_weekends * square(k + l[1])
                + w.fairness_holidays * square(h + l[2]);
            cost.hard += self.runs_hard(p, first, last);
            if c.rest_matters {
                cost.hard += self.rest_row(p);
            }
            for d in 0..c.n_days as u32 {
                cost.soft += self.request_cost(p, d, self.cell(p, d));
            }
            for d in first..=last {
                let v = self.cell(p, d);
                cost.soft += self.isolated(p, d);
                cost += self.pair_cost(p, d);
                if v != OFF {
                    cost.soft += c.static_cost_of(p, v);
                }
            }
            self.person_hard[p] = cost.hard - hard_before;
        }
        cost
    }
}

fn square(n: u32) -> i64 {
    i64::from(n) * i64::from(n)
}

/// Change of n² when n goes to n+1 (add) or from n to n-1 (remove, `n` is the old value).
fn fair_step(n: u32, add: bool) -> i64 {
    let n = i64::from(n);
    if add {
        2 * n + 1
    } else {
        -(2 * n - 1)
    }
}

trait OptEq {
    fn is_none_or_eq(&self, v: u16) -> bool;
}

impl OptEq for Option<u16> {
    fn is_none_or_eq(&self, v: u16) -> bool {
        self.is_none_or(|t| t == v)
    }
}
