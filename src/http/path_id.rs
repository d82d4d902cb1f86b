//! Resource ids taken from the URL path.

use crate::domain::has_control_character;
use serde::{de, Deserialize, Deserializer};

/// An id from the path. One with a control character (`/api/people/%00`) names no
/// resource and never reaches the database: PostgreSQL refuses a NUL byte in text
/// with an error, which would surface as a 500. The path extractor's error handler
/// answers 404.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathId(pub String);

impl<'de> Deserialize<'de> for PathId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        if has_control_character(&id) {
            return Err(de::Error::custom("an id has no control characters"));
        }
        Ok(PathId(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_with_control_characters_are_refused() {
        let parse = |json: &str| serde_json::from_str::<PathId>(json).ok();
        assert_eq!(parse(r#""0b5c4a8e-1d2f-4c6b-9a7e-3f1d2c4b5a6e""#).map(|id| id.0.len()), Some(36));
        assert_eq!(parse(r#""does-not-exist""#), Some(PathId("does-not-exist".into())));
        assert_eq!(parse(r#""a\u0000b""#), None);
        assert_eq!(parse(r#""line\nbreak""#), None);
    }
}
