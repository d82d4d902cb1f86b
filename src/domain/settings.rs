//! The organisation's working-time rules, one set for everyone.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Contract, InvalidValue, NightRule};

/// Which shifts a day off or a public holiday blocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DaysOffBy {
    /// Every shift that overlaps the local day, so a night ending on a holiday morning
    /// is blocked too.
    #[default]
    Overlap,
    /// Only shifts that start on that local date.
    StartDate,
}

pub const DEFAULT_FAIRNESS_LOOKBACK_WEEKS: u32 = 12;
pub const MAX_FAIRNESS_LOOKBACK_WEEKS: u32 = 104;

/// The rules as stored and as `PUT /api/settings` takes them; a field left out takes
/// its default, so a rule added later reads the same in an old database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct OrgRules {
    /// What counts as a night, unless a person's contract says otherwise.
    pub night: NightRule,
    /// How days off and public holidays block shifts.
    pub days_off_by: DaysOffBy,
    /// The contract of a person created without one.
    pub default_contract: Contract,
    /// How many weeks back fairness (nights, weekends, holidays) is counted.
    #[schema(minimum = 1, maximum = 104)]
    pub fairness_lookback_weeks: u32,
    /// Where people reach this service (`https://rota.example.com`): links in pages,
    /// feeds and notifications. `ROTA_PUBLIC_URL` overrides it.
    #[schema(example = "https://rota.example.com")]
    pub public_base_url: Option<String>,
}

impl Default for OrgRules {
    fn default() -> Self {
        Self {
            night: NightRule::default(),
            days_off_by: DaysOffBy::default(),
            default_contract: Contract::default(),
            fairness_lookback_weeks: DEFAULT_FAIRNESS_LOOKBACK_WEEKS,
            public_base_url: None,
        }
    }
}

impl OrgRules {
    /// Checks every rule and returns them with the base URL in canonical form.
    pub fn validated(mut self) -> Result<Self, InvalidValue> {
        self.night.validate("night")?;
        self.default_contract.validate("default_contract")?;
        if !(1..=MAX_FAIRNESS_LOOKBACK_WEEKS).contains(&self.fairness_lookback_weeks) {
            return Err(InvalidValue::new(
                "fairness_lookback_weeks",
                "out_of_range",
                format!("between 1 and {MAX_FAIRNESS_LOOKBACK_WEEKS} weeks"),
            ));
        }
        self.public_base_url = match self.public_base_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) => Some(normalize_base_url("public_base_url", url)?),
        };
        Ok(self)
    }
}

/// An absolute http(s) URL without query or fragment, without a trailing slash, so
/// that `{base}/feeds/…` is always one slash.
pub fn normalize_base_url(field: &str, url: &str) -> Result<String, InvalidValue> {
    let refuse = |why: &str| {
        Err(InvalidValue::new(field, "invalid_url", format!("`{url}` {why} (e.g. https://rota.example.com)")))
    };
    let Some((scheme, rest)) = url.split_once("://") else {
        return refuse("is not an absolute URL");
    };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return refuse("does not start with http:// or https://");
    }
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.contains('@') {
        return refuse("has no host, or has credentials in it");
    }
    if rest.contains(['?', '#']) || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("has a query, a fragment or spaces");
    }
    Ok(format!("{}://{}", scheme.to_ascii_lowercase(), rest.trim_end_matches('/')))
}

/// The stored rules with their version (`If-Match`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub rules: OrgRules,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_document_reads_as_the_defaults() {
        let rules: OrgRules = serde_json::from_str("{}").unwrap();
        assert_eq!(rules, OrgRules::default());
        assert_eq!(rules.fairness_lookback_weeks, 12);
    }

    #[test]
    fn base_urls_are_canonical_or_refused() {
        assert_eq!(normalize_base_url("u", "HTTPS://rota.example.com/").unwrap(), "https://rota.example.com");
        assert_eq!(normalize_base_url("u", "http://host:8080/rota").unwrap(), "http://host:8080/rota");
        for bad in ["rota.example.com", "ftp://x", "https://", "https://a@b", "https://x/?q=1", "https://x y"] {
            assert!(normalize_base_url("u", bad).is_err(), "{bad}");
        }
    }
}
