//! Teams: a searchable, paged list (`service::teams::list`, as `GET /api/teams`), and a
//! team's page: its people with their seats, a form to rename or re-describe it, and
//! seats given, changed and taken away through `service::teams::{write, seats}`, the
//! use cases of `PATCH /api/teams/{id}` and `PUT/DELETE /api/teams/{id}/members/{person}`.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::csrf;
use super::error::PageError;
use super::forms::{field_message, url_encode};
use super::render::{html, ok, see_other, Chrome};
use super::session::PageCaller;
use crate::domain::{Person, Team, TeamRole};
use crate::http::pagination::{page, TeamListQuery};
use crate::http::state::AppState;
use crate::service::people::{self, PeopleFilter};
use crate::service::sessions::SignedIn;
use crate::service::teams::input::TeamChanges;
use crate::service::teams::{self, seats, write, TeamFilter};
use crate::service::{notifications, IfVersion};

pub struct TeamRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub people: usize,
    pub managers: usize,
}

#[derive(Template)]
#[template(path = "teams.html")]
struct TeamsPage {
    chrome: Chrome,
    q: String,
    rows: Vec<TeamRow>,
    next: Option<String>,
    first_page: bool,
}

#[get("/teams")]
pub async fn teams_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    query: web::Query<TeamListQuery>,
) -> Result<HttpResponse, PageError> {
    let limit = query.page().limit()?;
    let q = query.q()?.unwrap_or_default();
    let filter = TeamFilter {
        q: Some(q.clone()).filter(|q| !q.trim().is_empty()),
        after: query.page().after()?,
        limit: i64::from(limit) + 1,
    };
    let actor = who.actor.clone();
    let (found, unread) = state
        .run(move |ctx| Ok((teams::list(ctx, &actor, filter)?, notifications::unread_count(ctx, &actor)?)))
        .await?;
    let listed = page(
        found,
        limit,
        |t| (t.name.clone(), t.id.clone()),
        |t| TeamRow {
            people: t.members.len(),
            managers: t.members.iter().filter(|m| m.role == TeamRole::Manager).count(),
            id: t.id,
            name: t.name,
            description: t.description,
        },
    );
    let next = listed.next_cursor.map(|cursor| format!("/teams?q={}&cursor={cursor}", url_encode(&q)));
    let page = TeamsPage {
        chrome: Chrome::signed_in("Teams", &who, unread),
        first_page: query.cursor.is_none(),
        q,
        rows: listed.items,
        next,
    };
    Ok(ok(&page))
}

pub struct SeatRow {
    pub person_id: String,
    pub name: String,
    pub email: String,
    pub manager: bool,
}

