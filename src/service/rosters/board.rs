//! The roster board: everyone who staffs the desk, grouped by team, day by day in the
//! desk's zone, with their shifts, approved leave and public holidays, their totals
//! for the horizon, and how many each shift has against its minimum and target.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc, Weekday};

use super::{problem, readable, words, RosterDetail};
use crate::domain::job::Job;
use crate::domain::time_zone::stored_zone;
use crate::domain::Person;
use crate::planner::checker::check;
use crate::planner::checker::Violation;
use crate::planner::explain::shortfalls_of;
use crate::planner::model::{self, ForcedViolation, Shortfall};
use crate::planner::time::resolve_local;
use crate::service::{holidays, time_off, Actor, Context, Error};
use crate::store::{self, DbConnection};

/// A UTC interval, end exclusive.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// One person's day on the board.
#[derive(Debug, Clone, Default)]
pub struct BoardDay {
    /// (index into `RosterDetail::assignments`, index into `RosterDetail::shifts`) of
    /// the person's shifts starting that day.
    pub assignments: Vec<(usize, usize)>,
    /// Approved time off touches the day.
    pub leave: bool,
    /// A public holiday of the person's region on that date.
    pub holiday: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BoardPerson {
    pub person: Person,
    pub days: Vec<BoardDay>,
    /// Minutes on the horizon's shifts.
    pub minutes: i64,
    pub shifts: usize,
    /// Shifts starting on a Saturday or Sunday in the person's zone.
    pub weekend_shifts: usize,
    /// Shifts on a public holiday of the person's region.
    pub holiday_shifts: usize,
    /// Night shifts by the person's own night rule (zone and contract).
    pub nights: u32,
    /// The planner's skills of the person ("lang:de", "tier:L2" …), for filtering.
    pub skills: Vec<String>,
    /// Nights, weekends and holidays over the fairness look-back and this roster,
    /// minus the mean of the desk's staff: what the planner evens out (None for
    /// someone assigned from outside the staff).
    pub fairness: Option<Fairness>,
}

/// Differences from the team's mean (positive: more than the others).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Fairness {
    pub nights: f64,
    pub weekends: f64,
    pub holidays: f64,
}

#[derive(Debug, Clone)]
pub struct BoardGroup {
    pub team: String,
    pub people: Vec<BoardPerson>,
}

#[derive(Debug, Clone)]
pub struct Board {
    pub detail: RosterDetail,
    /// The horizon's days in the desk's zone.
    pub days: Vec<NaiveDate>,
    pub groups: Vec<BoardGroup>,
    /// Per shift of `detail.shifts`: how many are on it.
    pub assigned: Vec<usize>,
    /// Per shift: its day's index in `days` (by its start in the desk's zone).
    pub shift_day: Vec<Option<usize>>,
    /// The plan job queued or running on the roster, if any.
    pub active_job: Option<Job>,
    /// Whether the caller manages the desk (plans, publishes, edits).
    pub manages: bool,
    /// The roster as it stands now, judged by the planner's checker.
    pub judged: Judged,
}

/// The checker's word on the roster as stored (after plans and edits alike).
#[derive(Debug, Clone, Default)]
pub struct Judged {
    /// Shift id → what it is short of, with the reason per candidate.
    pub shortfalls: HashMap<String, Vec<Shortfall>>,
    /// Soft rules' costs; lower is better.
    pub score_total: i64,
    pub score_by_rule: BTreeMap<String, i64>,
    /// Hard rules broken now (e.g. time off approved after publishing).
    pub violations: Vec<Violation>,
    /// Hard rules forced assignments break, on a manager's word.
    pub forced: Vec<ForcedViolation>,
}

/// The roster's board, for whoever may read the roster.
pub fn board(ctx: &Context, actor: &Actor, id: &str) -> Result<Board, Error> {
    ctx.read(|conn| {
        let (roster, desk) = readable(conn, actor, id)?;
        let manages = actor.manages_desk(&desk);
        let active_job = store::jobs::active_for_roster(conn, &roster.id)?;
        let detail = RosterDetail::load(conn, roster, desk)?;
        // The staff are read once: the board's rows and the planner's people.
        let staff = problem::staff(conn, &detail.desk)?;
        let mut problem =
            problem::build_with_staff(conn, &detail.desk, &detail.roster, &detail.shifts, &detail.assignments, &staff)?;
        let mut board = build(conn, detail, &mut problem, staff)?;
        board.active_job = active_job;
        board.manages = manages;
        Ok(board)
    })
}

