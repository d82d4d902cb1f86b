use actix_web::{delete, web, HttpResponse};

use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::feeds;

/// Revokes one of my feeds: its URL answers 404 from now on.
#[utoipa::path(
    delete, path = "/api/feeds/{id}", tag = "feeds",
    params(("id" = String, Path, description = "Feed id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such feed of mine", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/api/feeds/{id}")]
pub async fn delete_feed(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    state.run(move |ctx| feeds::revoke(ctx, &actor, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
