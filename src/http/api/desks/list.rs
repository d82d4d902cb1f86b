use actix_web::{get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::DeskView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::pagination::{page, Page, PageQuery};
use crate::http::state::AppState;
use crate::service::desks;

/// `?limit=&cursor=&archived=` of the desk list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeskListQuery {
    /// Items per page, 1–200 (default 50).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
    /// Include archived desks.
    #[serde(default)]
    pub archived: bool,
}

/// Desks by name: admins see all, everyone else the desks of their teams.
#[utoipa::path(
    get, path = "/api/desks", tag = "desks",
    params(DeskListQuery),
    responses(
        (status = 200, description = "A page of desks (without their coverage check)", body = Page<DeskView>),
        (status = 400, description = "Bad limit or cursor", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/desks")]
pub async fn list_desks(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    query: web::Query<DeskListQuery>,
) -> Result<web::Json<Page<DeskView>>, ApiError> {
    let paging = PageQuery { limit: query.limit.clone(), cursor: query.cursor.clone() };
    let (limit, after, archived) = (paging.limit()?, paging.after()?, query.archived);
    let desks = state.run(move |ctx| desks::list(ctx, &actor, archived, after, i64::from(limit) + 1)).await?;
    Ok(web::Json(page(desks, limit, |d| (d.name.clone(), d.id.clone()), DeskView::from)))
}
