use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::role::text_enum;
use super::InvalidValue;

/// Support tier: L1 answers, L2 investigates, L3 fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
pub enum Tier {
    L1,
    L2,
    L3,
}

text_enum!(Tier { Tier::L1 => "L1", Tier::L2 => "L2", Tier::L3 => "L3" });

/// A way customers reach support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Phone,
    Chat,
    Email,
    Tickets,
}

text_enum!(Channel {
    Channel::Phone => "phone",
    Channel::Chat => "chat",
    Channel::Email => "email",
    Channel::Tickets => "tickets",
});

/// Validates BCP 47 tags and returns them in canonical case (`de`, `en-US`,
/// `zh-Hant`), sorted and without duplicates, so that "speaks German" is one test.
pub fn normalize_languages(field: &str, tags: &[String]) -> Result<Vec<String>, InvalidValue> {
    let mut normalized = Vec::with_capacity(tags.len());
    for (index, tag) in tags.iter().enumerate() {
        let parsed =
            language_tags::LanguageTag::parse(tag).ok().filter(|t| t.is_valid() && !t.primary_language().is_empty());
        let Some(parsed) = parsed else {
            return Err(InvalidValue::new(
                format!("{field}[{index}]"),
                "invalid_language",
                format!("`{tag}` is not a BCP 47 language tag (e.g. en, de, pl, ru, en-US)"),
            ));
        };
        normalized.push(parsed.canonicalize().map(|t| t.to_string()).unwrap_or_else(|_| parsed.to_string()));
    }
    normalized.sort();
    normalized.dedup();
    Ok(normalized)
}

/// Channels sorted and deduplicated, for stable storage and comparison.
pub fn normalize_channels(channels: &[Channel]) -> Vec<Channel> {
    let mut channels = channels.to_vec();
    channels.sort();
    channels.dedup();
    channels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_canonical_and_deduplicated() {
        let tags = vec!["DE".to_string(), "en-us".to_string(), "de".to_string()];
        assert_eq!(normalize_languages("languages", &tags).unwrap(), vec!["de", "en-US"]);
    }

    #[test]
    fn a_bad_tag_names_its_position() {
        let tags = vec!["en".to_string(), "english!".to_string()];
        let err = normalize_languages("languages", &tags).unwrap_err();
        assert_eq!(err.field, "languages[1]");
    }
}
