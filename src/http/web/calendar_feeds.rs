//! "Calendar feeds": make, copy, rotate and revoke the secret links calendar apps
//! subscribe to, through the same `service::feeds` as `/api/feeds`. A new or rotated
//! link is shown on the page that answers the post, once; it is never in a URL.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::csrf;
use super::error::PageError;
use super::render::{html, see_other, Chrome};
use super::session::PageCaller;
use crate::domain::feed::FeedKind;
use crate::domain::time_zone::stored_zone;
use crate::http::api::feeds::{base_url, feed_urls};
use crate::http::state::AppState;
use crate::service::feeds::{self, Issued, NewFeed};
use crate::service::sessions::SignedIn;
use crate::service::{desks, notifications, settings, teams};

pub struct FeedRow {
    pub id: String,
    pub what: String,
    pub created: String,
    pub last_fetch: String,
}

/// A link just made or rotated: shown this once.
pub struct NewLink {
    pub what: String,
    pub url: String,
    pub webcal: String,
}

#[derive(Template)]
#[template(path = "calendar_feeds.html")]
struct FeedsPage {
    chrome: Chrome,
    csrf: String,
    rows: Vec<FeedRow>,
    /// (value `kind:target`, label) of what I may subscribe to.
    choices: Vec<(String, String)>,
    new_link: Option<NewLink>,
    notice: Option<&'static str>,
    problem: Option<String>,
    script: String,
}

fn label(kind: FeedKind, name: &str, own: bool) -> String {
    match kind {
        FeedKind::Person if own => "My shifts and time off".to_string(),
        FeedKind::Person => format!("{name}'s shifts"),
        FeedKind::Team => format!("Team {name}: who works when"),
        FeedKind::Desk => format!("Desk {name}: every shift and who is on it"),
    }
}

async fn show(
    state: &AppState,
    req: &HttpRequest,
    who: &SignedIn,
    issued: Option<Issued>,
    notice: Option<&'static str>,
    problem: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let (listed, my_teams, my_desks, public, unread) = state
        .run(move |ctx| {
            let listed = feeds::list(ctx, &actor)?;
            let my_teams = teams::list(ctx, &actor, teams::TeamFilter { limit: 200, ..Default::default() })?;
            let my_desks = desks::list(ctx, &actor, false, None, 200)?;
            Ok((listed, my_teams, my_desks, settings::public_base_url(ctx)?, notifications::unread_count(ctx, &actor)?))
        })
        .await?;
    let zone = stored_zone(&who.person.time_zone);
    let when = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&zone).format("%a %-d %b %Y %H:%M").to_string();
    let own = |target: &str| target == who.actor.id;
    let new_link = issued.map(|issued| {
        let (url, webcal) = feed_urls(&base_url(public.clone(), req), &issued.token);
        let name =
            listed.iter().find(|l| l.feed.id == issued.feed.id).map(|l| l.target_name.clone()).unwrap_or_default();
        NewLink { what: label(issued.feed.kind, &name, own(&issued.feed.target_id)), url, webcal }
    });
    let rows = listed
        .iter()
        .map(|l| FeedRow {
            id: l.feed.id.clone(),
            what: label(l.feed.kind, &l.target_name, own(&l.feed.target_id)),
            created: when(l.feed.rotated_at.unwrap_or(l.feed.created_at)),
            last_fetch: match (&l.feed.last_fetched_at, &l.feed.last_user_agent) {
                (Some(at), Some(agent)) if !agent.is_empty() => format!("{} by {agent}", when(*at)),
                (Some(at), _) => when(*at),
                _ => "not yet".to_string(),
            },
        })
        .collect();
    let mut choices = vec![(format!("person:{}", who.actor.id), label(FeedKind::Person, "", true))];
    choices.extend(my_teams.iter().map(|t| (format!("team:{}", t.id), label(FeedKind::Team, &t.name, false))));
    choices.extend(my_desks.iter().map(|d| (format!("desk:{}", d.id), label(FeedKind::Desk, &d.name, false))));
    let page = FeedsPage {
        chrome: Chrome::signed_in("Calendar feeds", who, unread),
        csrf: csrf::masked(&who.csrf_token),
        rows,
        choices,
        new_link,
        notice,
        problem,
        script: super::assets::url("copy.js"),
    };
    Ok(html(status, &page))
}

#[derive(Debug, Default, Deserialize)]
pub struct FeedsQuery {
    revoked: Option<String>,
}

#[get("/calendar-feeds")]
pub async fn feeds_page(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    query: web::Query<FeedsQuery>,
) -> Result<HttpResponse, PageError> {
    let notice = query.revoked.as_ref().map(|_| "Revoked: that link opens nothing any more.");
    show(&state, &req, &who, None, notice, None, StatusCode::OK).await
}

#[derive(Debug, Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    csrf: String,
    /// `kind:target`.
    #[serde(default)]
    what: String,
}

#[post("/calendar-feeds")]
pub async fn create_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    form: web::Form<CreateForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let (kind, target) = form.what.split_once(':').unwrap_or(("", ""));
    let input = match FeedKind::parse(kind) {
        Some(kind) => Ok(NewFeed { kind, target: target.to_string(), days_back: None, days_ahead: None }),
        None => Err(crate::domain::InvalidValue::new("kind", "invalid_value", "choose what the feed shows").into()),
    };
    let actor = who.actor.clone();
    match state.run(move |ctx| feeds::create(ctx, &actor, input)).await {
        Ok(issued) => show(&state, &req, &who, Some(issued), None, None, StatusCode::OK).await,
        Err(e) if e.status.is_client_error() && e.status != StatusCode::FORBIDDEN => {
            let status = e.status;
            let problem = Some(format!("No feed made: {}.", super::forms::field_message(e).1));
            show(&state, &req, &who, None, None, problem, status).await
        }
        Err(e) => Err(e.into()),
    }
}

#[post("/calendar-feeds/{id}/rotate")]
pub async fn rotate_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<super::forms::CsrfForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let (actor, id) = (who.actor.clone(), path.into_inner());
    let issued = state.run(move |ctx| feeds::rotate(ctx, &actor, &id)).await?;
    show(&state, &req, &who, Some(issued), None, None, StatusCode::OK).await
}

#[post("/calendar-feeds/{id}/revoke")]
pub async fn revoke_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<super::forms::CsrfForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let (actor, id) = (who.actor.clone(), path.into_inner());
    state.run(move |ctx| feeds::revoke(ctx, &actor, &id)).await?;
    Ok(see_other("/calendar-feeds?revoked=1"))
}
