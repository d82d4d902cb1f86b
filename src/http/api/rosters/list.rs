use actix_web::{get, web};

use super::RosterSummary;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters;

/// The desk's rosters, latest first: its managers see drafts too, its staff the
/// published ones.
#[utoipa::path(
    get, path = "/api/desks/{id}/rosters", tag = "rosters",
    params(("id" = String, Path, description = "Desk id")),
    responses(
        (status = 200, description = "The rosters", body = Vec<RosterSummary>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not in one of the desk's teams", body = ErrorBody),
        (status = 404, description = "No such desk", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/desks/{id}/rosters")]
pub async fn list_rosters(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<web::Json<Vec<RosterSummary>>, ApiError> {
    let desk_id = path.into_inner().0;
    let rosters = state.run(move |ctx| rosters::of_desk(ctx, &actor, &desk_id)).await?;
    Ok(web::Json(rosters.into_iter().map(RosterSummary::from).collect()))
}
