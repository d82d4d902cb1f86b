//! Large-neighbourhood move: re-plan one person's days inside a window by dynamic
//! programming, given everybody else's roster. The DP models the rules that make the
//! single-cell moves struggle — run lengths (max/min consecutive days, min days off),
//! forbidden successions, weekends and total minutes — and prices each cell by its
//! marginal effect on coverage, requests and static preferences. It is only a proposal
//! generator: the chosen window is applied through `State::set`, whose exact delta
//! (all rules, soft and hard) decides acceptance.

use super::moves::Undo;
use super::state::{Cost, State};
use crate::planner::compile::{Compiled, OFF};

const INF: i64 = i64::MAX / 4;
/// A price at or above this keeps a value out of the plan.
pub const BANNED: i64 = i64::MAX / 64;

/// Optional dimensions of the DP.
#[derive(Debug, Clone, Copy)]
pub struct RowShape {
    /// Count this shift type exactly and keep it at or below the given maximum.
    pub counted: Option<(usize, u32)>,
    /// Track total minutes (exact minimum and maximum). Off for rows too long for it:
    /// the caller then steers minutes by price.
    pub track_minutes: bool,
}

impl Default for RowShape {
    fn default() -> Self {
        RowShape { counted: None, track_minutes: true }
    }
}

/// Reusable buffers (the DP runs many thousands of times).
#[derive(Default)]
pub struct RowDp {
    cost: Vec<i64>,
    back: Vec<u32>,
    choice: Vec<u32>,
    values: Vec<Vec<u32>>,
    cell_cost: Vec<Vec<i64>>,
    /// DP transitions evaluated so far (a deterministic measure of the work done).
    pub work: u64,
}

struct Dims {
    values: usize,
    cap: usize,
    weekends: usize,
    levels: usize,
    /// Shifts of the counted type so far (1 when no type is counted).
    counts: usize,
}

/// One DP state, decoded.
struct Key {
    v: usize,
    r: usize,
    w: usize,
    m: usize,
    k: usize,
    edge: bool,
}

impl Dims {
    fn size(&self) -> usize {
        self.values * self.cap * self.weekends * self.levels * self.counts * 2
    }
    #[inline]
    fn index(&self, v: usize, r: usize, w: usize, m: usize, k: usize, edge: usize) -> usize {
        (((((v * self.cap) + r) * self.weekends + w) * self.levels + m) * self.counts + k) * 2 + edge
    }
    #[inline]
    fn decode(&self, i: usize) -> Key {
        let edge = i % 2 == 1;
        let i = i / 2;
        let k = i % self.counts;
        let i = i / self.counts;
        let m = i % self.levels;
        let i = i / self.levels;
        let w = i % self.weekends;
        let i = i / self.weekends;
        Key { v: i / self.cap, r: i % self.cap, w, m, k, edge }
    }
}

pub(super) fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

impl RowDp {
    /// Re-plans person `p` on days `a..=b`; returns the exact cost change, or None when
    /// the DP found nothing (or nothing different). The change stays applied; `undo`
    /// can revert it.
    pub fn apply(&mut self, st: &mut State, undo: &mut Undo, p: usize, a: u32, b: u32) -> Option<Cost> {
        self.apply_forcing(st, undo, p, a, b, None)
    }

    /// Like `apply`; with `force` = (day, value) inside the window, the row must take that
    /// value on that day.
    pub fn apply_forcing(
        &mut self,
        st: &mut State,
        undo: &mut Undo,
        p: usize,
        a: u32,
        b: u32,
        force: Option<(u32, u32)>,
    ) -> Option<Cost> {
        let view: &State = st;
        let price = |d: u32, v: u32| match force {
            Some((day, value)) if day == d && value != v => BANNED,
            _ => marginal(view, p, d, v, view.cell(p, d)),
        };
        let (_, plan) = self.plan(view, p, a, b, &price, RowShape::default())?;
        if (0..plan.len()).all(|i| plan[i] == st.cell(p, a + i as u32)) {
            return None;
        }
        let mut delta = Cost::default();
        for (i, v) in plan.iter().enumerate() {
            delta += undo.set(st, p, a + i as u32, *v);
        }
        Some(delta)
    }

