//! `GET /feeds/{token}.ics` (and `HEAD`): a calendar feed for the app that polls it.
//! The token in the URL is all it needs; an `Authorization` header (Outlook sends one)
//! is ignored. An unknown and a revoked token answer the same 404.
//!
//! Each process keeps the last render of each feed under the key it was made for (the
//! database's calendars counter and the window's first day), so a burst of calendar
//! apps costs one render, and a change anywhere, in any process sharing the database,
//! moves the counter and with it every key. The token is looked up on every request:
//! a revoked or rotated URL stops working at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::http::header::{self, ContentEncoding, HttpDate};
use actix_web::http::StatusCode;
use actix_web::{get, head, web, HttpRequest, HttpResponse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::api::error::ApiError;
use super::state::AppState;
use crate::service::feeds::{self, document, Opened};
use crate::service::sessions::hash_secret;

/// How often a feed's last fetch is written at most.
const RECORD_EVERY: Duration = Duration::from_secs(60);

#[derive(Clone)]
struct Rendered {
    key: (i64, NaiveDate),
    /// None: the owner may no longer read what it shows (404).
    body: Option<Arc<Body>>,
}

struct Body {
    bytes: web::Bytes,
    etag: String,
    last_modified: DateTime<Utc>,
    filename: String,
}

/// The renders of this process, the feeds its tokens opened (by the token's hash,
/// good while the calendars counter stays), and when each feed's fetch was last
/// recorded.
#[derive(Default)]
pub struct FeedCache {
    renders: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Option<Rendered>>>>>,
    /// How many renders this process made (for tests and diagnostics).
    rendered: std::sync::atomic::AtomicU64,
    opened: Mutex<HashMap<String, Opened>>,
    recorded: Mutex<HashMap<String, Instant>>,
}

/// A lock that a panic elsewhere does not poison for good: the maps stay usable.
fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl FeedCache {
    /// How many feeds this process has rendered so far.
    pub fn renders_made(&self) -> u64 {
        self.rendered.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn known(&self, token_hash: &str) -> Option<Opened> {
        locked(&self.opened).get(token_hash).cloned()
    }

    fn remember(&self, token_hash: String, opened: &Option<Opened>) {
        let mut map = locked(&self.opened);
        match opened {
            Some(o) => {
                map.insert(token_hash, o.clone());
            }
            None => {
                map.remove(&token_hash);
            }
        }
    }

    fn slot(&self, feed_id: &str) -> Arc<tokio::sync::Mutex<Option<Rendered>>> {
        let mut renders = locked(&self.renders);
        renders.entry(feed_id.to_string()).or_default().clone()
    }

    /// Whether this fetch should be recorded (the first, then once a minute).
    fn due(&self, feed_id: &str) -> bool {
        let mut recorded = locked(&self.recorded);
        let now = Instant::now();
        match recorded.get(feed_id) {
            Some(at) if now.duration_since(*at) < RECORD_EVERY => false,
            _ => {
                recorded.insert(feed_id.to_string(), now);
                true
            }
        }
    }
}

fn not_found() -> HttpResponse {
    HttpResponse::NotFound()
        .content_type("text/plain; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body("no such feed\n")
}

/// A strong validator of the exact bytes.
fn etag_of(bytes: &[u8]) -> String {
    format!("\"{}\"", URL_SAFE_NO_PAD.encode(&Sha256::digest(bytes)[..18]))
}

/// Whether the client's copy is current: `If-None-Match` when sent, else `If-Modified-Since`.
fn not_modified(req: &HttpRequest, body: &Body) -> bool {
    if let Some(tags) = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        return tags.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == body.etag);
    }
    let since = req
        .headers()
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<HttpDate>().ok())
        .map(std::time::SystemTime::from);
    let modified = std::time::SystemTime::from(body.last_modified);
    // HTTP dates have whole seconds.
    since.is_some_and(|since| modified <= since + Duration::from_millis(999))
}

