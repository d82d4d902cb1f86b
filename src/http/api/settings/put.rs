use actix_web::{put, web, HttpResponse};

use super::settings_response;
use crate::domain::settings::OrgRules;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::concurrency::{if_version, IfMatch};
use crate::http::json::{body, ApiJson};
use crate::http::state::AppState;
use crate::service::settings;

/// Replaces the organisation's rules (admins only); a field left out takes its default.
#[utoipa::path(
    put, path = "/api/settings", tag = "settings",
    params(("If-Match" = String, Header, description = "ETag from GET, or `*`")),
    request_body = OrgRules,
    responses(
        (status = 200, description = "Saved", body = super::SettingsView, headers(("ETag" = String))),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 412, description = "Changed since your GET", body = ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = ErrorBody),
        (status = 422, description = "A field is invalid", body = ErrorBody),
        (status = 428, description = "If-Match missing", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/api/settings")]
pub async fn put_settings(
    state: web::Data<AppState>,
    Caller(actor): Caller,
    if_match: Result<IfMatch, ApiError>,
    rules: Result<ApiJson<OrgRules>, ApiError>,
) -> Result<HttpResponse, ApiError> {
    let (version, rules) = (if_version(if_match), body(rules));
    Ok(settings_response(state.run(move |ctx| settings::put(ctx, &actor, version, rules)).await?))
}
