use actix_web::{get, web};

use super::PersonView;
use crate::api::auth::access::Access;
use crate::api::auth::AuthUser;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::pagination::{page, ListQuery, Page};
use crate::api::state::AppState;
use crate::store::{self, people::PeopleQuery};

/// People you may see, by name: admins see everyone; others see themselves and their teammates.
#[utoipa::path(
    get, path = "/api/people", tag = "people",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of people", body = Page<PersonView>),
        (status = 400, description = "Bad limit or cursor", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "team_id names a team you cannot read", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/people")]
pub async fn list_people(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Page<PersonView>>, ApiError> {
    let limit = query.limit()?;
    let after = query.after()?;
    let team_id = query.team_id()?;
    let page = state
        .db(move |conn| {
            let access = Access::load(conn, user)?;
            if let Some(team) = &team_id {
                Access::require(access.reads_team(team))?;
            }
            let rows = store::people::list(
                conn,
                &PeopleQuery {
                    team_id,
                    visible_to: (!access.is_admin()).then(|| access.user.id.clone()),
                    include_inactive: true,
                    after,
                    limit: i64::from(limit) + 1,
                },
            )?;
            let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
            let memberships = store::teams::memberships_of_people(conn, &ids)?;
            page(rows, limit, |r| (r.name.clone(), r.id.clone()), |r| PersonView::from_row(r, &memberships))
        })
        .await?;
    Ok(web::Json(page))
}
