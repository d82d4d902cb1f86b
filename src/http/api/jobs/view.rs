use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::job::{Job, JobError, JobKind, JobStatus, PlanBudget};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgressView {
    /// Share of the budget used, 0 to 1.
    pub fraction: f64,
    pub best_score: Option<i64>,
    pub hard_violations: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JobView {
    pub id: String,
    pub kind: JobKind,
    pub roster_id: String,
    pub status: JobStatus,
    pub budget: PlanBudget,
    pub progress: ProgressView,
    pub cancel_requested: bool,
    pub requested_by: String,
    pub attempts: u32,
    pub error: Option<JobError>,
    /// For a plan: assignments kept, added and removed, shortfalls, score.
    #[schema(value_type = Option<Object>)]
    pub result: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<Job> for JobView {
    fn from(job: Job) -> Self {
        Self {
            progress: ProgressView {
                fraction: f64::from(job.progress.permille) / 1000.0,
                best_score: job.progress.best_score,
                hard_violations: job.progress.hard_violations,
            },
            id: job.id,
            kind: job.kind,
            roster_id: job.roster_id,
            status: job.status,
            budget: job.budget,
            cancel_requested: job.cancel_requested,
            requested_by: job.requested_by,
            attempts: job.attempts,
            error: job.error,
            result: job.result,
            created_at: job.created_at,
            started_at: job.started_at,
            finished_at: job.finished_at,
        }
    }
}
