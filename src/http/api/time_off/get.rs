use actix_web::{get, web, HttpResponse};

use super::{time_off_response, TimeOffView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::time_off;

/// One request, with the ETag its approval, rejection or cancellation needs.
#[utoipa::path(
    get, path = "/api/time-off/{id}", tag = "time-off",
    params(("id" = String, Path, description = "Time off id")),
    responses(
        (status = 200, description = "The time off", body = TimeOffView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the person, a manager of their team or an admin", body = ErrorBody),
        (status = 404, description = "No such time off", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/time-off/{id}")]
pub async fn get_time_off(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    Ok(time_off_response(state.run(move |ctx| time_off::get(ctx, &actor, &id)).await?))
}
