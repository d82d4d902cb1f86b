//! Background jobs: planning a roster, run by whichever `rota serve` claims it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::role::text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    PlanRoster,
}

text_enum!(JobKind { JobKind::PlanRoster => "plan_roster" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    Queued,
    Running,
    Succeeded,
    Failed,
    /// Stopped on request; a plan found by then is kept as the result.
    Cancelled,
}

text_enum!(JobStatus {
    JobStatus::Queued => "queued",
    JobStatus::Running => "running",
    JobStatus::Succeeded => "succeeded",
    JobStatus::Failed => "failed",
    JobStatus::Cancelled => "cancelled",
});

impl JobStatus {
    pub fn is_finished(self) -> bool {
        matches!(self, JobStatus::Succeeded | JobStatus::Failed | JobStatus::Cancelled)
    }
}

/// The planner's budget and seed: a time limit or an iteration count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PlanBudget {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u64>,
    pub seed: u64,
}

/// How far a running job has come, from the planner's progress callback.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct JobProgress {
    /// Thousandths of the budget used.
    pub permille: u32,
    /// The best score so far (lower is better).
    pub best_score: Option<i64>,
    /// Hard-rule breaks of the roster behind `best_score` (0 once one is valid).
    pub hard_violations: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct JobError {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: String,
    pub kind: JobKind,
    pub roster_id: String,
    /// The roster's version when the job was queued; a result for another is refused.
    pub roster_version: i64,
    pub budget: PlanBudget,
    pub status: JobStatus,
    pub progress: JobProgress,
    pub cancel_requested: bool,
    pub requested_by: String,
    pub lease_owner: Option<String>,
    pub lease_until: Option<DateTime<Utc>>,
    pub attempts: u32,
    pub error: Option<JobError>,
    /// What the job produced (for a plan: counts, score and shortfalls).
    pub result: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}
