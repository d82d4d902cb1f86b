//! `/api/settings`: the organisation's working-time rules.

pub mod get;
pub mod put;

use actix_web::{http::header, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::super::concurrency::etag;
use crate::domain::settings::OrgRules;
use crate::service::settings::SettingsView as Stored;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SettingsView {
    #[serde(flatten)]
    pub rules: OrgRules,
    /// The base URL links use: `ROTA_PUBLIC_URL` when set, else `public_base_url`.
    pub effective_public_base_url: Option<String>,
    /// Whether `ROTA_PUBLIC_URL` overrides the stored `public_base_url`.
    pub public_base_url_from_environment: bool,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// 200 with the settings and their ETag.
pub fn settings_response(stored: Stored) -> HttpResponse {
    let view = SettingsView {
        rules: stored.settings.rules,
        effective_public_base_url: stored.effective_public_base_url,
        public_base_url_from_environment: stored.public_base_url_from_environment,
        version: stored.settings.version,
        updated_at: stored.settings.updated_at,
    };
    HttpResponse::Ok().insert_header((header::ETAG, etag(view.version))).json(view)
}
