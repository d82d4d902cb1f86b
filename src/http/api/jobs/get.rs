use actix_web::{get, web};

use super::JobView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::jobs;

/// A job's state and progress (whoever asked for it, the desk's managers).
#[utoipa::path(
    get, path = "/api/jobs/{id}", tag = "jobs",
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "The job", body = JobView),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not who asked, nor a manager of the desk", body = ErrorBody),
        (status = 404, description = "No such job", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/jobs/{id}")]
pub async fn get_job(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<web::Json<JobView>, ApiError> {
    let id = path.into_inner().0;
    Ok(web::Json(JobView::from(state.run(move |ctx| jobs::get(ctx, &actor, &id)).await?)))
}
