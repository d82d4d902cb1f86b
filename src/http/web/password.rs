//! Change my password: the API's `POST /api/me/password` rules (the current password
//! checked and counted like a login, the same strength rule). Every other session and
//! token of mine ends; this browser is signed in anew.

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::csrf;
use super::error::PageError;
use super::forms::field_message;
use super::render::{html, Chrome};
use super::session::{is_https, session_cookie, PageCaller};
use crate::http::caller::client_addr;
use crate::http::state::AppState;
use crate::service::auth::MIN_PASSWORD_CHARS;
use crate::service::sessions::{self, SignedIn};
use crate::service::{notifications, settings};

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

/// Passwords are never written back into the form; only the messages are kept.
#[derive(Default)]
pub struct FieldErrors {
    pub current_password: Option<String>,
    pub new_password: Option<String>,
    pub confirm_password: Option<String>,
    pub other: Option<String>,
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    chrome: Chrome,
    csrf: String,
    errors: FieldErrors,
    changed: bool,
    min_chars: usize,
}

async fn render(
    state: &AppState,
    who: &SignedIn,
    status: StatusCode,
    errors: FieldErrors,
    changed: bool,
) -> Result<HttpResponse, PageError> {
    let actor = who.actor.clone();
    let unread = state.run(move |ctx| notifications::unread_count(ctx, &actor)).await?;
    let page = PasswordPage {
        chrome: Chrome::signed_in("Password", who, unread),
        csrf: super::csrf::masked(&who.csrf_token),
        errors,
        changed,
        min_chars: MIN_PASSWORD_CHARS,
    };
    Ok(html(status, &page))
}

#[derive(Debug, Deserialize)]
pub struct ChangedQuery {
    changed: Option<String>,
}

#[get("/password")]
pub async fn password_page(
    state: web::Data<AppState>,
    PageCaller(who): PageCaller,
    query: web::Query<ChangedQuery>,
) -> Result<HttpResponse, PageError> {
    render(&state, &who, StatusCode::OK, FieldErrors::default(), query.changed.is_some()).await
}

#[post("/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, PageError> {
    csrf::check_post(&state, &req, &who, &form.csrf).await?;
    let form = form.into_inner();
    // A typo in the new password is caught before it becomes the only way in.
    if form.new_password != form.confirm_password {
        let errors = FieldErrors {
            confirm_password: Some("the two new passwords differ; type the same one twice".into()),
            ..FieldErrors::default()
        };
        return render(&state, &who, StatusCode::UNPROCESSABLE_ENTITY, errors, false).await;
    }
    let (actor, addr) = (who.actor.clone(), client_addr(&req));
    let changed = state
        .run(move |ctx| sessions::change_password(ctx, &actor, &form.current_password, &form.new_password, &addr))
        .await;
    match changed {
        Ok(opened) => {
            let public = state.run(settings::public_base_url).await?;
            Ok(HttpResponse::SeeOther()
                .cookie(session_cookie(&opened.secret, is_https(&public)))
                .insert_header((header::LOCATION, "/password?changed=1"))
                .finish())
        }
        Err(e) if e.status == StatusCode::TOO_MANY_REQUESTS => {
            let wait = e.retry_after_seconds.unwrap_or(60).div_ceil(60);
            let errors = FieldErrors {
                other: Some(format!("Too many wrong passwords. Wait {wait} min and try again.")),
                ..FieldErrors::default()
            };
            render(&state, &who, e.status, errors, false).await
        }
        Err(e) if matches!(e.status, StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY) => {
            let status = e.status;
            let (field, message) = field_message(e);
            let mut errors = FieldErrors::default();
            match field.as_deref() {
                Some("current_password") => errors.current_password = Some(message),
                Some("new_password") => errors.new_password = Some(message),
                _ => errors.other = Some(message),
            }
            render(&state, &who, status, errors, false).await
        }
        Err(e) => Err(e.into()),
    }
}
