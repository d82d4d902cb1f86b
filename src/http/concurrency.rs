//! Optimistic concurrency: ETag out, If-Match in.

use std::future::{ready, Ready};

use actix_web::http::{header, StatusCode};
use actix_web::{dev::Payload, FromRequest, HttpRequest};

use super::api::error::ApiError;
use crate::service::IfVersion;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The version the client last read, from `If-Match`. Changes without it are
/// refused (428): a blind overwrite is how one manager's edit erases another's.
/// `*` matches whatever version is current (RFC 9110 §13.1.1).
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub IfVersion);

/// For use cases that judge the precondition after the caller's permission.
pub fn if_version(if_match: Result<IfMatch, ApiError>) -> Result<IfVersion, crate::service::Error> {
    if_match.map(|m| m.0).map_err(|error| crate::service::Error::Unreadable(Box::new(error)))
}

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
    if text == "*" {
        return Ok(IfMatch(IfVersion::Any));
    }
    // If-Match compares strongly: a weak tag (`W/"1"`) matches no version, and so does
    // a list of tags we never issued. Our tags are strong, quoted version numbers.
    let unquoted = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or("");
    unquoted.parse::<i64>().map(|v| IfMatch(IfVersion::Exactly(v))).map_err(|_| {
        ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            "stale_version",
            format!("If-Match `{text}` is not an ETag of this resource; GET it again"),
        )
        .with_field("If-Match")
    })
}
