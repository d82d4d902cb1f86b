//! Ejection chain: fill an under-covered shift by re-planning one person's window so that
//! they work it; if that leaves another shift under its target, re-plan someone who can
//! fill that one, and so on for a few links. Each link takes the best of a few candidate
//! people (by exact cost change).
//!
//! Why: on Curtois 8 about half of the runs end with a late shift too many on one day and
//! an early shift too few three weeks later. Moving that work needs three or more people
//! to change together (each row is tight on minutes and run lengths); ruin-and-recreate
//! draws its crew at random and rarely finds such a chain.

use super::moves::{eligible, free, random_shortfall, Undo};
use super::rowdp::RowDp;
use super::ruin::covering;
use super::state::{Cost, State};
use crate::planner::compile::OFF;
use rand::Rng;

/// Links per chain, and people tried per link.
const MAX_LINKS: usize = 5;
const CANDIDATES: usize = 6;

/// One ejection chain from a random under-covered shift. Returns the cost change, or
/// None when no link could be made.
pub fn ejection_chain<R: Rng>(
    st: &mut State,
    rng: &mut R,
    undo: &mut Undo,
    dp: &mut RowDp,
    hard_weight: i64,
) -> Option<Cost> {
    let hole = random_shortfall(st, rng, 20)?;
    chain_from(st, rng, undo, dp, hole, hard_weight)
}

/// The chain that starts by filling `hole`.
fn chain_from<R: Rng>(
    st: &mut State,
    rng: &mut R,
    undo: &mut Undo,
    dp: &mut RowDp,
    mut hole: u32,
    hard_weight: i64,
) -> Option<Cost> {
    let mut crew = Vec::with_capacity(MAX_LINKS);
    let mut delta = Cost::default();
    for _ in 0..MAX_LINKS {
        let mark = undo.cells.len();
        let Some((p, x)) = best_link(st, rng, undo, dp, hole, &crew, hard_weight) else { break };
        crew.push(p);
        delta += x;
        // The next hole: a shift this link left, now below its target.
        let left: Vec<u32> = undo.cells[mark..]
            .iter()
            .map(|&(_, _, old, _)| old)
            .filter(|&s| s != OFF && st.count[s as usize] < st.c.target[s as usize])
            .collect();
        if left.is_empty() {
            break;
        }
        hole = left[rng.gen_range(0..left.len())];
    }
    (!undo.cells.is_empty()).then_some(delta)
}

/// Tries up to `CANDIDATES` people who may work `hole` and are not on it, each re-planned
/// over a window around its day with the DP, forced to work it; applies the cheapest.
fn best_link<R: Rng>(
    st: &mut State,
    rng: &mut R,
    undo: &mut Undo,
    dp: &mut RowDp,
    hole: u32,
    crew: &[usize],
    hard_weight: i64,
) -> Option<(usize, Cost)> {
    let c = st.c;
    let mark = undo.cells.len();
    let mut best: Option<(i64, usize, u32, u32)> = None;
    let start = rng.gen_range(0..c.n_people);
    let mut tried = 0;
    for i in 0..c.n_people {
        if tried == CANDIDATES {
            break;
        }
        let p = (start + i) % c.n_people;
        let d = c.day(p, hole);
        if crew.contains(&p) || !eligible(st, p, hole) || !free(st, p, d) || st.cell(p, d) == hole {
            continue;
        }
        tried += 1;
        let (first, last) = st.horizon(p);
        let len = rng.gen_range(7..=14).min(last - first + 1);
        let Some(a) = covering(rng, (first, last), (d, d), len) else { continue };
        let b = a + len - 1;
        if let Some(x) = dp.apply_forcing(st, undo, p, a, b, Some((d, hole))) {
            let cost = x.soft + hard_weight * x.hard;
            if best.is_none_or(|(b, ..)| cost < b) {
                best = Some((cost, p, a, b));
            }
        }
        undo.revert_to(st, mark);
    }
    let (_, p, a, b) = best?;
    let d = c.day(p, hole);
    let x = dp.apply_forcing(st, undo, p, a, b, Some((d, hole)))?;
    Some((p, x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::solver::fixtures::{curtois, greedy_start};

    #[test]
    fn chains_report_their_exact_cost_change_and_undo_cleanly() {
        let c = curtois(8);
        let (mut st, mut rng) = greedy_start(&c, 3);
        let mut dp = RowDp::default();
        let (mut made, mut multi_person) = (0, 0);
        for _ in 0..300 {
            let (grid, cost) = (st.grid.clone(), st.cost);
            let mut undo = Undo::default();
            let Some(hole) = random_shortfall(&st, &mut rng, 20) else { break };
            let Some(delta) = chain_from(&mut st, &mut rng, &mut undo, &mut dp, hole, 1000) else {
                assert_eq!(st.grid, grid, "a chain that made no link changed the roster");
                continue;
            };
            made += 1;
            assert_eq!(st.cost, cost + delta);
            assert_eq!(st.full_cost(), st.cost);
            // The first link's person now works the hole; later links re-plan others.
            let first = undo.cells[0].0;
            assert_eq!(st.cell(first, c.day(first, hole)), hole);
            let mut people: Vec<usize> = undo.cells.iter().map(|cell| cell.0).collect();
            people.dedup();
            if people.len() > 1 {
                multi_person += 1;
            }
            // Keep every other chain, so later ones start from different rosters.
            if made % 2 == 0 {
                undo.revert(&mut st);
                assert_eq!(st.grid, grid);
                assert_eq!(st.cost, cost);
            }
        }
        assert!(made > 100, "only {made} chains out of 300");
        assert!(multi_person > 10, "only {multi_person} chains moved more than one person");
    }
}
