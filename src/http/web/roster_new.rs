//! A new draft roster from the desk's page: the same service function as
//! `POST /api/desks/{id}/rosters`, with a one-time form id so a double click creates
//! one draft; a refused horizon is shown beside its field on the desk's page.

use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;

use super::csrf;
use super::desks::{render, NewRosterForm};
use super::error::PageError;
use super::forms::field_message;
use super::render::see_other;
use super::session::PageCaller;
use crate::domain::roster::Roster;
use crate::domain::InvalidValue;
use crate::http::api::error::ApiError;
use crate::http::state::AppState;
use crate::service::rosters::create::{create_from_form, NewRoster};
use crate::service::Error;

#[derive(Debug, Deserialize)]
pub struct Form {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    form_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// The form's dates as the service takes them; one that does not parse is refused by
/// the service after it has checked who is asking (so a member hears 403, as from the API).
fn input(form: &Form) -> Result<NewRoster, Error> {
    let date = |field: &str, text: &str| {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| Error::from(InvalidValue::new(field, "invalid_date", "a date is YYYY-MM-DD")))
    };
    Ok(NewRoster { from: date("from", &form.from)?, to: date("to", &form.to)? })
}

#[post("/desks/{id}/rosters")]
pub async fn create_roster(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<Form>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let (desk_id, form) = (path.into_inner(), form.into_inner());
    let created = if form.form_id.trim().is_empty() {
        Err(ApiError::bad_request("invalid_form", "the form is missing its id; reload the page"))
    } else {
        let (actor, key, form_id, parsed) = (who.actor.clone(), desk_id.clone(), form.form_id.clone(), input(&form));
        let location = |roster: &Roster| format!("/rosters/{}", roster.id);
        state
            .run(move |ctx| create_from_form(ctx, &actor, &key, parsed, &form_id, &location))
            .await
            .map(|created| created.map(|detail| location(&detail.roster)).unwrap_or_else(|first| first))
    };
    match created {
        Ok(location) => Ok(see_other(&location)),
        Err(e)
            if matches!(
                e.status,
                StatusCode::BAD_REQUEST | StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY
            ) =>
        {
            let status = e.status;
            let (field, message) = field_message(e);
            let mut shown = NewRosterForm { from: form.from, to: form.to, ..NewRosterForm::default() };
            match field.as_deref() {
                Some("from") => shown.from_error = Some(message),
                Some("to") => shown.to_error = Some(message),
                _ => shown.other_error = Some(message),
            }
            render(&state, &who, desk_id, None, status, Some(shown), None).await
        }
        Err(e) => Err(e.into()),
    }
}
