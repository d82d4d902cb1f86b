//! Team seats. They belong to the team, so they change the team's version and
//! need the team's ETag.

use actix_web::{delete, put, web, HttpResponse};

use super::get::{load_team_view, team_response};
use super::input::PutMember;
use crate::api::auth::access::Access;
use crate::api::auth::AuthUser;
use crate::api::concurrency::IfMatch;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::json::ApiJson;
use crate::api::path_id::PathId;
use crate::api::state::AppState;
use crate::domain::{Role, TeamRole};
use crate::store::{self, teams::MembershipRow, DbConnection};

/// Adds a person to the team or changes their seat. Managers of the team may
/// seat people who are in no team or only in teams they also manage; only
/// admins hand out or take away manager seats, and only they seat admins.
#[utoipa::path(
    put, path = "/api/teams/{id}/members/{person_id}", tag = "teams",
    params(
        ("id" = String, Path, description = "Team id"),
        ("person_id" = String, Path, description = "Person id"),
        ("If-Match" = String, Header, description = "The team's ETag"),
    ),
    request_body = PutMember,
    responses(
        (status = 200, description = "The team with the new seat", body = super::TeamView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not allowed to change this team's seats", body = ErrorBody),
        (status = 404, description = "No such team or person", body = ErrorBody),
        (status = 412, description = "The team changed since your GET", body = ErrorBody),
        (status = 422, description = "The seat is invalid (e.g. manager seat for a non-manager)", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/api/teams/{id}/members/{person_id}")]
pub async fn put_member(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(PathId, PathId)>,
    if_match: Result<IfMatch, ApiError>,
    body: Result<ApiJson<PutMember>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let (PathId(team_id), PathId(person_id)) = path.into_inner();
    let view = state
        .db_tx(move |conn| {
            let access = Access::load(conn, user)?;
            let team = store::teams::find(conn, &team_id)?.ok_or_else(|| ApiError::not_found("team"))?;
            Access::require(access.manages_team(&team_id))?;
            let (if_match, seat) = (if_match?, body?.0.role);
            Access::require(seat == TeamRole::Member || access.is_admin())?;
            let person = store::people::find(conn, &person_id)?.ok_or_else(|| ApiError::not_found("person"))?;
            if !access.is_admin() {
                // Seating someone makes them manageable by this team's managers:
                // that must not become a way to take over another team's people.
                let current = store::teams::memberships_of_person(conn, &person_id)?;
                let demotes_a_manager =
                    current.iter().any(|m| m.team_id == team_id && m.role == TeamRole::Manager.as_str());
                let from_foreign_team = current.iter().any(|m| !access.manages_team(&m.team_id));
                Access::require(!demotes_a_manager && !from_foreign_team && person.role != Role::Admin.as_str())?;
            }
            if seat == TeamRole::Manager && person.role == Role::Member.as_str() {
                return Err(ApiError::unprocessable(
                    "not_a_manager",
                    "role",
                    "only people with the manager or admin role can hold a manager seat",
                ));
            }
            let membership = MembershipRow {
                team_id: team_id.clone(),
                person_id: person_id.clone(),
                role: seat.as_str().to_string(),
                created_at: store::now_utc(),
            };
            change_seat(conn, &access, &team, if_match.0, "seat", &person_id, |conn| {
                Ok(store::teams::upsert_membership(conn, &membership)?)
            })
        })
        .await?;
    Ok(team_response(view))
}

/// Removes a person from the team (managers of the team, admins).
#[utoipa::path(
    delete, path = "/api/teams/{id}/members/{person_id}", tag = "teams",
    params(
        ("id" = String, Path, description = "Team id"),
        ("person_id" = String, Path, description = "Person id"),
        ("If-Match" = String, Header, description = "The team's ETag"),
    ),
    responses(
        (status = 200, description = "The team without the person", body = super::TeamView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not allowed to change this team's seats", body = ErrorBody),
        (status = 404, description = "No such team, or the person is not in it", body = ErrorBody),
        (status = 412, description = "The team changed since your GET", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[delete("/api/teams/{id}/members/{person_id}")]
pub async fn remove_member(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(PathId, PathId)>,
    if_match: Result<IfMatch, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let (PathId(team_id), PathId(person_id)) = path.into_inner();
    let view = state
        .db_tx(move |conn| {
            let access = Access::load(conn, user)?;
            let team = store::teams::find(conn, &team_id)?.ok_or_else(|| ApiError::not_found("team"))?;
            Access::require(access.manages_team(&team_id))?;
            let if_match = if_match?;
            let seats = store::teams::memberships_of_teams(conn, std::slice::from_ref(&team_id))?;
            let seat = seats.iter().find(|m| m.person_id == person_id).ok_or_else(|| ApiError::not_found("member"))?;
            // Taking away a manager seat is an admin's call, like giving one.
            Access::require(seat.role == TeamRole::Member.as_str() || access.is_admin())?;
            change_seat(conn, &access, &team, if_match.0, "unseat", &person_id, |conn| {
                store::teams::remove_membership(conn, &team_id, &person_id)?;
                Ok(())
            })
        })
        .await?;
    Ok(team_response(view))
}

/// Bumps the team's version against the client's If-Match (so two managers editing
/// seats at once cannot both win), then makes the seat `change` and records it. The
/// bump comes first: on PostgreSQL the second of two concurrent writers then waits on
/// the team's row and gets 412, where a seat written first could collide with the
/// other writer's seat and fail as a 500.
fn change_seat(
    conn: &mut DbConnection,
    access: &Access,
    team: &store::teams::TeamRow,
    expected_version: i64,
    action: &str,
    person_id: &str,
    change: impl FnOnce(&mut DbConnection) -> Result<(), ApiError>,
) -> Result<super::TeamView, ApiError> {
    store::teams::update(conn, team, expected_version)?;
    change(conn)?;
    let detail = serde_json::json!({ "person_id": person_id });
    store::audit::record(conn, &access.user.id, action, "team", &team.id, detail)?;
    load_team_view(conn, &team.id)
}
