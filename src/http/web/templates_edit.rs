//! The template editor: `GET /desks/{id}/templates` shows the desk's templates as a
//! form; `POST` either changes the form (a template or a skill row added or removed,
//! nothing stored) or saves it through `service::desks::templates::put`, the same
//! use case as `PUT /api/desks/{id}/templates`, with its messages beside the fields.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;

use super::csrf;
use super::error::PageError;
use super::forms::field_message;
use super::render::{html, see_other, Chrome};
use super::session::PageCaller;
use super::template_form::{
    drafts_from, form_field, template_list, SkillRow, TemplateDraft, SKILL_KINDS, WEEKDAY_NAMES,
};
use crate::domain::Desk;
use crate::http::state::AppState;
use crate::service::desks::templates::{editable, put};
use crate::service::sessions::SignedIn;
use crate::service::{notifications, IfVersion};

#[derive(Template)]
#[template(path = "desk_templates.html")]
struct EditorPage {
    chrome: Chrome,
    csrf: String,
    desk_id: String,
    desk_name: String,
    version: i64,
    shift_types: Vec<(String, String)>,
    weekday_names: [&'static str; 7],
    skill_kinds: [(&'static str, &'static str); 3],
    drafts: Vec<TemplateDraft>,
    /// A message about the whole list (too many templates, someone else saved first).
    problem: Option<String>,
}

async fn show(
    state: &AppState,
    who: &SignedIn,
    desk: Desk,
    version: i64,
    drafts: Vec<TemplateDraft>,
    problem: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let unread = state.run(move |ctx| notifications::unread_count(ctx, &actor)).await?;
    let page = EditorPage {
        chrome: Chrome::signed_in(&format!("Templates of {}", desk.name), who, unread),
        csrf: super::csrf::masked(&who.csrf_token),
        desk_id: desk.id.clone(),
        desk_name: desk.name.clone(),
        version,
        shift_types: desk.shift_types.iter().map(|t| (t.id.clone(), t.name.clone())).collect(),
        weekday_names: WEEKDAY_NAMES,
        skill_kinds: SKILL_KINDS,
        drafts,
        problem,
    };
    Ok(html(status, &page))
}

#[get("/desks/{id}/templates")]
pub async fn editor_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let (actor, id) = (who.actor.clone(), path.into_inner());
    let desk = state.run(move |ctx| editable(ctx, &actor, &id)).await?;
    let drafts = desk.templates.iter().map(TemplateDraft::from).collect();
    let version = desk.version;
    show(&state, &who, desk, version, drafts, None, StatusCode::OK).await
}

fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

/// What a button other than Save asks: `add-template`, `remove-template:2`,
/// `add-minimum:0`, `remove-minimum:0:1`, `add-required:1`, `remove-required:1:0`.
/// True when it changed the form.
fn change_form(action: &str, drafts: &mut Vec<TemplateDraft>, desk: &Desk) -> bool {
    let mut parts = action.split(':');
    let (verb, i, j) = (
        parts.next().unwrap_or(""),
        parts.next().and_then(|n| n.parse::<usize>().ok()),
        parts.next().and_then(|n| n.parse::<usize>().ok()),
    );
    let first_type = desk.shift_types.first().map(|t| t.id.as_str()).unwrap_or("");
    let row = || SkillRow { kind: "language".into(), value: String::new(), min: "1".into() };
    match (verb, i, j) {
        ("add-template", _, _) => drafts.push(TemplateDraft::blank(&desk.time_zone, first_type)),
        ("remove-template", Some(i), _) if i < drafts.len() => {
            drafts.remove(i);
        }
        ("add-minimum", Some(i), _) if i < drafts.len() => drafts[i].minimums.push(row()),
        ("remove-minimum", Some(i), Some(j)) if i < drafts.len() && j < drafts[i].minimums.len() => {
            drafts[i].minimums.remove(j);
        }
        ("add-required", Some(i), _) if i < drafts.len() => {
            drafts[i].required.push(SkillRow { min: String::new(), ..row() })
        }
        ("remove-required", Some(i), Some(j)) if i < drafts.len() && j < drafts[i].required.len() => {
            drafts[i].required.remove(j);
        }
        _ => return false,
    }
    true
}

#[post("/desks/{id}/templates")]
pub async fn save_templates(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, PageError> {
    let fields = form.into_inner();
    csrf::check_post(&state, &req, &who, value(&fields, "csrf")).await?;
    let (actor, id) = (who.actor.clone(), path.into_inner());
    let key = id.clone();
    let desk = state.run(move |ctx| editable(ctx, &actor, &key)).await?;
    let version = value(&fields, "version").trim().parse::<i64>().unwrap_or(0);
    let mut drafts = drafts_from(&fields);
    let action = value(&fields, "action");
    if action != "save" {
        change_form(action, &mut drafts, &desk);
        return show(&state, &who, desk, version, drafts, None, StatusCode::OK).await;
    }
    let list = template_list(&drafts, &desk.templates).map_err(|e| crate::service::Error::Unreadable(Box::new(e)));
    let actor = who.actor.clone();
    let saved = state.run(move |ctx| put(ctx, &actor, &id, Ok(IfVersion::Exactly(version)), list)).await;
    match saved {
        Ok(detail) => Ok(see_other(&format!("/desks/{}?templates=saved", detail.desk.id))),
        Err(e) if e.status == StatusCode::PRECONDITION_FAILED => {
            // What was typed is kept; saving it again now is a choice made knowingly.
            let problem = format!(
                "Not saved: someone changed this desk since you opened the editor. Your form is below as you left \
                 it; the desk page (/desks/{}) shows the templates as they are now. Save again to replace them with \
                 yours.",
                desk.id
            );
            let now = desk.version;
            show(&state, &who, desk, now, drafts, Some(problem), StatusCode::CONFLICT).await
        }
        Err(e)
            if e.status.is_client_error() && e.status != StatusCode::FORBIDDEN && e.status != StatusCode::NOT_FOUND =>
        {
            let status = e.status;
            let (api_field, message) = (e.field.clone().unwrap_or_default(), field_message(e.clone()).1);
            let problem = match form_field(&api_field) {
                Some((i, field)) if i < drafts.len() => {
                    drafts[i].errors.insert(field, message);
                    Some(format!("Not saved: template {} has a mistake; see the message beside the field.", i + 1))
                }
                _ => Some(format!("Not saved: {message}.")),
            };
            show(&state, &who, desk, version, drafts, problem, status).await
        }
        Err(e) => Err(e.into()),
    }
}
