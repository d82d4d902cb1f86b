//! The job runner's side of a job: claim it under a lease, build its problem, renew
//! the lease with progress, and store the result only while the lease is still ours.

use std::collections::BTreeSet;

use chrono::Duration;

use crate::domain::job::{Job, JobError, JobProgress, JobStatus};
use crate::domain::roster::{Assignment, RosterStatus};
use crate::planner::model::{Plan, Problem};
use crate::planner::solver::PlanError;
use crate::service::{audit, desks, rosters, Context, Error};
use crate::store::{self, jobs::Outcome, DbConnection};

/// Who holds a job, and for how long each claim or renewal lasts.
#[derive(Debug, Clone)]
pub struct Lease {
    pub owner: String,
    pub length: Duration,
}

/// Claims the next queued job, or one whose lease ran out.
pub fn claim(ctx: &Context, lease: &Lease) -> Result<Option<Job>, Error> {
    let now = ctx.now();
    ctx.write(|conn| Ok(store::jobs::claim(conn, &lease.owner, now, now + lease.length)?))
}

/// The planner problem for the job's roster as the database holds it now.
pub fn problem_for(ctx: &Context, job: &Job) -> Result<Problem, Error> {
    ctx.read(|conn| {
        let roster = rosters::find(conn, &job.roster_id)?;
        let desk = desks::find(conn, &roster.desk_id)?;
        let shifts = store::rosters::shifts_of(conn, &roster.id)?;
        let current = store::assignments::of_roster(conn, &roster.id)?;
        rosters::problem::build(conn, &desk, &roster, &shifts, &current)
    })
}

/// What the runner should do after renewing its lease.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heartbeat {
    Continue,
    /// Someone asked for the job to stop: stop and keep the best plan.
    Cancel,
    /// The lease is someone else's now: stop, and store nothing.
    Lost,
}

pub fn heartbeat(ctx: &Context, job_id: &str, lease: &Lease, progress: JobProgress) -> Result<Heartbeat, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        Ok(match store::jobs::renew(conn, job_id, &lease.owner, progress, now, now + lease.length)? {
            None => Heartbeat::Lost,
            Some(true) => Heartbeat::Cancel,
            Some(false) => Heartbeat::Continue,
        })
    })
}

fn failure(code: &str, message: impl Into<String>) -> JobError {
    JobError { code: code.to_string(), message: message.into() }
}

