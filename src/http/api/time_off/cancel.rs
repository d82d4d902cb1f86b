use actix_web::{post, web, HttpResponse};

use super::{time_off_response, TimeOffView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::time_off::cancel::cancel;

/// Cancels time off while it is pending, or approved and not yet started: the
/// person, or a manager of one of their teams or an admin on their behalf. No body.
#[utoipa::path(
    post, path = "/api/time-off/{id}/cancel", tag = "time-off",
    params(("id" = String, Path, description = "Time off id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    responses(
        (status = 200, description = "Cancelled", body = TimeOffView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not the person, a manager of their team or an admin", body = ErrorBody),
        (status = 404, description = "No such time off", body = ErrorBody),
        (status = 409, description = "Already started (`already_started`), or rejected or cancelled (`not_cancellable`)", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/time-off/{id}/cancel")]
pub async fn cancel_time_off(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let version = if_version(if_match);
    Ok(time_off_response(state.run(move |ctx| cancel(ctx, &actor, &id, version)).await?))
}
