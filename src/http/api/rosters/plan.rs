use actix_web::{http::header, post, web, HttpResponse};

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::api::jobs::JobView;
use crate::http::caller::Caller;
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters::plan::{queue, PlanRequest};

/// Queues a plan of a draft roster (the desk's managers); the job runner plans it.
/// Follow `Location` for progress and the result.
#[utoipa::path(
    post, path = "/api/rosters/{id}/plan", tag = "rosters",
    params(("id" = String, Path, description = "Roster id")),
    request_body = PlanRequest,
    responses(
        (status = 202, description = "Queued", body = JobView, headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of the desk", body = ErrorBody),
        (status = 404, description = "No such roster", body = ErrorBody),
        (status = 409, description = "The roster is published, or a job is already planning it", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "The budget is missing or out of range", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/rosters/{id}/plan")]
pub async fn plan_roster(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    request: Result<ApiJson<PlanRequest>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let request = body(request);
    let view = JobView::from(state.run(move |ctx| queue(ctx, &actor, &id, request)).await?);
    Ok(HttpResponse::Accepted().insert_header((header::LOCATION, format!("/api/jobs/{}", view.id))).json(view))
}
