use actix_web::{get, http::header, web, HttpResponse};

use super::TeamView;
use crate::api::auth::access::Access;
use crate::api::auth::AuthUser;
use crate::api::concurrency::etag;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::path_id::PathId;
use crate::api::state::AppState;
use crate::store::{self, DbConnection};

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
    user: AuthUser,
    path: web::Path<PathId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let view = state
        .db(move |conn| {
            let access = Access::load(conn, user)?;
            let view = load_team_view(conn, &id)?;
            Access::require(access.reads_team(&id))?;
            Ok(view)
        })
        .await?;
    Ok(team_response(view))
}

pub fn load_team_view(conn: &mut DbConnection, id: &str) -> Result<TeamView, ApiError> {
    let row = store::teams::find(conn, id)?.ok_or_else(|| ApiError::not_found("team"))?;
    let memberships = store::teams::memberships_of_teams(conn, &[id.to_string()])?;
    TeamView::from_row(row, &memberships)
}

pub fn team_response(view: TeamView) -> HttpResponse {
    HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view)
}
