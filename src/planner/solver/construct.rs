//! Greedy construction: fill shifts in time order with the candidate whose assignment
//! lowers the cost most, using the same incremental evaluation as the search. It gives
//! annealing a covered starting point, which matters most under short budgets.

use super::moves::{apply_to, Kind, Undo};
use super::rowdp::{gcd, marginal, types_over_limit, RowDp, RowShape};
use super::state::State;
use crate::planner::compile::{Compiled, OFF};
use rand::seq::SliceRandom;
use rand::Rng;

/// At most this many candidates are evaluated per open seat (random sample).
const SAMPLE: usize = 48;

pub fn greedy<R: Rng>(st: &mut State, rng: &mut R, hard_weight: i64) {
    let c = st.c;
    let mut order: Vec<u32> = (0..c.n_shifts as u32).collect();
    order.sort_by_key(|s| (c.shift_start[*s as usize], *s));
    let mut people: Vec<usize> = (0..c.n_people).collect();
    for s in order {
        let su = s as usize;
        while st.count[su] < c.target[su].max(c.min_headcount[su]) {
            people.shuffle(rng);
            let mut best: Option<(i64, usize, u32)> = None;
            for &p in people.iter().filter(|p| c.may_work(**p, s)).take(SAMPLE) {
                let d = c.day(p, s);
                if st.cell(p, d) != OFF || c.is_locked(p, d) {
                    continue;
                }
                let delta = st.set(p, d, s);
                st.set(p, d, OFF);
                let cost = delta.soft + hard_weight * delta.hard;
                if best.is_none_or(|(b, _, _)| cost < b) {
                    best = Some((cost, p, d));
                }
            }
            match best {
                Some((cost, p, d)) if cost < 0 => {
                    st.set(p, d, s);
                }
                _ => break,
            }
        }
    }
}

/// Repairs rows that break hard rules by re-planning them window by window with the row
/// DP (28 days, half-overlapping), keeping a change only when it lowers the penalised
/// cost. Greedy filling leaves rows far below minimum minutes on long horizons; a few
/// rounds of this bring such rosters to (or near) feasibility before annealing starts.
pub fn repair(st: &mut State, dp: &mut RowDp, hard_weight: i64, rounds: usize, out_of_time: &dyn Fn() -> bool) {
    let c = st.c;
    let mut undo = Undo::default();
    // The longest window whose DP stays cheap (types × run × weekends × minute levels).
    let unit = c.shift_minutes.iter().copied().fold(0, gcd).max(1) as usize;
    let longest = c.shift_minutes.iter().copied().max().unwrap_or(1) as usize;
    let estimate = |len: usize| (c.n_types + 1) * 8 * (len / 7 + 2) * (len * longest / unit + 1) * 2 * len;
    let span = [55u32, 27, 13, 9, 6].into_iter().find(|s| estimate(*s as usize + 1) <= 2_000_000).unwrap_or(6);
    let mut last_hard = i64::MAX;
    for _ in 0..rounds {
        // Stop when feasible or when a full round made no progress.
        if st.cost.hard == 0 || st.cost.hard >= last_hard {
            return;
        }
        last_hard = st.cost.hard;
        for p in 0..c.n_people {
            if st.person_hard[p] == 0 {
                continue;
            }
            if out_of_time() {
                return;
            }
            let (first, last) = st.horizon(p);
            let mut a = first;
            loop {
                let b = (a + span).min(last);
                undo.cells.clear();
                if let Some(d) = dp.apply(st, &mut undo, p, a, b) {
                    if d.soft + hard_weight * d.hard >= 0 {
                        undo.revert(st);
                    }
                }
                if b == last {
                    break;
                }
                a += span.div_ceil(2);
            }
        }
    }
}

/// Makes rows feasible one person at a time. Every hard rule is about one person's row,
/// so with coverage set aside the rows are independent: a local search on one row that
/// only has to lower that row's hard units reaches a feasible row where the windowed DP
/// cannot (a minimum of total minutes couples all windows of a long horizon). Soft cost
/// only breaks ties; the annealing afterwards trades coverage back.
pub fn repair_rows<R: Rng>(st: &mut State, rng: &mut R, moves_per_row: u32, out_of_time: &dyn Fn() -> bool) {
    let mut undo = Undo::default();
    for p in 0..st.c.n_people {
        if out_of_time() {
            return;
        }
        repair_row(st, rng, &mut undo, p, moves_per_row);
    }
}

fn repair_row<R: Rng>(st: &mut State, rng: &mut R, undo: &mut Undo, p: usize, moves: u32) {
    const ROW_MOVES: [Kind; 3] = [Kind::Change, Kind::BlockSet, Kind::Relocate];
    let mut tried = 0;
    while st.person_hard[p] > 0 && tried < moves {
        tried += 1;
        undo.cells.clear();
        let kind = ROW_MOVES[rng.gen_range(0..ROW_MOVES.len())];
        let Some(delta) = apply_to(st, rng, undo, kind, p) else { continue };
        // Downhill in hard units; sideways moves keep the walk from freezing on the
        // plateaus that run-length rules create.
        let keep = delta.hard < 0 || (delta.hard == 0 && (delta.soft <= 0 || rng.gen_bool(0.1)));
        if !keep {
            undo.revert(st);
        }
    }
}

/// Fixed-point scale of the cell prices, so that the price of a minute can be tuned
/// finely (a coarse price jumps over a narrow minutes window).
const SCALE: i64 = 1 << 15;

