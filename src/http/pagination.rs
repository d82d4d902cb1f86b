use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::api::error::ApiError;
use crate::domain::has_control_character;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

/// `?limit=&cursor=` of a list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    // Text, parsed in `limit()`, so that `limit=abc` is answered with the field's name
    // as `limit=0` is (a number here would fail in the extractor, which names no field).
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
}

/// The people list's query: a page, optionally of one team.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeopleListQuery {
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
    /// Only people in this team.
    pub team_id: Option<String>,
    /// Only people whose name or email holds this, ignoring case and diacritics
    /// (`lukasz` finds Łukasz, `ivan` finds Иван); up to 100 characters.
    #[param(max_length = 100)]
    pub q: Option<String>,
}

impl PeopleListQuery {
    pub fn page(&self) -> PageQuery {
        PageQuery { limit: self.limit.clone(), cursor: self.cursor.clone() }
    }

    /// The team to filter by. An id with a control character names no team, and
    /// PostgreSQL would refuse it with an error, so it is refused here.
    pub fn team_id(&self) -> Result<Option<String>, ApiError> {
        match &self.team_id {
            Some(id) if has_control_character(id) => {
                Err(ApiError::bad_request("invalid_query", "team_id is not a team id").with_field("team_id"))
            }
            other => Ok(other.clone()),
        }
    }

    /// The search text, if any.
    pub fn q(&self) -> Result<Option<String>, ApiError> {
        search_text(&self.q)
    }
}

/// A search's `q`: at most 100 characters of text.
fn search_text(q: &Option<String>) -> Result<Option<String>, ApiError> {
    match q {
        Some(q) if has_control_character(q) || q.chars().count() > 100 => {
            Err(ApiError::bad_request("invalid_query", "q is at most 100 characters of text").with_field("q"))
        }
        other => Ok(other.clone()),
    }
}

/// The teams list's query: a page, optionally searched.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TeamListQuery {
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
    /// Only teams whose name or description holds this, ignoring case and diacritics;
    /// up to 100 characters.
    #[param(max_length = 100)]
    pub q: Option<String>,
}

impl TeamListQuery {
    pub fn page(&self) -> PageQuery {
        PageQuery { limit: self.limit.clone(), cursor: self.cursor.clone() }
    }

    pub fn q(&self) -> Result<Option<String>, ApiError> {
        search_text(&self.q)
    }
}

/// One page of a list; `next_cursor` is absent on the last page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl PageQuery {
    pub fn limit(&self) -> Result<u32, ApiError> {
        let Some(text) = &self.limit else {
            return Ok(DEFAULT_LIMIT);
        };
        match text.trim().parse::<u32>() {
            Ok(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            _ => Err(ApiError::bad_request(
                "invalid_query",
                format!("limit must be a whole number from 1 to {MAX_LIMIT}"),
            )
            .with_field("limit")),
        }
    }

    /// The (name, id) after which the page starts.
    pub fn after(&self) -> Result<Option<(String, String)>, ApiError> {
        let Some(cursor) = &self.cursor else {
            return Ok(None);
        };
        let invalid =
            || ApiError::bad_request("invalid_query", "cursor is not one this API issued").with_field("cursor");
        let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
        let (name, id) = serde_json::from_slice::<(String, String)>(&bytes).map_err(|_| invalid())?;
        // No stored name or id holds a NUL byte, so no issued cursor does: a forged one is
        // refused here, before PostgreSQL would refuse it with an error.
        if name.contains('\0') || id.contains('\0') {
            return Err(invalid());
        }
        Ok(Some((name, id)))
    }
}

/// Builds a page from `limit + 1` fetched rows: the extra row only says there is more.
pub fn page<R, T>(
    mut rows: Vec<R>,
    limit: u32,
    key: impl Fn(&R) -> (String, String),
    view: impl FnMut(R) -> T,
) -> Page<T> {
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if has_more {
        rows.last().map(|row| URL_SAFE_NO_PAD.encode(serde_json::to_vec(&key(row)).unwrap_or_default()))
    } else {
        None
    };
    Page { items: rows.into_iter().map(view).collect(), next_cursor }
}

/// The cursor key of a list ordered by an instant, then an id (time off by when it
/// starts, notifications newest first): the instant in RFC 3339 with microseconds,
/// all that is stored.
pub fn instant_key(instant: chrono::DateTime<chrono::Utc>, id: &str) -> (String, String) {
    (instant.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), id.to_string())
}

impl PageQuery {
    /// The (instant, id) after which a page keyed by `instant_key` starts.
    pub fn after_instant(&self) -> Result<Option<(chrono::DateTime<chrono::Utc>, String)>, ApiError> {
        let Some((instant, id)) = self.after()? else {
            return Ok(None);
        };
        let instant = chrono::DateTime::parse_from_rfc3339(&instant).map_err(|_| {
            ApiError::bad_request("invalid_query", "cursor is not one this API issued").with_field("cursor")
        })?;
        Ok(Some((instant.with_timezone(&chrono::Utc), id)))
    }
}
