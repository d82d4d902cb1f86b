use actix_web::{post, web, HttpRequest};

use super::{base_url, IssuedFeedView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::{feeds, settings};

/// A new secret URL for one of my feeds (shown once); the old one answers 404.
#[utoipa::path(
    post, path = "/api/feeds/{id}/rotate", tag = "feeds",
    params(("id" = String, Path, description = "Feed id")),
    responses(
        (status = 200, description = "Rotated; `url` is shown this once", body = IssuedFeedView),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such feed of mine", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/feeds/{id}/rotate")]
pub async fn rotate_feed(
    state: web::Data<AppState>,
    req: HttpRequest,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<web::Json<IssuedFeedView>, ApiError> {
    let id = path.into_inner().0;
    let (issued, public) = state
        .run(move |ctx| {
            let issued = feeds::rotate(ctx, &actor, &id)?;
            Ok((issued, settings::public_base_url(ctx)?))
        })
        .await?;
    Ok(web::Json(IssuedFeedView::new(issued, &base_url(public, &req))))
}
