//! People: a searchable, paged list through the same service function as
//! `GET /api/people` (admins see everyone, others themselves and their teammates).
//! The search folds case and diacritics, so "lukasz" finds "Łukasz".

use std::collections::HashMap;

use actix_web::{get, web, HttpResponse};
use askama::Template;

use super::error::PageError;
use super::forms::url_encode;
use super::render::{ok, Chrome};
use super::session::PageCaller;
use crate::domain::{Person, TeamRole};
use crate::http::pagination::{page, PeopleListQuery};
use crate::http::state::AppState;
use crate::service::people::{self, PeopleFilter};
use crate::service::{notifications, teams};

pub struct Row {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub zone: String,
    pub teams: String,
    pub skills: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    chrome: Chrome,
    q: String,
    rows: Vec<Row>,
    next: Option<String>,
    first_page: bool,
}

fn row(person: Person, team_names: &HashMap<String, String>) -> Row {
    let teams: Vec<String> = person
        .teams
        .iter()
        .map(|seat| {
            let name = team_names.get(&seat.team_id).unwrap_or(&seat.team_id);
            if seat.role == TeamRole::Manager {
                format!("{name} (manager)")
            } else {
                name.to_string()
            }
        })
        .collect();
    let languages: Vec<String> = person.skills.languages.iter().map(|l| l.to_uppercase()).collect();
    Row {
        role: person.role.as_str(),
        zone: person.time_zone,
        teams: teams.join(", "),
        skills: format!("{} · {}", person.skills.tier.as_str(), languages.join(" ")),
        active: person.active,
        id: person.id,
        name: person.name,
        email: person.email,
    }
}

#[get("/people")]
pub async fn people_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    query: web::Query<PeopleListQuery>,
) -> Result<HttpResponse, PageError> {
    let limit = query.page().limit()?;
    let q = query.q()?.unwrap_or_default();
    let filter = PeopleFilter {
        team_id: query.team_id()?,
        q: Some(q.clone()).filter(|q| !q.trim().is_empty()),
        after: query.page().after()?,
        limit: i64::from(limit) + 1,
    };
    let actor = who.actor.clone();
    let (found, names, unread) = state
        .run(move |ctx| {
            let found = people::list(ctx, &actor, filter)?;
            let ids: Vec<String> = found.iter().flat_map(|p| p.teams.iter().map(|s| s.team_id.clone())).collect();
            let names = teams::names(ctx, &actor, &ids)?;
            Ok((found, names, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    let listed = page(found, limit, |p| (p.name.clone(), p.id.clone()), |p| row(p, &names));
    let next = listed.next_cursor.map(|cursor| format!("/people?q={}&cursor={cursor}", url_encode(&q)));
    let page = PeoplePage {
        chrome: Chrome::signed_in("People", &who, unread),
        first_page: query.cursor.is_none(),
        q,
        rows: listed.items,
        next,
    };
    Ok(ok(&page))
}
