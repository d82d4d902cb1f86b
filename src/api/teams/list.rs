use actix_web::{get, web};

use super::TeamView;
use crate::api::auth::AuthUser;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::pagination::{page, ListQuery, Page};
use crate::api::state::AppState;
use crate::store;

/// Teams by name: admins see all, everyone else the teams they belong to.
#[utoipa::path(
    get, path = "/api/teams", tag = "teams",
    params(ListQuery),
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
    user: AuthUser,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Page<TeamView>>, ApiError> {
    let limit = query.limit()?;
    let after = query.after()?;
    if query.team_id.is_some() {
        return Err(
            ApiError::bad_request("invalid_query", "team_id does not apply to the team list").with_field("team_id")
        );
    }
    let page = state
        .db(move |conn| {
            let member = (!user.is_admin()).then_some(user.id.as_str());
            let rows = store::teams::list(conn, member, after.as_ref(), i64::from(limit) + 1)?;
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let memberships = store::teams::memberships_of_teams(conn, &ids)?;
            page(rows, limit, |r| (r.name.clone(), r.id.clone()), |r| TeamView::from_row(r, &memberships))
        })
        .await?;
    Ok(web::Json(page))
}
