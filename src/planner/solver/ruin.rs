//! Ruin and recreate: clear a window of days for a few people of one zone, then re-plan
//! each of them in turn with the row DP (each sees the coverage the previous ones left
//! open). The window is aimed at a weak spot of the roster half of the time or more.

use super::moves::{self, eligible, free, Undo};
use super::rowdp::RowDp;
use super::state::{Cost, State};
use crate::planner::compile::OFF;
use rand::Rng;

/// What a window is aimed at.
#[derive(Clone, Copy)]
enum Aim {
    /// An under-covered shift.
    Shortfall(u32),
    /// A person and day: an unmet request, or a row that breaks a hard rule.
    Person(usize, u32),
    /// Nothing in particular.
    Anywhere,
}

/// One ruin-and-recreate move. Returns the cost change, or None when nothing changed.
pub fn ruin_and_recreate<R: Rng>(st: &mut State, rng: &mut R, undo: &mut Undo, dp: &mut RowDp) -> Option<Cost> {
    let aim = choose_aim(st, rng);
    let (p0, span) = first_person(st, rng, aim)?;
    let (a, b) = window(st, rng, p0, aim, span)?;
    let people = crew(st, rng, p0);
    let mut delta = Cost::default();
    for &p in &people {
        for d in a..=b {
            if free(st, p, d) {
                delta += undo.set(st, p, d, OFF);
            }
        }
    }
    for &p in &people {
        if let Some(x) = dp.apply(st, undo, p, a, b) {
            delta += x;
        }
    }
    if undo.cells.is_empty() {
        return None;
    }
    Some(delta)
}

/// Half of the time an under-covered shift; otherwise, while the roster breaks a hard
/// rule, half of the time someone whose row breaks one; otherwise a third of the time an
/// unmet request.
fn choose_aim<R: Rng>(st: &State, rng: &mut R) -> Aim {
    let c = st.c;
    if rng.gen_bool(0.5) {
        if let Some(s) = moves::random_shortfall(st, rng, 20) {
            return Aim::Shortfall(s);
        }
    }
    if st.cost.hard > 0 && rng.gen_bool(0.5) {
        for _ in 0..50 {
            let p = rng.gen_range(0..c.n_people);
            if st.person_hard[p] > 0 {
                let (first, last) = st.horizon(p);
                let day = st.violation_day(p).unwrap_or_else(|| rng.gen_range(first..=last));
                return Aim::Person(p, day);
            }
        }
    }
    if rng.gen_bool(0.33) {
        if let Some((p, d)) = moves::random_unmet_request(st, rng) {
            return Aim::Person(p, d);
        }
    }
    Aim::Anywhere
}

/// The person the window starts from, and for a surplus worker the two days the window
/// must span. None when the drawn person may not work the aimed-at shift.
///
/// Half of the under-cover windows start from someone who works an over-covered shift
/// and could work the missing one: the window spans both days, so the DP can move that
/// work to where it is missing (Curtois 8 otherwise can end with a late shift too many
/// on one day and an early shift too few three weeks later).
fn first_person<R: Rng>(st: &State, rng: &mut R, aim: Aim) -> Option<(usize, Option<(u32, u32)>)> {
    let c = st.c;
    match aim {
        Aim::Shortfall(s) => match rng.gen_bool(0.5).then(|| surplus_worker(st, rng, s)).flatten() {
            Some((q, d)) => {
                let ds = c.day(q, s);
                Some((q, Some((d.min(ds), d.max(ds)))))
            }
            None => {
                let q = rng.gen_range(0..c.n_people);
                eligible(st, q, s).then_some((q, None))
            }
        },
        Aim::Person(p, _) => Some((p, None)),
        Aim::Anywhere => Some((rng.gen_range(0..c.n_people), None)),
    }
}

/// The window's first and last day in p0's horizon: around the aimed-at day, covering a
/// surplus worker's span when it is shorter than four weeks.
fn window<R: Rng>(st: &State, rng: &mut R, p0: usize, aim: Aim, span: Option<(u32, u32)>) -> Option<(u32, u32)> {
    let c = st.c;
    let (first, last) = st.horizon(p0);
    // Mostly 1–2 weeks; sometimes up to four weeks (a whole short horizon), which lets the
    // DP solve a tight row — minutes, weekends and run lengths together — in one go.
    let longest = if rng.gen_bool(0.25) { 28 } else { 14 };
    let mut len = rng.gen_range(7..=longest).min(last - first + 1);
    let focus = match aim {
        Aim::Shortfall(s) => Some(c.day(p0, s)),
        Aim::Person(_, d) => Some(d),
        Aim::Anywhere => None,
    };
    let a = match (span, focus) {
        (Some((lo, hi)), _) if hi - lo < 28 => {
            len = len.max(hi - lo + 1);
            covering(rng, (first, last), (lo, hi), len)?
        }
        (_, Some(d)) => covering(rng, (first, last), (d, d), len)?,
        (_, None) => rng.gen_range(first..=last + 1 - len),
    };
    Some((a, a + len - 1))
}

/// A random first day for a window of `len` days inside the horizon `first..=last` that
/// covers the days `lo..=hi`; None when no such window exists.
pub(super) fn covering<R: Rng>(rng: &mut R, (first, last): (u32, u32), (lo, hi): (u32, u32), len: u32) -> Option<u32> {
    let start_min = (hi + 1).saturating_sub(len).max(first);
    let start_max = lo.min((last + 1).saturating_sub(len));
    (start_min <= start_max).then(|| rng.gen_range(start_min..=start_max))
}

/// p0 and one to three more people of p0's zone, drawn at random.
fn crew<R: Rng>(st: &State, rng: &mut R, p0: usize) -> Vec<usize> {
    let c = st.c;
    let k = rng.gen_range(2..=4usize);
    let mut people = vec![p0];
    for _ in 0..4 * k {
        if people.len() == k {
            break;
        }
        let q = rng.gen_range(0..c.n_people);
        if c.zone_of(q) == c.zone_of(p0) && !people.contains(&q) {
            people.push(q);
        }
    }
    people
}

/// Someone (and the day) who works a shift above its target and may work shift `s`.
fn surplus_worker<R: Rng>(st: &State, rng: &mut R, s: u32) -> Option<(usize, u32)> {
    let c = st.c;
    for _ in 0..30 {
        let v = rng.gen_range(0..c.n_shifts);
        if st.count[v] <= c.target[v] {
            continue;
        }
        let start = rng.gen_range(0..c.n_people);
        for i in 0..c.n_people {
            let q = (start + i) % c.n_people;
            let d = c.day(q, v as u32);
            if st.cell(q, d) == v as u32 && free(st, q, d) && eligible(st, q, s) {
                return Some((q, d));
            }
        }
    }
    None
}
