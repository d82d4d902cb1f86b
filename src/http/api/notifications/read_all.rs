use actix_web::{post, web};

use super::view::MarkedRead;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::state::AppState;
use crate::service::notifications;

/// Marks all your notifications read.
#[utoipa::path(
    post, path = "/api/me/notifications/read-all", tag = "notifications",
    responses(
        (status = 200, description = "How many were unread", body = MarkedRead),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/me/notifications/read-all")]
pub async fn read_all_notifications(
    state: web::Data<AppState>,
    Caller(actor): Caller,
) -> Result<web::Json<MarkedRead>, ApiError> {
    let marked = state.run(move |ctx| notifications::mark_all_read(ctx, &actor)).await?;
    Ok(web::Json(MarkedRead { marked }))
}
