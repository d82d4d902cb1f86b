use actix_web::{get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::query::query_date;
use crate::http::state::AppState;
use crate::service::desks::{self, expand::DeskShift};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ShiftRange {
    /// First local date, in the desk's zone (`YYYY-MM-DD`).
    #[param(value_type = String, format = Date, example = "2026-03-23")]
    pub from: String,
    /// Last local date, included (at most 366 days after `from`).
    #[param(value_type = String, format = Date, example = "2026-04-05")]
    pub to: String,
}

/// The dated shifts the templates give for a range of local dates: what a roster of
/// that range will contain (closed days left out).
#[utoipa::path(
    get, path = "/api/desks/{id}/shifts", tag = "desks",
    params(("id" = String, Path, description = "Desk id"), ShiftRange),
    responses(
        (status = 200, description = "The shifts, by start", body = Vec<DeskShift>),
        (status = 400, description = "A date is missing or not YYYY-MM-DD", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not in one of its teams", body = ErrorBody),
        (status = 404, description = "No such desk", body = ErrorBody),
        (status = 422, description = "The range is reversed or too long", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/desks/{id}/shifts")]
pub async fn desk_shifts(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    range: web::Query<ShiftRange>,
) -> Result<web::Json<Vec<DeskShift>>, ApiError> {
    let id = path.into_inner().0;
    let (from, to) = (query_date("from", &range.from)?, query_date("to", &range.to)?);
    Ok(web::Json(state.run(move |ctx| desks::shifts(ctx, &actor, &id, from, to)).await?))
}
