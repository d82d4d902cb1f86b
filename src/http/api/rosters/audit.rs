use actix_web::{get, web};

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters::audit_log::{changes, RosterChange};

/// Every recorded change of a roster, oldest first (the desk's managers).
#[utoipa::path(
    get, path = "/api/rosters/{id}/audit", tag = "rosters",
    params(("id" = String, Path, description = "Roster id")),
    responses(
        (status = 200, description = "The changes", body = Vec<RosterChange>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of the desk", body = ErrorBody),
        (status = 404, description = "No such roster", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/rosters/{id}/audit")]
pub async fn roster_audit(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<web::Json<Vec<RosterChange>>, ApiError> {
    let id = path.into_inner().0;
    Ok(web::Json(state.run(move |ctx| changes(ctx, &actor, &id)).await?))
}
