use actix_web::{get, http::header, web, HttpResponse};

use super::AuthUser;
use crate::api::concurrency::etag;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::people::PersonView;
use crate::api::state::AppState;
use crate::store;

/// The person the token belongs to.
#[utoipa::path(
    get, path = "/api/me", tag = "auth",
    responses(
        (status = 200, description = "You", body = PersonView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/me")]
pub async fn me(state: web::Data<AppState>, user: AuthUser) -> Result<HttpResponse, ApiError> {
    let view = state
        .db(move |conn| {
            let row = store::people::find(conn, &user.id)?.ok_or_else(|| ApiError::unauthenticated("account gone"))?;
            let memberships = store::teams::memberships_of_person(conn, &user.id)?;
            PersonView::from_row(row, &memberships)
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view))
}
