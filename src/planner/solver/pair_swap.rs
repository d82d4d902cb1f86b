//! The best exchange between two people: on up to `MAX_DAYS` days where their cells
//! differ, every subset of days to swap is tried, and the cheapest one is applied.
//!
//! Swapping two people's cells on a day leaves the coverage as it was, so these moves
//! trade requests and row costs between two people at no coverage risk. Single swaps
//! and block swaps reach the same rosters only through states that break minimum run
//! lengths or the minutes limits; trying all subsets finds the combination that keeps
//! both rows valid (Curtois instance 9, docs/benchmarks.md). The subsets are visited in
//! Gray-code order, so each one is a single swap away from the last.

use super::moves::{eligible, free, Undo};
use super::state::{Cost, State};
use crate::planner::compile::OFF;
use rand::Rng;

/// 2^10 subsets, each two cell changes. Ten days against eight or twelve, and one such
/// move every 150 iterations, did best on Curtois 8 and 9 (docs/benchmarks.md).
const MAX_DAYS: usize = 10;

/// Exchanges cells between `p` and `q` on the best subset of their swappable days near
/// `focus`. Returns the cost change, or None when nothing changed.
pub fn best_exchange<R: Rng>(
    st: &mut State,
    rng: &mut R,
    undo: &mut Undo,
    p: usize,
    q: usize,
    focus: u32,
    hard_weight: i64,
) -> Option<Cost> {
    let c = st.c;
    if p == q || c.zone_of(p) != c.zone_of(q) {
        return None;
    }
    let (first, last) = st.horizon(p);
    let mut days: Vec<u32> = (first..=last)
        .filter(|&d| {
            let (a, b) = (st.cell(p, d), st.cell(q, d));
            a != b && free(st, p, d) && free(st, q, d) && eligible(st, p, b) && eligible(st, q, a)
        })
        .collect();
    if days.is_empty() {
        return None;
    }
    // The days nearest the focus, ties broken at random so both sides get a turn.
    if days.len() > MAX_DAYS {
        let side = rng.gen_bool(0.5);
        days.sort_by_key(|&d| (d.abs_diff(focus), (d < focus) == side));
        days.truncate(MAX_DAYS);
    }
    let weigh = |cost: Cost| cost.soft + hard_weight * cost.hard;
    let start = weigh(st.cost);
    let toggle = |st: &mut State, d: u32| {
        let (a, b) = (st.cell(p, d), st.cell(q, d));
        st.set(p, d, b);
        st.set(q, d, a);
    };
    // Visit every non-empty subset; `gray` is the set swapped now.
    let mut gray = 0u32;
    let mut best: Option<(i64, u32)> = None;
    for i in 1u32..(1 << days.len()) {
        let bit = i.trailing_zeros();
        gray ^= 1 << bit;
        toggle(st, days[bit as usize]);
        let value = weigh(st.cost) - start;
        if best.map_or(true, |(v, _)| value < v) {
            best = Some((value, gray));
        }
    }
    // Back to where we started, then apply the best subset through the undo log.
    for (k, &d) in days.iter().enumerate() {
        if gray & (1 << k) != 0 {
            toggle(st, d);
        }
    }
    let (_, chosen) = best?;
    let mut delta = Cost::default();
    for (k, &d) in days.iter().enumerate() {
        if chosen & (1 << k) != 0 {
            let (a, b) = (st.cell(p, d), st.cell(q, d));
            delta += undo.set(st, p, d, b);
            delta += undo.set(st, q, d, a);
        }
    }
    Some(delta)
}

/// Picks a pair and exchanges their cells: half of the time around an unmet request, with
/// a partner who holds what the request asks for; otherwise two people at random.
pub fn pair_move<R: Rng>(st: &mut State, rng: &mut R, undo: &mut Undo, hard_weight: i64) -> Option<Cost> {
    let c = st.c;
    if rng.gen_bool(0.5) {
        for _ in 0..20 {
            let p = rng.gen_range(0..c.n_people);
            let (first, last) = st.horizon(p);
            let d = rng.gen_range(first..=last);
            if st.request_cost(p, d, st.cell(p, d)) > 0 {
                let related = partners(st, p, d);
                if related.is_empty() {
                    return None;
                }
                let q = related[rng.gen_range(0..related.len())];
                return best_exchange(st, rng, undo, p, q, d, hard_weight);
            }
        }
    }
    let p = rng.gen_range(0..c.n_people);
    let q = rng.gen_range(0..c.n_people);
    let (first, last) = st.horizon(p);
    let focus = rng.gen_range(first..=last);
    best_exchange(st, rng, undo, p, q, focus, hard_weight)
}

/// People of p's zone who can give p what p asked for on day d by a swap: for a wanted
/// shift, those who work that shift type that day; for a wanted day off, those off that
/// day who may take p's shift.
fn partners(st: &State, p: usize, d: u32) -> Vec<usize> {
    let c = st.c;
    let now = st.cell(p, d);
    let wanted =
        c.shifts_on(p, d).iter().copied().chain([OFF]).min_by_key(|v| st.request_cost(p, d, *v)).unwrap_or(OFF);
    (0..c.n_people)
        .filter(|&q| q != p && c.zone_of(q) == c.zone_of(p))
        .filter(|&q| {
            let v = st.cell(q, d);
            if wanted == OFF {
                v == OFF && now != OFF && eligible(st, q, now)
            } else {
                v != OFF && c.shift_type[v as usize] == c.shift_type[wanted as usize] && eligible(st, p, v)
            }
        })
        .collect()
}