/// The stored assignments of the problem's people judged; a person no longer on the
/// desk's staff (left the team) is not the planner's to judge. The rules are checked
/// with the roster kept as it is (so a forced assignment's clash with it is a forced
/// break, as when it was forced); candidates are told why they are not on a shift.
fn judge(problem: &mut model::Problem, detail: &RosterDetail) -> Result<(Judged, Vec<model::PersonTally>), Error> {
    let staff: std::collections::HashSet<&str> = problem.people.iter().map(|p| p.id.as_str()).collect();
    let assignments: Vec<model::Assignment> = detail
        .assignments
        .iter()
        .filter(|a| staff.contains(a.person_id.as_str()))
        .map(|a| model::Assignment { shift: a.shift_id.clone(), person: a.person_id.clone() })
        .collect();
    let failed = |e: crate::planner::validate::InvalidInput| Error::Internal(format!("board check: {e}"));
    // The candidates first, on the problem as the planner sees it; then the stored
    // cells are kept (the problem is not used unlocked after this) for the rules.
    let found = shortfalls_of(problem, &assignments).map_err(failed)?;
    problem::keep(problem, detail.assignments.iter());
    let mut report = check(problem, &assignments).map_err(failed)?;
    let mut shortfalls: HashMap<String, Vec<Shortfall>> = HashMap::new();
    for mut shortfall in found {
        for candidate in &mut shortfall.candidates {
            candidate.message = words::shift_names(&detail.shifts, &candidate.message);
        }
        shortfalls.entry(shortfall.shift.clone()).or_default().push(shortfall);
    }
    for v in &mut report.violations {
        v.message = words::shift_names(&detail.shifts, &v.message);
    }
    for f in &mut report.forced {
        f.message = words::shift_names(&detail.shifts, &f.message);
    }
    let score = report.score;
    let judged = Judged {
        shortfalls,
        score_total: score.total,
        score_by_rule: score.by_rule,
        violations: report.violations,
        forced: report.forced,
    };
    Ok((judged, score.by_person))
}

/// Each of the desk's staff's ledger plus this roster (counted as the planner counts:
/// weekends worked, not weekend shifts) against the mean of all the staff, which is
/// what the planner's fairness evens out; None for someone assigned from outside.
fn fairness(groups: &mut [BoardGroup], problem: &model::Problem, tallies: &HashMap<&str, &model::PersonTally>) {
    let totals: HashMap<&str, [f64; 3]> = problem
        .people
        .iter()
        .map(|p| {
            let now = tallies.get(p.id.as_str()).copied().cloned().unwrap_or_default();
            let total = [
                f64::from(p.ledger.nights + now.nights),
                f64::from(p.ledger.weekends + now.weekends),
                f64::from(p.ledger.holidays + now.holidays),
            ];
            (p.id.as_str(), total)
        })
        .collect();
    if totals.is_empty() {
        return;
    }
    let n = totals.len() as f64;
    let mean = |k: usize| totals.values().map(|t| t[k]).sum::<f64>() / n;
    let means = [mean(0), mean(1), mean(2)];
    for row in groups.iter_mut().flat_map(|g| g.people.iter_mut()) {
        row.fairness = totals.get(row.person.id.as_str()).map(|t| Fairness {
            nights: t[0] - means[0],
            weekends: t[1] - means[1],
            holidays: t[2] - means[2],
        });
    }
}

