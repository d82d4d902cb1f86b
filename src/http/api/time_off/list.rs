use actix_web::{get, web};

use super::query::TimeOffListQuery;
use super::{time_off_page, TimeOffView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::pagination::Page;
use crate::http::state::AppState;
use crate::service::time_off::list;

/// Time off you may see, by when it starts: members their own, managers also that of
/// the people in the teams they manage, admins everyone's. `from` and `to` keep the
/// time off that touches those local dates, each judged in the person's own zone.
#[utoipa::path(
    get, path = "/api/time-off", tag = "time-off",
    params(TimeOffListQuery),
    responses(
        (status = 200, description = "A page of time off", body = Page<TimeOffView>),
        (status = 400, description = "Bad limit, cursor, status or date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "person_id or team_id names someone or a team you cannot see", body = ErrorBody),
        (status = 404, description = "person_id names no person", body = ErrorBody),
        (status = 422, description = "`to` is before `from`", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/time-off")]
pub async fn list_time_off(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    query: web::Query<TimeOffListQuery>,
) -> Result<web::Json<Page<TimeOffView>>, ApiError> {
    let (filter, limit) = query.filter()?;
    let rows = state.run(move |ctx| list::list(ctx, &actor, filter)).await?;
    Ok(web::Json(time_off_page(rows, limit)))
}
