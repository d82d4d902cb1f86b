use actix_web::{get, web};

use super::query::PersonTimeOffQuery;
use super::{time_off_page, TimeOffView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::pagination::Page;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::time_off::list;

/// One person's time off, by when it starts: for the person, managers of one of their
/// teams and admins.
#[utoipa::path(
    get, path = "/api/people/{id}/time-off", tag = "time-off",
    params(("id" = String, Path, description = "Person id"), PersonTimeOffQuery),
    responses(
        (status = 200, description = "A page of the person's time off", body = Page<TimeOffView>),
        (status = 400, description = "Bad limit, cursor, status or date", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not this person, a manager of their team or an admin", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 422, description = "`to` is before `from`", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/people/{id}/time-off")]
pub async fn list_person_time_off(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    query: web::Query<PersonTimeOffQuery>,
) -> Result<web::Json<Page<TimeOffView>>, ApiError> {
    let (filter, limit) = query.filter(path.into_inner().0)?;
    let rows = state.run(move |ctx| list::list(ctx, &actor, filter)).await?;
    Ok(web::Json(time_off_page(rows, limit)))
}
