//! JSON bodies: size limit, content type, and errors that name the field.

use std::future::Future;
use std::pin::Pin;

use actix_web::error::PayloadError;
use actix_web::http::StatusCode;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use super::api::error::ApiError;

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Like `web::Json`, but every failure is an `ApiError` saying which field is
/// wrong and why (serde_path_to_error tracks the path).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type_ok = req
            .headers()
            .get(actix_web::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/json"))
            .unwrap_or(false);
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes = body.await.map_err(body_error)?;
            if !content_type_ok {
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "send the body as Content-Type: application/json",
                ));
            }
            parse_json(&bytes).map(ApiJson)
        })
    }
}

/// For use cases that judge the body after the caller's permission.
pub fn body<T>(body: Result<ApiJson<T>, ApiError>) -> Result<T, crate::service::Error> {
    body.map(|b| b.0).map_err(|error| crate::service::Error::Unreadable(Box::new(error)))
}

fn body_error(error: actix_web::Error) -> ApiError {
    match error.as_error::<PayloadError>() {
        Some(PayloadError::Overflow) => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("request bodies are limited to {MAX_BODY_BYTES} bytes"),
        ),
        _ => ApiError::bad_request("unreadable_body", "the request body could not be read"),
    }
}

/// Deserialises, mapping syntax errors to 400 and type/shape errors to 422 with the field path.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        // serde_json reports some shape errors (a number where an enum belongs)
        // as syntax errors; a body that parses as JSON is never malformed.
        let well_formed = serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok();
        path_error(error, well_formed)
    })?;
    deserializer.end().map_err(|_| ApiError::bad_request("malformed_json", "unexpected text after the JSON value"))?;
    Ok(value)
}

fn path_error(error: serde_path_to_error::Error<serde_json::Error>, well_formed: bool) -> ApiError {
    let path = error.path().to_string();
    let inner = error.into_inner();
    let message = inner.to_string();
    match inner.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof if !well_formed => {
            ApiError::bad_request("malformed_json", format!("the body is not valid JSON: {message}"))
        }
        _ => {
            let (code, field) = if let Some(name) = quoted_after(&message, "unknown field `") {
                ("unknown_field", join_path(&path, &name))
            } else if let Some(name) = quoted_after(&message, "missing field `") {
                ("missing_field", join_path(&path, &name))
            } else {
                ("invalid_value", path.clone())
            };
            let human = message.split(" at line ").next().unwrap_or(&message).to_string();
            ApiError::unprocessable(code, field, human)
        }
    }
}

/// The text between `prefix` and the next backtick, e.g. a field name in a serde message.
fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let start = message.find(prefix)? + prefix.len();
    let rest = &message[start..];
    let end = rest.find('`')?;
    Some(rest[..end].to_string())
}

/// serde_path_to_error already ends the path with an unknown field's name,
/// but stops at the parent for a missing one.
fn join_path(parent: &str, name: &str) -> String {
    if parent == name || parent.ends_with(&format!(".{name}")) {
        parent.to_string()
    } else if parent.is_empty() || parent == "." {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        inner: Inner,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        minutes: u32,
    }

    #[test]
    fn errors_name_the_field() {
        let wrong_type = parse_json::<Outer>(br#"{"name":"a","inner":{"minutes":"ten"}}"#).unwrap_err();
        assert_eq!(wrong_type.field.as_deref(), Some("inner.minutes"));
        assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);

        let unknown = parse_json::<Outer>(br#"{"name":"a","inner":{"minutes":1,"extra":2}}"#).unwrap_err();
        assert_eq!(unknown.code, "unknown_field");
        assert_eq!(unknown.field.as_deref(), Some("inner.extra"));

        let missing = parse_json::<Outer>(br#"{"inner":{"minutes":1}}"#).unwrap_err();
        assert_eq!(missing.field.as_deref(), Some("name"));

        let broken = parse_json::<Outer>(br#"{"name": "#).unwrap_err();
        assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    }
}
