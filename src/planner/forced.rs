//! Forced assignments in the solver's tables. A forced assignment is kept even where it
//! breaks a hard rule; the checker reports those breaks (with the manager's reason) and
//! the search must not be charged for them, or every roster would look infeasible. So
//! each limit a forced assignment takes a person over is raised to the load of what is
//! fixed (history, commitments, locked and forced shifts): the search then pays only
//! for what it adds on top, and every other rule stays as strict as written.

use super::compile::Compiled;

/// Raises person `p`'s limits (weekly minutes and nights, horizon minutes, per type,
/// weekends, consecutive days) to their fixed load where a forced assignment is part
/// of that load and the load is above the limit.
pub fn raise_limits_to_forced_load(c: &mut Compiled, p: usize) {
    let mut mine: Vec<(u32, u32, bool)> =
        c.locked.iter().filter(|(q, _, _)| *q == p).map(|(_, d, s)| (*d, *s, c.is_forced(p, *d))).collect();
    mine.sort_unstable();
    let weeks = c.n_weeks;
    let mut week_minutes: Vec<u32> = c.week_base_minutes[p * weeks..(p + 1) * weeks].to_vec();
    let mut week_nights: Vec<u32> = c.week_base_nights[p * weeks..(p + 1) * weeks].to_vec();
    let mut weekend: Vec<bool> = c.weekend_base[p * weeks..(p + 1) * weeks].to_vec();
    let mut week_forced = vec![false; weeks];
    // A night limit rises only for a forced night: a forced day shift adds no night.
    let mut week_forced_night = vec![false; weeks];
    let mut weekend_forced = false;
    let mut total = 0u32;
    let mut per_type = vec![(0u32, false); c.n_types];
    for (d, s, forced) in &mine {
        let (d, su) = (*d, *s as usize);
        let wk = (d / 7) as usize;
        week_minutes[wk] += c.shift_minutes[su];
        let night = c.is_night_for(p, *s);
        week_nights[wk] += u32::from(night);
        week_forced[wk] |= forced;
        week_forced_night[wk] |= forced & night;
        if d % 7 >= 5 {
            weekend[wk] = true;
            weekend_forced |= forced;
        }
        total += c.shift_minutes[su];
        let t = &mut per_type[c.shift_type[su] as usize];
        t.0 += 1;
        t.1 |= forced;
    }
    let any_forced = mine.iter().any(|(_, _, f)| *f);
    for wk in 0..weeks {
        let i = p * weeks + wk;
        if week_forced[wk] {
            c.week_cap_minutes[i] = c.week_cap_minutes[i].max(week_minutes[wk]);
        }
        if week_forced_night[wk] {
            c.week_cap_nights[i] = c.week_cap_nights[i].max(week_nights[wk]);
        }
    }
    let first = c.horizon[c.zone_of(p)].0;
    let carried = c.history_run[p];
    let lim = &mut c.limits[p];
    if any_forced {
        lim.max_total_minutes = lim.max_total_minutes.max(total);
    }
    for (t, (n, forced)) in per_type.iter().enumerate() {
        if *forced {
            lim.max_per_type[t] = lim.max_per_type[t].max(*n);
        }
    }
    if weekend_forced {
        lim.max_weekends = lim.max_weekends.max(weekend.iter().filter(|w| **w).count() as u32);
    }
    // Consecutive days: the longest stretch of fixed days that holds a forced one.
    let mut i = 0;
    while i < mine.len() {
        let mut j = i;
        while j + 1 < mine.len() && mine[j + 1].0 == mine[j].0 + 1 {
            j += 1;
        }
        if mine[i..=j].iter().any(|(_, _, f)| *f) {
            let len = mine[j].0 - mine[i].0 + 1 + if mine[i].0 == first { carried } else { 0 };
            lim.max_consecutive = lim.max_consecutive.max(len);
        }
        i = j + 1;
    }
}
