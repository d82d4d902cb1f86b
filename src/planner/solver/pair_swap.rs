//! The best exchange between two people: on up to `MAX_DAYS` days where their cells
//! differ, every subset of days to swap is tried, and the cheapest one is applied.
//!
//! Swapping two people's cells on a day leaves the coverage as it was, so these moves
//! trade requests and row costs between two people at no coverage risk. Single swaps
//! and block swaps reach the same rosters only through states that break minimum run
//! lengths or the minutes limits; trying all subsets finds the combination that keeps
//! both rows valid (Curtois instance 9, docs/planner-experiments.md). The subsets are visited in
//! Gray-code order, so each one is a single swap away from the last.

use super::moves::{eligible, free, random_unmet_request, Undo};
use super::state::{Cost, State};
use crate::planner::compile::OFF;
use rand::Rng;

/// 2^10 subsets, each two cell changes. Ten days against eight or twelve, and one such
/// move every 150 iterations, did best on Curtois 8 and 9 (docs/planner-experiments.md).
const MAX_DAYS: usize = 10;

/// Exchanges cells between `p` and `q` on the best subset of their swappable days near
/// `focus`. Returns the cost change, or None when nothing changed.
pub fn best_exchange<R: Rng>(
    st: &mut State,
    rng: &mut R,
    undo: &mut Undo,
    (p, q): (usize, usize),
    focus: u32,
    hard_weight: i64,
) -> Option<Cost> {
    let c = st.c;
    if p == q || c.zone_of(p) != c.zone_of(q) {
        return None;
    }
    let (first, last) = st.horizon(p);
    let swappable = |st: &State, d: u32| {
        let (a, b) = (st.cell(p, d), st.cell(q, d));
        a != b && free(st, p, d) && free(st, q, d) && eligible(st, p, b) && eligible(st, q, a)
    };
    // The days nearest the focus, walking outwards; at equal distance a coin decides
    // which side comes first, so both get a turn. Costs O(days looked at), not O(horizon).
    let focus = focus.clamp(first, last);
    let later_first = rng.gen_bool(0.5);
    let mut days = Vec::with_capacity(MAX_DAYS);
    for k in 0..=(last - first) {
        let (before, after) = (focus.checked_sub(k).filter(|&d| d >= first), Some(focus + k).filter(|&d| d <= last));
        if before.is_none() && after.is_none() {
            break;
        }
        let sides = if k == 0 {
            [after, None]
        } else if later_first {
            [after, before]
        } else {
            [before, after]
        };
        for d in sides.into_iter().flatten() {
            if days.len() < MAX_DAYS && swappable(st, d) {
                days.push(d);
            }
        }
        if days.len() == MAX_DAYS {
            break;
        }
    }
    exchange_on(st, undo, (p, q), &days, hard_weight)
}

/// Swaps `p`'s and `q`'s cells on the cheapest non-empty subset of `days` (at most 31),
/// weighing hard units by `hard_weight`. Returns the cost change, or None for no days.
fn exchange_on(
    st: &mut State,
    undo: &mut Undo,
    (p, q): (usize, usize),
    days: &[u32],
    hard_weight: i64,
) -> Option<Cost> {
    if days.is_empty() || days.len() > 31 {
        return None;
    }
    let weigh = |cost: Cost| cost.soft + hard_weight * cost.hard;
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
        let value = weigh(st.cost);
        if best.is_none_or(|(v, _)| value < v) {
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
        if let Some((p, d)) = random_unmet_request(st, rng) {
            let related = partners(st, p, d);
            if related.is_empty() {
                return None;
            }
            let q = related[rng.gen_range(0..related.len())];
            return best_exchange(st, rng, undo, (p, q), d, hard_weight);
        }
    }
    let p = rng.gen_range(0..c.n_people);
    let q = rng.gen_range(0..c.n_people);
    let (first, last) = st.horizon(p);
    let focus = rng.gen_range(first..=last);
    best_exchange(st, rng, undo, (p, q), focus, hard_weight)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::solver::fixtures::{curtois, greedy_start};

    /// The cost of swapping exactly the days in `subset` (bit k = days[k]), by plain
    /// setting and resetting.
    fn cost_of(st: &mut State, (p, q): (usize, usize), days: &[u32], subset: u32, hard_weight: i64) -> i64 {
        let mut undo = Undo::default();
        for (k, &d) in days.iter().enumerate() {
            if subset & (1 << k) != 0 {
                let (a, b) = (st.cell(p, d), st.cell(q, d));
                undo.set(st, p, d, b);
                undo.set(st, q, d, a);
            }
        }
        let value = st.cost.soft + hard_weight * st.cost.hard;
        undo.revert(st);
        value
    }

    #[test]
    fn the_exchange_is_the_cheapest_subset_keeps_coverage_and_can_be_undone() {
        let c = curtois(9);
        let (mut st, _) = greedy_start(&c, 5);
        let hard_weight = 150;
        let mut tried = 0;
        for (p, q) in [(0, 1), (2, 9), (10, 20), (17, 30)] {
            let (first, last) = st.horizon(p);
            let days: Vec<u32> = (first..=last).filter(|&d| st.cell(p, d) != st.cell(q, d)).take(8).collect();
            if days.len() < 3 {
                continue;
            }
            tried += 1;
            let cheapest = (1..1u32 << days.len()).map(|m| cost_of(&mut st, (p, q), &days, m, hard_weight)).min();
            let (grid, count, cost) = (st.grid.clone(), st.count.clone(), st.cost);
            let mut undo = Undo::default();
            let delta = exchange_on(&mut st, &mut undo, (p, q), &days, hard_weight).unwrap();
            assert_eq!(Some(st.cost.soft + hard_weight * st.cost.hard), cheapest, "pair {p},{q}");
            assert_eq!(st.count, count, "a swap leaves every shift's headcount as it was");
            assert_eq!(cost + delta, st.cost);
            let incremental = st.cost;
            assert_eq!(st.full_cost(), incremental);
            undo.revert(&mut st);
            assert_eq!((st.grid.clone(), st.cost), (grid, cost));
        }
        assert!(tried >= 2, "the test needs pairs whose rows differ");
    }
}
