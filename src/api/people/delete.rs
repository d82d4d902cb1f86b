use actix_web::{delete, http::header, http::StatusCode, web, HttpResponse};

use super::PersonView;
use crate::api::auth::AuthUser;
use crate::api::concurrency::{etag, IfMatch};
use crate::api::error::{ApiError, ErrorBody};
use crate::api::path_id::PathId;
use crate::api::state::AppState;
use crate::store;

/// Removes a person (admins only). Someone referenced by history (e.g. the author
/// of recorded changes) is deactivated instead, so that history stays readable:
/// the answer is then 200 with the deactivated person; a real deletion is 204.
#[utoipa::path(
    delete, path = "/api/people/{id}", tag = "people",
    params(("id" = String, Path, description = "Person id"), ("If-Match" = String, Header, description = "ETag from GET")),
    responses(
        (status = 200, description = "Deactivated, because history refers to them", body = PersonView),
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 409, description = "You cannot remove yourself", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/api/people/{id}")]
pub async fn delete_person(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
) -> Result<HttpResponse, ApiError> {
    if !user.is_admin() {
        return Err(ApiError::forbidden());
    }
    let if_match = if_match?;
    let id = path.into_inner().0;
    if id == user.id {
        return Err(ApiError::new(StatusCode::CONFLICT, "cannot_remove_self", "ask another admin to remove you"));
    }
    let outcome = state
        .db_tx(move |conn| {
            let mut row = store::people::find(conn, &id)?.ok_or_else(|| ApiError::not_found("person"))?;
            if store::people::has_history(conn, &id)? {
                row.active = false;
                let saved = store::people::update(conn, &row, if_match.0)?;
                store::audit::record(conn, &user.id, "deactivate", "person", &id, serde_json::json!({}))?;
                let memberships = store::teams::memberships_of_person(conn, &id)?;
                return PersonView::from_row(saved, &memberships).map(Some);
            }
            store::people::delete(conn, &id, if_match.0)?;
            store::audit::record(conn, &user.id, "delete", "person", &id, serde_json::json!({"email": row.email}))?;
            Ok(None)
        })
        .await?;
    Ok(match outcome {
        Some(view) => HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view),
        None => HttpResponse::NoContent().finish(),
    })
}
