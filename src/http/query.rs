//! Query-string values: one that does not parse is a 400 naming its parameter (the
//! request is malformed); one that parses but breaks a rule is the service's 422.

use chrono::NaiveDate;

use super::api::error::ApiError;

pub fn invalid_query(field: &str, message: &str) -> ApiError {
    ApiError::bad_request("invalid_query", format!("{field}: {message}")).with_field(field)
}

/// A `YYYY-MM-DD` date.
pub fn query_date(field: &str, text: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| invalid_query(field, "a date is YYYY-MM-DD"))
}
