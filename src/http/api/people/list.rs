use actix_web::{get, web};

use super::PersonView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::pagination::{page, Page, PeopleListQuery};
use crate::http::state::AppState;
use crate::service::people::{self, PeopleFilter};

/// People you may see, by name: admins see everyone; others see themselves and their teammates.
#[utoipa::path(
    get, path = "/api/people", tag = "people",
    params(PeopleListQuery),
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
    Caller(actor): Caller,
    query: web::Query<PeopleListQuery>,
) -> Result<web::Json<Page<PersonView>>, ApiError> {
    let limit = query.page().limit()?;
    let filter = PeopleFilter {
        team_id: query.team_id()?,
        q: query.q()?,
        after: query.page().after()?,
        limit: i64::from(limit) + 1,
    };
    let people = state.run(move |ctx| people::list(ctx, &actor, filter)).await?;
    Ok(web::Json(page(people, limit, |p| (p.name.clone(), p.id.clone()), PersonView::from)))
}
