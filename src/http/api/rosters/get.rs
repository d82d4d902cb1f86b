use actix_web::{get, http::header, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::layouts::Layout;
use super::RosterView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::etag;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::rosters;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RosterQuery {
    /// Also lay the roster out `person` by person (each one's shifts in their own
    /// zone, with totals) or `day` by day (the desk's local days); `shift` (the
    /// default) adds nothing.
    #[param(value_type = Option<String>, pattern = "^(shift|person|day)$", example = "person")]
    pub by: Option<String>,
}

/// A roster with its shifts (UTC and the desk's local time) and who is on each; a
/// draft only for the desk's managers.
#[utoipa::path(
    get, path = "/api/rosters/{id}", tag = "rosters",
    params(("id" = String, Path, description = "Roster id"), RosterQuery),
    responses(
        (status = 200, description = "The roster", body = RosterView, headers(("ETag" = String))),
        (status = 400, description = "`by` is not shift, person or day", body = ErrorBody),
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
    query: web::Query<RosterQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let layout = Layout::parse(query.by.as_deref())?;
    let view = RosterView::laid_out(state.run(move |ctx| rosters::get(ctx, &actor, &id)).await?, layout);
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(view.roster.version))).json(view))
}
