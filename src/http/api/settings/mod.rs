//! `/api/settings`: the organisation's working-time rules.

pub mod get;
pub mod put;

use actix_web::{http::header, HttpResponse};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

use super::super::concurrency::etag;
use crate::domain::settings::OrgRules;
use crate::service::settings::SettingsView as Stored;

/// What `GET /api/settings` answers: the rules as `PUT` takes them, and what the
/// service adds to them, in one flat object.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    #[serde(flatten)]
    pub rules: OrgRules,
    #[serde(flatten)]
    pub about: SettingsAbout,
}

/// The fields of a settings answer that `PUT` does not take.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SettingsAbout {
    /// The base URL links use: `ROTA_PUBLIC_URL` when set, else `public_base_url`.
    pub effective_public_base_url: Option<String>,
    /// Whether `ROTA_PUBLIC_URL` overrides the stored `public_base_url`.
    pub public_base_url_from_environment: bool,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

// Written by hand because the derive would describe the two flattened parts as an
// `allOf` of `OrgRules` (which refuses unknown fields, so that a PUT with a typo is
// refused) and the extra fields: no answer could match both. The answer is one
// object with the properties of both.
impl PartialSchema for SettingsView {
    fn schema() -> RefOr<Schema> {
        let (RefOr::T(Schema::Object(mut rules)), RefOr::T(Schema::Object(about))) =
            (OrgRules::schema(), SettingsAbout::schema())
        else {
            return OrgRules::schema();
        };
        rules.properties.extend(about.properties);
        rules.required.extend(about.required);
        rules.additional_properties = None;
        rules.description = Some("The settings: the rules as `PUT` takes them, and what the service adds.".into());
        RefOr::T(Schema::Object(rules))
    }
}

impl ToSchema for SettingsView {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        OrgRules::schemas(schemas);
        SettingsAbout::schemas(schemas);
    }
}

/// 200 with the settings and their ETag.
pub fn settings_response(stored: Stored) -> HttpResponse {
    let about = SettingsAbout {
        effective_public_base_url: stored.effective_public_base_url,
        public_base_url_from_environment: stored.public_base_url_from_environment,
        version: stored.settings.version,
        updated_at: stored.settings.updated_at,
    };
    let etag = etag(about.version);
    HttpResponse::Ok().insert_header((header::ETAG, etag)).json(SettingsView { rules: stored.settings.rules, about })
}
