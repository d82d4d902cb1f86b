use actix_web::{get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::query::invalid_query;
use crate::http::state::AppState;
use crate::service::holidays::{self, Holiday};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HolidayQuery {
    /// Holiday region: ISO 3166-1 country, optionally with a subdivision (`PL`, `DE-BY`).
    #[param(example = "DE-BY")]
    pub region: String,
    #[param(value_type = i32, example = 2026)]
    pub year: String,
}

/// A region's public holidays in one year: the built-in calendar and the company's own.
#[utoipa::path(
    get, path = "/api/holidays", tag = "holidays",
    params(HolidayQuery),
    responses(
        (status = 200, description = "The holidays, by date", body = Vec<Holiday>),
        (status = 400, description = "A query parameter is missing or malformed", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "Unknown region, or a year outside 1900–2200", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/holidays")]
pub async fn list_holidays(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    query: web::Query<HolidayQuery>,
) -> Result<web::Json<Vec<Holiday>>, ApiError> {
    let year: i32 = query.year.trim().parse().map_err(|_| invalid_query("year", "a year is a number such as 2026"))?;
    let region = query.region.clone();
    Ok(web::Json(state.run(move |ctx| holidays::list(ctx, &actor, &region, year)).await?))
}