    /// The cheapest values for person `p` on days `a..=b` under the row rules the DP
    /// models, given everybody else's roster and a price per (day, value); a price of
    /// `BANNED` or more leaves that value out. Returns the DP cost and the plan.
    pub fn plan(
        &mut self,
        st: &State,
        p: usize,
        a: u32,
        b: u32,
        price: &dyn Fn(u32, u32) -> i64,
        shape: RowShape,
    ) -> Option<(i64, Vec<u32>)> {
        // A row with forced stretches over the run limit gets its own copy of the DP, so
        // the others' inner loop keeps a single comparison for the limit.
        if st.c.has_forced[p] && !st.c.forced_runs[p].is_empty() {
            self.plan_rows::<true>(st, p, a, b, price, shape)
        } else {
            self.plan_rows::<false>(st, p, a, b, price, shape)
        }
    }

    /// `plan`; FORCED: some run of the row may be longer than the contract allows.
    fn plan_rows<const FORCED: bool>(
        &mut self,
        st: &State,
        p: usize,
        a: u32,
        b: u32,
        price: &dyn Fn(u32, u32) -> i64,
        shape: RowShape,
    ) -> Option<(i64, Vec<u32>)> {
        let RowShape { counted, track_minutes } = shape;
        let c = st.c;
        let (first, last) = st.horizon(p);
        let lim = &c.limits[p];
        let n_types = c.n_types;
        let len = (b - a + 1) as usize;

        // Per-type limits are not a DP dimension; a type whose limit is already used up
        // outside the window is simply left out (the exact evaluation judges the rest).
        let mut outside_per_type = vec![0u32; n_types];
        for d in (first..a).chain(b + 1..=last) {
            let v = st.cell(p, d);
            if v != OFF {
                outside_per_type[c.shift_type[v as usize] as usize] += 1;
            }
        }
        let used_up = |s: u32| {
            let t = c.shift_type[s as usize] as usize;
            outside_per_type[t] >= lim.max_per_type[t]
        };
        // Candidate values per day: OFF plus eligible shifts; fixed cells keep their value.
        self.values.resize_with(len, Vec::new);
        self.cell_cost.resize_with(len, Vec::new);
        let mut unit = 0;
        for i in 0..len {
            let d = a + i as u32;
            let vals = &mut self.values[i];
            vals.clear();
            let fixed = c.is_locked(p, d);
            if fixed {
                vals.push(st.cell(p, d));
            } else {
                vals.push(OFF);
                for &s in c.shifts_on(p, d) {
                    if c.may_work(p, s) && !used_up(s) {
                        vals.push(s);
                    }
                }
            }
            let costs = &mut self.cell_cost[i];
            costs.clear();
            vals.retain(|v| {
                let x = price(d, *v);
                let keep = fixed || x < BANNED;
                if keep {
                    // A fixed cell has no alternative; its price must not overflow the sums.
                    costs.push(if x < BANNED { x } else { 0 });
                }
                keep
            });
            for &v in vals.iter() {
                if v != OFF {
                    unit = gcd(unit, c.shift_minutes[v as usize]);
                }
            }
        }
        let unit = unit.max(1);

        // Context outside the window.
        let mut out_minutes: i64 = i64::from(st.minutes[p]);
        let mut in_weekends = std::collections::BTreeSet::new();
        for d in a..=b {
            let v = st.cell(p, d);
            if v != OFF {
                out_minutes -= i64::from(c.shift_minutes[v as usize]);
            }
        }
        let weekend_worked_outside = |wk: u32| -> bool {
            (wk * 7 + 5..=wk * 7 + 6).any(|d| (d < a || d > b) && d >= first && d <= last && st.cell(p, d) != OFF)
        };
        let mut out_weekends = st.tallies[p][1] as i64;
        for d in a..=b {
            if d % 7 >= 5 {
                in_weekends.insert(d / 7);
            }
        }
        for wk in &in_weekends {
            let any_in = (wk * 7 + 5..=wk * 7 + 6).any(|d| d >= a && d <= b && st.cell(p, d) != OFF);
            if any_in && !weekend_worked_outside(*wk) {
                out_weekends -= 1;
            }
        }
        let max_weekends = i64::from(lim.max_weekends).saturating_sub(out_weekends).max(0);
        let min_m = (i64::from(lim.min_total_minutes) - out_minutes).max(0);
        let max_m = i64::from(lim.max_total_minutes).saturating_sub(out_minutes).max(-1);
        // Already above the maximum outside the window: work as little as possible in it.
        let max_m = max_m.max(0);
        let max_window_minutes: i64 = self
            .values
            .iter()
            .map(|vals| {
                vals.iter().filter(|v| **v != OFF).map(|v| i64::from(c.shift_minutes[*v as usize])).max().unwrap_or(0)
            })
            .sum();
        // Without the minutes dimension (long rows) the caller steers minutes by price.
        let hi_level = if track_minutes { (max_m.min(max_window_minutes) / i64::from(unit)) as usize } else { 0 };
        // Too far below the minimum to reach it in this window: fill the window as much as
        // the other rules allow, which repairs a shortfall window by window.
        let lo_level = (((min_m + i64::from(unit) - 1) / i64::from(unit)) as usize).min(hi_level);

        // Run-length cap: beyond the largest limit the exact length no longer matters.
        let big = |x: u32| if x == u32::MAX { 0 } else { x as usize };
        let longest = c.longest_run_allowed(p);
        let cap = (big(longest).max(big(lim.min_consecutive)).max(big(lim.min_days_off)) + 2).min(40);
        let dims = Dims {
            values: n_types + 1,
            cap,
            weekends: (max_weekends as usize).min(in_weekends.len()) + 1,
            levels: hi_level + 1,
            counts: counted.map_or(1, |(_, max)| max as usize + 1),
        };
        // How many of the counted type a value adds.
        let counts_of =
            |v: u32| usize::from(counted.is_some_and(|(t, _)| v != OFF && c.shift_type[v as usize] as usize == t));
        let size = dims.size();
        if size * len > 6_000_000 {
            return None;
        }
        self.cost.clear();
        self.cost.resize(size * len, INF);
        self.back.clear();
        self.back.resize(size * len, u32::MAX);
        self.choice.clear();
        self.choice.resize(size * len, OFF);

        // Left context: the run that ends at a-1.
        let (left_on, left_type, left_run, left_edge) = if a > first {
            let v = st.cell(p, a - 1);
            let on = v != OFF;
            let mut r = 1u32;
            let mut d = a - 1;
            while d > first && (st.cell(p, d - 1) != OFF) == on {
                d -= 1;
                r += 1;
            }
            let edge = d == first;
            if on && edge {
                r += c.history_run[p];
            }
            (on, (on).then(|| c.shift_type[v as usize] as usize), r, edge)
        } else {
            // Successions from the history are checked on day 0 below (it may hold
            // several types on its last day).
            let h = c.history_run[p];
            (h > 0, None, h, true)
        };
        let type_of = |v: u32| {
            if v == OFF {
                n_types
            } else {
                c.shift_type[v as usize] as usize
            }
        };
        // Whether `r` worked days ending on day `d` are too many: a run holding a forced
        // stretch may be as long as it (its days are all worked, so a run that reaches
        // into one holds all of it, and the limit only grows as the run does).
        // Only a run over the contract's limit asks about forced stretches.
        let contract_max = lim.max_consecutive as usize;
        let too_long = |d: u32, r: usize| r > contract_max && (!FORCED || over_forced_allowance(c, p, d, r));
        let min_consec = lim.min_consecutive as usize;
        let min_off = lim.min_days_off as usize;

        // Transition check shared by every step: value v on day d after (prev on?, prev
        // type, run, edge). Returns the new (run, edge) or None when a hard rule breaks.
        // `edge` marks a run that touches the horizon start, exempt from the minimum-length
        // rules.
        let step =
            |d: u32, prev_on: bool, prev_t: Option<usize>, run: usize, edge: bool, v: u32| -> Option<(usize, bool)> {
                let on = v != OFF;
                match (prev_on, on) {
                    (true, true) => {
                        if prev_t.is_some_and(|pt| c.cannot_follow[pt * n_types + type_of(v)]) {
                            return None;
                        }
                        let r = run + 1;
                        if too_long(d, r) {
                            return None;
                        }
                        Some((r.min(cap - 1), edge))
                    }
                    (false, true) => (edge || run >= min_off).then_some((1, false)),
                    (true, false) => (edge || run >= min_consec).then_some((1, false)),
                    (false, false) => Some(((run + 1).min(cap - 1), edge)),
                }
            };

        // Day 0 of the window.
        for (k, &v) in self.values[0].iter().enumerate() {
            let at_horizon_start = a == first;
            if at_horizon_start && v != OFF && !c.is_forced(p, a) && c.follows_history_badly(p, type_of(v)) {
                continue;
            }
            let (r, e) = if at_horizon_start && c.history_run[p] == 0 {
                // Nothing before: the first run touches the horizon start (exempt).
                if v != OFF && too_long(a, 1) {
                    continue;
                }
                (1, true)
            } else {
                match step(a, left_on, left_type, (left_run as usize).min(cap - 1), left_edge, v) {
                    Some(x) => x,
                    None => continue,
                }
            };
            let m = if v == OFF || !track_minutes { 0 } else { (c.shift_minutes[v as usize] / unit) as usize };
            if m > hi_level {
                continue;
            }
            let w = usize::from(v != OFF && a % 7 >= 5 && !weekend_worked_outside(a / 7));
            if w >= dims.weekends {
                continue;
            }
            let kc = counts_of(v);
            if kc >= dims.counts {
                continue;
            }
            let i = dims.index(type_of(v), r, w, m, kc, usize::from(e));
            let cost = self.cell_cost[0][k];
            if cost < self.cost[i] {
                self.cost[i] = cost;
                self.choice[i] = v;
            }
        }
        self.work += (size * len * self.values.iter().map(Vec::len).max().unwrap_or(1)) as u64 / 4;
        for day in 1..len {
            let d = a + day as u32;
            // The previous day's states and this day's, as slices: the scan over the
            // states (most of them unreachable) then needs no bounds checks.
            let (done, ahead) = self.cost.split_at_mut(day * size);
            let (prev_row, row) = (&done[(day - 1) * size..], &mut ahead[..size]);
            let back = &mut self.back[day * size..(day + 1) * size];
            let choice = &mut self.choice[day * size..(day + 1) * size];
            let (values, prices) = (&self.values[day], &self.cell_cost[day]);
            for (from, &pc) in prev_row.iter().enumerate() {
                if pc >= INF {
                    continue;
                }
                let Key { v: pv, r, w, m, k: kc, edge: e } = dims.decode(from);
                let prev_on = pv != n_types;
                let prev_t = prev_on.then_some(pv);
                for (k, &v) in values.iter().enumerate() {
                    let Some((nr, ne)) = step(d, prev_on, prev_t, r, e, v) else {
                        continue;
                    };
                    let nm =
                        if v == OFF || !track_minutes { m } else { m + (c.shift_minutes[v as usize] / unit) as usize };
                    if nm > hi_level {
                        continue;
                    }
                    // A weekend counts once: Sunday adds only if Saturday was off.
                    let adds = v != OFF && d % 7 >= 5 && !(d % 7 == 6 && prev_on) && !weekend_worked_outside(d / 7);
                    let nw = w + usize::from(adds);
                    if nw >= dims.weekends {
                        continue;
                    }
                    let nk = kc + counts_of(v);
                    if nk >= dims.counts {
                        continue;
                    }
                    let i = dims.index(type_of(v), nr, nw, nm, nk, usize::from(ne));
                    let cost = pc + prices[k];
                    if cost < row[i] {
                        row[i] = cost;
                        back[i] = from as u32;
                        choice[i] = v;
                    }
                }
            }
        }

        // Right context: the run that starts at b+1.
        let right = if b < last {
            let v = st.cell(p, b + 1);
            let on = v != OFF;
            let mut r = 1usize;
            let mut d = b + 1;
            while d < last && (st.cell(p, d + 1) != OFF) == on {
                d += 1;
                r += 1;
            }
            Some((on, (on).then(|| c.shift_type[v as usize] as usize), r, d == last))
        } else {
            None
        };
        let base = (len - 1) * size;
        let mut best: Option<(i64, usize)> = None;
        let mut short: Option<(usize, i64, usize)> = None;
        for idx in 0..size {
            let cost = self.cost[base + idx];
            if cost >= INF {
                continue;
            }
            let Key { v: pv, r, m, edge: e, .. } = dims.decode(idx);
            let on = pv != n_types;
            if let Some((r_on, r_type, r_len, r_edge)) = right {
                let ok = match (on, r_on) {
                    (true, true) => {
                        !r_type.is_some_and(|rt| c.cannot_follow[pv * n_types + rt])
                            && !too_long(b + r_len as u32, r + r_len)
                            && (e || r_edge || r + r_len >= min_consec)
                    }
                    (true, false) => (e || r >= min_consec) && (r_edge || r_len >= min_off),
                    (false, true) => (e || r >= min_off) && (r_edge || r_len >= min_consec),
                    (false, false) => e || r_edge || r + r_len >= min_off,
                };
                if !ok {
                    continue;
                }
            }
            if m >= lo_level {
                if best.is_none_or_lt(cost) {
                    best = Some((cost, idx));
                }
            } else if short.is_none_or(|(bm, bc, _)| m > bm || (m == bm && cost < bc)) {
                // Below the minimum: keep the fullest window, in case nothing reaches it.
                short = Some((m, cost, idx));
            }
        }
        if best.is_none() {
            best = short.map(|(_, cost, idx)| (cost, idx));
        }
        let (total, mut idx) = best?;
        // Walk back.
        let mut plan = vec![OFF; len];
        for day in (0..len).rev() {
            let i = day * size + idx;
            plan[day] = self.choice[i];
            idx = self.back[i] as usize;
        }
        Some((total, plan))
    }
}