pub fn repair_long_rows<R: Rng>(st: &mut State, rng: &mut R, dp: &mut RowDp, out_of_time: &dyn Fn() -> bool) {
    let mut undo = Undo::default();
    let mut hint = None;
    for p in 0..st.c.n_people {
        if st.person_hard[p] == 0 {
            continue;
        }
        if out_of_time() {
            return;
        }
        let Some(plan) = long_row_plan(st, rng, dp, p, &mut hint) else { continue };
        let (first, last) = st.horizon(p);
        let hard_before = st.person_hard[p];
        let saved: Vec<u32> = (first..=last).map(|d| st.cell(p, d)).collect();
        for (i, v) in plan.iter().enumerate() {
            st.set(p, first + i as u32, *v);
        }
        // What the prices could not settle (a per-type maximum, mostly) is often one
        // local move away.
        repair_row(st, rng, &mut undo, p, 50_000);
        if st.person_hard[p] >= hard_before {
            for (i, v) in saved.iter().enumerate() {
                st.set(p, first + i as u32, *v);
            }
        }
    }
}

/// Person p's whole row from the DP without the minutes dimension, with a price per
/// minute bisected so that the row's minutes reach the contract's window; None when no
/// price gets there.
fn long_row_plan<R: Rng>(
    st: &State,
    rng: &mut R,
    dp: &mut RowDp,
    p: usize,
    hint: &mut Option<i64>,
) -> Option<Vec<u32>> {
    let c = st.c;
    let (first, last) = st.horizon(p);
    let lim = &c.limits[p];
    let (min, max) = (i64::from(lim.min_total_minutes), i64::from(lim.max_total_minutes));
    let base: Vec<Vec<(u32, i64)>> = (first..=last)
        .map(|d| {
            let cur = st.cell(p, d);
            std::iter::once(OFF)
                .chain(c.shifts_on(p, d).iter().copied())
                // A little noise below one cost unit breaks ties: with many equal prices
                // the minutes jump straight across the window as the price of a minute
                // moves.
                .map(|v| (v, SCALE * marginal(st, p, d, v, cur) + rng.gen_range(0..SCALE / 2)))
                .collect()
        })
        .collect();
    let heaviest = base.iter().flatten().map(|(_, x)| x.abs()).max().unwrap_or(0) / SCALE + 1;
    let longest = i64::from(c.shift_minutes.iter().copied().max().unwrap_or(1));
    // Per-type maximums are priced too: a type used too often gets dearer each round.
    let mut type_price = vec![0i64; c.n_types];
    let mut chosen = None;
    for round in 0..8 {
        let mut run = |lambda: i64| -> Option<Vec<u32>> {
            let price = |d: u32, v: u32| -> i64 {
                let x = base[(d - first) as usize].iter().find(|(w, _)| *w == v).map_or(0, |(_, x)| *x);
                if v == OFF {
                    return x;
                }
                x + lambda * i64::from(c.shift_minutes[v as usize]) + type_price[c.shift_type[v as usize] as usize]
            };
            dp.plan(st, p, first, last, &price, RowShape { counted: None, track_minutes: false }).map(|(_, plan)| plan)
        };
        // Minutes fall as the price of a minute rises: bisect for a price that reaches
        // the minimum without passing the maximum.
        let (mut lo, mut hi) = (-SCALE * heaviest, SCALE * heaviest);
        let Some(mut best) = run(lo) else { return chosen };
        if plan_minutes(c, &best) < min {
            return chosen;
        }
        // People with similar contracts need similar prices: start next to the last one
        // that worked, which saves most of the DP runs on long rows.
        if let Some(h) = hint.filter(|h| (lo + 1..hi).contains(h)) {
            match run(h) {
                Some(plan) if plan_minutes(c, &plan) >= min => {
                    lo = h;
                    best = plan;
                }
                _ => hi = h,
            }
        }
        // Inside the window is good enough: each DP over a long row is costly.
        while hi - lo > 1 && plan_minutes(c, &best) > max {
            let mid = lo + (hi - lo) / 2;
            match run(mid) {
                Some(plan) if plan_minutes(c, &plan) >= min => {
                    lo = mid;
                    best = plan;
                }
                _ => hi = mid,
            }
        }
        if plan_minutes(c, &best) > max {
            return chosen;
        }
        *hint = Some(lo);
        let over = types_over_limit(c, p, &best);
        chosen = Some(best);
        if over.is_empty() {
            break;
        }
        for t in over {
            type_price[t] += SCALE * heaviest * longest * (1 << round);
        }
    }
    chosen
}

fn plan_minutes(c: &Compiled, plan: &[u32]) -> i64 {
    plan.iter().filter(|v| **v != OFF).map(|v| i64::from(c.shift_minutes[*v as usize])).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::solver::fixtures::curtois;
    use crate::planner::solver::rng::FastRng;

    #[test]
    fn long_row_repair_brings_empty_rows_to_their_minimum_minutes() {
        let c = curtois(7);
        let mut st = State::new(&c);
        let broken = (0..c.n_people).filter(|p| st.person_hard[*p] > 0).count();
        assert!(broken > 0, "empty rows are below their minimum minutes");
        let mut rng = FastRng::seed_from_u64(1);
        repair_long_rows(&mut st, &mut rng, &mut RowDp::default(), &|| false);
        for p in 0..c.n_people {
            assert_eq!(st.person_hard[p], 0, "person {p}");
            assert!(st.minutes[p] >= c.limits[p].min_total_minutes, "person {p}");
        }
        let incremental = st.cost;
        assert_eq!(st.full_cost(), incremental);
    }
}
