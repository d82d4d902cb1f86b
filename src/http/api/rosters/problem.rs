use actix_web::{get, web, HttpResponse};

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters;

/// The planner problem the service builds for this roster now (the desk's managers):
/// its shifts, the active people of the desk's teams with their skills, contracts,
/// approved leave, holidays, published work elsewhere and before the horizon, and
/// fairness counts. `rota plan --input` takes it as it is.
#[utoipa::path(
    get, path = "/api/rosters/{id}/problem", tag = "rosters",
    params(("id" = String, Path, description = "Roster id")),
    responses(
        (status = 200, description = "The planner problem (docs/planner.md)", content_type = "application/json"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of the desk", body = ErrorBody),
        (status = 404, description = "No such roster", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/rosters/{id}/problem")]
pub async fn roster_problem(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let problem = state.run(move |ctx| rosters::problem(ctx, &actor, &id)).await?;
    Ok(HttpResponse::Ok().json(problem))
}
