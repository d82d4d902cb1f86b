use actix_web::{post, web};

use super::NotificationView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::notifications;

/// Marks one of your notifications read (again is fine: it keeps the first time).
/// Someone else's is answered 404, as a missing one is.
#[utoipa::path(
    post, path = "/api/me/notifications/{id}/read", tag = "notifications",
    params(("id" = String, Path, description = "Notification id")),
    responses(
        (status = 200, description = "Read", body = NotificationView),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "You have no such notification", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/me/notifications/{id}/read")]
pub async fn read_notification(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
) -> Result<web::Json<NotificationView>, ApiError> {
    let id = path.into_inner().0;
    let read = state.run(move |ctx| notifications::mark_read(ctx, &actor, &id)).await?;
    Ok(web::Json(NotificationView::from(read)))
}
