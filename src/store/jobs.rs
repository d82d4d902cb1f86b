//! The job queue. Claiming takes the oldest queued job, or a running one whose lease
//! ran out, in one short transaction: `FOR UPDATE SKIP LOCKED` on PostgreSQL, so two
//! processes never take the same job and neither waits for the other; on SQLite the
//! write lock the transaction took (`BEGIN IMMEDIATE`) does the same.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamp};

use super::schema::jobs;
use super::{stored, DbConnection, StoreError};
use crate::domain::job::{Job, JobError, JobKind, JobProgress, JobStatus, PlanBudget};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = jobs)]
struct JobRow {
    id: String,
    kind: String,
    roster_id: String,
    roster_version: i64,
    options: String,
    status: String,
    progress_permille: i32,
    best_score: Option<i64>,
    hard_violations: Option<i64>,
    cancel_requested: bool,
    requested_by: String,
    lease_owner: Option<String>,
    lease_until: Option<NaiveDateTime>,
    attempts: i32,
    error_code: Option<String>,
    error_message: Option<String>,
    result: Option<String>,
    created_at: NaiveDateTime,
    started_at: Option<NaiveDateTime>,
    finished_at: Option<NaiveDateTime>,
    updated_at: NaiveDateTime,
}

fn corrupt(id: &str, what: &'static str) -> StoreError {
    StoreError::Corrupt { entity: "job", id: id.to_string(), what }
}

fn to_row(job: &Job) -> Result<JobRow, StoreError> {
    Ok(JobRow {
        id: job.id.clone(),
        kind: job.kind.as_str().to_string(),
        roster_id: job.roster_id.clone(),
        roster_version: job.roster_version,
        options: serde_json::to_string(&job.budget).map_err(|_| corrupt(&job.id, "options"))?,
        status: job.status.as_str().to_string(),
        progress_permille: i32::try_from(job.progress.permille).unwrap_or(1000),
        best_score: job.progress.best_score,
        hard_violations: job.progress.hard_violations,
        cancel_requested: job.cancel_requested,
        requested_by: job.requested_by.clone(),
        lease_owner: job.lease_owner.clone(),
        lease_until: job.lease_until.map(stored),
        attempts: i32::try_from(job.attempts).unwrap_or(i32::MAX),
        error_code: job.error.as_ref().map(|e| e.code.clone()),
        error_message: job.error.as_ref().map(|e| e.message.clone()),
        result: job.result.as_ref().map(|r| r.to_string()),
        created_at: stored(job.created_at),
        started_at: job.started_at.map(stored),
        finished_at: job.finished_at.map(stored),
        updated_at: stored(job.updated_at),
    })
}

fn from_row(row: JobRow) -> Result<Job, StoreError> {
    let kind = JobKind::parse(&row.kind).ok_or_else(|| corrupt(&row.id, "kind"))?;
    let status = JobStatus::parse(&row.status).ok_or_else(|| corrupt(&row.id, "status"))?;
    let budget: PlanBudget = serde_json::from_str(&row.options).map_err(|_| corrupt(&row.id, "options"))?;
    let result = match &row.result {
        Some(text) => Some(serde_json::from_str(text).map_err(|_| corrupt(&row.id, "result"))?),
        None => None,
    };
    let error = match (row.error_code, row.error_message) {
        (Some(code), message) => Some(JobError { code, message: message.unwrap_or_default() }),
        _ => None,
    };
    Ok(Job {
        kind,
        status,
        budget,
        result,
        error,
        progress: JobProgress {
            permille: u32::try_from(row.progress_permille).unwrap_or(0),
            best_score: row.best_score,
            hard_violations: row.hard_violations,
        },
        lease_until: row.lease_until.map(|t| t.and_utc()),
        attempts: u32::try_from(row.attempts).unwrap_or(0),
        created_at: row.created_at.and_utc(),
        started_at: row.started_at.map(|t| t.and_utc()),
        finished_at: row.finished_at.map(|t| t.and_utc()),
        updated_at: row.updated_at.and_utc(),
        id: row.id,
        roster_id: row.roster_id,
        roster_version: row.roster_version,
        cancel_requested: row.cancel_requested,
        requested_by: row.requested_by,
        lease_owner: row.lease_owner,
    })
}

