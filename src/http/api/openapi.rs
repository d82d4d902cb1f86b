//! The OpenAPI 3.1 description, served at /api/openapi.json. Every handler
//! must be listed in `paths`; the route-coverage test fails otherwise.

use actix_web::{get, HttpResponse};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    auth, desks, feeds, health, holidays, jobs, notifications, people, preferences, rosters, settings, teams, time_off,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "rota", description = "Plans who works when in customer-support teams."),
    paths(
        health::healthz,
        health::readyz,
        openapi_json,
        auth::login::login,
        auth::me::me,
        auth::password::change_password,
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
        settings::get::get_settings,
        settings::put::put_settings,
        desks::list::list_desks,
        desks::create::create_desk,
        desks::get::get_desk,
        desks::update::update_desk,
        desks::delete::delete_desk,
        desks::templates::put_templates,
        desks::shifts::desk_shifts,
        holidays::list::list_holidays,
        rosters::create::create_roster,
        rosters::list::list_rosters,
        rosters::get::get_roster,
        rosters::delete::delete_roster,
        rosters::problem::roster_problem,
        rosters::plan::plan_roster,
        rosters::publish::publish_roster,
        rosters::edit::edit_assignments,
        rosters::audit::roster_audit,
        preferences::get_preferences,
        preferences::put_preferences,
        rosters::mine::my_shifts_handler,
        jobs::get::get_job,
        jobs::cancel::cancel_job,
        time_off::create::request_time_off,
        time_off::list_for_person::list_person_time_off,
        time_off::list::list_time_off,
        time_off::get::get_time_off,
        time_off::approve::approve_time_off,
        time_off::reject::reject_time_off,
        time_off::cancel::cancel_time_off,
        notifications::list::list_notifications,
        notifications::read_all::read_all_notifications,
        notifications::read::read_notification,
        feeds::create::create_feed,
        feeds::list::list_feeds,
        feeds::delete::delete_feed,
        feeds::rotate::rotate_feed,
        crate::http::feeds::get_feed,
        crate::http::feeds::head_feed,
    ),
    modifiers(&BearerAuth, &CommonErrors),
    tags(
        (name = "auth", description = "Login and the current user"),
        (name = "people", description = "Staff, skills and contracts"),
        (name = "teams", description = "Teams, members and managers"),
        (name = "settings", description = "The organisation's working-time rules"),
        (name = "desks", description = "Desks, shift types, templates and their coverage"),
        (name = "holidays", description = "Public holidays by region"),
        (name = "rosters", description = "Rosters of a desk, their shifts and assignments"),
        (name = "jobs", description = "Background planning and its progress"),
        (name = "time-off", description = "Time off asked for, approved, rejected and cancelled"),
        (name = "notifications", description = "Your inbox: decisions and requests that concern you"),
        (name = "feeds", description = "Calendar feed links: make, list, rotate, revoke (the feeds themselves are GET /feeds/{token}.ics)"),
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

/// Answers any route may give besides its own, added to each operation once here:
/// 503 when the database or the password hashing is busy (with Retry-After), and
/// 415 wherever a JSON body is read.
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{
            header::HeaderBuilder, ContentBuilder, KnownFormat, ObjectBuilder, Ref, ResponseBuilder, SchemaFormat, Type,
        };
        let error = |description: &str, retry_after: bool| {
            let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
            let mut response = ResponseBuilder::new().description(description).content("application/json", content);
            if retry_after {
                let seconds = ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)));
                response = response.header("Retry-After", HeaderBuilder::new().schema(seconds).build());
            }
            response.build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            // Answered by the process alone, without the database.
            let needs_database = !matches!(path.as_str(), "/healthz" | "/api/openapi.json");
            for operation in
                [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
            {
                let responses = &mut operation.responses.responses;
                if needs_database && !responses.contains_key("503") {
                    let busy = error("The database or the login check is busy; see Retry-After", true);
                    responses.insert("503".into(), busy.into());
                }
                if operation.request_body.is_some() {
                    responses
                        .insert("415".into(), error("The body is not `Content-Type: application/json`", false).into());
                }
            }
        }
    }
}

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "health", responses((status = 200, description = "OpenAPI 3.1 document")))]
#[get("/api/openapi.json")]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