/// Whether `r` worked days ending on day `d` are more than the longest forced stretch
/// among them allows (kept out of line: the DP's inner loop rarely gets here).
#[cold]
#[inline(never)]
fn over_forced_allowance(c: &Compiled, p: usize, d: u32, r: usize) -> bool {
    let start = (i64::from(d) + 1 - r as i64).max(0) as u32;
    r > c.max_run(p, start, d) as usize
}

/// The shift types a row plan for person p works more often than their maximum.
pub fn types_over_limit(c: &Compiled, p: usize, plan: &[u32]) -> Vec<usize> {
    let mut per_type = vec![0u32; c.n_types];
    for v in plan.iter().filter(|v| **v != OFF) {
        per_type[c.shift_type[*v as usize] as usize] += 1;
    }
    (0..c.n_types).filter(|t| per_type[*t] > c.limits[p].max_per_type[*t]).collect()
}

/// Marginal soft cost of giving (p, d) the value v, with p's current value removed.
pub(super) fn marginal(st: &State, p: usize, d: u32, v: u32, current: u32) -> i64 {
    let c = st.c;
    let mut cost = st.request_cost(p, d, v);
    if v != OFF {
        let s = v as usize;
        let n = st.count[s] - u32::from(current == v);
        cost += st.cover_cost(v, n + 1) - st.cover_cost(v, n);
        cost += c.static_cost_of(p, v);
        for r in c.skill_reqs(v) {
            if c.counts_toward(r, p) {
                let k = st.skill_count(r) - u32::from(current == v);
                cost += st.skill_cost(r, k + 1) - st.skill_cost(r, k);
            }
        }
    }
    cost
}

