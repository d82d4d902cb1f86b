use actix_web::{get, web};

use super::FeedView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::state::AppState;
use crate::service::feeds;

/// My calendar feeds that still work, newest first: what each shows and when a
/// calendar app last fetched it (never the secret).
#[utoipa::path(
    get, path = "/api/feeds", tag = "feeds",
    responses(
        (status = 200, description = "My feeds", body = [FeedView]),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/feeds")]
pub async fn list_feeds(
    state: web::Data<AppState>,
    Caller(actor): Caller,
) -> Result<web::Json<Vec<FeedView>>, ApiError> {
    let listed = state.run(move |ctx| feeds::list(ctx, &actor)).await?;
    Ok(web::Json(listed.into_iter().map(FeedView::from).collect()))
}
