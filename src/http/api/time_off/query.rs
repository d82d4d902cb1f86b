//! The query strings of the time off lists, read into the service's filter with
//! every bad value answered 400 naming its parameter.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::domain::{has_control_character, TimeOffStatus};
use crate::http::api::error::ApiError;
use crate::http::pagination::PageQuery;
use crate::service::time_off::list::TimeOffFilter;

/// `GET /api/time-off`: everyone's time off the caller may see, filtered.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TimeOffListQuery {
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
    /// Only this person's time off.
    pub person_id: Option<String>,
    /// Only the time off of this team's people.
    pub team_id: Option<String>,
    /// Only time off in this state.
    #[param(value_type = Option<TimeOffStatus>)]
    pub status: Option<String>,
    /// Only time off touching this local date or later (YYYY-MM-DD, in each person's zone).
    #[param(value_type = Option<NaiveDate>)]
    pub from: Option<String>,
    /// Only time off touching this local date or earlier, inclusive.
    #[param(value_type = Option<NaiveDate>)]
    pub to: Option<String>,
}

/// `GET /api/people/{id}/time-off`: one person's time off, filtered.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PersonTimeOffQuery {
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
    /// Only time off in this state.
    #[param(value_type = Option<TimeOffStatus>)]
    pub status: Option<String>,
    /// Only time off touching this local date or later (YYYY-MM-DD, in the person's zone).
    #[param(value_type = Option<NaiveDate>)]
    pub from: Option<String>,
    /// Only time off touching this local date or earlier, inclusive.
    #[param(value_type = Option<NaiveDate>)]
    pub to: Option<String>,
}

use crate::http::query::{invalid_query as invalid, query_date};

fn id(field: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    match value {
        // No id holds a control character, and PostgreSQL would refuse a NUL byte.
        Some(id) if has_control_character(id) => Err(invalid(field, "not an id")),
        other => Ok(other.clone()),
    }
}

fn date(field: &str, value: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    value.as_deref().map(|text| query_date(field, text)).transpose()
}

fn status(value: &Option<String>) -> Result<Option<TimeOffStatus>, ApiError> {
    value
        .as_deref()
        .map(|text| {
            TimeOffStatus::parse(text.trim())
                .ok_or_else(|| invalid("status", "one of pending, approved, rejected, cancelled"))
        })
        .transpose()
}

/// The filter for `limit + 1` items, and the page's limit.
fn filter(
    page: PageQuery,
    status_text: &Option<String>,
    from: &Option<String>,
    to: &Option<String>,
) -> Result<(TimeOffFilter, u32), ApiError> {
    let limit = page.limit()?;
    let filter = TimeOffFilter {
        status: status(status_text)?,
        from: date("from", from)?,
        to: date("to", to)?,
        after: page.after_instant()?,
        limit: i64::from(limit) + 1,
        ..TimeOffFilter::default()
    };
    Ok((filter, limit))
}

impl TimeOffListQuery {
    pub fn filter(&self) -> Result<(TimeOffFilter, u32), ApiError> {
        let page = PageQuery { limit: self.limit.clone(), cursor: self.cursor.clone() };
        let (mut filter, limit) = filter(page, &self.status, &self.from, &self.to)?;
        filter.person_id = id("person_id", &self.person_id)?;
        filter.team_id = id("team_id", &self.team_id)?;
        Ok((filter, limit))
    }
}

impl PersonTimeOffQuery {
    pub fn filter(&self, person_id: String) -> Result<(TimeOffFilter, u32), ApiError> {
        let page = PageQuery { limit: self.limit.clone(), cursor: self.cursor.clone() };
        let (mut filter, limit) = filter(page, &self.status, &self.from, &self.to)?;
        filter.person_id = Some(person_id);
        Ok((filter, limit))
    }
}
