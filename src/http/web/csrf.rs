//! Cross-site request forgery: a post from a page session must come from one of our
//! pages (Fetch Metadata, else `Origin`, against the public base URL) and carry the
//! session's token. Checked before anything is written.

use actix_web::HttpRequest;
use rand::RngCore;

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

/// The session's token as a form carries it: XORed with a fresh random pad on every
/// page (`hex(pad) + hex(pad ^ token)`), so compressed pages never repeat the same
/// secret bytes (BREACH): the session's token itself never appears in a page.
pub fn masked(token: &str) -> String {
    let mut pad = vec![0u8; token.len()];
    rand::rngs::OsRng.fill_bytes(&mut pad);
    let mut out = String::with_capacity(token.len() * 4);
    for byte in pad.iter().chain(pad.iter().zip(token.bytes()).map(|(p, t)| p ^ t).collect::<Vec<u8>>().iter()) {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// The token a form carried, unmasked; None when it is not a masked token.
fn unmasked(form_token: &str) -> Option<Vec<u8>> {
    if !form_token.len().is_multiple_of(4) || !form_token.is_ascii() {
        return None;
    }
    let bytes: Option<Vec<u8>> =
        (0..form_token.len() / 2).map(|i| u8::from_str_radix(&form_token[2 * i..2 * i + 2], 16).ok()).collect();
    let bytes = bytes?;
    let (pad, masked) = bytes.split_at(bytes.len() / 2);
    Some(pad.iter().zip(masked).map(|(p, m)| p ^ m).collect())
}

/// Refuses a post that is not from our pages or lacks this session's token.
pub fn check(req: &HttpRequest, who: &SignedIn, token: &str, public_base_url: Option<&str>) -> Result<(), PageError> {
    let carried = unmasked(token).and_then(|bytes| String::from_utf8(bytes).ok()).unwrap_or_default();
    if same_origin(req, public_base_url) && same_token(&carried, &who.csrf_token) {
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

    #[test]
    fn a_masked_token_differs_on_every_page_and_unmasks_to_the_token() {
        let (a, b) = (masked("session-token"), masked("session-token"));
        assert_ne!(a, b);
        assert!(!a.contains("session-token"));
        assert_eq!(unmasked(&a).as_deref(), Some(&b"session-token"[..]));
        assert_eq!(unmasked(&b).as_deref(), Some(&b"session-token"[..]));
        assert_eq!(unmasked("session-token"), None, "the bare token is not accepted");
        assert_eq!(unmasked("zz"), None);
        assert_eq!(unmasked(""), Some(Vec::new()));
    }
}
