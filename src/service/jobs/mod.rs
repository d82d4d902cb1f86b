//! Jobs as people see them: read one, cancel one. The runner's side is `run`.

pub mod run;

use super::{desks, rosters, Actor, Context, Error};
use crate::domain::job::{Job, JobProgress, JobStatus};
use crate::store::{self, jobs::Outcome, DbConnection};

fn find(conn: &mut DbConnection, id: &str) -> Result<Job, Error> {
    store::jobs::find(conn, id)?.ok_or(Error::NotFound("job"))
}

/// Whoever asked for it and the managers of the roster's desk.
fn check_access(conn: &mut DbConnection, actor: &Actor, job: &Job) -> Result<(), Error> {
    if job.requested_by == actor.id || actor.is_admin() {
        return Ok(());
    }
    let roster = rosters::find(conn, &job.roster_id)?;
    let desk = desks::find(conn, &roster.desk_id)?;
    Error::require(actor.manages_desk(&desk))
}

pub fn get(ctx: &Context, actor: &Actor, id: &str) -> Result<Job, Error> {
    ctx.read(|conn| {
        let job = find(conn, id)?;
        check_access(conn, actor, &job)?;
        Ok(job)
    })
}

/// Cancels a job: a queued one at once; a running one stops at its next progress
/// check and keeps the best plan found by then. A finished job is 409.
pub fn cancel(ctx: &Context, actor: &Actor, id: &str) -> Result<Job, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let job = find(conn, id)?;
        check_access(conn, actor, &job)?;
        let done = match job.status {
            JobStatus::Queued => {
                let outcome = Outcome {
                    status: JobStatus::Cancelled,
                    progress: JobProgress::default(),
                    error: None,
                    result: None,
                };
                store::jobs::finish(conn, id, None, &outcome, now)?
            }
            JobStatus::Running => store::jobs::request_cancel(conn, id, now)?,
            _ => false,
        };
        if !done {
            return Err(Error::conflict(
                "job_finished",
                Some("status"),
                format!("the job has already {}", find(conn, id)?.status.as_str()),
            ));
        }
        crate::service::audit::record(conn, now, &actor.id, "cancel", "job", id, serde_json::json!({}))?;
        find(conn, id)
    })
}
