use actix_web::{get, http::header, web, HttpResponse};

use super::PersonView;
use crate::api::auth::access::{team_ids, Access};
use crate::api::auth::AuthUser;
use crate::api::concurrency::etag;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::path_id::PathId;
use crate::api::state::AppState;
use crate::store;

/// One person, with an ETag to send back as If-Match when changing them.
#[utoipa::path(
    get, path = "/api/people/{id}", tag = "people",
    params(("id" = String, Path, description = "Person id")),
    responses(
        (status = 200, description = "The person", body = PersonView, headers(("ETag" = String, description = "Version for If-Match"))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not yourself, not a teammate, not an admin", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/people/{id}")]
pub async fn get_person(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<PathId>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let view = state
        .db(move |conn| {
            let access = Access::load(conn, user)?;
            let row = store::people::find(conn, &id)?.ok_or_else(|| ApiError::not_found("person"))?;
            let memberships = store::teams::memberships_of_person(conn, &id)?;
            Access::require(access.user.id == id || access.reads_person(&team_ids(&memberships)))?;
            PersonView::from_row(row, &memberships)
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view))
}
