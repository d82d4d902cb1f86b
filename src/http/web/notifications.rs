//! My notifications: newest first, unread marked; mark one or all read.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;

use super::csrf;
use super::error::PageError;
use super::format::{day, zone_label};
use super::render::{ok, see_other, Chrome};
use super::session::PageCaller;
use crate::domain::time_zone::stored_zone;
use crate::http::state::AppState;
use crate::service::notifications;

pub struct Item {
    pub id: String,
    pub message: String,
    pub when: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    chrome: Chrome,
    csrf: String,
    zone: String,
    items: Vec<Item>,
    unread_count: i64,
}

#[get("/notifications")]
pub async fn notifications_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let inbox = state.run(move |ctx| notifications::list(ctx, &actor, false, None, 100)).await?;
    let zone = stored_zone(&who.person.time_zone);
    let items = inbox
        .items
        .iter()
        .map(|n| Item {
            id: n.id.clone(),
            message: n.message.clone(),
            when: format!("{} {}", day(n.created_at, zone), n.created_at.with_timezone(&zone).format("%H:%M")),
            unread: n.read_at.is_none(),
        })
        .collect();
    let page = NotificationsPage {
        chrome: Chrome::signed_in("Notifications", &who, inbox.unread_count),
        csrf: super::csrf::masked(&who.csrf_token),
        zone: zone_label(state.service.now(), zone),
        items,
        unread_count: inbox.unread_count,
    };
    Ok(ok(&page))
}

fn back() -> HttpResponse {
    see_other("/notifications")
}

#[post("/notifications/{id}/read")]
pub async fn mark_read(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    path: web::Path<String>,
    form: web::Form<super::forms::CsrfForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let (actor, id) = (who.actor.clone(), path.into_inner());
    state.run(move |ctx| notifications::mark_read(ctx, &actor, &id)).await?;
    Ok(back())
}

#[post("/notifications/read-all")]
pub async fn mark_all_read(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    form: web::Form<super::forms::CsrfForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let actor = who.actor.clone();
    state.run(move |ctx| notifications::mark_all_read(ctx, &actor)).await?;
    Ok(back())
}
