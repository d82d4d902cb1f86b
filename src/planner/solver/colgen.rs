//! Column generation and diving: a starting roster from the LP relaxation of "one row
//! plan per person".
//!
//! Coverage is the only thing that couples people; every hard rule is about one
//! person's row. So the roster problem is: pick one feasible row per person so that the
//! rows' own costs (requests, preferences) plus the coverage costs are least. Its LP
//! relaxation over a growing set of rows ("columns") is solved with the pure-Rust
//! interior-point solver Clarabel; new rows come from the row DP (`rowdp`) priced with the
//! LP's duals. Diving then fixes people one at a time to their strongest row and prices
//! again, until everybody has one. Annealing polishes the result.
//!
//! The annealer alone trades coverage between people one move at a time and gets stuck
//! where two people must change together (Curtois instances 5–9 in docs/planner-experiments.md);
//! the LP sees all people at once. Every row is checked exactly by `State` before it may
//! enter the LP, so the roster handed on breaks no hard rule.

use super::rowdp::{types_over_limit, RowDp, RowShape, BANNED};
use super::state::State;
use crate::planner::compile::{Compiled, OFF};
use clarabel::algebra::CscMatrix;
use clarabel::solver::{DefaultSettingsBuilder, DefaultSolver, IPSolver, SolverStatus, SupportedConeT};
use std::collections::HashMap;

/// Prices are fractional; the DP works in integers of 1/SCALE.
const SCALE: f64 = 1024.0;
/// New rows must improve the LP by more than this (in cost units).
const EPSILON: f64 = 1e-4;
/// A column unused by this many LP solves in a row leaves the LP (until priced again).
const STALE: u32 = 8;

/// One person's row: the worked cells over their horizon and its own exact cost.
struct Column {
    person: usize,
    cells: Vec<(u32, u32)>,
    cost: f64,
    /// Stands for "no row found yet": covers nothing at a prohibitive cost, so the LP is
    /// always feasible.
    artificial: bool,
}

/// One coverage inequality of the master: `sign · covered − slack ≤ sign · rhs`, the
/// slack priced at `weight` (sign −1: at least rhs; +1: at most rhs).
struct CoverRow {
    sign: f64,
    rhs: f64,
    weight: f64,
    /// Only people with this skill requirement's qualification count.
    skill: Option<usize>,
}

struct Lp {
    /// The columns the LP was solved over, and their values.
    active: Vec<usize>,
    x: Vec<f64>,
    /// Dual of each person's "exactly one row" equality.
    person_dual: Vec<f64>,
    /// Dual of each coverage row (≥ 0).
    row_dual: Vec<f64>,
}