/// The rename form as shown: values as typed and the messages beside them.
#[derive(Default)]
pub struct TeamForm {
    /// The version the posted form was read at.
    pub version: Option<i64>,
    pub name: String,
    pub description: String,
    pub name_error: Option<String>,
    pub description_error: Option<String>,
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage {
    chrome: Chrome,
    csrf: String,
    team_id: String,
    team_name: String,
    version: i64,
    manages: bool,
    admin: bool,
    form: TeamForm,
    seats: Vec<SeatRow>,
    /// People the caller can see who are not in the team, for "add".
    candidates: Vec<(String, String)>,
    notice: Option<&'static str>,
    problem: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct TeamQuery {
    saved: Option<String>,
}

async fn show(
    state: &AppState,
    who: &SignedIn,
    id: String,
    form: Option<TeamForm>,
    notice: Option<&'static str>,
    problem: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let (team, people, unread) = state
        .run(move |ctx| {
            let team = teams::get(ctx, &actor, &id)?;
            let people = people::list(ctx, &actor, PeopleFilter { limit: 1000, ..PeopleFilter::default() })?;
            Ok((team, people, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    Ok(html(status, &team_page_data(who, team, people, unread, form, notice, problem)))
}

fn team_page_data(
    who: &SignedIn,
    team: Team,
    people: Vec<Person>,
    unread: i64,
    form: Option<TeamForm>,
    notice: Option<&'static str>,
    problem: Option<String>,
) -> TeamPage {
    let by_id: HashMap<&str, &Person> = people.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut seats: Vec<SeatRow> = team
        .members
        .iter()
        .map(|m| {
            let person = by_id.get(m.person_id.as_str());
            SeatRow {
                person_id: m.person_id.clone(),
                name: person.map_or_else(|| m.person_id.clone(), |p| p.name.clone()),
                email: person.map(|p| p.email.clone()).unwrap_or_default(),
                manager: m.role == TeamRole::Manager,
            }
        })
        .collect();
    seats.sort_by(|a, b| (!a.manager, &a.name).cmp(&(!b.manager, &b.name)));
    let candidates = people
        .iter()
        .filter(|p| p.active && team.seat_of(&p.id).is_none())
        .map(|p| (p.id.clone(), format!("{} <{}>", p.name, p.email)))
        .collect();
    // A refused form keeps the version it was read at (see `update_team`).
    let version = form.as_ref().and_then(|f| f.version).unwrap_or(team.version);
    TeamPage {
        chrome: Chrome::signed_in(&team.name, who, unread),
        csrf: super::csrf::masked(&who.csrf_token),
        manages: who.actor.manages_team(&team.id),
        admin: who.actor.is_admin(),
        form: form.unwrap_or_else(|| TeamForm {
            name: team.name.clone(),
            description: team.description.clone(),
            ..TeamForm::default()
        }),
        team_id: team.id,
        team_name: team.name,
        version,
        seats,
        candidates,
        notice,
        problem,
    }
}

#[get("/teams/{id}")]
pub async fn team_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    query: web::Query<TeamQuery>,
) -> Result<HttpResponse, PageError> {
    let notice = match query.saved.as_deref() {
        Some("team") => Some("Saved."),
        Some("seat") => Some("Seat saved."),
        Some("removed") => Some("Taken out of the team; they stay in the company."),
        _ => None,
    };
    show(&state, &who, path.into_inner(), None, notice, None, StatusCode::OK).await
}

#[derive(Debug, Deserialize)]
pub struct TeamEdit {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
}

#[post("/teams/{id}")]
pub async fn update_team(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<TeamEdit>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let id = path.into_inner();
    let changes = TeamChanges { name: Some(form.name.clone()), description: Some(form.description.clone()) };
    let (actor, key, version) = (who.actor.clone(), id.clone(), IfVersion::Exactly(form.version));
    match state.run(move |ctx| write::update(ctx, &actor, &key, Ok(version), Ok(changes))).await {
        Ok(_) => Ok(see_other(&format!("/teams/{id}?saved=team"))),
        Err(e) if e.status == StatusCode::PRECONDITION_FAILED => {
            let problem = "Not saved: someone changed the team since you opened it; here it is now.".to_string();
            show(&state, &who, id, None, None, Some(problem), StatusCode::CONFLICT).await
        }
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY || e.status == StatusCode::CONFLICT => {
            let status = e.status;
            let (field, message) = field_message(e);
            let mut shown = TeamForm {
                version: Some(form.version),
                name: form.name.clone(),
                description: form.description.clone(),
                ..TeamForm::default()
            };
            match field.as_deref() {
                Some("description") => shown.description_error = Some(message),
                _ => shown.name_error = Some(message),
            }
            show(&state, &who, id, Some(shown), None, None, status).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct SeatForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    person: String,
    /// `member`, `manager`, or `remove`.
    #[serde(default)]
    seat: String,
}

#[post("/teams/{id}/seats")]
pub async fn change_seat(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<SeatForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let id = path.into_inner();
    let (actor, key, person, version) =
        (who.actor.clone(), id.clone(), form.person.clone(), IfVersion::Exactly(form.version));
    let removing = form.seat == "remove";
    let seat = match form.seat.as_str() {
        "manager" => Ok(TeamRole::Manager),
        "member" | "remove" => Ok(TeamRole::Member),
        _ => Err(crate::domain::InvalidValue::new("role", "invalid_value", "a seat is member or manager").into()),
    };
    let outcome = state
        .run(move |ctx| {
            if removing {
                seats::remove(ctx, &actor, &key, &person, Ok(version))
            } else {
                seats::put(ctx, &actor, &key, &person, Ok(version), seat)
            }
        })
        .await;
    match outcome {
        Ok(_) => Ok(see_other(&format!("/teams/{id}?saved={}", if removing { "removed" } else { "seat" }))),
        Err(e) if e.status == StatusCode::PRECONDITION_FAILED => {
            let problem = "Not saved: someone changed the team since you opened it; here it is now.".to_string();
            show(&state, &who, id, None, None, Some(problem), StatusCode::CONFLICT).await
        }
        // The team is there; what was asked is not allowed or not possible: said on
        // the team's page (as the API's status), not as a bare error page.
        Err(e)
            if matches!(e.status, StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::CONFLICT) =>
        {
            let status = e.status;
            let problem = if status == StatusCode::FORBIDDEN {
                "Not saved: you may not give or change this seat (manager seats and people of other teams are an \
                 admin's call)."
                    .to_string()
            } else {
                format!("Not saved: {}.", field_message(e).1)
            };
            show(&state, &who, id, None, None, Some(problem), status).await
        }
        Err(e) => Err(e.into()),
    }
}
