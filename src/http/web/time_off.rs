//! My time off: my requests with their state, a form to ask for whole days, and
//! cancelling. The form goes through the same service function as
//! `POST /api/people/{id}/time-off`, and shows its messages next to the fields.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::csrf;
use super::error::PageError;
use super::render::{html, see_other, Chrome};
use super::session::PageCaller;
use crate::domain::time_off::TimeOffReason;
use crate::domain::time_zone::stored_zone;
use crate::domain::{TimeOff, TimeOffStatus};
use crate::http::api::error::ApiError;
use crate::http::query::query_date;
use crate::http::state::AppState;
use crate::service::sessions::{random_token, SignedIn};
use crate::service::time_off::input::NewTimeOff;
use crate::service::time_off::list::TimeOffFilter;
use crate::service::time_off::request::{request_from_form, Filed};
use crate::service::{notifications, time_off, IfVersion};

const REASONS: [(&str, &str); 4] =
    [("vacation", "Vacation"), ("sick", "Sick leave"), ("training", "Training"), ("other", "Other")];

#[derive(Debug, Default, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    form_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

pub struct Row {
    pub id: String,
    pub when: String,
    pub reason: String,
    pub status: String,
    pub note: String,
    pub decision: Option<String>,
    pub cancellable: bool,
}

/// The message next to a field, if any.
#[derive(Default)]
pub struct FieldErrors {
    pub from: Option<String>,
    pub to: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
    /// An error that belongs to no single field.
    pub other: Option<String>,
}

#[derive(Template)]
#[template(path = "time_off.html")]
struct TimeOffPage {
    chrome: Chrome,
    csrf: String,
    zone: String,
    rows: Vec<Row>,
    form: RequestForm,
    form_id: String,
    errors: FieldErrors,
    reasons: Vec<(&'static str, &'static str)>,
    done: bool,
}

/// "Sick leave" for `sick`.
pub fn reason_label(reason: TimeOffReason) -> &'static str {
    REASONS.iter().find(|(k, _)| *k == reason.as_str()).map(|(_, l)| *l).unwrap_or("Other")
}

fn row(t: &TimeOff) -> Row {
    let zone = stored_zone(&t.time_zone);
    let reason = reason_label(t.reason);
    Row {
        id: t.id.clone(),
        when: super::format::period(&t.period, zone),
        reason: reason.to_string(),
        status: t.status.as_str().to_string(),
        note: t.note.clone(),
        decision: t.decision_comment.clone().filter(|c| !c.is_empty()),
        cancellable: matches!(t.status, TimeOffStatus::Pending | TimeOffStatus::Approved),
    }
}

async fn render(
    state: &AppState,
    who: &SignedIn,
    status: StatusCode,
    form: RequestForm,
    errors: FieldErrors,
    done: bool,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let (mine, unread) = state
        .run(move |ctx| {
            let filter = TimeOffFilter { person_id: Some(actor.id.clone()), limit: 100, ..TimeOffFilter::default() };
            let mine = time_off::list::list(ctx, &actor, filter)?;
            Ok((mine, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    let page = TimeOffPage {
        chrome: Chrome::signed_in("Time off", who, unread),
        csrf: super::csrf::masked(&who.csrf_token),
        zone: who.person.time_zone.clone(),
        rows: mine.iter().rev().map(row).collect(),
        form,
        // A new id for every form shown: posting the same one twice files once.
        form_id: random_token(),
        errors,
        reasons: REASONS.to_vec(),
        done,
    };
    Ok(html(status, &page))
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    requested: Option<String>,
}

#[get("/time-off")]
pub async fn time_off_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, PageError> {
    let done = query.requested.is_some();
    render(&state, &who, StatusCode::OK, RequestForm::default(), FieldErrors::default(), done).await
}

/// The form's fields as the service takes them; a date that does not parse is
/// answered here with the API's message for it.
fn input(form: &RequestForm) -> Result<NewTimeOff, ApiError> {
    let date = |field: &str, text: &str| match text.trim() {
        "" => Ok(None),
        text => query_date(field, text).map(Some),
    };
    let reason = TimeOffReason::parse(form.reason.trim())
        .ok_or_else(|| ApiError::unprocessable("invalid_value", "reason", "choose a reason"))?;
    Ok(NewTimeOff {
        from: date("from", &form.from)?,
        to: date("to", &form.to)?,
        start: None,
        end: None,
        reason,
        note: form.note.clone(),
    })
}

fn place(error: ApiError) -> FieldErrors {
    let (field, message) = super::forms::field_message(error);
    let mut errors = FieldErrors::default();
    match field.as_deref() {
        Some("from") | Some("start") => errors.from = Some(message),
        Some("to") | Some("end") => errors.to = Some(message),
        Some("reason") => errors.reason = Some(message),
        Some("note") => errors.note = Some(message),
        _ => errors.other = Some(message),
    }
    errors
}

#[post("/time-off")]
pub async fn request_time_off(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    form: web::Form<RequestForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let form = form.into_inner();
    let parsed = match input(&form) {
        Ok(parsed) => parsed,
        Err(e) => return render(&state, &who, e.status, form, place(e), false).await,
    };
    let (actor, form_id) = (who.actor.clone(), form.form_id.clone());
    if form_id.trim().is_empty() {
        let e = ApiError::bad_request("invalid_form", "the form is missing its id; reload the page");
        return render(&state, &who, e.status, form, place(e), false).await;
    }
    let filed = state
        .run(move |ctx| {
            let location = "/time-off?requested=1";
            request_from_form(ctx, &actor, &actor.id, Ok(parsed), &form_id, location)
        })
        .await;
    match filed {
        Ok(Filed::New(_)) => Ok(see_other("/time-off?requested=1")),
        Ok(Filed::Again { location }) => Ok(see_other(&location)),
        Err(e) if e.status.is_client_error() && e.status != StatusCode::FORBIDDEN => {
            render(&state, &who, e.status, form, place(e), false).await
        }
        Err(e) => Err(e.into()),
    }
}

#[post("/time-off/{id}/cancel")]
pub async fn cancel_time_off(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<super::forms::CsrfForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let (actor, id) = (who.actor.clone(), path.into_inner());
    match state.run(move |ctx| time_off::cancel::cancel(ctx, &actor, &id, Ok(IfVersion::Any))).await {
        Ok(_) => Ok(see_other("/time-off")),
        Err(e) if e.status == StatusCode::CONFLICT || e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            let errors = FieldErrors { other: Some(e.message.clone()), ..FieldErrors::default() };
            render(&state, &who, e.status, RequestForm::default(), errors, false).await
        }
        Err(e) => Err(e.into()),
    }
}