pub struct ColumnGeneration<'s, 'c> {
    st: &'s mut State<'c>,
    columns: Vec<Column>,
    /// Every row generated so far, by person and cells → column index.
    seen: HashMap<(usize, Vec<(u32, u32)>), usize>,
    /// Per column: the last LP solve that used it (value > 0); long-unused columns leave
    /// the LP, which keeps each solve small.
    last_used: Vec<u32>,
    rows: Vec<CoverRow>,
    rows_of_shift: Vec<Vec<usize>>,
    fixed: Vec<Option<usize>>,
    dp: RowDp,
    /// LP solves so far: the clock that column staleness is measured on.
    solves: u32,
    /// Pricing calls that produced a row, over all rounds.
    priced: usize,
    /// A copy of the state and DP buffers per extra pricing thread. Pricing only reads
    /// the roster (a row's check changes that row and puts it back), and the roster does
    /// not change until `load`, so the copies stay equal to `st`.
    helpers: Vec<(State<'c>, RowDp)>,
}

/// A priced row: its worked cells and its own cost.
type Row = (Vec<(u32, u32)>, f64);

/// A row found by pricing, with what its cells are worth at the duals it was priced at.
type PricedRow = (Row, f64);

impl<'s, 'c> ColumnGeneration<'s, 'c> {
    /// `threads` threads price rows (one is the caller's).
    pub fn new(st: &'s mut State<'c>, threads: usize) -> Self {
        let c = st.c;
        let mut rows = Vec::new();
        let mut rows_of_shift = vec![Vec::new(); c.n_shifts];
        for (s, of_shift) in rows_of_shift.iter_mut().enumerate() {
            let (min, target) = (f64::from(c.min_headcount[s]), f64::from(c.target[s]));
            let mut push = |row: CoverRow| {
                if row.weight > 0.0 {
                    of_shift.push(rows.len());
                    rows.push(row);
                }
            };
            if min > 0.0 {
                push(CoverRow { sign: -1.0, rhs: min, weight: c.weights.below_minimum as f64, skill: None });
            }
            if target > 0.0 {
                push(CoverRow { sign: -1.0, rhs: target, weight: c.w_below_target[s] as f64, skill: None });
            }
            push(CoverRow { sign: 1.0, rhs: target, weight: c.w_above_target[s] as f64, skill: None });
            for r in c.skill_reqs(s as u32) {
                push(CoverRow {
                    sign: -1.0,
                    rhs: f64::from(c.skill_req_min[r]),
                    weight: c.weights.skill_shortfall as f64,
                    skill: Some(r),
                });
            }
        }
        let heaviest = rows.iter().map(|r| r.weight).fold(1.0, f64::max);
        let artificial_cost = 10.0 * heaviest * (c.n_days as f64 + 1.0) * 4.0;
        let mut columns: Vec<Column> = (0..c.n_people)
            .map(|p| Column { person: p, cells: Vec::new(), cost: artificial_cost, artificial: true })
            .collect();
        let mut seen = HashMap::new();
        // The rows the roster has now are a good first guess where they are feasible.
        for p in 0..c.n_people {
            if st.person_hard[p] == 0 {
                let (first, last) = st.horizon(p);
                let plan: Vec<u32> = (first..=last).map(|d| st.cell(p, d)).collect();
                if let Some(cost) = row_cost(st, p, &plan) {
                    let cells = worked_cells(first, &plan);
                    seen.insert((p, cells.clone()), columns.len());
                    columns.push(Column { person: p, cells, cost, artificial: false });
                }
            }
        }
        let last_used = vec![0; columns.len()];
        let helpers = (1..threads).map(|_| (st.clone(), RowDp::default())).collect();
        ColumnGeneration {
            st,
            last_used,
            columns,
            seen,
            rows,
            rows_of_shift,
            fixed: vec![None; c.n_people],
            dp: RowDp::default(),
            solves: 0,
            priced: 0,
            helpers,
        }
    }

    /// Solves the relaxation by pricing, then dives to one row per person and loads the
    /// result into the state. Returns false (state untouched) when the LP fails or when
    /// some person never got a real row.
    pub fn run(&mut self, max_rounds: u32, out_of_time: &dyn Fn() -> bool) -> bool {
        let n = self.st.c.n_people;
        if n == 0 {
            return false;
        }
        let mut lp = None;
        for _ in 0..max_rounds {
            let Some(solution) = self.solve() else { return false };
            let added = self.price(&solution);
            lp = Some(solution);
            // Rows too long for the DP (long horizons): the LP cannot help; leave after the
            // first round.
            if 2 * self.priced < n {
                return false;
            }
            if added == 0 || out_of_time() {
                break;
            }
        }
        let Some(mut lp) = lp else { return false };
        while self.fixed.iter().any(Option::is_none) {
            // Out of time: everybody left takes their strongest row at once.
            self.fix_strongest(&lp, out_of_time());
            if self.fixed.iter().all(Option::is_some) {
                break;
            }
            let Some(solution) = self.solve() else { return false };
            lp = solution;
            // One pricing round per fix: the LP solves dominate the time, and more rounds
            // per fix did not give better rosters within a minute (docs/planner-experiments.md).
            if !out_of_time() && self.price(&lp) > 0 {
                let Some(solution) = self.solve() else { return false };
                lp = solution;
            }
        }
        if self.fixed.iter().flatten().any(|k| self.columns[*k].artificial) {
            return false;
        }
        self.load();
        true
    }

