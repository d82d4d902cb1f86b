//! Greedy construction: fill shifts in time order with the candidate whose assignment
//! lowers the cost most, using the same incremental evaluation as the search. It gives
//! annealing a covered starting point, which matters most under short budgets.

use super::moves::Undo;
use super::rowdp::RowDp;
use super::state::State;
use crate::planner::compile::OFF;
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
            for &p in people.iter().filter(|p| c.eligible[**p * c.n_shifts + su]).take(SAMPLE) {
                let d = c.day(p, s);
                if st.cell(p, d) != OFF || c.fixed[p * c.n_days + d as usize] {
                    continue;
                }
                let delta = st.set(p, d, s);
                st.set(p, d, OFF);
                let cost = delta.soft + hard_weight * delta.hard;
                if best.map_or(true, |(b, _, _)| cost < b) {
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

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}
