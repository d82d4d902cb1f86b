//! Forced assignments in the solver's tables. A forced assignment is kept even where it
//! breaks a hard rule; the checker reports those breaks (with the manager's reason) and
//! the search must not be charged for them, or every roster would look infeasible. So
//! each limit a forced assignment takes a person over is raised to the load of what is
//! fixed (history, commitments, locked and forced shifts): the search then pays only
//! for what it adds on top, and every other rule stays as strict as written. The
//! consecutive-day limit is not a count over the person's row but over each run: only
//! the run that holds a forced stretch may be as long as that stretch (`forced_runs`).

use super::compile::Compiled;

/// Raises person `p`'s limits (weekly minutes and nights, horizon minutes, per type,
/// weekends) to their fixed load where a forced assignment is part of that load and
/// the load is above the limit, and lists the forced stretches longer than the
/// consecutive-day limit (the runs holding them may be that long, no other run).
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
        // History and commitments may already hold a great deal: saturate, not wrap.
        week_minutes[wk] = week_minutes[wk].saturating_add(c.shift_minutes[su]);
        let night = c.is_night_for(p, *s);
        week_nights[wk] = week_nights[wk].saturating_add(u32::from(night));
        week_forced[wk] |= forced;
        week_forced_night[wk] |= forced & night;
        if d % 7 >= 5 {
            weekend[wk] = true;
            weekend_forced |= forced;
        }
        total = total.saturating_add(c.shift_minutes[su]);
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
    // Consecutive days: each stretch of fixed days that holds a forced one and is longer
    // than the limit allows its own run that length.
    let max = lim.max_consecutive;
    let mut stretches = Vec::new();
    let mut i = 0;
    while i < mine.len() {
        let mut j = i;
        while j + 1 < mine.len() && mine[j + 1].0 == mine[j].0 + 1 {
            j += 1;
        }
        if mine[i..=j].iter().any(|(_, _, f)| *f) {
            let len = mine[j].0 - mine[i].0 + 1 + if mine[i].0 == first { carried } else { 0 };
            if len > max {
                stretches.push((mine[i].0, len));
            }
        }
        i = j + 1;
    }
    c.forced_runs[p] = stretches;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::compile::compile;

    #[test]
    fn a_forced_shift_in_a_week_full_of_commitments_saturates_the_weekly_load() {
        let json = serde_json::json!({
            "shift_types": [{"id": "day"}],
            "shifts": [{"id": "d", "shift_type": "day", "start": "2026-03-02T08:00:00Z",
                        "end": "2026-03-02T16:00:00Z", "target_headcount": 1}],
            "contracts": [{"id": "c", "max_minutes_per_week": 2400}],
            "people": [{"id": "p", "zone": "UTC", "contract": "c",
                        "locked": [{"shift": "d", "forced": true, "reason": "cover"}]}]
        });
        let mut c = compile(&serde_json::from_value(json).unwrap()).unwrap();
        c.week_base_minutes.iter_mut().for_each(|m| *m = u32::MAX - 1);
        raise_limits_to_forced_load(&mut c, 0);
        assert_eq!(c.week_cap_minutes[0], u32::MAX);
    }
}
