//! Bounds on sizes and numbers. Within them no input can make the planner overflow
//! its integer costs, panic on a date at the edge of chrono's range, or allocate
//! without limit; outside them the input is refused, naming the field. The limits
//! are far beyond any support desk (and the Curtois–Qu benchmark: 364 days, weights
//! up to 100).

use super::definitions::local_day;
use super::model::{Problem, Weights};
use super::validate::{invalid, parse_zone, InvalidInput};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// A plan covers at most two years of shifts: every per-day array is this long at most.
pub const MAX_HORIZON_DAYS: i64 = 731;
/// Every weight, and a request's own weight, at most this: a roster's cost stays far
/// inside i64 however many cells break a rule.
pub const MAX_WEIGHT: i64 = 1_000_000;
/// Nights, weekends or holidays a person worked in earlier periods, at most this
/// (fairness squares them).
pub const MAX_LEDGER: u32 = 10_000;
/// People a shift may ask for, in all and per skill.
pub const MAX_HEADCOUNT: u32 = 10_000;
/// People and shifts in one problem: with the limits above, the worst cost of a roster
/// stays inside i64 (see the test below).
pub const MAX_PEOPLE: usize = 10_000;
pub const MAX_SHIFTS: usize = 1_000_000;
/// Commitments per person: every shift is compared with each of them when compiling.
pub const MAX_COMMITMENTS: usize = 1_000;
/// A commitment is a duty (another desk's shift, a training), at most this long: its
/// minutes count toward a week and its nights are found day by day, so an open-ended
/// one would overflow the weekly sums and take seconds. A longer absence is time off.
pub const MAX_COMMITMENT_DAYS: i64 = 31;

/// Instants from 1900 to 9998: local dates and weeks around them exist in every zone.
fn check_instant(field: String, at: DateTime<Utc>) -> Result<(), InvalidInput> {
    let earliest = Utc.with_ymd_and_hms(1900, 1, 1, 0, 0, 0).single();
    let latest = Utc.with_ymd_and_hms(9999, 1, 1, 0, 0, 0).single();
    match (earliest, latest) {
        (Some(lo), Some(hi)) if lo <= at && at < hi => Ok(()),
        _ => Err(invalid(field, format!("{at} is outside the years 1900–9998"))),
    }
}

fn check_weight(field: String, weight: i64) -> Result<(), InvalidInput> {
    if (0..=MAX_WEIGHT).contains(&weight) {
        Ok(())
    } else {
        Err(invalid(field, format!("a weight is between 0 and {MAX_WEIGHT}, not {weight}")))
    }
}

