use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::ApiError;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Items per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
    /// Only items belonging to this team.
    pub team_id: Option<String>,
}

/// One page of a list; `next_cursor` is absent on the last page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl ListQuery {
    pub fn limit(&self) -> Result<u32, ApiError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            Some(_) => Err(ApiError::bad_request("invalid_query", format!("limit must be between 1 and {MAX_LIMIT}"))
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
        serde_json::from_slice::<(String, String)>(&bytes).map(Some).map_err(|_| invalid())
    }
}

/// Builds a page from `limit + 1` fetched rows: the extra row only says there is more.
pub fn page<R, T>(
    mut rows: Vec<R>,
    limit: u32,
    key: impl Fn(&R) -> (String, String),
    view: impl FnMut(R) -> Result<T, ApiError>,
) -> Result<Page<T>, ApiError> {
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if has_more {
        rows.last().map(|row| URL_SAFE_NO_PAD.encode(serde_json::to_vec(&key(row)).unwrap_or_default()))
    } else {
        None
    };
    let items = rows.into_iter().map(view).collect::<Result<Vec<_>, _>>()?;
    Ok(Page { items, next_cursor })
}
