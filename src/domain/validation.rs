/// A value that breaks a domain rule, with the field it came from.
///
/// The API turns this into a 422 that names `field`; other layers show `message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct InvalidValue {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

impl InvalidValue {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self { field: field.into(), code, message: message.into() }
    }
}

/// True for text with a control character (NUL, line breaks, tabs …): no id, name or
/// lookup key holds one, and PostgreSQL refuses a NUL byte in text with an error.
pub fn has_control_character(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// A name or label: 1–200 characters after trimming, no control characters.
pub fn check_name(field: &str, name: &str) -> Result<String, InvalidValue> {
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.chars().count() > 200 {
        return Err(InvalidValue::new(field, "invalid_name", "a name has 1–200 characters"));
    }
    if has_control_character(trimmed) {
        return Err(InvalidValue::new(
            field,
            "invalid_name",
            "a name has no control characters (tabs, line breaks, NUL)",
        ));
    }
    Ok(trimmed.to_string())
}
