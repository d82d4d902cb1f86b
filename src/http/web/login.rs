//! Sign in and sign out. Signing in is the API's login (same throttling, lockout and
//! timing for unknown emails) followed by a new session.

use actix_web::http::{header, StatusCode};
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::csrf;
use super::error::PageError;
use super::forms::same_site_path;
use super::render::{html, Chrome};
use super::session::{cleared_cookie, is_https, session_cookie, PageCaller, COOKIE};
use crate::http::caller::client_addr;
use crate::http::state::AppState;
use crate::service::{sessions, settings};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    email: String,
    next: String,
    /// Shown above the form (wrong password, too many attempts).
    problem: Option<String>,
    /// Shown next to the email field.
    email_error: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

fn page(
    status: StatusCode,
    email: String,
    next: String,
    problem: Option<String>,
    email_error: Option<String>,
) -> HttpResponse {
    html(status, &LoginPage { chrome: Chrome::anonymous("Sign in"), email, next, problem, email_error })
}

async fn public_url(state: &AppState) -> Result<Option<String>, PageError> {
    Ok(state.run(settings::public_base_url).await?)
}

/// The sign-in form; someone already signed in goes straight on to `next`.
#[get("/login")]
pub async fn login_page(query: web::Query<NextQuery>, who: Option<PageCaller>) -> HttpResponse {
    let next = same_site_path(query.next.as_deref());
    match who {
        Some(_) => HttpResponse::SeeOther().insert_header((header::LOCATION, next)).finish(),
        None => page(StatusCode::OK, String::new(), next, None, None),
    }
}

#[post("/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, PageError> {
    let public = public_url(&state).await?;
    // No session yet, so no token: a post from another site is told apart by its
    // Fetch Metadata or Origin (login CSRF would sign the victim in as the attacker).
    if !csrf::same_origin(&req, public.as_deref()) {
        return Err(PageError::CrossSite);
    }
    let LoginForm { email, password, next } = form.into_inner();
    let next = same_site_path(next.as_deref());
    if email.trim().is_empty() {
        let message = Some("Enter the email address you sign in with.".into());
        return Ok(page(StatusCode::UNPROCESSABLE_ENTITY, email, next, None, message));
    }
    let addr = client_addr(&req);
    let (email_for_login, password_for_login) = (email.clone(), password);
    match state.run(move |ctx| sessions::sign_in(ctx, &email_for_login, &password_for_login, &addr)).await {
        Ok(opened) => Ok(HttpResponse::SeeOther()
            .cookie(session_cookie(&opened.secret, is_https(&public)))
            .insert_header((header::LOCATION, next))
            .finish()),
        Err(e) if e.status == StatusCode::UNAUTHORIZED => {
            let problem = Some("The email or password is wrong.".into());
            Ok(page(StatusCode::UNAUTHORIZED, email, next, problem, None))
        }
        Err(e) if e.status == StatusCode::TOO_MANY_REQUESTS => {
            let wait = e.retry_after_seconds.unwrap_or(60).div_ceil(60);
            let problem = Some(format!("Too many sign-in attempts. Wait {wait} min and try again."));
            let mut response = page(StatusCode::TOO_MANY_REQUESTS, email, next, problem, None);
            if let Ok(value) = header::HeaderValue::from_str(&e.retry_after_seconds.unwrap_or(60).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            Ok(response)
        }
        Err(e) if e.field.as_deref() == Some("email") => {
            Ok(page(StatusCode::UNPROCESSABLE_ENTITY, email, next, None, Some(e.message)))
        }
        Err(e) => Err(e.into()),
    }
}

#[post("/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    PageCaller(who): PageCaller,
    form: web::Form<super::forms::CsrfForm>,
) -> Result<HttpResponse, PageError> {
    let public = public_url(&state).await?;
    csrf::check(&req, &who, &form.csrf, public.as_deref())?;
    if let Some(secret) = req.cookie(COOKIE).map(|c| c.value().to_string()) {
        state.run(move |ctx| sessions::sign_out(ctx, &secret)).await?;
    }
    Ok(HttpResponse::SeeOther()
        .cookie(cleared_cookie(is_https(&public)))
        .insert_header((header::LOCATION, "/login"))
        .finish())
}
