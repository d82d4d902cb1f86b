use actix_web::{http::header, patch, web, HttpResponse};

use super::input::PatchPerson;
use super::PersonView;
use crate::api::auth::access::{team_ids, Access};
use crate::api::auth::AuthUser;
use crate::api::concurrency::{etag, IfMatch};
use crate::api::error::{ApiError, ErrorBody};
use crate::api::json::ApiJson;
use crate::api::path_id::PathId;
use crate::api::state::AppState;
use crate::domain::Role;
use crate::store;

/// Changes a person. Members may change their own name and time zone; managers
/// the people of their teams (not roles, passwords or admins); admins anything.
#[utoipa::path(
    patch, path = "/api/people/{id}", tag = "people",
    params(("id" = String, Path, description = "Person id"), ("If-Match" = String, Header, description = "ETag from GET")),
    request_body = PatchPerson,
    responses(
        (status = 200, description = "Changed", body = PersonView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not allowed to change this person or these fields", body = ErrorBody),
        (status = 404, description = "No such person", body = ErrorBody),
        (status = 409, description = "Email already in use", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/api/people/{id}")]
pub async fn update_person(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
    body: Result<ApiJson<PatchPerson>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let view = state
        .db_tx(move |conn| {
            let access = Access::load(conn, user)?;
            let mut row = store::people::find(conn, &id)?.ok_or_else(|| ApiError::not_found("person"))?;
            let memberships = store::teams::memberships_of_person(conn, &id)?;
            let teams = team_ids(&memberships);
            let is_self = access.user.id == id;
            // Whether the caller may touch this person at all is answered
            // before their input is judged; which fields they may touch after.
            Access::require(is_self || access.is_admin() || access.manages_person(&teams))?;
            let (if_match, patch) = (if_match?, body?.0);
            let target_is_admin = row.role == Role::Admin.as_str();
            let manager_may =
                access.manages_person(&teams) && !target_is_admin && patch.role.is_none() && patch.password.is_none();
            let allowed = access.is_admin() || manager_may || (is_self && patch.only_self_service_fields());
            Access::require(allowed)?;
            patch.apply(&mut row)?;
            let saved = store::people::update(conn, &row, if_match.0)?;
            store::audit::record(
                conn,
                &access.user.id,
                "update",
                "person",
                &id,
                serde_json::json!({"version": saved.version}),
            )?;
            PersonView::from_row(saved, &memberships)
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view))
}
