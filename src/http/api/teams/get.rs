use actix_web::{get, web, HttpResponse};

use super::{team_response, TeamView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::teams;

/// One team with its members and managers.
#[utoipa::path(
    get, path = "/api/teams/{id}", tag = "teams",
    params(("id" = String, Path, description = "Team id")),
    responses(
        (status = 200, description = "The team", body = TeamView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not in this team", body = ErrorBody),
        (status = 404, description = "No such team", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/teams/{id}")]
pub async fn get_team(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    Ok(team_response(state.run(move |ctx| teams::get(ctx, &actor, &id)).await?))
}
