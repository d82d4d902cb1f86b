//! Page tests: requests as a browser sends them (form posts, the session cookie) and
//! answers read as HTML.

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::test;

pub struct Page {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub html: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    /// The `rota_session` value a response sets ("" when it clears it).
    pub fn session_cookie(&self) -> Option<String> {
        self.headers.get_all(header::SET_COOKIE).filter_map(|v| v.to_str().ok()).find_map(|c| {
            let value = c.strip_prefix("rota_session=")?;
            Some(value.split(';').next().unwrap_or_default().to_string())
        })
    }

    /// The value of the hidden `csrf` field of the page's forms.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.html.find(marker).map(|i| i + marker.len()).unwrap_or(0);
        self.html[start..].split('"').next().unwrap_or_default().to_string()
    }
}

pub async fn fetch<S, B>(app: &S, req: test::TestRequest) -> Page
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let response = test::call_service(app, req.to_request()).await;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = test::read_body(response).await;
    Page { status, headers, html: String::from_utf8_lossy(&bytes).into_owned() }
}

pub fn get(path: &str, session: Option<&str>) -> test::TestRequest {
    let req = test::TestRequest::get().uri(path).peer_addr("127.0.0.1:40000".parse().unwrap());
    with_session(req, session)
}

/// A form post, as a browser sends it from one of our pages.
pub fn post(path: &str, session: Option<&str>, fields: &[(&str, &str)]) -> test::TestRequest {
    let req = test::TestRequest::post()
        .uri(path)
        .peer_addr("127.0.0.1:40000".parse().unwrap())
        .insert_header(("sec-fetch-site", "same-origin"))
        .set_form(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>());
    with_session(req, session)
}

fn with_session(req: test::TestRequest, session: Option<&str>) -> test::TestRequest {
    match session {
        Some(secret) => req.insert_header((header::COOKIE, format!("rota_session={secret}"))),
        None => req,
    }
}

/// Signs in through the page; the session cookie's value.
pub async fn sign_in<S, B>(app: &S, email: &str, password: &str) -> String
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let page = fetch(app, post("/login", None, &[("email", email), ("password", password), ("next", "/")])).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    page.session_cookie().expect("a session cookie")
}
