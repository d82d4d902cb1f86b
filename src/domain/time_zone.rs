use chrono_tz::Tz;

use super::InvalidValue;

/// Parses an IANA zone name exactly as the tz database spells it (`Europe/Warsaw`).
///
/// Case-insensitive matching is deliberately not offered: a stored name must
/// round-trip to the same zone in every client and feed.
pub fn parse_time_zone(field: &str, name: &str) -> Result<Tz, InvalidValue> {
    name.parse::<Tz>().map_err(|_| {
        InvalidValue::new(
            field,
            "unknown_time_zone",
            format!("`{name}` is not an IANA time zone name (e.g. Europe/Warsaw)"),
        )
    })
}

/// A stored zone name as a zone. Every stored name was checked by `parse_time_zone`
/// when it was written; UTC stands in only for a row edited by hand.
pub fn stored_zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_zones_parse_and_typos_are_rejected() {
        assert_eq!(parse_time_zone("tz", "Europe/Warsaw"), Ok(Tz::Europe__Warsaw));
        assert_eq!(parse_time_zone("tz", "Asia/Kathmandu"), Ok(Tz::Asia__Kathmandu));
        let err = parse_time_zone("time_zone", "Europe/Warsav").unwrap_err();
        assert_eq!(err.field, "time_zone");
        assert_eq!(err.code, "unknown_time_zone");
    }
}
