//! Optimistic concurrency: ETag out, If-Match in.

use std::future::{ready, Ready};

use actix_web::http::{header, StatusCode};
use actix_web::{dev::Payload, FromRequest, HttpRequest};

use super::error::ApiError;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The version the client last read, from `If-Match`. Changes without it are
/// refused (428): a blind overwrite is how one manager's edit erases another's.
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub i64);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse_if_match(req))
    }
}

fn parse_if_match(req: &HttpRequest) -> Result<IfMatch, ApiError> {
    let required = || {
        ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
            "send If-Match with the ETag of your last GET of this resource",
        )
        .with_field("If-Match")
    };
    let value = req.headers().get(header::IF_MATCH).ok_or_else(required)?;
    let text = value.to_str().map_err(|_| required())?.trim();
    let unquoted = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    unquoted.parse::<i64>().map(IfMatch).map_err(|_| {
        ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            "stale_version",
            format!("If-Match `{text}` is not an ETag of this resource; GET it again"),
        )
        .with_field("If-Match")
    })
}
