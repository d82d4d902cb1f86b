//! The OpenAPI 3.1 description, served at /api/openapi.json. Every handler
//! must be listed in `paths`; the route-coverage test fails otherwise.

use actix_web::{get, HttpResponse};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{auth, health, people, teams};

#[derive(OpenApi)]
#[openapi(
    info(title = "rota", description = "Plans who works when in customer-support teams."),
    paths(
        health::healthz,
        health::readyz,
        openapi_json,
        auth::login::login,
        auth::me::me,
        people::list::list_people,
        people::create::create_person,
        people::get::get_person,
        people::update::update_person,
        people::delete::delete_person,
        teams::list::list_teams,
        teams::create::create_team,
        teams::get::get_team,
        teams::update::update_team,
        teams::delete::delete_team,
        teams::members::put_member,
        teams::members::remove_member,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Login and the current user"),
        (name = "people", description = "Staff, skills and contracts"),
        (name = "teams", description = "Teams, members and managers"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            let mut scheme = Http::new(HttpAuthScheme::Bearer);
            scheme.bearer_format = Some("JWT".into());
            components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
        }
    }
}

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "health", responses((status = 200, description = "OpenAPI 3.1 document")))]
#[get("/api/openapi.json")]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
