use super::InvalidValue;

/// Validates an ISO 3166-1 alpha-2 country, optionally with an ISO 3166-2
/// subdivision suffix (`PL`, `DE-BY`, `US-NY`), and returns it upper-cased.
///
/// The subdivision part is checked for shape only: the full ISO 3166-2 list
/// changes yearly and a wrong subdivision only means no regional holidays match.
pub fn normalize_holiday_region(field: &str, region: &str) -> Result<String, InvalidValue> {
    let upper = region.trim().to_ascii_uppercase();
    let (country, subdivision) = match upper.split_once('-') {
        Some((country, sub)) => (country, Some(sub)),
        None => (upper.as_str(), None),
    };
    if isocountry::CountryCode::for_alpha2(country).is_err() {
        return Err(InvalidValue::new(
            field,
            "unknown_region",
            format!("`{region}` does not start with an ISO 3166-1 alpha-2 country code (e.g. PL, DE-BY)"),
        ));
    }
    if let Some(sub) = subdivision {
        let shape_ok = (1..=3).contains(&sub.len()) && sub.chars().all(|c| c.is_ascii_alphanumeric());
        if !shape_ok {
            return Err(InvalidValue::new(
                field,
                "unknown_region",
                format!("`{region}`: a subdivision is 1–3 letters or digits after the country (e.g. DE-BY)"),
            ));
        }
    }
    Ok(upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_subdivisions() {
        assert_eq!(normalize_holiday_region("r", "pl").unwrap(), "PL");
        assert_eq!(normalize_holiday_region("r", "de-by").unwrap(), "DE-BY");
        assert!(normalize_holiday_region("r", "XX").is_err());
        assert!(normalize_holiday_region("r", "DE-BAVARIA").is_err());
    }
}
