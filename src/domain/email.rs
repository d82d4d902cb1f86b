use super::InvalidValue;

/// Checks the shape of an address and returns the form used for uniqueness.
///
/// Deliverability is not our business; uniqueness is, and it is case-insensitive
/// because mail systems treat `Anna@X.pl` and `anna@x.pl` as one person.
pub fn normalize_email(field: &str, email: &str) -> Result<String, InvalidValue> {
    let trimmed = email.trim();
    let invalid = |why: &str| InvalidValue::new(field, "invalid_email", why.to_string());
    if trimmed.len() > 254 {
        return Err(invalid("an email address has at most 254 characters"));
    }
    let Some((local, domain)) = trimmed.rsplit_once('@') else {
        return Err(invalid("an email address needs an @"));
    };
    if local.is_empty() || domain.is_empty() || !domain.contains('.') {
        return Err(invalid("an email address looks like name@example.com"));
    }
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid("an email address has no spaces"));
    }
    Ok(trimmed.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_lowercased_and_checked() {
        assert_eq!(normalize_email("e", " Anna@Example.PL ").unwrap(), "anna@example.pl");
        assert!(normalize_email("e", "anna").is_err());
        assert!(normalize_email("e", "anna@localhost").is_err());
        assert!(normalize_email("e", "an na@example.com").is_err());
    }
}
