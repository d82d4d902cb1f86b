//! Rendering a page: the layout's data, and a template turned into an HTML response.

use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;
use askama::Template;

use super::assets;
use crate::service::sessions::SignedIn;

/// What the layout shows around every page: the title, who is signed in (and the
/// token their forms carry), and the asset URLs.
pub struct Chrome {
    pub title: String,
    pub user: Option<ChromeUser>,
    pub css: String,
}

pub struct ChromeUser {
    pub name: String,
    pub time_zone: String,
    pub csrf: String,
    pub unread: i64,
    /// Managers and admins: the nav shows their pages too.
    pub manages: bool,
}

impl Chrome {
    pub fn anonymous(title: &str) -> Self {
        Self { title: title.to_string(), user: None, css: assets::url("rota.css") }
    }

    pub fn signed_in(title: &str, who: &SignedIn, unread: i64) -> Self {
        let user = ChromeUser {
            name: who.person.name.clone(),
            time_zone: who.person.time_zone.clone(),
            csrf: super::csrf::masked(&who.csrf_token),
            unread,
            manages: who.actor.role != crate::domain::Role::Member,
        };
        Self { user: Some(user), ..Self::anonymous(title) }
    }
}

/// The page with this status; a template that fails to render is logged and
/// answered with a plain 500 (a page cannot be shown when pages do not render).
pub fn html(status: StatusCode, page: &impl Template) -> HttpResponse {
    match page.render() {
        Ok(body) => HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(body),
        Err(e) => {
            tracing::error!(error = %e, "a page template failed to render");
            HttpResponse::InternalServerError().body("something went wrong on our side; it has been logged")
        }
    }
}

pub fn ok(page: &impl Template) -> HttpResponse {
    html(StatusCode::OK, page)
}

/// After a post: on to `location` with a GET (so a reload does not post again).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther().insert_header((header::LOCATION, location.to_string())).finish()
}