pub fn insert(conn: &mut DbConnection, job: &Job) -> Result<(), StoreError> {
    diesel::insert_into(jobs::table).values(to_row(job)?).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Job>, StoreError> {
    let row = jobs::table.find(id).select(JobRow::as_select()).first(conn).optional()?;
    row.map(from_row).transpose()
}

/// The roster's queued or running job, if any.
pub fn active_for_roster(conn: &mut DbConnection, roster_id: &str) -> Result<Option<Job>, StoreError> {
    let row = jobs::table
        .filter(jobs::roster_id.eq(roster_id))
        .filter(jobs::status.eq_any([JobStatus::Queued.as_str(), JobStatus::Running.as_str()]))
        .select(JobRow::as_select())
        .first(conn)
        .optional()?;
    row.map(from_row).transpose()
}

#[derive(QueryableByName)]
struct ClaimableId {
    #[diesel(sql_type = Text)]
    id: String,
}

/// The id of the oldest job to claim at `now`: queued, or running under a lease that
/// ran out. Call inside a write transaction.
fn next_claimable(conn: &mut DbConnection, now: DateTime<Utc>) -> Result<Option<String>, StoreError> {
    const CLAIMABLE: &str = "SELECT id FROM jobs WHERE status = 'queued' OR (status = 'running' AND lease_until < $1) \
                             ORDER BY created_at, id LIMIT 1";
    let found: Vec<ClaimableId> = match conn {
        // Diesel's MultiConnection cannot spell SKIP LOCKED; the inner connection can.
        DbConnection::Postgresql(pg) => diesel::sql_query(format!("{CLAIMABLE} FOR UPDATE SKIP LOCKED"))
            .bind::<Timestamp, _>(stored(now))
            .load(pg)?,
        DbConnection::Sqlite(sqlite) => {
            diesel::sql_query(CLAIMABLE.replace("$1", "?")).bind::<Timestamp, _>(stored(now)).load(sqlite)?
        }
    };
    Ok(found.into_iter().next().map(|row| row.id))
}

/// Claims the next job for `owner` until `lease_until`; None when there is none.
pub fn claim(
    conn: &mut DbConnection,
    owner: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<Job>, StoreError> {
    let Some(id) = next_claimable(conn, now)? else { return Ok(None) };
    diesel::update(jobs::table.find(&id))
        .set((
            jobs::status.eq(JobStatus::Running.as_str()),
            jobs::lease_owner.eq(owner),
            jobs::lease_until.eq(stored(lease_until)),
            jobs::attempts.eq(jobs::attempts + 1),
            jobs::updated_at.eq(stored(now)),
        ))
        .execute(conn)?;
    diesel::update(jobs::table.find(&id).filter(jobs::started_at.is_null()))
        .set(jobs::started_at.eq(stored(now)))
        .execute(conn)?;
    find(conn, &id)
}

/// Renews `owner`'s lease and records progress; None when the lease is no longer
/// theirs (it ran out and another process took the job), else whether a cancel
/// was asked for.
pub fn renew(
    conn: &mut DbConnection,
    id: &str,
    owner: &str,
    progress: JobProgress,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<bool>, StoreError> {
    let changed = diesel::update(
        jobs::table.find(id).filter(jobs::lease_owner.eq(owner)).filter(jobs::status.eq(JobStatus::Running.as_str())),
    )
    .set((
        jobs::lease_until.eq(stored(lease_until)),
        jobs::progress_permille.eq(i32::try_from(progress.permille).unwrap_or(1000)),
        jobs::best_score.eq(progress.best_score),
        jobs::hard_violations.eq(progress.hard_violations),
        jobs::updated_at.eq(stored(now)),
    ))
    .execute(conn)?;
    if changed == 0 {
        return Ok(None);
    }
    Ok(Some(jobs::table.find(id).select(jobs::cancel_requested).first(conn)?))
}

/// What a finished job leaves.
pub struct Outcome<'a> {
    pub status: JobStatus,
    pub progress: JobProgress,
    pub error: Option<&'a JobError>,
    pub result: Option<&'a serde_json::Value>,
}

/// Finishes the job if `owner` (None: nobody, for a queued job) still holds it;
/// false when it does not, and then nothing is written.
pub fn finish(
    conn: &mut DbConnection,
    id: &str,
    owner: Option<&str>,
    outcome: &Outcome,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let values = (
        jobs::status.eq(outcome.status.as_str()),
        jobs::progress_permille.eq(i32::try_from(outcome.progress.permille).unwrap_or(1000)),
        jobs::best_score.eq(outcome.progress.best_score),
        jobs::hard_violations.eq(outcome.progress.hard_violations),
        jobs::error_code.eq(outcome.error.map(|e| e.code.clone())),
        jobs::error_message.eq(outcome.error.map(|e| e.message.clone())),
        jobs::result.eq(outcome.result.map(|r| r.to_string())),
        jobs::lease_until.eq(None::<NaiveDateTime>),
        jobs::finished_at.eq(Some(stored(now))),
        jobs::updated_at.eq(stored(now)),
    );
    let changed = match owner {
        Some(owner) => diesel::update(
            jobs::table
                .find(id)
                .filter(jobs::lease_owner.eq(owner))
                .filter(jobs::status.eq(JobStatus::Running.as_str())),
        )
        .set(values)
        .execute(conn)?,
        None => diesel::update(jobs::table.find(id).filter(jobs::status.eq(JobStatus::Queued.as_str())))
            .set(values)
            .execute(conn)?,
    };
    Ok(changed > 0)
}

/// Asks a running job to stop; false when it is not running.
pub fn request_cancel(conn: &mut DbConnection, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let changed = diesel::update(jobs::table.find(id).filter(jobs::status.eq(JobStatus::Running.as_str())))
        .set((jobs::cancel_requested.eq(true), jobs::updated_at.eq(stored(now))))
        .execute(conn)?;
    Ok(changed > 0)
}
