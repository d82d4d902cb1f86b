//! Neighbourhood moves over (person, day) cells. A move applies its cell changes to the
//! state right away and records the old values, so the search can undo it in reverse
//! order; the summed `State::set` deltas are the exact cost change of the move.

use super::state::{Cost, State};
use crate::planner::compile::OFF;
use rand::Rng;

/// Cells changed by the current move, with their previous values.
#[derive(Default)]
pub struct Undo {
    /// (person, day, old value, new value)
    pub cells: Vec<(usize, u32, u32, u32)>,
}

impl Undo {
    pub fn set(&mut self, st: &mut State, p: usize, d: u32, v: u32) -> Cost {
        let old = st.cell(p, d);
        if old == v {
            return Cost::default();
        }
        self.cells.push((p, d, old, v));
        st.set(p, d, v)
    }

    /// Undoes the move and forgets it.
    pub fn revert(&mut self, st: &mut State) {
        self.revert_to(st, 0);
    }

    /// Undoes and forgets the changes after the first `mark` ones.
    pub fn revert_to(&mut self, st: &mut State, mark: usize) {
        while self.cells.len() > mark {
            if let Some((p, d, old, _)) = self.cells.pop() {
                st.set(p, d, old);
            }
        }
    }

    /// Undoes the move but keeps it, so that `redo` can apply it again.
    pub fn unapply(&self, st: &mut State) {
        for (p, d, old, _) in self.cells.iter().rev() {
            st.set(*p, *d, *old);
        }
    }