/// Makes the roster's assignments the plan's, by difference: pairs the plan keeps stay
/// as they are (ids and sequences), the rest are removed or added. Returns (kept,
/// added, removed).
fn apply(
    conn: &mut DbConnection,
    roster_id: &str,
    plan: &Plan,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(usize, usize, usize), Error> {
    let current = store::assignments::of_roster(conn, roster_id)?;
    let wanted: BTreeSet<(&str, &str)> =
        plan.assignments.iter().map(|a| (a.shift.as_str(), a.person.as_str())).collect();
    let have: BTreeSet<(&str, &str)> = current.iter().map(|a| (a.shift_id.as_str(), a.person_id.as_str())).collect();
    let removed: Vec<String> = current
        .iter()
        .filter(|a| !wanted.contains(&(a.shift_id.as_str(), a.person_id.as_str())))
        .map(|a| a.id.clone())
        .collect();
    store::assignments::remove_many(conn, &removed, now)?;
    let added: Vec<Assignment> = wanted
        .iter()
        .filter(|pair| !have.contains(*pair))
        .map(|(shift, person)| Assignment {
            id: store::new_id(),
            roster_id: roster_id.to_string(),
            shift_id: shift.to_string(),
            person_id: person.to_string(),
            sequence: 1,
            forced: false,
            force_reason: None,
            created_at: now,
            updated_at: now,
        })
        .collect();
    store::assignments::insert_many(conn, &added)?;
    Ok((wanted.len() - added.len(), added.len(), removed.len()))
}

/// Per person: how many of their wishes the plan meets (the planner's reading: the
/// person's local day of a shift's start).
fn wishes_met(problem: &Problem, plan: &Plan) -> Vec<serde_json::Value> {
    use crate::planner::definitions::local_day;
    let shifts: std::collections::HashMap<&str, &crate::planner::model::Shift> =
        problem.shifts.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut out = Vec::new();
    for person in problem.people.iter().filter(|p| !p.requests.is_empty()) {
        let zone = crate::domain::time_zone::stored_zone(&person.zone);
        let worked: Vec<(chrono::NaiveDate, &str)> = plan
            .assignments
            .iter()
            .filter(|a| a.person == person.id)
            .filter_map(|a| shifts.get(a.shift.as_str()))
            .map(|s| (local_day(zone, s.start), s.shift_type.as_str()))
            .collect();
        let met = person
            .requests
            .iter()
            .filter(|r| {
                let works = worked.iter().any(|(d, t)| *d == r.date && r.shift_type.as_deref().is_none_or(|x| x == *t));
                works == (r.kind == crate::planner::model::RequestKind::On)
            })
            .count();
        out.push(serde_json::json!({"person_id": person.id, "asked": person.requests.len(), "met": met}));
    }
    out
}

fn store_plan(
    conn: &mut DbConnection,
    job: &Job,
    problem: &Problem,
    plan: &Plan,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Result<serde_json::Value, JobError>, Error> {
    let roster = rosters::find(conn, &job.roster_id)?;
    if roster.version != job.roster_version || roster.status != RosterStatus::Draft {
        return Ok(Err(failure(
            "roster_changed",
            format!(
                "the roster changed while it was planned (version {} then, {} now); plan it again",
                job.roster_version, roster.version
            ),
        )));
    }
    let (kept, added, removed) = apply(conn, &roster.id, plan, now)?;
    let report = serde_json::json!({
        "job_id": job.id,
        "shortfalls": plan.shortfalls,
        "score": plan.score,
        "forced": plan.forced,
        "wishes": wishes_met(problem, plan),
        "seed": plan.seed,
        "iterations": plan.iterations,
        "elapsed_ms": plan.elapsed_ms,
    });
    store::rosters::record_plan(conn, &roster.id, roster.version, &report, now)?;
    let detail = serde_json::json!({"job_id": job.id, "kept": kept, "added": added, "removed": removed});
    audit::record(conn, now, &job.requested_by, "store_plan", "roster", &roster.id, detail)?;
    Ok(Ok(serde_json::json!({
        "assignments": plan.assignments.len(),
        "kept": kept,
        "added": added,
        "removed": removed,
        "shortfalls": plan.shortfalls.len(),
        "score": plan.score.total,
        "hard_violations": 0,
        "forced": plan.forced.len(),
    })))
}

/// Stores what the planner gave, if `lease` still holds the job; false (and nothing
/// written) when it does not.
pub fn complete(
    ctx: &Context,
    job: &Job,
    lease: &Lease,
    problem: &Problem,
    outcome: Result<Plan, PlanError>,
    progress: JobProgress,
) -> Result<bool, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let Some(current) = store::jobs::find(conn, &job.id)? else { return Ok(false) };
        if current.status != JobStatus::Running || current.lease_owner.as_deref() != Some(lease.owner.as_str()) {
            return Ok(false);
        }
        let finished = |status, progress, error: Option<JobError>, result: Option<serde_json::Value>| {
            (status, progress, error, result)
        };
        let (status, progress, error, result) = match &outcome {
            Ok(plan) => match store_plan(conn, job, problem, plan, now)? {
                Ok(result) => {
                    let status = if current.cancel_requested { JobStatus::Cancelled } else { JobStatus::Succeeded };
                    let done =
                        JobProgress { permille: 1000, best_score: Some(plan.score.total), hard_violations: Some(0) };
                    finished(status, done, None, Some(result))
                }
                Err(error) => finished(JobStatus::Failed, progress, Some(error), None),
            },
            Err(PlanError::Cancelled) => finished(
                JobStatus::Cancelled,
                progress,
                Some(failure("cancelled_without_plan", "cancelled before any roster met every hard rule")),
                None,
            ),
            Err(error @ PlanError::Infeasible { .. }) => {
                finished(JobStatus::Failed, progress, Some(failure("infeasible", error.to_string())), None)
            }
            Err(PlanError::Invalid(invalid)) => {
                finished(JobStatus::Failed, progress, Some(failure("invalid_problem", invalid.to_string())), None)
            }
            Err(other) => {
                tracing::error!(job = %job.id, error = %other, "planner failed");
                finished(
                    JobStatus::Failed,
                    progress,
                    Some(failure("internal", "the planner failed; see the log")),
                    None,
                )
            }
        };
        let outcome = Outcome { status, progress, error: error.as_ref(), result: result.as_ref() };
        Ok(store::jobs::finish(conn, &job.id, Some(&lease.owner), &outcome, now)?)
    })
}

/// Marks a job failed before it could run (its problem could not be built).
pub fn fail(ctx: &Context, job: &Job, lease: &Lease, error: &Error) -> Result<bool, Error> {
    let now = ctx.now();
    let error = match error {
        Error::NotFound(what) => failure("gone", format!("the {what} is gone")),
        other => {
            tracing::error!(job = %job.id, error = %other, "job could not start");
            failure("internal", "the job could not start; see the log")
        }
    };
    let outcome = Outcome { status: JobStatus::Failed, progress: job.progress, error: Some(&error), result: None };
    ctx.write(|conn| Ok(store::jobs::finish(conn, &job.id, Some(&lease.owner), &outcome, now)?))
}
