//! Small pieces every form needs: where to go back to after signing in, URL
//! encoding for it, and which field an API error belongs to.

use serde::Deserialize;

use crate::http::api::error::ApiError;

/// A form that carries nothing but the session's token: a button that acts on what
/// its URL names (sign out, mark read, cancel, rotate, revoke).
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

/// The last part of the error's field (`wish.date` → `date`, `items[0].weight` →
/// `weight`) and its message without the field name the API puts in front, as a
/// page shows it next to that field.
pub fn field_message(error: ApiError) -> (Option<String>, String) {
    let field = error.field.clone().unwrap_or_default();
    let message = error.message.strip_prefix(&format!("{field}: ")).map(str::to_string).unwrap_or(error.message);
    let leaf = field.rsplit('.').next().filter(|leaf| !leaf.is_empty()).map(str::to_string);
    (leaf, message)
}

/// `next` when it is a path of this site (`/shifts?week=…`), else the home page: a
/// sign-in link must never send anyone to another site (`//evil.example`,
/// `/\\evil.example` and absolute URLs are refused).
pub fn same_site_path(next: Option<&str>) -> String {
    let Some(next) = next.map(str::trim) else { return "/".into() };
    let rest = next.strip_prefix('/');
    let ok = matches!(rest, Some(r) if !r.starts_with('/') && !r.starts_with('\\'))
        && next.len() <= 1000
        && !next.chars().any(|c| c.is_control() || c == '\\');
    if ok {
        next.to_string()
    } else {
        "/".into()
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters and `/`.
pub fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_returned_to() {
        assert_eq!(same_site_path(Some("/shifts?week=2026-03-16")), "/shifts?week=2026-03-16");
        for foreign in ["//evil.example", "/\\evil.example", "https://evil.example/", "evil", "/a\\b", "/a\nb", ""] {
            assert_eq!(same_site_path(Some(foreign)), "/", "{foreign:?}");
        }
        assert_eq!(same_site_path(None), "/");
    }

    #[test]
    fn encoding_keeps_paths_readable_and_escapes_the_rest() {
        assert_eq!(url_encode("/shifts?week=1&x=ł"), "/shifts%3Fweek%3D1%26x%3D%C5%82");
    }
}