    pub fn redo(&self, st: &mut State) {
        for (p, d, _, new) in &self.cells {
            st.set(*p, *d, *new);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Change,
    Swap,
    BlockSwap,
    BlockSet,
    Transfer,
    Relocate,
    Fill,
}

pub const KINDS: [Kind; 7] =
    [Kind::Change, Kind::Swap, Kind::BlockSwap, Kind::BlockSet, Kind::Transfer, Kind::Relocate, Kind::Fill];

/// The shift of the same type as `s` on local day `d` for person `p`, if any.
fn same_type_on(st: &State, p: usize, s: u32, d: u32) -> Option<u32> {
    let t = st.c.shift_type[s as usize];
    st.c.shifts_on(p, d).iter().copied().find(|x| st.c.shift_type[*x as usize] == t)
}

pub(super) fn free(st: &State, p: usize, d: u32) -> bool {
    !st.c.is_locked(p, d)
}

pub(super) fn eligible(st: &State, p: usize, s: u32) -> bool {
    s == OFF || st.c.may_work(p, s)
}

/// A random value for cell (p, d): off or one of the shifts of that local day.
fn random_value<R: Rng>(st: &State, rng: &mut R, p: usize, d: u32) -> Option<u32> {
    let options = st.c.shifts_on(p, d);
    let k = rng.gen_range(0..=options.len());
    if k == options.len() {
        return Some(OFF);
    }
    let s = options[k];
    eligible(st, p, s).then_some(s)
}

/// A random (person, day) whose request is unmet now, from up to 20 random draws.
pub(super) fn random_unmet_request<R: Rng>(st: &State, rng: &mut R) -> Option<(usize, u32)> {
    for _ in 0..20 {
        let p = rng.gen_range(0..st.c.n_people);
        let (first, last) = st.horizon(p);
        let d = rng.gen_range(first..=last);
        if st.request_cost(p, d, st.cell(p, d)) > 0 {
            return Some((p, d));
        }
    }
    None
}

/// A random shift below its target, from up to `draws` random draws.
pub(super) fn random_shortfall<R: Rng>(st: &State, rng: &mut R, draws: usize) -> Option<u32> {
    let c = st.c;
    (0..draws).map(|_| rng.gen_range(0..c.n_shifts)).find(|&s| st.count[s] < c.target[s]).map(|s| s as u32)
}

fn random_day<R: Rng>(st: &State, rng: &mut R, p: usize) -> u32 {
    let (first, last) = st.horizon(p);
    rng.gen_range(first..=last)
}

/// Applies a random move of `kind`; returns None when the drawn move is not applicable
/// (nothing was changed then).
pub fn apply<R: Rng>(st: &mut State, rng: &mut R, undo: &mut Undo, kind: Kind) -> Option<Cost> {
    let p = rng.gen_range(0..st.c.n_people);
    apply_to(st, rng, undo, kind, p)
}

/// Applies a random move of `kind` that starts from person `p`.
pub fn apply_to<R: Rng>(st: &mut State, rng: &mut R, undo: &mut Undo, kind: Kind, p: usize) -> Option<Cost> {
    let c = st.c;
    let n = c.n_people;
    let mut delta = Cost::default();
    match kind {
        Kind::Change => {
            let d = random_day(st, rng, p);
            let v = random_value(st, rng, p, d)?;
            if !free(st, p, d) || v == st.cell(p, d) {
                return None;
            }
            delta += undo.set(st, p, d, v);
        }
        Kind::Swap | Kind::BlockSwap => {
            let q = rng.gen_range(0..n);
            if q == p || c.zone_of(p) != c.zone_of(q) {
                return None;
            }
            let len = if kind == Kind::Swap { 1 } else { rng.gen_range(2..=7) };
            let (first, last) = st.horizon(p);
            let mut d0 = random_day(st, rng, p);
            if kind == Kind::BlockSwap && rng.gen_bool(0.3) {
                // Whole weekends: the unit that weekend limits count.
                d0 = (d0 - d0 % 7 + 5).min(last);
            }
            let d1 = (d0 + len - 1).min(last);
            let mut any = false;
            for d in d0.max(first)..=d1 {
                let (a, b) = (st.cell(p, d), st.cell(q, d));
                if a == b {
                    continue;
                }
                if !free(st, p, d) || !free(st, q, d) || !eligible(st, p, b) || !eligible(st, q, a) {
                    undo.revert(st);
                    return None;
                }
                delta += undo.set(st, p, d, b);
                delta += undo.set(st, q, d, a);
                any = true;
            }
            if !any {
                return None;
            }
        }
        Kind::BlockSet => {
            // Set a short block to one shift type (or off): builds and removes whole runs,
            // which single-cell moves cannot do without breaking minimum run lengths.
            let len = rng.gen_range(2..=5);
            let (_, last) = st.horizon(p);
            let d0 = random_day(st, rng, p);
            let template = random_value(st, rng, p, d0)?;
            let t = (template != OFF).then(|| c.shift_type[template as usize]);
            for d in d0..=(d0 + len - 1).min(last) {
                let v = match t {
                    None => OFF,
                    Some(t) => match c.shifts_on(p, d).iter().find(|s| c.shift_type[**s as usize] == t) {
                        Some(s) => *s,
                        None => {
                            undo.revert(st);
                            return None;
                        }
                    },
                };
                if st.cell(p, d) == v {
                    continue;
                }
                if !free(st, p, d) || !eligible(st, p, v) {
                    undo.revert(st);
                    return None;
                }
                delta += undo.set(st, p, d, v);
            }
            if undo.cells.is_empty() {
                return None;
            }
        }
        Kind::Transfer => {
            // Give one of p's shifts to q, whose local day for it may differ (other zone).
            let d = random_day(st, rng, p);
            let s = st.cell(p, d);
            let q = rng.gen_range(0..n);
            if s == OFF || q == p || !free(st, p, d) || !eligible(st, q, s) {
                return None;
            }
            let dq = c.day(q, s);
            if st.cell(q, dq) != OFF || !free(st, q, dq) {
                return None;
            }
            delta += undo.set(st, p, d, OFF);
            delta += undo.set(st, q, dq, s);
        }
        Kind::Relocate => {
            // Move one of p's shifts to another day (same type): keeps their minutes and
            // per-type counts, which are often tight.
            let a = random_day(st, rng, p);
            let (first, last) = st.horizon(p);
            let b = if rng.gen_bool(0.5) {
                random_day(st, rng, p)
            } else {
                let lo = a.saturating_sub(7).max(first);
                rng.gen_range(lo..=(a + 7).min(last))
            };
            let (va, vb) = (st.cell(p, a), st.cell(p, b));
            if a == b || va == vb || !free(st, p, a) || !free(st, p, b) {
                return None;
            }
            let new_b = if va == OFF { OFF } else { same_type_on(st, p, va, b)? };
            let new_a = if vb == OFF { OFF } else { same_type_on(st, p, vb, a)? };
            if !eligible(st, p, new_a) || !eligible(st, p, new_b) {
                return None;
            }
            delta += undo.set(st, p, a, new_a);
            delta += undo.set(st, p, b, new_b);
        }
        Kind::Fill => {
            // Put p on a shift below its target (instead of what p does that day). On
            // long horizons with many shift types a random change almost never lands on
            // one of the few shifts that are short.
            let s = random_shortfall(st, rng, 8)?;
            let d = c.day(p, s);
            if !eligible(st, p, s) || !free(st, p, d) || st.cell(p, d) == s {
                return None;
            }
            delta += undo.set(st, p, d, s);
        }
    }
    Some(delta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::solver::fixtures::curtois;
    use crate::planner::solver::rng::FastRng;

    #[test]
    fn a_fill_puts_someone_eligible_on_a_shift_below_its_target() {
        let c = curtois(5);
        let mut st = State::new(&c);
        let mut rng = FastRng::seed_from_u64(3);
        let mut undo = Undo::default();
        let mut filled = 0;
        for _ in 0..500 {
            undo.cells.clear();
            let before = st.count.clone();
            let cost = st.cost;
            if let Some(delta) = apply(&mut st, &mut rng, &mut undo, Kind::Fill) {
                assert_eq!(undo.cells.len(), 1, "a fill changes one cell");
                let (p, _, _, s) = undo.cells[0];
                assert!(before[s as usize] < c.target[s as usize], "shift {s} was not short");
                assert!(eligible(&st, p, s));
                assert_eq!(cost + delta, st.cost);
                filled += 1;
            }
        }
        // Until the shifts reach their targets most draws find one; afterwards none can.
        assert!(filled > 50, "{filled} fills");
        let incremental = st.cost;
        assert_eq!(st.full_cost(), incremental);
    }
}
