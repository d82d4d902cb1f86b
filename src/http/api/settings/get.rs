use actix_web::{get, web, HttpResponse};

use super::settings_response;
use crate::http::api::error::{ApiError, ErrorBody};
use crate::http::caller::Caller;
use crate::http::state::AppState;
use crate::service::settings;

/// The organisation's rules: night, days off, default contract, fairness look-back,
/// public base URL. Everyone signed in reads them.
#[utoipa::path(
    get, path = "/api/settings", tag = "settings",
    responses(
        (status = 200, description = "The settings", body = super::SettingsView, headers(("ETag" = String))),
        (status = 401, description = "No valid token", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/settings")]
pub async fn get_settings(state: web::Data<AppState>, Caller(actor): Caller) -> Result<HttpResponse, ApiError> {
    Ok(settings_response(state.run(move |ctx| settings::get(ctx, &actor)).await?))
}