fn named_weights(w: &Weights) -> [(&'static str, i64); 12] {
    [
        ("below_minimum", w.below_minimum),
        ("below_target", w.below_target),
        ("above_target", w.above_target),
        ("skill_shortfall", w.skill_shortfall),
        ("request", w.request),
        ("fairness_nights", w.fairness_nights),
        ("fairness_weekends", w.fairness_weekends),
        ("fairness_holidays", w.fairness_holidays),
        ("backward_rotation", w.backward_rotation),
        ("outside_daytime", w.outside_daytime),
        ("change_from_previous", w.change_from_previous),
        ("isolated_day", w.isolated_day),
    ]
}

/// Checks dates, the horizon's length, weights, ledgers and that history lies before
/// the first shift. Returns the first problem found.
pub fn check_bounds(problem: &Problem) -> Result<(), InvalidInput> {
    if problem.people.len() > MAX_PEOPLE {
        return Err(invalid("people".into(), format!("at most {MAX_PEOPLE} people in one plan")));
    }
    if problem.shifts.len() > MAX_SHIFTS {
        return Err(invalid("shifts".into(), format!("at most {MAX_SHIFTS} shifts in one plan")));
    }
    for (name, weight) in named_weights(&problem.weights) {
        check_weight(format!("weights.{name}"), weight)?;
    }
    for (i, s) in problem.shifts.iter().enumerate() {
        check_instant(format!("shifts[{i}].start"), s.start)?;
        check_instant(format!("shifts[{i}].end"), s.end)?;
        if s.target_headcount > MAX_HEADCOUNT {
            return Err(invalid(format!("shifts[{i}].target_headcount"), format!("at most {MAX_HEADCOUNT}")));
        }
        for (j, m) in s.skill_minimums.iter().enumerate() {
            if m.min > MAX_HEADCOUNT {
                return Err(invalid(
                    format!("shifts[{i}].skill_minimums[{j}].min"),
                    format!("at most {MAX_HEADCOUNT}"),
                ));
            }
        }
        if let Some(w) = s.weight_below_target {
            check_weight(format!("shifts[{i}].weight_below_target"), w)?;
        }
        if let Some(w) = s.weight_above_target {
            check_weight(format!("shifts[{i}].weight_above_target"), w)?;
        }
    }
    let first = problem.shifts.iter().map(|s| s.start).min();
    if let (Some(first), Some((i, last))) =
        (first, problem.shifts.iter().enumerate().max_by_key(|(_, s)| s.end).map(|(i, s)| (i, s.end)))
    {
        if last - first > Duration::days(MAX_HORIZON_DAYS) {
            return Err(invalid(
                format!("shifts[{i}].end"),
                format!(
                    "the shifts span {} days, from {first} to {last}; a plan covers at most {MAX_HORIZON_DAYS}",
                    (last - first).num_days()
                ),
            ));
        }
    }
    for (i, p) in problem.people.iter().enumerate() {
        // History is what was worked before this plan. The search reads rest from it
        // for the first days of the plan only (and runs and successions from the days
        // before it), so a history shift may start on the person's first local day of
        // the plan at the latest; one later in the plan would not be seen by the shifts
        // after it.
        let zone = parse_zone(&p.zone, &format!("people[{i}].zone"))?;
        let first_day = problem.shifts.iter().map(|s| local_day(zone, s.start)).min();
        for (j, h) in p.history.iter().enumerate() {
            check_instant(format!("people[{i}].history[{j}].start"), h.start)?;
            check_instant(format!("people[{i}].history[{j}].end"), h.end)?;
            let day = local_day(zone, h.start);
            if let Some(first_day) = first_day.filter(|first_day| day > *first_day) {
                return Err(invalid(
                    format!("people[{i}].history[{j}].start"),
                    format!(
                        "history starts on {day} ({}), after the person's first day of this plan ({first_day})",
                        p.zone
                    ),
                ));
            }
        }
        if p.commitments.len() > MAX_COMMITMENTS {
            return Err(invalid(format!("people[{i}].commitments"), format!("at most {MAX_COMMITMENTS} per person")));
        }
        for (j, k) in p.commitments.iter().enumerate() {
            check_instant(format!("people[{i}].commitments[{j}].start"), k.start)?;
            check_instant(format!("people[{i}].commitments[{j}].end"), k.end)?;
            if k.end - k.start > Duration::days(MAX_COMMITMENT_DAYS) {
                return Err(invalid(
                    format!("people[{i}].commitments[{j}].end"),
                    format!(
                        "a commitment lasts at most {MAX_COMMITMENT_DAYS} days, not {}; a longer absence is time off \
                         (`unavailable`)",
                        (k.end - k.start).num_days()
                    ),
                ));
            }
        }
        for (j, r) in p.requests.iter().enumerate() {
            check_weight(format!("people[{i}].requests[{j}].weight"), i64::from(r.weight))?;
        }
        let ledger = [("nights", p.ledger.nights), ("weekends", p.ledger.weekends), ("holidays", p.ledger.holidays)];
        for (name, count) in ledger {
            if count > MAX_LEDGER {
                return Err(invalid(
                    format!("people[{i}].ledger.{name}"),
                    format!("at most {MAX_LEDGER}, not {count}"),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::model::Person;

    fn problem(first_start: &str, last_end: &str) -> Problem {
        let json = serde_json::json!({
            "shift_types": [{"id": "day"}],
            "shifts": [
                {"id": "a", "shift_type": "day", "start": first_start, "end": "2026-01-05T17:00:00Z", "target_headcount": 1},
                {"id": "b", "shift_type": "day", "start": "2027-12-31T09:00:00Z", "end": last_end, "target_headcount": 1}
            ],
            "contracts": [{"id": "c"}],
            "people": [{"id": "p", "zone": "Europe/Warsaw", "contract": "c"}]
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn two_years_of_shifts_pass_and_a_day_more_does_not() {
        // 2026-01-05 09:00 to 2028-01-06 09:00 is exactly 731 days.
        assert_eq!(check_bounds(&problem("2026-01-05T09:00:00Z", "2028-01-06T09:00:00Z")), Ok(()));
        let err = check_bounds(&problem("2026-01-05T09:00:00Z", "2028-01-06T10:00:00Z")).unwrap_err();
        assert_eq!(err.field, "shifts[1].end");
    }

    #[test]
    fn more_people_than_the_limit_are_refused() {
        let mut p = problem("2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z");
        let person = p.people[0].clone();
        p.people = (0..=MAX_PEOPLE).map(|i| Person { id: format!("p{i}"), ..person.clone() }).collect();
        assert_eq!(check_bounds(&p).unwrap_err().field, "people");
        p.people.pop();
        assert_eq!(check_bounds(&p), Ok(()));
    }

    #[test]
    fn open_ended_time_off_is_welcome() {
        let mut p = problem("2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z");
        let json = serde_json::json!({"start": "2026-01-01T00:00:00Z", "end": "9999-12-31T23:59:59Z"});
        p.people[0].unavailable.push(serde_json::from_value(json).unwrap());
        assert_eq!(check_bounds(&p), Ok(()));
    }

    #[test]
    fn a_commitment_longer_than_a_month_is_refused_naming_its_end() {
        let mut p = problem("2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z");
        let month =
            serde_json::json!({"label": "training", "start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"});
        p.people[0].commitments.push(serde_json::from_value(month).unwrap());
        assert_eq!(check_bounds(&p), Ok(()));
        let open =
            serde_json::json!({"label": "other desk", "start": "2026-01-01T00:00:00Z", "end": "9998-12-31T00:00:00Z"});
        p.people[0].commitments.push(serde_json::from_value(open).unwrap());
        let err = check_bounds(&p).unwrap_err();
        assert_eq!(err.field, "people[0].commitments[1].end");
        assert!(err.message.contains("at most 31 days"), "{}", err.message);
    }

    #[test]
    fn instants_outside_1900_to_9998_are_refused() {
        let err = check_bounds(&problem("1899-12-31T23:59:59Z", "2028-01-01T09:00:00Z")).unwrap_err();
        assert_eq!(err.field, "shifts[0].start");
    }

    #[test]
    fn the_limits_keep_every_cost_inside_i64() {
        // Every shift short of its largest headcount at the largest weight, and every
        // person at the ledger's limit plus a night each day, squared, at the largest
        // weight, for nights, weekends and holidays. A constant raised too far fails here.
        let cover = (MAX_WEIGHT as i128) * i128::from(MAX_HEADCOUNT) * MAX_SHIFTS as i128;
        let worst_count = i128::from(MAX_LEDGER) + i128::from(MAX_HORIZON_DAYS as u32);
        let fairness = (MAX_WEIGHT as i128) * worst_count.pow(2) * MAX_PEOPLE as i128 * 3;
        assert!(cover + fairness < i128::from(i64::MAX), "{cover} + {fairness}");
    }
}
