//! Calendar feeds in tests: make one through the API, fetch it as a calendar app does.

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::test;
use serde_json::json;

use super::{request, send, Reply};

/// A fetched feed: status, headers, text.
pub struct Fetched {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub text: String,
}

impl Fetched {
    pub fn etag(&self) -> String {
        self.headers.get(header::ETAG).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
    }

    /// The UIDs of its events, in order.
    pub fn uids(&self) -> Vec<String> {
        self.text.lines().filter_map(|l| l.strip_prefix("UID:")).map(str::to_string).collect()
    }
}

/// `POST /api/feeds` as `token`'s owner.
pub async fn make<S, B>(app: &S, token: &str, kind: &str, target: &str) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    send(app, request("POST", "/api/feeds", Some(token)).set_json(json!({"kind": kind, "target": target}))).await
}

/// The path of a feed's URL (`/feeds/….ics`).
pub fn path_of(made: &Reply) -> String {
    let url = made.body["url"].as_str().unwrap_or_default();
    url.find("/feeds/").map(|i| url[i..].to_string()).unwrap_or_default()
}

/// Fetches `path` with these request headers.
pub async fn fetch<S, B>(app: &S, method: &str, path: &str, headers: &[(&str, &str)]) -> Fetched
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let mut req = match method {
        "HEAD" => test::TestRequest::default().method(actix_web::http::Method::HEAD),
        _ => test::TestRequest::get(),
    }
    .uri(path);
    for (name, value) in headers {
        req = req.insert_header((name.to_string(), value.to_string()));
    }
    let response = test::call_service(app, req.to_request()).await;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = test::read_body(response).await;
    Fetched { status, headers, text: String::from_utf8_lossy(&bytes).into_owned() }
}
