//! Planning from the board: start a plan job, watch its progress (a cookie-authenticated
//! endpoint the board's own script polls; without script the page refreshes), cancel
//! it, and publish the draft. The same service functions as `POST /api/rosters/{id}/plan`,
//! `POST /api/jobs/{id}/cancel` and `POST /api/rosters/{id}/publish`.

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::csrf;
use super::error::PageError;
use super::render::see_other;
use super::session::PageCaller;
use crate::domain::job::{Job, JobStatus};
use crate::http::api::error::ApiError;
use crate::http::state::AppState;
use crate::service::rosters::plan::{queue, PlanRequest};
use crate::service::rosters::publish::publish;
use crate::service::{jobs, IfVersion};

/// The budgets the board offers, in seconds.
pub const BUDGETS: [u32; 4] = [10, 30, 60, 120];

#[derive(Debug, Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    seconds: String,
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    job: String,
}

/// Back to the board with what happened (`?job=` shows its progress or result, `?error=`
/// a refusal the service gave).
fn back(roster: &str, query: &str) -> HttpResponse {
    see_other(&format!("/rosters/{roster}?{query}"))
}

/// Only the refusal's code travels in the link, so nobody can put words of their own
/// on our page through it; [`refusal_text`] says it.
fn refusal(roster: &str, e: &ApiError) -> HttpResponse {
    back(roster, &format!("error={}", super::forms::url_encode(e.code)))
}

/// What the board says for a refusal's code.
pub fn refusal_text(code: &str) -> &'static str {
    match code {
        "job_active" => "A plan is already running on this roster: wait for it or cancel it.",
        "roster_published" => "The roster is published: it changes by edits now, not by planning it again.",
        "stale" => "Someone changed the roster since you opened it; here it is now. Look again before publishing.",
        "job_finished" => "That plan had already finished.",
        _ => "That could not be done; here is the roster as it is now.",
    }
}

#[post("/rosters/{id}/plan")]
pub async fn plan(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<PlanForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let id = path.into_inner();
    let seconds = form.seconds.trim().parse::<u32>().ok();
    let request = PlanRequest { seconds: Some(seconds.unwrap_or(BUDGETS[0])), iterations: None, seed: None };
    let (actor, key) = (who.actor.clone(), id.clone());
    match state.run(move |ctx| queue(ctx, &actor, &key, Ok(request))).await {
        Ok(job) => Ok(back(&id, &format!("job={}", job.id))),
        Err(e) if matches!(e.status, StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY) => Ok(refusal(&id, &e)),
        Err(e) => Err(e.into()),
    }
}

#[post("/rosters/{id}/plan/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let id = path.into_inner();
    let (actor, job) = (who.actor.clone(), form.job.clone());
    match state.run(move |ctx| jobs::cancel(ctx, &actor, &job)).await {
        Ok(job) => Ok(back(&id, &format!("job={}", job.id))),
        Err(e) if e.status == StatusCode::CONFLICT => Ok(refusal(&id, &e)),
        Err(e) => Err(e.into()),
    }
}

#[post("/rosters/{id}/publish")]
pub async fn publish_roster(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let id = path.into_inner();
    let (actor, key, version) = (who.actor.clone(), id.clone(), IfVersion::Exactly(form.version));
    match state.run(move |ctx| publish(ctx, &actor, &key, Ok(version))).await {
        Ok(_) => Ok(back(&id, "published=1")),
        Err(e) if e.status == StatusCode::PRECONDITION_FAILED => Ok(back(&id, "error=stale")),
        Err(e) if e.status == StatusCode::CONFLICT => Ok(refusal(&id, &e)),
        Err(e) => Err(e.into()),
    }
}

/// What the board's script reads while a job runs.
#[derive(Debug, Serialize)]
pub struct Progress {
    pub status: &'static str,
    /// 0–1000.
    pub permille: u32,
    pub best_score: Option<i64>,
    pub hard_violations: Option<i64>,
    /// Finished one way or another: the board reloads to show the result.
    pub done: bool,
}

impl From<&Job> for Progress {
    fn from(job: &Job) -> Self {
        Progress {
            status: job.status.as_str(),
            permille: job.progress.permille,
            best_score: job.progress.best_score,
            hard_violations: job.progress.hard_violations,
            done: !matches!(job.status, JobStatus::Queued | JobStatus::Running),
        }
    }
}

#[get("/jobs/{id}/progress")]
pub async fn progress(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let (actor, id) = (who.actor.clone(), path.into_inner());
    let job = state.run(move |ctx| jobs::get(ctx, &actor, &id)).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "no-store")).json(Progress::from(&job)))
}
