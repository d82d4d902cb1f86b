use actix_web::{get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::query::query_date;
use crate::http::state::AppState;
use crate::service::rosters::mine::{my_shifts, MyShifts};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MyShiftsQuery {
    /// First local date (default today in the zone).
    #[param(value_type = Option<String>, format = Date, example = "2026-03-16")]
    pub from: Option<String>,
    /// Last local date, included (default four weeks from `from`).
    #[param(value_type = Option<String>, format = Date, example = "2026-04-12")]
    pub to: Option<String>,
    /// IANA zone for local times and dates (default: mine).
    #[param(example = "America/New_York")]
    pub tz: Option<String>,
}

/// My published shifts across desks, in my zone (or `tz`), with who else is on each.
#[utoipa::path(
    get, path = "/api/me/shifts", tag = "rosters",
    params(MyShiftsQuery),
    responses(
        (status = 200, description = "My shifts, by start", body = MyShifts),
        (status = 400, description = "A date is not YYYY-MM-DD", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 422, description = "Unknown zone, or a reversed or too long range", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/me/shifts")]
pub async fn my_shifts_handler(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    query: web::Query<MyShiftsQuery>,
) -> Result<web::Json<MyShifts>, ApiError> {
    let from = query.from.as_deref().map(|d| query_date("from", d)).transpose()?;
    let to = query.to.as_deref().map(|d| query_date("to", d)).transpose()?;
    let zone = query.tz.clone();
    Ok(web::Json(state.run(move |ctx| my_shifts(ctx, &actor, from, to, zone.as_deref())).await?))
}
