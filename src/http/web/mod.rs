//! Server-rendered pages. They call the same `service/` functions as the API; a
//! session cookie proves who is asking, and every post carries the session's CSRF
//! token.

pub mod assets;
pub mod board;
pub mod board_cells;
pub mod board_edit;
pub mod board_panels;
pub mod calendar_feeds;
pub mod csrf;
pub mod desks;
pub mod error;
pub mod format;
pub mod forms;
pub mod home;
pub mod login;
pub mod notifications;
pub mod password;
pub mod people;
pub mod person_edit;
pub mod planning;
pub mod preferences;
pub mod render;
pub mod roster_new;
pub mod session;
pub mod shifts;
pub mod teams;
pub mod template_form;
pub mod templates_edit;
pub mod time_off;
pub mod time_off_queue;
pub mod timeline;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(assets::static_file)
        .service(login::login_page)
        .service(login::login)
        .service(login::logout)
        .service(home::home)
        .service(shifts::my_shifts_page)
        .service(time_off::time_off_page)
        .service(time_off::request_time_off)
        .service(time_off::cancel_time_off)
        .service(notifications::notifications_page)
        .service(notifications::mark_read)
        .service(notifications::mark_all_read)
        .service(preferences::preferences_page)
        .service(preferences::add_preference)
        .service(preferences::remove_preference)
        .service(password::password_page)
        .service(password::change_password)
        .service(desks::desks_page)
        .service(desks::desk_page)
        .service(time_off_queue::queue_page)
        .service(time_off_queue::approve)
        .service(time_off_queue::reject)
        .service(people::people_page)
        .service(board::board_page)
        .service(board_edit::edit_cell)
        .service(planning::plan)
        .service(planning::cancel)
        .service(planning::publish_roster)
        .service(planning::progress)
        .service(roster_new::create_roster)
        .service(templates_edit::editor_page)
        .service(templates_edit::save_templates)
        .service(teams::teams_page)
        .service(teams::team_page)
        .service(teams::update_team)
        .service(teams::change_seat)
        .service(person_edit::person_page)
        .service(person_edit::update_person)
        .service(calendar_feeds::feeds_page)
        .service(calendar_feeds::create_feed)
        .service(calendar_feeds::rotate_feed)
        .service(calendar_feeds::revoke_feed);
}
