//! Cross-site request forgery: a post from a page session must come from one of our
//! pages (Fetch Metadata, else `Origin`, against the public base URL) and carry the
//! session's token. Checked before anything is written.

use actix_web::HttpRequest;

use super::error::PageError;
use crate::service::sessions::SignedIn;

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> Option<&str> {
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..].find('/').map(|i| i + after_scheme).unwrap_or(url.len());
    Some(&url[..end])
}

/// Whether the request says it comes from our own origin (or says nothing: clients
/// without Fetch Metadata or `Origin` still need the token).
pub fn same_origin(req: &HttpRequest, public_base_url: Option<&str>) -> bool {
    if let Some(site) = req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = req.headers().get(actix_web::http::header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let expected = match public_base_url.and_then(origin_of) {
        Some(expected) => expected.to_string(),
        None => {
            let info = req.connection_info();
            format!("{}://{}", info.scheme(), info.host())
        }
    };
    origin.eq_ignore_ascii_case(&expected)
}

/// Equal without an early exit, so the comparison's time says nothing of the token.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Refuses a post that is not from our pages or lacks this session's token.
pub fn check(req: &HttpRequest, who: &SignedIn, token: &str, public_base_url: Option<&str>) -> Result<(), PageError> {
    if same_origin(req, public_base_url) && same_token(token, &who.csrf_token) {
        Ok(())
    } else {
        Err(PageError::CrossSite)
    }
}

/// [`check`] against the service's public base URL: what every page post does first.
pub async fn check_post(
    state: &crate::http::state::AppState,
    req: &HttpRequest,
    who: &SignedIn,
    token: &str,
) -> Result<(), PageError> {
    let public = state.run(crate::service::settings::public_base_url).await?;
    check(req, who, token, public.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_tokens() {
        assert_eq!(origin_of("https://rota.example.com/app"), Some("https://rota.example.com"));
        assert_eq!(origin_of("http://127.0.0.1:8080"), Some("http://127.0.0.1:8080"));
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd") && !same_token("abc", "ab") && !same_token("", "a"));
    }
}