    /// Fixes every unfixed person whose strongest row has an LP value of at least 0.9,
    /// or else the one person whose strongest row is largest.
    fn fix_strongest(&mut self, lp: &Lp, everybody: bool) {
        let mut strongest: Vec<Option<(f64, usize)>> = vec![None; self.st.c.n_people];
        for (j, &k) in lp.active.iter().enumerate() {
            let col = &self.columns[k];
            if self.fixed[col.person].is_some() {
                continue;
            }
            let value = lp.x[j] - if col.artificial { 1.0 } else { 0.0 };
            if strongest[col.person].is_none_or(|(v, _)| value > v) {
                strongest[col.person] = Some((value, k));
            }
        }
        let mut any = false;
        for (p, best) in strongest.iter().enumerate() {
            if let Some((v, k)) = best {
                if *v >= 0.9 || everybody {
                    self.fixed[p] = Some(*k);
                    any = true;
                }
            }
        }
        if !any {
            let top = strongest
                .iter()
                .enumerate()
                .filter_map(|(p, b)| b.map(|(v, k)| (v, p, k)))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some((_, p, k)) = top {
                self.fixed[p] = Some(k);
            }
        }
    }

    /// Columns in the LP: all of an unfixed person's, only the chosen one of a fixed one.
    fn active(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|k| {
                let p = self.columns[*k].person;
                match self.fixed[p] {
                    Some(f) => f == *k,
                    None => self.columns[*k].artificial || self.last_used[*k] + STALE >= self.solves,
                }
            })
            .collect()
    }

    fn covers(&self, col: &Column, row: &CoverRow) -> bool {
        row.skill.is_none_or(|r| self.st.c.counts_toward(r, col.person))
    }

    /// The restricted master LP over the active columns.
    fn solve(&mut self) -> Option<Lp> {
        self.solves += 1;
        let n_people = self.st.c.n_people;
        let active = self.active();
        let (n_cols, n_rows) = (active.len(), self.rows.len());
        let n_vars = n_cols + n_rows;
        let cover_base = n_people;
        let lambda_base = cover_base + n_rows;
        let slack_base = lambda_base + n_cols;
        let m = slack_base + n_rows;
        let mut colptr = Vec::with_capacity(n_vars + 1);
        let mut rowval = Vec::new();
        let mut nzval = Vec::new();
        let mut q = Vec::with_capacity(n_vars);
        for (j, &k) in active.iter().enumerate() {
            colptr.push(rowval.len());
            let col = &self.columns[k];
            q.push(col.cost);
            let mut entries: Vec<(usize, f64)> = vec![(col.person, 1.0)];
            for &(_, s) in &col.cells {
                for &i in &self.rows_of_shift[s as usize] {
                    let row = &self.rows[i];
                    if self.covers(col, row) {
                        entries.push((cover_base + i, row.sign));
                    }
                }
            }
            entries.push((lambda_base + j, -1.0));
            entries.sort_by_key(|e| e.0);
            for (r, v) in entries {
                rowval.push(r);
                nzval.push(v);
            }
        }
        for (i, row) in self.rows.iter().enumerate() {
            colptr.push(rowval.len());
            q.push(row.weight);
            rowval.extend([cover_base + i, slack_base + i]);
            nzval.extend([-1.0, -1.0]);
        }
        colptr.push(rowval.len());
        let a = CscMatrix::new(m, n_vars, colptr, rowval, nzval);
        let p = CscMatrix::zeros((n_vars, n_vars));
        let mut b = vec![1.0; n_people];
        b.extend(self.rows.iter().map(|r| r.sign * r.rhs));
        b.resize(b.len() + n_cols + n_rows, 0.0);
        let cones = [SupportedConeT::ZeroConeT(n_people), SupportedConeT::NonnegativeConeT(m - n_people)];
        let settings = DefaultSettingsBuilder::default()
            .verbose(false)
            .max_iter(200)
            .tol_gap_abs(1e-6)
            .tol_gap_rel(1e-6)
            .tol_feas(1e-6)
            .build()
            .ok()?;
        let mut solver = DefaultSolver::new(&p, &q, &a, &b, &cones, settings).ok()?;
        solver.solve();
        if !matches!(solver.solution.status, SolverStatus::Solved | SolverStatus::AlmostSolved) {
            return None;
        }
        for (j, &k) in active.iter().enumerate() {
            if solver.solution.x[j] > 1e-5 {
                self.last_used[k] = self.solves;
            }
        }
        let z = &solver.solution.z;
        Some(Lp {
            active,
            x: solver.solution.x[..n_cols].to_vec(),
            person_dual: z[..n_people].to_vec(),
            row_dual: z[cover_base..lambda_base].to_vec(),
        })
    }