trait BestExt {
    fn is_none_or_lt(&self, cost: i64) -> bool;
}

impl BestExt for Option<(i64, usize)> {
    fn is_none_or_lt(&self, cost: i64) -> bool {
        self.is_none_or(|(b, _)| cost < b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::explain::row_violations;
    use crate::planner::solver::fixtures::curtois;

    #[test]
    fn a_replanned_row_keeps_every_row_rule_of_curtois() {
        for n in [1, 7] {
            let c = curtois(n);
            let mut st = State::new(&c);
            let mut dp = RowDp::default();
            let mut undo = Undo::default();
            for p in 0..c.n_people {
                let (first, last) = st.horizon(p);
                // The whole horizon: minutes, weekends and runs must all come out right.
                dp.apply(&mut st, &mut undo, p, first, last).unwrap();
                // Per-type limits are left to the exact evaluation (not modelled by the DP).
                let broken: Vec<_> =
                    row_violations(&st, p).into_iter().filter(|(code, _)| *code != "MAX_SHIFTS").collect();
                assert_eq!(broken, vec![], "person {p}");
            }
        }
    }

    #[test]
    fn a_counted_type_never_exceeds_its_maximum_even_when_priced_to_be_worked() {
        // Instance 8 limits most people to 4 night shifts in four weeks.
        let c = curtois(8);
        let st = State::new(&c);
        let night = c.type_ids.iter().position(|t| t == "N").unwrap();
        let mut dp = RowDp::default();
        let mut checked = 0;
        for p in 0..c.n_people {
            let max = c.limits[p].max_per_type[night];
            if max == 0 || max >= 28 {
                continue;
            }
            let (first, last) = st.horizon(p);
            // Nights pay a lot, everything else costs: without the dimension the row
            // would be all nights.
            let price =
                |_: u32, v: u32| if v != OFF && c.shift_type[v as usize] as usize == night { -1000 } else { 10 };
            let shape = RowShape { counted: Some((night, max)), track_minutes: true };
            let (_, plan) = dp.plan(&st, p, first, last, &price, shape).unwrap();
            let nights = plan.iter().filter(|v| **v != OFF && c.shift_type[**v as usize] as usize == night).count();
            assert!(nights <= max as usize, "person {p}: {nights} nights, max {max}");
            assert!(nights > 0, "person {p}: the price should still buy some nights");
            checked += 1;
        }
        assert!(checked > 0);
    }
}
