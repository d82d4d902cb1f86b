use actix_web::{get, web};

use super::TeamView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::pagination::{page, Page, TeamListQuery};
use crate::http::state::AppState;
use crate::service::teams::{self, TeamFilter};

/// Teams by name: admins see all, everyone else the teams they belong to; `q` searches
/// names and descriptions ignoring case and diacritics.
#[utoipa::path(
    get, path = "/api/teams", tag = "teams",
    params(TeamListQuery),
    responses(
        (status = 200, description = "A page of teams", body = Page<TeamView>),
        (status = 400, description = "Bad limit, cursor or q", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/teams")]
pub async fn list_teams(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    query: web::Query<TeamListQuery>,
) -> Result<web::Json<Page<TeamView>>, ApiError> {
    let limit = query.page().limit()?;
    let filter = TeamFilter { q: query.q()?, after: query.page().after()?, limit: i64::from(limit) + 1 };
    let teams = state.run(move |ctx| teams::list(ctx, &actor, filter)).await?;
    Ok(web::Json(page(teams, limit, |t| (t.name.clone(), t.id.clone()), TeamView::from)))
}