    /// Prices a new row for every unfixed person; returns how many improving rows were
    /// added.
    fn price(&mut self, lp: &Lp) -> usize {
        let c = self.st.c;
        let prices = CellPrices::new(&self.rows, &self.rows_of_shift, &lp.row_dual, c.n_shifts);
        let unfixed: Vec<usize> = (0..c.n_people).filter(|p| self.fixed[*p].is_none()).collect();
        let found = best_rows(self.st, &mut self.dp, &mut self.helpers, &unfixed, &prices);
        let mut added = 0;
        for (&p, row) in unfixed.iter().zip(found) {
            let Some(((cells, cost), cover_value)) = row else { continue };
            self.priced += 1;
            let reduced: f64 = cost + lp.person_dual[p] + cover_value;
            if reduced < -EPSILON {
                let key = (p, cells);
                if let Some(&k) = self.seen.get(&key) {
                    // Generated before and dropped from the LP since: bring it back.
                    if self.last_used[k] + STALE < self.solves {
                        self.last_used[k] = self.solves;
                        added += 1;
                    }
                } else {
                    self.seen.insert(key.clone(), self.columns.len());
                    self.columns.push(Column { person: p, cells: key.1, cost, artificial: false });
                    self.last_used.push(self.solves);
                    added += 1;
                }
            }
        }
        added
    }

    /// Puts every person's chosen row into the state.
    fn load(&mut self) {
        for p in 0..self.st.c.n_people {
            let Some(k) = self.fixed[p] else { continue };
            let (first, last) = self.st.horizon(p);
            let mut plan: Vec<u32> =
                (first..=last).map(|d| if self.st.c.is_locked(p, d) { self.st.cell(p, d) } else { OFF }).collect();
            for &(d, s) in &self.columns[k].cells {
                plan[(d - first) as usize] = s;
            }
            for (i, v) in plan.into_iter().enumerate() {
                self.st.set(p, first + i as u32, v);
            }
        }
    }
}

/// The best row of each of `people` at these prices, in their order. With helpers,
/// the people are dealt out to one thread per copy of the state: a row's DP and check
/// change only that row and put it back, so every thread finds what one thread would.
fn best_rows<'c>(
    st: &mut State<'c>,
    dp: &mut RowDp,
    helpers: &mut [(State<'c>, RowDp)],
    people: &[usize],
    prices: &CellPrices,
) -> Vec<Option<PricedRow>> {
    let workers = helpers.len() + 1;
    let mut found: Vec<Option<PricedRow>> = vec![None; people.len()];
    let shares: Vec<Vec<(usize, Option<PricedRow>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = helpers
            .iter_mut()
            .enumerate()
            .map(|(w, (st, dp))| {
                scope.spawn(move || {
                    (w + 1..people.len()).step_by(workers).map(|i| (i, price_row(st, dp, people[i], prices))).collect()
                })
            })
            .collect();
        let own = (0..people.len()).step_by(workers).map(|i| (i, price_row(st, dp, people[i], prices))).collect();
        let mut shares = vec![own];
        // A helper cannot panic short of a bug; its people then get no new row.
        shares.extend(handles.into_iter().filter_map(|h| h.join().ok()));
        shares
    });
    for (i, row) in shares.into_iter().flatten() {
        found[i] = row;
    }
    found
}

