//! The pages' static files (`static/`), compiled into the binary and served with an
//! ETag of their content and a year of caching: their URLs carry the content hash, so
//! a new build's file is a new URL.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Static;

fn hash_of(name: &str) -> Option<String> {
    let file = Static::get(name)?;
    Some(file.metadata.sha256_hash().iter().take(8).map(|b| format!("{b:02x}")).collect())
}

/// The URL of a static file, with its content hash.
pub fn url(name: &str) -> String {
    match hash_of(name) {
        Some(hash) => format!("/static/{name}?v={hash}"),
        None => format!("/static/{name}"),
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

#[get("/static/{name}")]
pub async fn static_file(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    let name = name.into_inner();
    let (Some(file), Some(hash)) = (Static::get(&name), hash_of(&name)) else {
        return HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body("no such file");
    };
    let etag = format!("\"{hash}\"");
    let cached = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    let mut response = if cached { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    response
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"));
    if cached {
        return response.finish();
    }
    response.content_type(content_type(&name)).body(file.data.into_owned())
}
