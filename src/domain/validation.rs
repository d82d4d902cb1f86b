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