/// `p`'s best row at these prices and what its cells are worth at them.
fn price_row(st: &mut State, dp: &mut RowDp, p: usize, prices: &CellPrices) -> Option<PricedRow> {
    let cell_price = prices.for_person(st.c, p);
    let row = best_row(st, dp, p, &cell_price)?;
    let value = row.0.iter().map(|(_, s)| cell_price[*s as usize]).sum();
    Some((row, value))
}

/// The DP's best row for `p` at these prices that also passes the exact row check.
/// Per-type maximums are not a DP dimension: a type the row uses too often is priced
/// up (and finally left out) until the row respects its limit.
fn best_row(st: &mut State, dp: &mut RowDp, p: usize, cell_price: &[f64]) -> Option<Row> {
    let c = st.c;
    let (first, last) = st.horizon(p);
    let lim = &c.limits[p];
    let mut penalty = vec![0.0f64; c.n_types];
    let mut banned: Vec<bool> = lim.max_per_type.iter().map(|m| *m == 0).collect();
    // The tightest per-type limit that can bind is a DP dimension (exact); any other
    // is handled by pricing its type up.
    let days = last - first + 1;
    let shortest = c.shift_minutes.iter().copied().min().unwrap_or(1).max(1);
    let reachable = days.min(lim.max_total_minutes / shortest);
    let mut counted = (0..c.n_types)
        .filter(|t| lim.max_per_type[*t] > 0 && lim.max_per_type[*t] < reachable)
        .min_by_key(|t| lim.max_per_type[*t])
        .map(|t| (t, lim.max_per_type[t]));
    for attempt in 0..6 {
        let price = |d: u32, v: u32| -> i64 {
            let mut x = st.request_cost(p, d, v) as f64;
            if v != OFF {
                let t = c.shift_type[v as usize] as usize;
                if banned[t] {
                    return BANNED;
                }
                x += c.static_cost_of(p, v) as f64 + cell_price[v as usize] + penalty[t];
            }
            (x * SCALE).round() as i64
        };
        let plan = match dp.plan(st, p, first, last, &price, RowShape { counted, track_minutes: true }) {
            Some((_, plan)) => plan,
            // Too large with the extra dimension: price that type instead.
            None if counted.is_some() => {
                counted = None;
                dp.plan(st, p, first, last, &price, RowShape::default())?.1
            }
            None => return None,
        };
        let over = types_over_limit(c, p, &plan);
        if over.is_empty() {
            let cost = row_cost(st, p, &plan)?;
            return Some((worked_cells(first, &plan), cost));
        }
        for t in over {
            if attempt >= 3 {
                banned[t] = true;
            } else {
                penalty[t] += 2.0 * (1.0 + penalty[t]);
            }
        }
    }
    None
}

/// What covering one shift is worth to the LP at its current duals.
struct CellPrices<'a> {
    /// The coverage rows without a skill: the same for everybody.
    shared: Vec<f64>,
    rows: &'a [CoverRow],
    rows_of_shift: &'a [Vec<usize>],
    row_dual: &'a [f64],
}

impl<'a> CellPrices<'a> {
    fn new(rows: &'a [CoverRow], rows_of_shift: &'a [Vec<usize>], row_dual: &'a [f64], n_shifts: usize) -> Self {
        let mut shared = vec![0.0; n_shifts];
        for (s, price) in shared.iter_mut().enumerate() {
            for &i in &rows_of_shift[s] {
                if rows[i].skill.is_none() {
                    *price += rows[i].sign * row_dual[i];
                }
            }
        }
        CellPrices { shared, rows, rows_of_shift, row_dual }
    }

    /// Per shift, for person p: the shared part plus the skill rows p counts toward.
    fn for_person(&self, c: &Compiled, p: usize) -> Vec<f64> {
        let mut price = self.shared.clone();
        for (s, x) in price.iter_mut().enumerate() {
            for &i in &self.rows_of_shift[s] {
                if let Some(r) = self.rows[i].skill {
                    if c.counts_toward(r, p) {
                        *x += self.rows[i].sign * self.row_dual[i];
                    }
                }
            }
        }
        price
    }
}

fn worked_cells(first: u32, plan: &[u32]) -> Vec<(u32, u32)> {
    plan.iter().enumerate().filter(|(_, v)| **v != OFF).map(|(i, v)| (first + i as u32, *v)).collect()
}

