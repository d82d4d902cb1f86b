//! `/api`: JSON over HTTP. One folder per resource, one file per action; each
//! handler extracts, calls one `service` use case, and maps its answer to HTTP.

pub mod auth;
pub mod desks;
pub mod error;
pub mod feeds;
pub mod health;
pub mod holidays;
pub mod jobs;
pub mod notifications;
pub mod openapi;
pub mod people;
pub mod preferences;
pub mod rosters;
pub mod settings;
pub mod teams;
pub mod time_off;

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use super::concurrency::etag;

/// 201 with the new resource, its ETag and where it lives.
pub fn created(body: &impl serde::Serialize, version: i64, location: String) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::ETAG, etag(version)))
        .insert_header((header::LOCATION, location))
        .json(body)
}

/// Registers every route. Each is also listed in `openapi::ApiDoc`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(openapi::openapi_json)
        .service(auth::login::login)
        .service(auth::me::me)
        .service(auth::password::change_password)
        .service(people::list::list_people)
        .service(people::create::create_person)
        .service(people::get::get_person)
        .service(people::update::update_person)
        .service(people::delete::delete_person)
        .service(teams::list::list_teams)
        .service(teams::create::create_team)
        .service(teams::get::get_team)
        .service(teams::update::update_team)
        .service(teams::delete::delete_team)
        .service(teams::members::put_member)
        .service(teams::members::remove_member)
        .service(settings::get::get_settings)
        .service(settings::put::put_settings)
        .service(desks::list::list_desks)
        .service(desks::create::create_desk)
        .service(desks::get::get_desk)
        .service(desks::update::update_desk)
        .service(desks::delete::delete_desk)
        .service(desks::templates::put_templates)
        .service(desks::shifts::desk_shifts)
        .service(holidays::list::list_holidays)
        .service(rosters::create::create_roster)
        .service(rosters::list::list_rosters)
        .service(rosters::get::get_roster)
        .service(rosters::delete::delete_roster)
        .service(rosters::problem::roster_problem)
        .service(rosters::plan::plan_roster)
        .service(rosters::publish::publish_roster)
        .service(rosters::edit::edit_assignments)
        .service(rosters::audit::roster_audit)
        .service(preferences::get_preferences)
        .service(preferences::put_preferences)
        .service(rosters::mine::my_shifts_handler)
        .service(jobs::get::get_job)
        .service(jobs::cancel::cancel_job);
    cfg.service(time_off::create::request_time_off)
        .service(time_off::list_for_person::list_person_time_off)
        .service(time_off::list::list_time_off)
        .service(time_off::get::get_time_off)
        .service(time_off::approve::approve_time_off)
        .service(time_off::reject::reject_time_off)
        .service(time_off::cancel::cancel_time_off)
        .service(notifications::list::list_notifications)
        .service(notifications::read_all::read_all_notifications)
        .service(notifications::read::read_notification)
        .service(feeds::create::create_feed)
        .service(feeds::list::list_feeds)
        .service(feeds::delete::delete_feed)
        .service(feeds::rotate::rotate_feed);
}
