//! The page caller: the person behind the session cookie. `/api` never reads this
//! cookie (it takes bearer tokens only), so a page session cannot be used to drive the
//! API from another site.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};

use super::error::PageError;
use super::forms::same_site_path;
use crate::domain::session::SESSION_LIFETIME;
use crate::http::api::error::ApiError;
use crate::http::state::AppState;
use crate::service::sessions::{self, SignedIn};

pub const COOKIE: &str = "rota_session";

/// A signed-in page request.
pub struct PageCaller(pub SignedIn);

impl FromRequest for PageCaller {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let secret = req.cookie(COOKIE).map(|c| c.value().to_string()).filter(|v| !v.is_empty());
        let next = back_to(req);
        Box::pin(async move {
            let state = state.ok_or_else(ApiError::internal)?;
            let Some(secret) = secret else { return Err(PageError::SignIn { next }) };
            match state.run(move |ctx| sessions::resolve(ctx, &secret)).await {
                Ok(who) => Ok(PageCaller(who)),
                Err(e) if e.status == actix_web::http::StatusCode::UNAUTHORIZED => Err(PageError::SignIn { next }),
                Err(e) => Err(e.into()),
            }
        })
    }
}

/// Where sign-in should return to: this page for a GET; for a post, the page its
/// form was on (the path of its `Referer`; the form's input is gone with the session).
/// Only ever a path of this site.
fn back_to(req: &HttpRequest) -> String {
    if req.method() == actix_web::http::Method::GET {
        return req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
    }
    let referer = req.headers().get(actix_web::http::header::REFERER).and_then(|v| v.to_str().ok());
    let path = referer.and_then(|url| {
        let after_scheme = url.find("://")? + 3;
        url[after_scheme..].find('/').map(|i| &url[after_scheme + i..])
    });
    same_site_path(path)
}

/// The cookie that carries a session's secret: script cannot read it, other sites'
/// posts do not carry it (Lax), and it travels only over https when the service is
/// reached over https.
pub fn session_cookie(secret: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(COOKIE, secret.to_string())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time::Duration::seconds(SESSION_LIFETIME.num_seconds()))
        .finish()
}

/// Whether cookies must be `Secure`: the service is reached over https.
pub fn is_https(public_base_url: &Option<String>) -> bool {
    public_base_url.as_deref().is_some_and(|u| u.starts_with("https://"))
}

/// The cookie that removes it.
pub fn cleared_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie("", secure);
    cookie.make_removal();
    cookie
}
