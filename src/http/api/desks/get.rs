use actix_web::{get, web, HttpResponse};

use super::desk_response;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::desks;

/// A desk with its templates and the coverage check of the next twelve months.
#[utoipa::path(
    get, path = "/api/desks/{id}", tag = "desks",
    params(("id" = String, Path, description = "Desk id")),
    responses(
        (status = 200, description = "The desk", body = super::DeskView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not in one of its teams", body = ErrorBody),
        (status = 404, description = "No such desk", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/desks/{id}")]
pub async fn get_desk(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    Ok(desk_response(state.run(move |ctx| desks::get(ctx, &actor, &id)).await?))
}
