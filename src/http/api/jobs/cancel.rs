use actix_web::{post, web};

use super::JobView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::jobs;

/// Cancels a job: a queued one at once, a running one at its next progress check,
/// keeping the best plan found by then.
#[utoipa::path(
    post, path = "/api/jobs/{id}/cancel", tag = "jobs",
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "Cancelled, or asked to stop", body = JobView),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not who asked, nor a manager of the desk", body = ErrorBody),
        (status = 404, description = "No such job", body = ErrorBody),
        (status = 409, description = "The job has finished", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/jobs/{id}/cancel")]
pub async fn cancel_job(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<web::Json<JobView>, ApiError> {
    let id = path.into_inner().0;
    Ok(web::Json(JobView::from(state.run(move |ctx| jobs::cancel(ctx, &actor, &id)).await?)))
}
