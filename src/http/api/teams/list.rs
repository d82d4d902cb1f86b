use actix_web::{get, web};

use super::TeamView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::pagination::{page, Page, PageQuery};
use crate::http::state::AppState;
use crate::service::teams;

/// Teams by name: admins see all, everyone else the teams they belong to.
#[utoipa::path(
    get, path = "/api/teams", tag = "teams",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of teams", body = Page<TeamView>),
        (status = 400, description = "Bad limit or cursor", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/teams")]
pub async fn list_teams(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<TeamView>>, ApiError> {
    let limit = query.limit()?;
    let after = query.after()?;
    let teams = state.run(move |ctx| teams::list(ctx, &actor, after, i64::from(limit) + 1)).await?;
    Ok(web::Json(page(teams, limit, |t| (t.name.clone(), t.id.clone()), TeamView::from)))
}
