//! Queueing a plan of a draft roster; the job runner does the planning.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::job::{Job, JobKind, JobProgress, JobStatus, PlanBudget};
use crate::domain::roster::RosterStatus;
use crate::domain::InvalidValue;
use crate::service::{audit, desks, Actor, Context, Error};
use crate::store;

pub const MAX_SECONDS: u32 = 600;
pub const MAX_ITERATIONS: u64 = 1_000_000_000;

/// `POST /api/rosters/{id}/plan`: a time budget or an iteration budget, and a seed.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    /// Wall-clock budget, 1–600 s.
    #[schema(minimum = 1, maximum = 600)]
    pub seconds: Option<u32>,
    /// Iteration budget, 1–10⁹: the same plan on every run for a seed.
    #[schema(minimum = 1, maximum = 1_000_000_000)]
    pub iterations: Option<u64>,
    /// Default 1.
    pub seed: Option<u64>,
}

fn budget(request: &PlanRequest) -> Result<PlanBudget, InvalidValue> {
    let seed = request.seed.unwrap_or(1);
    match (request.seconds, request.iterations) {
        (Some(_), Some(_)) => {
            Err(InvalidValue::new("iterations", "two_budgets", "give seconds or iterations, not both"))
        }
        (None, None) => {
            Err(InvalidValue::new("seconds", "missing_budget", "give seconds (1–600) or iterations (1–10⁹)"))
        }
        (Some(seconds), None) if !(1..=MAX_SECONDS).contains(&seconds) => {
            Err(InvalidValue::new("seconds", "out_of_range", format!("between 1 and {MAX_SECONDS} seconds")))
        }
        (None, Some(iterations)) if !(1..=MAX_ITERATIONS).contains(&iterations) => {
            Err(InvalidValue::new("iterations", "out_of_range", "between 1 and 1000000000 iterations"))
        }
        (seconds, iterations) => Ok(PlanBudget { seconds, iterations, seed }),
    }
}

/// Queues a plan of a draft roster (its desk's managers); one at a time per roster.
pub fn queue(ctx: &Context, actor: &Actor, roster_id: &str, request: Result<PlanRequest, Error>) -> Result<Job, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let roster = super::find(conn, roster_id)?;
        let desk = desks::find(conn, &roster.desk_id)?;
        Error::require(actor.manages_desk(&desk))?;
        let budget = budget(&request?)?;
        if roster.status == RosterStatus::Published {
            return Err(Error::conflict(
                "roster_published",
                Some("status"),
                "a published roster is not planned again; edit its assignments",
            ));
        }
        if let Some(active) = store::jobs::active_for_roster(conn, roster_id)? {
            return Err(Error::conflict(
                "job_active",
                None,
                format!("job {} is already planning this roster; wait for it or cancel it", active.id),
            ));
        }
        let job = Job {
            id: store::new_id(),
            kind: JobKind::PlanRoster,
            roster_id: roster.id.clone(),
            roster_version: roster.version,
            budget,
            status: JobStatus::Queued,
            progress: JobProgress::default(),
            cancel_requested: false,
            requested_by: actor.id.clone(),
            lease_owner: None,
            lease_until: None,
            attempts: 0,
            error: None,
            result: None,
            created_at: now,
            started_at: None,
            finished_at: None,
            updated_at: now,
        };
        store::jobs::insert(conn, &job)?;
        audit::record(
            conn,
            now,
            &actor.id,
            "plan",
            "roster",
            roster_id,
            serde_json::json!({"job_id": job.id, "budget": budget}),
        )?;
        Ok(job)
    })
}
