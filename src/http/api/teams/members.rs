//! Team seats. They belong to the team, so they change the team's version and
//! need the team's ETag.

use actix_web::{delete, put, web, HttpResponse};

use super::team_response;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::teams::{input::NewSeat, seats};

/// Adds a person to the team or changes their seat. Managers of the team may
/// seat people who are in no team or only in teams they also manage; only
/// admins hand out or take away manager seats, and only they seat admins.
#[utoipa::path(
    put, path = "/api/teams/{id}/members/{person_id}", tag = "teams",
    params(
        ("id" = String, Path, description = "Team id"),
        ("person_id" = String, Path, description = "Person id"),
        ("If-Match" = String, Header, description = "The team's ETag, or `*`"),
    ),
    request_body = NewSeat,
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
    Caller(actor): Caller,
    path: web::Path<(PathId, PathId)>,
    if_match: Result<IfMatch, ApiError>,
    seat: Result<ApiJson<NewSeat>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let (PathId(team_id), PathId(person_id)) = path.into_inner();
    let (version, seat) = (if_version(if_match), body(seat).map(|seat| seat.role));
    let team = state.run(move |ctx| seats::put(ctx, &actor, &team_id, &person_id, version, seat)).await?;
    Ok(team_response(team))
}

/// Removes a person from the team (managers of the team, admins).
#[utoipa::path(
    delete, path = "/api/teams/{id}/members/{person_id}", tag = "teams",
    params(
        ("id" = String, Path, description = "Team id"),
        ("person_id" = String, Path, description = "Person id"),
        ("If-Match" = String, Header, description = "The team's ETag, or `*`"),
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
    Caller(actor): Caller,
    path: web::Path<(PathId, PathId)>,
    if_match: Result<IfMatch, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let (PathId(team_id), PathId(person_id)) = path.into_inner();
    let version = if_version(if_match);
    let team = state.run(move |ctx| seats::remove(ctx, &actor, &team_id, &person_id, version)).await?;
    Ok(team_response(team))
}
