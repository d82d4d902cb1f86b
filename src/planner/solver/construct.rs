//! Greedy construction: fill shifts in time order with the candidate whose assignment
//! lowers the cost most, using the same incremental evaluation as the search. It gives
//! annealing a covered starting point, which matters most under short budgets.

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
