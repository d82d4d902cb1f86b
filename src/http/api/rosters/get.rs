use actix_web::{get, http::header, web, HttpResponse};

use super::RosterView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::etag;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters;

/// A roster with its shifts (UTC and the desk's local time) and who is on each; a
/// draft only for the desk's managers.
#[utoipa::path(
    get, path = "/api/rosters/{id}", tag = "rosters",
    params(("id" = String, Path, description = "Roster id")),
    responses(
        (status = 200, description = "The roster", body = RosterView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of the desk (a draft), or not in its teams", body = ErrorBody),
        (status = 404, description = "No such roster", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/rosters/{id}")]
pub async fn get_roster(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let view = RosterView::from(state.run(move |ctx| rosters::get(ctx, &actor, &id)).await?);
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(view.roster.version))).json(view))
}
