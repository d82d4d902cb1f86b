use actix_web::{http::header, post, web, HttpResponse};

use super::input::{check_description, check_team_name, CreateTeam};
use super::TeamView;
use crate::api::auth::AuthUser;
use crate::api::concurrency::etag;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::json::ApiJson;
use crate::api::state::AppState;
use crate::store::{self, teams::TeamRow};

/// Creates a team (admins only). Names are unique.
#[utoipa::path(
    post, path = "/api/teams", tag = "teams",
    request_body = CreateTeam,
    responses(
        (status = 201, description = "Created", body = TeamView, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 409, description = "Name already in use", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/teams")]
pub async fn create_team(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Result<ApiJson<CreateTeam>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    if !user.is_admin() {
        return Err(ApiError::forbidden());
    }
    let body = body?;
    let now = store::now_utc();
    let row = TeamRow {
        id: store::new_id(),
        name: check_team_name(&body.0.name)?,
        description: check_description(&body.0.description)?,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let view = state
        .db_tx(move |conn| {
            store::teams::insert(conn, &row)?;
            store::audit::record(conn, &user.id, "create", "team", &row.id, serde_json::json!({"name": row.name}))?;
            TeamView::from_row(row, &[])
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::ETAG, etag(view.version)))
        .insert_header((header::LOCATION, format!("/api/teams/{}", view.id)))
        .json(view))
}