fn build(
    conn: &mut DbConnection,
    detail: RosterDetail,
    problem: &mut model::Problem,
    staff: Vec<Person>,
) -> Result<Board, Error> {
    let (judged, tallies) = judge(problem, &detail)?;
    let tally_of: HashMap<&str, &model::PersonTally> = tallies.iter().map(|t| (t.person.as_str(), t)).collect();
    let zone = stored_zone(&detail.desk.time_zone);
    let (first, last) = (detail.roster.first_date, detail.roster.last_date);
    let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    let index_of = |date: NaiveDate| usize::try_from((date - first).num_days()).ok().filter(|i| *i < days.len());
    let shift_day: Vec<Option<usize>> =
        detail.shifts.iter().map(|s| index_of(s.start.with_timezone(&zone).date_naive())).collect();
    let shift_index: HashMap<&str, usize> = detail.shifts.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let mut assigned = vec![0; detail.shifts.len()];
    for a in &detail.assignments {
        if let Some(i) = shift_index.get(a.shift_id.as_str()) {
            assigned[*i] += 1;
        }
    }

    // Everyone active in the desk's teams, then anyone assigned from elsewhere.
    let team_names = store::teams::names(conn, &detail.desk.teams)?;
    // Each person under the first of the desk's teams they sit in.
    let mut groups: Vec<(String, Vec<Person>)> = detail
        .desk
        .teams
        .iter()
        .map(|team| (team_names.get(team).cloned().unwrap_or_else(|| team.clone()), Vec::new()))
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    for person in staff {
        if let Some(i) = detail.desk.teams.iter().position(|t| person.teams.iter().any(|s| &s.team_id == t)) {
            seen.insert(person.id.clone());
            groups[i].1.push(person);
        }
    }
    let mut others = Vec::new();
    for a in &detail.assignments {
        if seen.insert(a.person_id.clone()) {
            if let Some(person) = store::people::find(conn, &a.person_id)? {
                others.push(person);
            }
        }
    }
    if !others.is_empty() {
        groups.push(("From other teams".into(), others));
    }

    let midnight = |date: NaiveDate| resolve_local(zone, date.and_time(NaiveTime::MIN));
    let (start, end) = (midnight(first), midnight(last + Days::new(1)));
    let everyone: Vec<String> = seen.into_iter().collect();
    let leave = time_off::approved_unavailability(conn, &everyone, start, end)?;
    let mut leave_spans: HashMap<String, Vec<Span>> = HashMap::new();
    for unavailable in leave {
        leave_spans.entry(unavailable.person_id).or_default().push((unavailable.start, unavailable.end));
    }
    let mut holidays_of: HashMap<String, HashMap<NaiveDate, String>> = HashMap::new();

    let mut board_groups = Vec::new();
    for (team, people) in groups {
        let mut rows = Vec::new();
        for person in people {
            if !holidays_of.contains_key(&person.holiday_region) {
                let days_off = holidays::in_range(conn, &person.holiday_region, first, last)?;
                holidays_of
                    .insert(person.holiday_region.clone(), days_off.into_iter().map(|h| (h.date, h.name)).collect());
            }
            let holidays = &holidays_of[&person.holiday_region];
            let own_zone = stored_zone(&person.time_zone);
            let spans = leave_spans.get(&person.id).map(Vec::as_slice).unwrap_or(&[]);
            let mut board_days: Vec<BoardDay> = days
                .iter()
                .map(|date| {
                    let (day_start, day_end) = (midnight(*date), midnight(*date + Days::new(1)));
                    BoardDay {
                        assignments: Vec::new(),
                        leave: spans.iter().any(|(s, e)| *s < day_end && *e > day_start),
                        holiday: holidays.get(date).cloned(),
                    }
                })
                .collect();
            let nights = tally_of.get(person.id.as_str()).map_or(0, |t| t.nights);
            let skills = words::person_skills(&person);
            let mut row = BoardPerson {
                person,
                days: Vec::new(),
                minutes: 0,
                shifts: 0,
                weekend_shifts: 0,
                holiday_shifts: 0,
                nights,
                skills,
                fairness: None,
            };
            for (ai, a) in detail.assignments.iter().enumerate().filter(|(_, a)| a.person_id == row.person.id) {
                let Some(&si) = shift_index.get(a.shift_id.as_str()) else { continue };
                let shift = &detail.shifts[si];
                row.minutes += (shift.end - shift.start).num_minutes();
                row.shifts += 1;
                let local = shift.start.with_timezone(&own_zone).date_naive();
                if matches!(local.weekday(), Weekday::Sat | Weekday::Sun) {
                    row.weekend_shifts += 1;
                }
                if holidays.contains_key(&local) {
                    row.holiday_shifts += 1;
                }
                if let Some(day) = shift_day[si] {
                    board_days[day].assignments.push((ai, si));
                }
            }
            row.days = board_days;
            rows.push(row);
        }
        board_groups.push(BoardGroup { team, people: rows });
    }
    fairness(&mut board_groups, problem, &tally_of);
    Ok(Board { detail, days, groups: board_groups, assigned, shift_day, active_job: None, manages: false, judged })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::person::sample;
    use crate::domain::Role;

    fn row(id: &str) -> BoardPerson {
        BoardPerson {
            person: sample(id, Role::Member, "t"),
            days: Vec::new(),
            minutes: 0,
            shifts: 0,
            weekend_shifts: 0,
            holiday_shifts: 0,
            nights: 0,
            skills: Vec::new(),
            fairness: None,
        }
    }

    #[test]
    fn fairness_is_the_difference_from_the_mean_of_the_whole_staff() {
        // Anna worked two nights and three weekends in the look-back, Ben one on this roster; Cleo is on
        // another team of the desk; Dan was assigned from outside the staff.
        let problem: model::Problem = serde_json::from_value(serde_json::json!({
            "skills": [], "shift_types": [], "shifts": [], "contracts": [{"id": "c"}],
            "people": [
                {"id": "anna", "zone": "UTC", "contract": "c", "ledger": {"nights": 2, "weekends": 3}},
                {"id": "ben", "zone": "UTC", "contract": "c"},
                {"id": "cleo", "zone": "UTC", "contract": "c"}
            ]
        }))
        .unwrap();
        let ben = model::PersonTally { person: "ben".into(), nights: 1, ..model::PersonTally::default() };
        let tallies: HashMap<&str, &model::PersonTally> = [("ben", &ben)].into_iter().collect();
        let mut groups = vec![
            BoardGroup { team: "A".into(), people: vec![row("anna"), row("ben")] },
            BoardGroup { team: "B".into(), people: vec![row("cleo"), row("dan")] },
        ];
        fairness(&mut groups, &problem, &tallies);
        let of = |g: usize, p: usize| groups[g].people[p].fairness;
        assert_eq!(of(0, 0), Some(Fairness { nights: 1.0, weekends: 2.0, holidays: 0.0 }));
        assert_eq!(of(0, 1), Some(Fairness { nights: 0.0, weekends: -1.0, holidays: 0.0 }));
        assert_eq!(of(1, 0), Some(Fairness { nights: -1.0, weekends: -1.0, holidays: 0.0 }));
        assert_eq!(of(1, 1), None);
    }
}
