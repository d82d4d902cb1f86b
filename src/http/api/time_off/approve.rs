use actix_web::{post, web, HttpResponse};

use actix_web::http::header;
use serde::Serialize;
use utoipa::ToSchema;

use super::TimeOffView;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::etag;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::json::{body, ApiJson};
use crate::http::path_id::PathId;
use crate::http::state::AppState;
use crate::service::time_off::decide::AffectedShift;
use crate::service::time_off::{decide, input::Approval};

/// The approved request and the published shifts it overlaps.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApprovalView {
    #[serde(flatten)]
    pub time_off: TimeOffView,
    /// The person's published shifts during the leave: still assigned, for the manager
    /// to edit or re-plan.
    pub affected_shifts: Vec<AffectedShift>,
}

/// Approves a pending request (managers of one of the person's teams, admins; never
/// your own). The comment is optional: send `{}` for none. The person is notified;
/// the answer lists the published shifts the leave overlaps.
#[utoipa::path(
    post, path = "/api/time-off/{id}/approve", tag = "time-off",
    params(("id" = String, Path, description = "Time off id"), ("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    request_body = Approval,
    responses(
        (status = 200, description = "Approved", body = ApprovalView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not a manager of the person's team or an admin", body = ErrorBody),
        (status = 404, description = "No such time off", body = ErrorBody),
        (status = 409, description = "Your own time off (`own_request`), or no longer pending (`not_pending`)", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "The comment is invalid", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/time-off/{id}/approve")]
pub async fn approve_time_off(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    path: web::Path<PathId>,
    if_match: Result<IfMatch, ApiError>,
    input: Result<ApiJson<Approval>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner().0;
    let (version, input) = (if_version(if_match), body(input));
    let (time_off, affected_shifts) =
        state.run(move |ctx| decide::approve_reporting(ctx, &actor, &id, version, input)).await?;
    let view = ApprovalView { time_off: TimeOffView::from(time_off), affected_shifts };
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag(view.time_off.version))).json(view))
}
