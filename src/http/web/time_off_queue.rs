//! The manager's time-off queue: pending requests of the people they manage, each
//! with the published shifts approving it would hit, approved or rejected through the
//! same service functions as `POST /api/time-off/{id}/approve|reject`.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::csrf;
use super::error::PageError;
use super::format::{day, period, times};
use super::forms::field_message;
use super::render::{html, see_other, Chrome};
use super::session::PageCaller;
use crate::domain::time_zone::stored_zone;
use crate::http::api::error::ApiError;
use crate::http::state::AppState;
use crate::service::sessions::SignedIn;
use crate::service::time_off::input::{Approval, Rejection};
use crate::service::time_off::queue::{queue, Waiting};
use crate::service::{notifications, time_off, IfVersion};

pub struct Hit {
    pub when: String,
    pub what: String,
}

pub struct Request {
    pub id: String,
    pub version: i64,
    pub person: String,
    pub when: String,
    pub zone: String,
    pub reason: &'static str,
    pub note: String,
    pub hits: Vec<Hit>,
    /// What was typed, kept when the decision was refused.
    pub comment: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "time_off_queue.html")]
struct QueuePage {
    chrome: Chrome,
    csrf: String,
    requests: Vec<Request>,
    /// After a decision: what happened.
    done: Option<String>,
    /// A refusal that belongs to no request still listed (someone else decided).
    problem: Option<String>,
}

fn request(waiting: &Waiting) -> Request {
    let zone = stored_zone(&waiting.person.time_zone);
    let hits = waiting
        .affected
        .iter()
        .map(|shift| Hit {
            when: format!("{} {}", day(shift.start, zone), times(shift.start, shift.end, zone)),
            what: format!("{} on {}", shift.template, shift.desk_name),
        })
        .collect();
    Request {
        id: waiting.time_off.id.clone(),
        version: waiting.time_off.version,
        person: waiting.person.name.clone(),
        when: period(&waiting.time_off.period, zone),
        zone: waiting.person.time_zone.clone(),
        reason: super::time_off::reason_label(waiting.time_off.reason),
        note: waiting.time_off.note.clone(),
        hits,
        comment: String::new(),
        error: None,
    }
}

/// A refusal to show next to one request's comment (or above the list).
struct Refusal {
    id: String,
    comment: String,
    message: String,
}

async fn render(
    state: &AppState,
    who: &SignedIn,
    status: StatusCode,
    done: Option<String>,
    refusal: Option<Refusal>,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let (waiting, unread) =
        state.run(move |ctx| Ok((queue(ctx, &actor)?, notifications::unread_count(ctx, &actor)?))).await?;
    let mut requests: Vec<Request> = waiting.iter().map(request).collect();
    let mut problem = None;
    if let Some(refusal) = refusal {
        match requests.iter_mut().find(|r| r.id == refusal.id) {
            Some(r) => {
                r.comment = refusal.comment;
                r.error = Some(refusal.message);
            }
            None => problem = Some(refusal.message),
        }
    }
    let page = QueuePage {
        chrome: Chrome::signed_in("Time off to decide", who, unread),
        csrf: super::csrf::masked(&who.csrf_token),
        requests,
        done,
        problem,
    };
    Ok(html(status, &page))
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
    hits: Option<usize>,
}

#[get("/team/time-off")]
pub async fn queue_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, PageError> {
    let done = match (query.done.as_deref(), query.hits.unwrap_or(0)) {
        (Some("approved"), 0) => Some("Approved. No published shift was hit.".to_string()),
        (Some("approved"), 1) => Some("Approved. One published shift was hit: edit or re-plan its roster.".into()),
        (Some("approved"), n) => {
            Some(format!("Approved. {n} published shifts were hit: edit or re-plan their rosters."))
        }
        (Some("rejected"), _) => Some("Rejected; the person has been told why.".into()),
        _ => None,
    };
    render(&state, &who, StatusCode::OK, done, None).await
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    comment: String,
}

/// A client mistake (a missing reason, someone deciding first) is shown on the queue;
/// anything else is an error page.
async fn refused(
    state: &AppState,
    who: &SignedIn,
    id: String,
    comment: String,
    e: ApiError,
) -> Result<HttpResponse, PageError> {
    let status = e.status;
    if !matches!(status, StatusCode::CONFLICT | StatusCode::PRECONDITION_FAILED | StatusCode::UNPROCESSABLE_ENTITY) {
        return Err(e.into());
    }
    let (_, message) = field_message(e);
    let message = if status == StatusCode::PRECONDITION_FAILED {
        "Someone changed this request since you opened the page; here it is as it is now.".to_string()
    } else {
        message
    };
    render(state, who, status, None, Some(Refusal { id, comment, message })).await
}

/// Approve or reject: what the queue's form posts to.
#[derive(Clone, Copy)]
enum Verdict {
    Approve,
    Reject,
}

/// Checks the post, decides through the service, and answers with the queue: after a
/// decision a redirect saying what happened, after a refusal the queue with its reason.
async fn decide(
    state: web::Data<AppState>,
    req: HttpRequest,
    who: SignedIn,
    id: String,
    form: DecisionForm,
    verdict: Verdict,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let (actor, version, key, comment) =
        (who.actor.clone(), IfVersion::Exactly(form.version), id.clone(), form.comment.clone());
    let decided = state
        .run(move |ctx| match verdict {
            Verdict::Approve => {
                let comment = Some(comment).filter(|c| !c.trim().is_empty());
                let (_, hits) =
                    time_off::decide::approve_reporting(ctx, &actor, &key, Ok(version), Ok(Approval { comment }))?;
                Ok(format!("/team/time-off?done=approved&hits={}", hits.len()))
            }
            Verdict::Reject => {
                time_off::decide::reject(ctx, &actor, &key, Ok(version), Ok(Rejection { comment }))?;
                Ok("/team/time-off?done=rejected".to_string())
            }
        })
        .await;
    match decided {
        Ok(location) => Ok(see_other(&location)),
        Err(e) => refused(&state, &who, id, form.comment, e).await,
    }
}

#[post("/team/time-off/{id}/approve")]
pub async fn approve(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, PageError> {
    decide(state, req, who, path.into_inner(), form.into_inner(), Verdict::Approve).await
}

#[post("/team/time-off/{id}/reject")]
pub async fn reject(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, PageError> {
    decide(state, req, who, path.into_inner(), form.into_inner(), Verdict::Reject).await
}
