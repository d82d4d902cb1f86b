use actix_web::{get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{NotificationPage, NotificationView};
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::pagination::{instant_key, page, PageQuery};
use crate::http::state::AppState;
use crate::service::notifications;

/// `?unread=&limit=&cursor=` of the inbox.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NotificationsQuery {
    /// `true`: only unread ones.
    #[param(value_type = Option<bool>)]
    pub unread: Option<String>,
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
}

impl NotificationsQuery {
    fn unread_only(&self) -> Result<bool, ApiError> {
        match self.unread.as_deref().map(str::trim) {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err(ApiError::bad_request("invalid_query", "unread is true or false").with_field("unread")),
        }
    }
}

/// Your notifications, newest first, with the count of unread ones.
#[utoipa::path(
    get, path = "/api/me/notifications", tag = "notifications",
    params(NotificationsQuery),
    responses(
        (status = 200, description = "A page of your notifications", body = NotificationPage),
        (status = 400, description = "Bad unread, limit or cursor", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/me/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    query: web::Query<NotificationsQuery>,
) -> Result<web::Json<NotificationPage>, ApiError> {
    let unread_only = query.unread_only()?;
    let paging = PageQuery { limit: query.limit.clone(), cursor: query.cursor.clone() };
    let (limit, after) = (paging.limit()?, paging.after_instant()?);
    let inbox =
        state.run(move |ctx| notifications::list(ctx, &actor, unread_only, after, i64::from(limit) + 1)).await?;
    let items = page(inbox.items, limit, |n| instant_key(n.created_at, &n.id), NotificationView::from);
    Ok(web::Json(NotificationPage {
        items: items.items,
        next_cursor: items.next_cursor,
        unread_count: inbox.unread_count,
    }))
}