/// The exact soft cost of `plan` as person p's whole row, coverage excluded, relative to
/// the row being off; None when the row breaks a hard rule. Works on the state and
/// restores it.
fn row_cost(st: &mut State, p: usize, plan: &[u32]) -> Option<f64> {
    let (first, _) = st.horizon(p);
    let saved: Vec<u32> = (0..plan.len()).map(|i| st.cell(p, first + i as u32)).collect();
    // Start from an empty row (locked cells stay), so the cost does not depend on what
    // the row holds now.
    for (i, old) in saved.iter().enumerate() {
        let d = first + i as u32;
        if *old != OFF && !st.c.is_locked(p, d) {
            own_change(st, p, d, OFF);
        }
    }
    let mut total = 0i64;
    for (i, v) in plan.iter().enumerate() {
        total += own_change(st, p, first + i as u32, *v);
    }
    let feasible = st.person_hard[p] == 0;
    for (i, old) in saved.iter().enumerate() {
        st.set(p, first + i as u32, *old);
    }
    feasible.then_some(total as f64)
}

/// Sets one cell and returns the change of the soft cost that is the row's own, that is
/// without the coverage terms (which the LP prices).
fn own_change(st: &mut State, p: usize, d: u32, v: u32) -> i64 {
    let old = st.cell(p, d);
    if old == v {
        return 0;
    }
    let mut cover = 0;
    if old != OFF {
        cover += coverage_change(st, p, old, false);
    }
    if v != OFF {
        cover += coverage_change(st, p, v, true);
    }
    st.set(p, d, v).soft - cover
}

fn coverage_change(st: &State, p: usize, s: u32, add: bool) -> i64 {
    let c = st.c;
    let n = st.count[s as usize];
    let (from, to) = if add { (n, n + 1) } else { (n, n - 1) };
    let mut x = st.cover_cost(s, to) - st.cover_cost(s, from);
    for r in c.skill_reqs(s) {
        if c.counts_toward(r, p) {
            let k = st.skill_count(r);
            let k2 = if add { k + 1 } else { k - 1 };
            x += st.skill_cost(r, k2) - st.skill_cost(r, k);
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::solver::fixtures::{curtois, greedy_start};

    #[test]
    fn the_lp_start_is_feasible_and_beats_the_greedy_start() {
        for n in [1, 4, 5] {
            let c = curtois(n);
            let (mut st, _) = greedy_start(&c, 1);
            let greedy = st.cost;
            let loaded = ColumnGeneration::new(&mut st, 1).run(60, &|| false);
            assert!(loaded, "Instance{n}");
            assert_eq!(st.cost.hard, 0, "Instance{n}: every row comes from the exact row check");
            assert!(st.cost.soft < greedy.soft, "Instance{n}: {} vs greedy {}", st.cost.soft, greedy.soft);
            // The incremental cost of the loaded roster is the true cost.
            let incremental = st.cost;
            assert_eq!(st.full_cost(), incremental, "Instance{n}");
        }
    }

    #[test]
    fn pricing_on_three_threads_gives_the_start_of_one() {
        let c = curtois(1);
        let start = |threads: usize| {
            let (mut st, _) = greedy_start(&c, 2);
            assert!(ColumnGeneration::new(&mut st, threads).run(60, &|| false));
            (st.grid.clone(), st.cost)
        };
        assert_eq!(start(3), start(1));
    }

    #[test]
    fn a_row_cost_is_the_same_whatever_the_row_held_before() {
        let c = curtois(4);
        let (mut st, _) = greedy_start(&c, 3);
        let (first, last) = st.horizon(0);
        let plan: Vec<u32> = (first..=last).map(|d| st.cell(0, d)).collect();
        let before = st.cost;
        let filled = row_cost(&mut st, 0, &plan);
        assert_eq!(st.cost, before, "row_cost restores the state");
        for d in first..=last {
            st.set(0, d, OFF);
        }
        assert_eq!(row_cost(&mut st, 0, &plan), filled);
    }
}
