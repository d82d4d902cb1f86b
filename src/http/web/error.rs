//! What a page answers when it cannot show what was asked: sign in (a redirect that
//! comes back), the 403 and 404 pages in the layout, and a 500 page that shows the
//! request id and nothing else.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use super::render::{html, Chrome};
use crate::http::api::error::ApiError;

#[derive(Debug)]
pub enum PageError {
    /// Not signed in, or the session ended: to the sign-in page, then back to `next`.
    SignIn {
        next: String,
    },
    /// A post without the session's token, or from another site.
    CrossSite,
    Status(ApiError),
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome,
    status: u16,
    heading: &'a str,
    message: &'a str,
}

/// Marks a response the middleware replaces with the 500 page and its request id.
#[derive(Debug, Clone, Copy)]
pub struct InternalPage;

#[derive(Template)]
#[template(path = "internal_error.html")]
struct InternalErrorPage {
    chrome: Chrome,
    request_id: String,
}

/// The 500 page: the request id and nothing else.
pub fn internal_page(status: StatusCode, request_id: &str) -> HttpResponse {
    let page = InternalErrorPage { chrome: Chrome::anonymous("Something went wrong"), request_id: request_id.into() };
    html(status, &page)
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SignIn { next } => write!(f, "sign in to see {next}"),
            Self::CrossSite => write!(f, "a cross-site or tokenless post was refused"),
            Self::Status(e) => write!(f, "{}: {}", e.status, e.message),
        }
    }
}

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> Self {
        Self::Status(error)
    }
}

/// `/login?next=…` for a path of ours.
pub fn sign_in_location(next: &str) -> String {
    let mut url = String::from("/login");
    if next != "/" {
        url.push_str("?next=");
        url.push_str(&super::forms::url_encode(next));
    }
    url
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::SignIn { .. } => StatusCode::SEE_OTHER,
            Self::CrossSite => StatusCode::FORBIDDEN,
            Self::Status(e) => e.status,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let (status, heading, message) = match self {
            Self::SignIn { next } => {
                return HttpResponse::SeeOther().insert_header((header::LOCATION, sign_in_location(next))).finish();
            }
            Self::CrossSite => (
                StatusCode::FORBIDDEN,
                "This form cannot be sent from here",
                "The request did not come from a rota page of this session, so nothing was changed. Go back, reload the page and try again.",
            ),
            Self::Status(e) if e.status == StatusCode::UNAUTHORIZED => {
                return HttpResponse::SeeOther().insert_header((header::LOCATION, "/login")).finish();
            }
            Self::Status(e) if e.status == StatusCode::NOT_FOUND => {
                (e.status, "Not found", "There is no such page, or it is not yours to see.")
            }
            Self::Status(e) if e.status == StatusCode::FORBIDDEN => {
                (e.status, "Not allowed", "Your role does not let you see or change this.")
            }
            Self::Status(e) if e.status.is_server_error() => {
                // The request id is only known to the middleware, which draws this page.
                let mut response = HttpResponse::build(e.status).finish();
                response.extensions_mut().insert(InternalPage);
                return response;
            }
            Self::Status(e) => (e.status, "That did not work", e.message.as_str()),
        };
        let page = ErrorPage { chrome: Chrome::anonymous(heading), status: status.as_u16(), heading, message };
        html(status, &page)
    }
}