/// A calendar feed (RFC 5545), for calendar apps: the secret token in the URL is all it
/// needs. Every time is UTC; an unknown or revoked token is 404 with no hint of which.
#[utoipa::path(
    get, path = "/feeds/{file}", tag = "feeds",
    params(("file" = String, Path, description = "`{token}.ics`, as the feed's `url` gives it")),
    responses(
        (status = 200, description = "The feed", content_type = "text/calendar", body = String,
         headers(("ETag" = String), ("Last-Modified" = String))),
        (status = 304, description = "Unchanged since the ETag or date the app sent"),
        (status = 404, description = "No such feed", content_type = "text/plain", body = String),
    )
)]
#[get("/feeds/{file}")]
pub async fn get_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    serve(state, req, path.into_inner()).await
}

/// The headers `GET` would answer, without the body.
#[utoipa::path(
    head, path = "/feeds/{file}", tag = "feeds",
    params(("file" = String, Path, description = "`{token}.ics`")),
    responses(
        (status = 200, description = "The feed's headers"),
        (status = 304, description = "Unchanged since the ETag or date the app sent"),
        (status = 404, description = "No such feed"),
    )
)]
#[head("/feeds/{file}")]
pub async fn head_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    serve(state, req, path.into_inner()).await
}

async fn serve(state: web::Data<AppState>, req: HttpRequest, file: String) -> Result<HttpResponse, ApiError> {
    let Some(token) = file.strip_suffix(".ics") else { return Ok(not_found()) };
    if token.is_empty()
        || token.len() > 64
        || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Ok(not_found());
    }
    let token_hash = hash_secret(token);
    let (known, key_hash) = (state.feeds.known(&token_hash), token_hash.clone());
    let opened = state.run(move |ctx| feeds::open(ctx, &key_hash, known.as_ref())).await?;
    state.feeds.remember(token_hash, &opened);
    let Some(opened) = opened else { return Ok(not_found()) };
    let key = (opened.counter, opened.first_day);
    let feed_id = opened.feed.id.clone();

    // One render per key: concurrent fetches of the same feed wait for it.
    let slot = state.feeds.slot(&feed_id);
    let mut cached = slot.lock().await;
    let rendered = match cached.as_ref() {
        Some(r) if r.key == key => r.clone(),
        _ => {
            let feed = opened.feed.clone();
            let document = state.run(move |ctx| document::render(ctx, &feed, ctx.now())).await?;
            state.feeds.rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            // Any change anywhere moves the counter: the feed is at least that new (a
            // shift removed from it leaves no newer stamp of its own).
            let changed = opened.changed;
            let body = document.map(|d| {
                let bytes = web::Bytes::from(d.text);
                let last_modified = changed.map_or(d.last_modified, |c| c.max(d.last_modified));
                Arc::new(Body { etag: etag_of(&bytes), bytes, last_modified, filename: d.filename })
            });
            let r = Rendered { key, body };
            *cached = Some(r.clone());
            r
        }
    };
    drop(cached);
    let Some(body) = rendered.body else { return Ok(not_found()) };

    if state.feeds.due(&feed_id) {
        let agent = req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let state = state.clone();
        actix_web::rt::spawn(async move {
            let at = state.service.now();
            if let Err(e) = state.run(move |ctx| feeds::record_fetch(ctx, &feed_id, at, &agent)).await {
                tracing::warn!(error = %e.message, "could not record a feed fetch");
            }
        });
    }

    let fresh = not_modified(&req, &body);
    let mut response = HttpResponse::build(if fresh { StatusCode::NOT_MODIFIED } else { StatusCode::OK });
    response
        .insert_header((header::ETAG, body.etag.clone()))
        .insert_header((header::LAST_MODIFIED, HttpDate::from(std::time::SystemTime::from(body.last_modified))))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        // The ETag is of these exact bytes: no compression changes them on the way.
        .insert_header(ContentEncoding::Identity);
    if fresh {
        return Ok(response.finish());
    }
    response
        .content_type("text/calendar; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{}\"", body.filename)));
    // For HEAD the server sends these headers and the body's length, not the body.
    Ok(response.body(body.bytes.clone()))
}
