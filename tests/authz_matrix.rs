//! Who may call what: every route of the OpenAPI document, called by every
//! kind of caller, each changing call on a fresh database so that one
//! caller's successful DELETE cannot change the next caller's answer.
//!
//! The table below is the authorization rules written out. A route in the
//! document without a row fails the test, and so does a row for a route the
//! document does not have: a new endpoint cannot ship without someone deciding
//! who may call it.

mod common;

use std::collections::BTreeSet;
use std::time::Instant;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::{backends, new_person_body, request, send, Ctx, PASSWORD};
use rota::http::api::openapi::ApiDoc;
use rota::http::build_app;
use serde_json::{json, Value};
use utoipa::OpenApi;

const HTTP_METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

#[derive(Debug, Clone, Copy)]
enum Caller {
    Anonymous,
    Member,
    OtherMember,
    OtherManager,
    Manager,
    Admin,
}

/// The order of the `expect` columns in the table.
const CALLERS: [Caller; 6] =
    [Caller::Anonymous, Caller::Member, Caller::OtherMember, Caller::OtherManager, Caller::Manager, Caller::Admin];

impl Caller {
    fn token(self, ctx: &Ctx) -> Option<&str> {
        let actor = match self {
            Caller::Anonymous => return None,
            Caller::Member => &ctx.member,
            Caller::OtherMember => &ctx.other_member,
            Caller::OtherManager => &ctx.other_manager,
            Caller::Manager => &ctx.manager,
            Caller::Admin => &ctx.admin,
        };
        Some(&actor.token)
    }
}

/// One request of the matrix, made once per caller.
struct Case {
    method: &'static str,
    /// The path as the OpenAPI document spells it.
    template: &'static str,
    /// What this row exercises, for failure messages.
    what: &'static str,
    uri: fn(&Ctx) -> String,
    body: Option<fn(&Ctx) -> Value>,
    /// The resource whose current ETag (read as admin just before the call)
    /// goes into If-Match.
    if_match_of: Option<fn(&Ctx) -> String>,
    /// anonymous, member, other_member, other_manager, manager, admin.
    expect: [u16; 6],
}

fn target_uri(ctx: &Ctx) -> String {
    format!("/api/people/{}", ctx.target.id)
}

fn team_a_uri(ctx: &Ctx) -> String {
    format!("/api/teams/{}", ctx.team_a)
}

fn target_seat_uri(ctx: &Ctx) -> String {
    format!("/api/teams/{}/members/{}", ctx.team_a, ctx.target.id)
}

/// The id of `who`'s first time off in this world, asked for by them on first use
/// (which notifies the managers of their teams). Made through the service, so a GET
/// row's callers share it and an If-Match read finds the one the call acts on.
fn time_off_of(ctx: &Ctx, who: &common::Actor) -> String {
    use rota::service::{time_off, Actor};
    let service = &ctx.state.service;
    let mut conn = service.pool.get().expect("connection");
    let person = rota::store::people::find(&mut conn, &who.id).expect("read person").expect("the person");
    drop(conn);
    let actor = Actor::of(&person);
    let filter = time_off::list::TimeOffFilter { person_id: Some(person.id.clone()), limit: 1, ..Default::default() };
    if let Some(existing) = time_off::list::list(service, &actor, filter).expect("list time off").pop() {
        return existing.id;
    }
    let input = serde_json::from_value(json!({"from": "2027-06-01", "to": "2027-06-04", "reason": "vacation"}))
        .expect("time off input");
    time_off::request::request(service, &actor, &person.id, Ok(input)).expect("time off").id
}

fn target_time_off_uri(ctx: &Ctx) -> String {
    format!("/api/time-off/{}", time_off_of(ctx, &ctx.target))
}

fn manager_time_off_uri(ctx: &Ctx) -> String {
    format!("/api/time-off/{}", time_off_of(ctx, &ctx.manager))
}

/// The manager's notification of the target's time off request.
fn managers_notification_uri(ctx: &Ctx) -> String {
    use rota::service::{notifications, Actor};
    time_off_of(ctx, &ctx.target);
    let service = &ctx.state.service;
    let mut conn = service.pool.get().expect("connection");
    let manager = rota::store::people::find(&mut conn, &ctx.manager.id).expect("read person").expect("the manager");
    drop(conn);
    let inbox = notifications::list(service, &Actor::of(&manager), false, None, 1).expect("inbox");
    format!("/api/me/notifications/{}/read", inbox.items.first().expect("a notification").id)
}

/// Team A's desk in this world, made through the service on first use.
fn desk_a(ctx: &Ctx) -> String {
    use rota::service::{desks, Actor};
    let service = &ctx.state.service;
    let mut conn = service.pool.get().expect("connection");
    let manager = rota::store::people::find(&mut conn, &ctx.manager.id).expect("read person").expect("the manager");
    drop(conn);
    let actor = Actor::of(&manager);
    if let Some(existing) = desks::list(service, &actor, true, None, 1).expect("list desks").pop() {
        return existing.id;
    }
    let input = serde_json::from_value(json!({
        "name": "Customer Service EN/DE", "time_zone": "Europe/Warsaw", "teams": [ctx.team_a],
        "shift_types": [{"id": "early", "name": "Early"}],
        "templates": [{"name": "Early", "shift_type": "early", "start": "06:00", "end": "14:00",
                       "time_zone": "Europe/Warsaw", "weekdays": [1, 2, 3, 4, 5], "min_headcount": 1, "target_headcount": 2}],
    }))
    .expect("desk input");
    desks::write::create(service, &actor, Ok(input)).expect("desk").desk.id
}

fn desk_a_uri(ctx: &Ctx) -> String {
    format!("/api/desks/{}", desk_a(ctx))
}

/// A draft roster of team A's desk, made through the service on first use.
fn roster_a_uri(ctx: &Ctx) -> String {
    use rota::service::{rosters, Actor};
    let desk = desk_a(ctx);
    let service = &ctx.state.service;
    let mut conn = service.pool.get().expect("connection");
    let manager = rota::store::people::find(&mut conn, &ctx.manager.id).expect("read person").expect("the manager");
    drop(conn);
    let actor = Actor::of(&manager);
    let id = match rosters::of_desk(service, &actor, &desk).expect("list rosters").pop() {
        Some(existing) => existing.id,
        None => {
            let input =
                serde_json::from_value(json!({"from": "2027-01-04", "to": "2027-01-31"})).expect("roster input");
            rosters::create::create(service, &actor, &desk, Ok(input)).expect("roster").roster.id
        }
    };
    format!("/api/rosters/{id}")
}

/// A queued plan job of team A's draft roster, asked for by its manager.
fn job_uri(ctx: &Ctx) -> String {
    use rota::service::{rosters, Actor};
    let roster = roster_a_uri(ctx);
    let roster_id = roster.trim_start_matches("/api/rosters/");
    let service = &ctx.state.service;
    let mut conn = service.pool.get().expect("connection");
    let manager = rota::store::people::find(&mut conn, &ctx.manager.id).expect("read person").expect("the manager");
    let active = rota::store::jobs::active_for_roster(&mut conn, roster_id).expect("jobs");
    drop(conn);
    let id = match active {
        Some(job) => job.id,
        None => {
            let input = serde_json::from_value(json!({"iterations": 10})).expect("plan input");
            rosters::plan::queue(service, &Actor::of(&manager), roster_id, Ok(input)).expect("job").id
        }
    };
    format!("/api/jobs/{id}")
}

/// The member's calendar feed of their own shifts, made through the service on first use.
fn member_feed_uri(ctx: &Ctx) -> String {
    use rota::service::{feeds, Actor};
    let service = &ctx.state.service;
    let mut conn = service.pool.get().expect("connection");
    let member = rota::store::people::find(&mut conn, &ctx.member.id).expect("read person").expect("the member");
    let existing = rota::store::feeds::of_owner(&mut conn, &ctx.member.id).expect("feeds");
    drop(conn);
    let id = match existing.first() {
        Some(feed) => feed.id.clone(),
        None => {
            let input = serde_json::from_value(json!({"kind": "person", "target": ctx.member.id})).expect("feed input");
            feeds::create(service, &Actor::of(&member), Ok(input)).expect("feed").feed.id
        }
    };
    format!("/api/feeds/{id}")
}

/// The first shift of team A's draft roster.
fn first_shift_of(ctx: &Ctx) -> String {
    let roster = roster_a_uri(ctx);
    let service = &ctx.state.service;
    let mut conn = service.pool.get().expect("connection");
    let shifts =
        rota::store::rosters::shifts_of(&mut conn, roster.trim_start_matches("/api/rosters/")).expect("shifts");
    shifts.first().expect("a shift").id.clone()
}

fn new_desk_body(name: &str, team: &str) -> Value {
    json!({"name": name, "time_zone": "America/New_York", "teams": [team]})
}

fn cases() -> Vec<Case> {
    const EVERYONE: [u16; 6] = [200; 6];
    const SIGNED_IN: [u16; 6] = [401, 200, 200, 200, 200, 200];
    vec![
        Case {
            method: "GET",
            template: "/healthz",
            what: "liveness is public",
            uri: |_| "/healthz".into(),
            body: None,
            if_match_of: None,
            expect: EVERYONE,
        },
        Case {
            method: "GET",
            template: "/readyz",
            what: "readiness is public",
            uri: |_| "/readyz".into(),
            body: None,
            if_match_of: None,
            expect: EVERYONE,
        },
        Case {
            method: "GET",
            template: "/api/openapi.json",
            what: "the API description is public",
            uri: |_| "/api/openapi.json".into(),
            body: None,
            if_match_of: None,
            expect: EVERYONE,
        },
        Case {
            method: "POST",
            template: "/api/auth/login",
            what: "login with the right password works whatever token is sent",
            uri: |_| "/api/auth/login".into(),
            body: Some(|ctx| json!({"email": ctx.member.email, "password": PASSWORD})),
            if_match_of: None,
            expect: EVERYONE,
        },
        Case {
            method: "GET",
            template: "/api/me",
            what: "anyone signed in reads themselves",
            uri: |_| "/api/me".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "GET",
            template: "/api/people",
            what: "anyone signed in lists the people they may see",
            uri: |_| "/api/people".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "GET",
            template: "/api/people",
            what: "filtering by a team needs read access to that team (team B)",
            uri: |ctx| format!("/api/people?team_id={}", ctx.team_b),
            body: None,
            if_match_of: None,
            expect: [401, 403, 200, 200, 403, 200],
        },
        Case {
            method: "POST",
            template: "/api/people",
            what: "only admins add people",
            uri: |_| "/api/people".into(),
            body: Some(|_| new_person_body("lena@example.com")),
            if_match_of: None,
            expect: [401, 403, 403, 403, 403, 201],
        },
        Case {
            method: "GET",
            template: "/api/people/{id}",
            what: "a person is read by teammates, their managers and admins",
            uri: target_uri,
            body: None,
            if_match_of: None,
            expect: [401, 200, 403, 403, 200, 200],
        },
        Case {
            method: "PATCH",
            template: "/api/people/{id}",
            what: "a person is changed by their team's managers and admins, not by teammates",
            uri: target_uri,
            body: Some(|_| json!({"name": "Tomasz Renamed", "time_zone": "Europe/Berlin"})),
            if_match_of: Some(target_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "PATCH",
            template: "/api/people/{id}",
            what: "a member changes their own name and time zone",
            uri: |ctx| format!("/api/people/{}", ctx.member.id),
            body: Some(|_| json!({"name": "Piotr Renamed", "time_zone": "Asia/Kolkata"})),
            if_match_of: Some(|ctx| format!("/api/people/{}", ctx.member.id)),
            expect: [401, 200, 403, 403, 200, 200],
        },
        Case {
            method: "PATCH",
            template: "/api/people/{id}",
            what: "only admins change a role",
            uri: target_uri,
            body: Some(|_| json!({"role": "manager"})),
            if_match_of: Some(target_uri),
            expect: [401, 403, 403, 403, 403, 200],
        },
        Case {
            method: "PATCH",
            template: "/api/people/{id}",
            what: "only admins deactivate someone, as only they delete (a manager could lock out a co-manager)",
            uri: target_uri,
            body: Some(|_| json!({"active": false})),
            if_match_of: Some(target_uri),
            expect: [401, 403, 403, 403, 403, 200],
        },
        Case {
            method: "PATCH",
            template: "/api/people/{id}",
            what: "only admins reactivate someone (a manager could undo an admin's deactivation)",
            uri: target_uri,
            body: Some(|_| json!({"active": true})),
            if_match_of: Some(target_uri),
            expect: [401, 403, 403, 403, 403, 200],
        },
        Case {
            method: "POST",
            template: "/api/me/password",
            what: "anyone signed in changes their own password",
            uri: |_| "/api/me/password".into(),
            body: Some(|_| json!({"current_password": PASSWORD, "new_password": "a brand new passphrase"})),
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "DELETE",
            template: "/api/people/{id}",
            what: "only admins remove people",
            uri: target_uri,
            body: None,
            if_match_of: Some(target_uri),
            expect: [401, 403, 403, 403, 403, 204],
        },
        Case {
            method: "GET",
            template: "/api/teams",
            what: "anyone signed in lists the teams they may see",
            uri: |_| "/api/teams".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "POST",
            template: "/api/teams",
            what: "only admins create teams",
            uri: |_| "/api/teams".into(),
            body: Some(|_| json!({"name": "Lisbon Support", "description": "PT and ES"})),
            if_match_of: None,
            expect: [401, 403, 403, 403, 403, 201],
        },
        Case {
            method: "GET",
            template: "/api/teams/{id}",
            what: "a team is read by its members and admins (team A)",
            uri: team_a_uri,
            body: None,
            if_match_of: None,
            expect: [401, 200, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/teams/{id}",
            what: "a team is read by its members and admins (team B)",
            uri: |ctx| format!("/api/teams/{}", ctx.team_b),
            body: None,
            if_match_of: None,
            expect: [401, 403, 200, 200, 403, 200],
        },
        Case {
            method: "PATCH",
            template: "/api/teams/{id}",
            what: "a team is changed by its managers and admins",
            uri: team_a_uri,
            body: Some(|_| json!({"description": "Nights too"})),
            if_match_of: Some(team_a_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "DELETE",
            template: "/api/teams/{id}",
            what: "only admins delete teams",
            uri: team_a_uri,
            body: None,
            if_match_of: Some(team_a_uri),
            expect: [401, 403, 403, 403, 403, 204],
        },
        Case {
            method: "PUT",
            template: "/api/teams/{id}/members/{person_id}",
            what: "the team's managers and admins hand out member seats",
            uri: target_seat_uri,
            body: Some(|_| json!({"role": "member"})),
            if_match_of: Some(team_a_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "PUT",
            template: "/api/teams/{id}/members/{person_id}",
            what: "only admins hand out manager seats",
            uri: |ctx| format!("/api/teams/{}/members/{}", ctx.team_a, ctx.other_manager.id),
            body: Some(|_| json!({"role": "manager"})),
            if_match_of: Some(team_a_uri),
            expect: [401, 403, 403, 403, 403, 200],
        },
        Case {
            method: "DELETE",
            template: "/api/teams/{id}/members/{person_id}",
            what: "the team's managers and admins take away member seats",
            uri: target_seat_uri,
            body: None,
            if_match_of: Some(team_a_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "DELETE",
            template: "/api/teams/{id}/members/{person_id}",
            what: "only admins take away manager seats",
            uri: |ctx| format!("/api/teams/{}/members/{}", ctx.team_a, ctx.manager.id),
            body: None,
            if_match_of: Some(team_a_uri),
            expect: [401, 403, 403, 403, 403, 200],
        },
        Case {
            method: "POST",
            template: "/api/people/{id}/time-off",
            what: "time off is asked for by the person, their team's managers and admins (the target's)",
            uri: |ctx| format!("/api/people/{}/time-off", ctx.target.id),
            body: Some(|_| json!({"from": "2027-07-05", "to": "2027-07-09", "reason": "vacation"})),
            if_match_of: None,
            expect: [401, 403, 403, 403, 201, 201],
        },
        Case {
            method: "POST",
            template: "/api/people/{id}/time-off",
            what: "a member asks for their own time off",
            uri: |ctx| format!("/api/people/{}/time-off", ctx.member.id),
            body: Some(|_| json!({"start": "2027-07-05T09:00:00Z", "end": "2027-07-05T12:00:00Z", "reason": "sick"})),
            if_match_of: None,
            expect: [401, 201, 403, 403, 201, 201],
        },
        Case {
            method: "GET",
            template: "/api/people/{id}/time-off",
            what: "a person's time off is read by them, their team's managers and admins, not by teammates",
            uri: |ctx| {
                time_off_of(ctx, &ctx.target);
                format!("/api/people/{}/time-off", ctx.target.id)
            },
            body: None,
            if_match_of: None,
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/time-off",
            what: "anyone signed in lists the time off they may see",
            uri: |_| "/api/time-off".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "GET",
            template: "/api/time-off",
            what: "filtering by a person needs the right to see their time off",
            uri: |ctx| format!("/api/time-off?person_id={}", ctx.target.id),
            body: None,
            if_match_of: None,
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/time-off/{id}",
            what: "time off is read by the person, their team's managers and admins",
            uri: target_time_off_uri,
            body: None,
            if_match_of: None,
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "POST",
            template: "/api/time-off/{id}/approve",
            what: "the managers of the person's team and admins approve",
            uri: |ctx| format!("{}/approve", target_time_off_uri(ctx)),
            body: Some(|_| json!({"comment": "Enjoy"})),
            if_match_of: Some(target_time_off_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "POST",
            template: "/api/time-off/{id}/approve",
            what: "nobody approves their own time off (the manager's); an admin may",
            uri: |ctx| format!("{}/approve", manager_time_off_uri(ctx)),
            body: Some(|_| json!({})),
            if_match_of: Some(manager_time_off_uri),
            expect: [401, 403, 403, 403, 409, 200],
        },
        Case {
            method: "POST",
            template: "/api/time-off/{id}/reject",
            what: "the managers of the person's team and admins reject",
            uri: |ctx| format!("{}/reject", target_time_off_uri(ctx)),
            body: Some(|_| json!({"comment": "The offsite is that week"})),
            if_match_of: Some(target_time_off_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "POST",
            template: "/api/time-off/{id}/cancel",
            what: "time off is cancelled by the person, their team's managers and admins",
            uri: |ctx| format!("{}/cancel", target_time_off_uri(ctx)),
            body: None,
            if_match_of: Some(target_time_off_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/me/notifications",
            what: "anyone signed in reads their own notifications",
            uri: |_| "/api/me/notifications".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "POST",
            template: "/api/me/notifications/read-all",
            what: "anyone signed in marks their own notifications read",
            uri: |_| "/api/me/notifications/read-all".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "POST",
            template: "/api/me/notifications/{id}/read",
            what: "only the owner marks a notification read (the manager's); for anyone else it does not exist",
            uri: managers_notification_uri,
            body: None,
            if_match_of: None,
            expect: [401, 404, 404, 404, 200, 404],
        },
        Case {
            method: "GET",
            template: "/api/settings",
            what: "anyone signed in reads the organisation's rules",
            uri: |_| "/api/settings".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "PUT",
            template: "/api/settings",
            what: "only admins change the organisation's rules",
            uri: |_| "/api/settings".into(),
            body: Some(|_| json!({"fairness_lookback_weeks": 8})),
            if_match_of: Some(|_| "/api/settings".into()),
            expect: [401, 403, 403, 403, 403, 200],
        },
        Case {
            method: "GET",
            template: "/api/desks",
            what: "anyone signed in lists the desks of their teams",
            uri: |_| "/api/desks".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "POST",
            template: "/api/desks",
            what: "a desk of team A is created by team A's managers and admins",
            uri: |_| "/api/desks".into(),
            body: Some(|ctx| new_desk_body("US Business Hours", &ctx.team_a)),
            if_match_of: None,
            expect: [401, 403, 403, 403, 201, 201],
        },
        Case {
            method: "POST",
            template: "/api/desks",
            what: "a desk of team B is created by team B's managers and admins",
            uri: |_| "/api/desks".into(),
            body: Some(|ctx| new_desk_body("US Business Hours", &ctx.team_b)),
            if_match_of: None,
            expect: [401, 403, 403, 201, 403, 201],
        },
        Case {
            method: "GET",
            template: "/api/desks/{id}",
            what: "a desk is read by the people of its teams and admins",
            uri: desk_a_uri,
            body: None,
            if_match_of: None,
            expect: [401, 200, 403, 403, 200, 200],
        },
        Case {
            method: "PATCH",
            template: "/api/desks/{id}",
            what: "a desk is changed by the managers of its teams and admins",
            uri: desk_a_uri,
            body: Some(|_| json!({"name": "EN/DE Desk"})),
            if_match_of: Some(desk_a_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "DELETE",
            template: "/api/desks/{id}",
            what: "a desk is deleted by the managers of its teams and admins",
            uri: desk_a_uri,
            body: None,
            if_match_of: Some(desk_a_uri),
            expect: [401, 403, 403, 403, 204, 204],
        },
        Case {
            method: "PUT",
            template: "/api/desks/{id}/templates",
            what: "a desk's templates are replaced by the managers of its teams and admins",
            uri: |ctx| format!("{}/templates", desk_a_uri(ctx)),
            body: Some(|_| json!({"templates": []})),
            if_match_of: Some(desk_a_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/desks/{id}/shifts",
            what: "a desk's dated shifts are read by the people of its teams and admins",
            uri: |ctx| format!("{}/shifts?from=2027-01-04&to=2027-01-10", desk_a_uri(ctx)),
            body: None,
            if_match_of: None,
            expect: [401, 200, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/holidays",
            what: "anyone signed in reads a region's holidays",
            uri: |_| "/api/holidays?region=PL&year=2027".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "POST",
            template: "/api/desks/{id}/rosters",
            what: "a desk's rosters are made by the managers of its teams and admins",
            uri: |ctx| format!("{}/rosters", desk_a_uri(ctx)),
            body: Some(|_| json!({"from": "2027-03-01", "to": "2027-03-28"})),
            if_match_of: None,
            expect: [401, 403, 403, 403, 201, 201],
        },
        Case {
            method: "GET",
            template: "/api/desks/{id}/rosters",
            what: "a desk's rosters are listed to the people of its teams (drafts to its managers)",
            uri: |ctx| format!("{}/rosters", desk_a_uri(ctx)),
            body: None,
            if_match_of: None,
            expect: [401, 200, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/rosters/{id}",
            what: "a draft roster is read by the desk's managers and admins only",
            uri: roster_a_uri,
            body: None,
            if_match_of: None,
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "DELETE",
            template: "/api/rosters/{id}",
            what: "a draft roster is deleted by the desk's managers and admins",
            uri: roster_a_uri,
            body: None,
            if_match_of: Some(roster_a_uri),
            expect: [401, 403, 403, 403, 204, 204],
        },
        Case {
            method: "GET",
            template: "/api/rosters/{id}/problem",
            what: "the planner problem (people's contracts, leave) is for the desk's managers and admins",
            uri: |ctx| format!("{}/problem", roster_a_uri(ctx)),
            body: None,
            if_match_of: None,
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "POST",
            template: "/api/rosters/{id}/plan",
            what: "a draft is planned by the desk's managers and admins",
            uri: |ctx| format!("{}/plan", roster_a_uri(ctx)),
            body: Some(|_| json!({"iterations": 10})),
            if_match_of: None,
            expect: [401, 403, 403, 403, 202, 202],
        },
        Case {
            method: "GET",
            template: "/api/jobs/{id}",
            what: "a job is read by who asked for it, the desk's managers and admins",
            uri: job_uri,
            body: None,
            if_match_of: None,
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "POST",
            template: "/api/feeds",
            what: "a person feed is made by the person, their team's managers and admins",
            uri: |_| "/api/feeds".to_string(),
            body: Some(|ctx| json!({"kind": "person", "target": ctx.member.id})),
            if_match_of: None,
            expect: [401, 201, 403, 403, 201, 201],
        },
        Case {
            method: "GET",
            template: "/api/feeds",
            what: "everyone signed in lists their own feeds",
            uri: |_| "/api/feeds".to_string(),
            body: None,
            if_match_of: None,
            expect: [401, 200, 200, 200, 200, 200],
        },
        Case {
            method: "DELETE",
            template: "/api/feeds/{id}",
            what: "a feed is revoked by its owner only (others do not find it)",
            uri: member_feed_uri,
            body: None,
            if_match_of: None,
            expect: [401, 204, 404, 404, 404, 404],
        },
        Case {
            method: "POST",
            template: "/api/feeds/{id}/rotate",
            what: "a feed's secret is rotated by its owner only",
            uri: |ctx| format!("{}/rotate", member_feed_uri(ctx)),
            body: None,
            if_match_of: None,
            expect: [401, 200, 404, 404, 404, 404],
        },
        Case {
            method: "POST",
            template: "/api/jobs/{id}/cancel",
            what: "a job is cancelled by who asked for it, the desk's managers and admins",
            uri: |ctx| format!("{}/cancel", job_uri(ctx)),
            body: None,
            if_match_of: None,
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "POST",
            template: "/api/rosters/{id}/publish",
            what: "a draft is published by the desk's managers and admins",
            uri: |ctx| format!("{}/publish", roster_a_uri(ctx)),
            body: None,
            if_match_of: Some(roster_a_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/me/shifts",
            what: "anyone signed in reads their own published shifts",
            uri: |_| "/api/me/shifts".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "PATCH",
            template: "/api/rosters/{id}/assignments",
            what: "a roster's assignments are edited by the desk's managers and admins",
            uri: |ctx| format!("{}/assignments", roster_a_uri(ctx)),
            body: Some(|ctx| json!({"changes": [{"shift_id": first_shift_of(ctx), "add": ctx.member.id}]})),
            if_match_of: Some(roster_a_uri),
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/rosters/{id}/audit",
            what: "a roster's change log is for the desk's managers and admins",
            uri: |ctx| format!("{}/audit", roster_a_uri(ctx)),
            body: None,
            if_match_of: None,
            expect: [401, 403, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            template: "/api/me/preferences",
            what: "anyone signed in reads their own preferences",
            uri: |_| "/api/me/preferences".into(),
            body: None,
            if_match_of: None,
            expect: SIGNED_IN,
        },
        Case {
            method: "PUT",
            template: "/api/me/preferences",
            what: "anyone signed in sets their own preferences",
            uri: |_| "/api/me/preferences".into(),
            body: Some(|_| json!({"items": [{"weekday": 5, "wish": "free", "weight": 3}]})),
            if_match_of: Some(|_| "/api/me/preferences".into()),
            expect: SIGNED_IN,
        },
    ]
}

/// Every (METHOD, path) of the document, with the statuses it documents.
fn documented_operations(doc: &Value) -> Vec<(String, String, BTreeSet<u16>)> {
    let paths = doc["paths"].as_object().expect("`paths` is an object");
    let mut operations = Vec::new();
    for (path, item) in paths {
        for method in HTTP_METHODS {
            if let Some(operation) = item.get(method) {
                let statuses = operation["responses"]
                    .as_object()
                    .map(|responses| responses.keys().filter_map(|code| code.parse().ok()).collect())
                    .unwrap_or_default();
                operations.push((method.to_uppercase(), path.clone(), statuses));
            }
        }
    }
    operations
}

/// Whether a concrete URI (query string ignored) fits a path template.
fn fits_template(uri: &str, template: &str) -> bool {
    let path = uri.split('?').next().unwrap_or_default();
    let concrete: Vec<&str> = path.split('/').collect();
    let pattern: Vec<&str> = template.split('/').collect();
    concrete.len() == pattern.len()
        && concrete
            .iter()
            .zip(&pattern)
            .all(|(c, p)| (p.starts_with('{') && p.ends_with('}') && !c.is_empty()) || c == p)
}

#[test]
fn the_table_covers_exactly_the_documented_routes() {
    let doc = serde_json::to_value(ApiDoc::openapi()).expect("serialise the document");
    // The calendar feeds themselves are opened by the secret in their URL, for whoever
    // holds it, not by a caller's token: tests/feeds.rs covers who may make one and the
    // check on every fetch.
    let documented: BTreeSet<(String, String)> = documented_operations(&doc)
        .into_iter()
        .filter(|(_, p, _)| !p.starts_with("/feeds/"))
        .map(|(m, p, _)| (m, p))
        .collect();
    let in_table: BTreeSet<(String, String)> =
        cases().iter().map(|case| (case.method.to_string(), case.template.to_string())).collect();
    let missing: Vec<String> = documented.difference(&in_table).map(|(m, p)| format!("{m} {p}")).collect();
    let unknown: Vec<String> = in_table.difference(&documented).map(|(m, p)| format!("{m} {p}")).collect();
    assert!(missing.is_empty(), "routes in the OpenAPI document without a row in the authorization table: {missing:?}");
    assert!(
        unknown.is_empty(),
        "rows in the authorization table for routes the OpenAPI document does not have: {unknown:?}"
    );
}

#[actix_web::test]
async fn every_caller_gets_the_status_the_rules_say_on_every_route() {
    let doc = serde_json::to_value(ApiDoc::openapi()).expect("serialise the document");
    let operations = documented_operations(&doc);
    let table = cases();
    let started = Instant::now();
    let mut calls = 0;
    let mut databases = 0;
    let mut failures = Vec::new();
    for backend in backends() {
        for case in &table {
            let documented_statuses = operations
                .iter()
                .find(|(m, p, _)| m == case.method && p == case.template)
                .map(|(_, _, statuses)| statuses.clone())
                .unwrap_or_default();
            let mut world = None;
            for (caller, expected) in CALLERS.iter().zip(case.expect) {
                // A GET changes nothing, so the callers of a GET row share one
                // database; any other call gets a fresh one, so that one
                // caller's success cannot change the next caller's answer.
                if case.method != "GET" || world.is_none() {
                    world = Some(Ctx::new(backend).await);
                    databases += 1;
                }
                let ctx = &world.as_ref().expect("a database for this call").0;
                let app = init_service(build_app(ctx.state.clone())).await;
                let uri = (case.uri)(ctx);
                assert!(
                    fits_template(&uri, case.template),
                    "{uri} does not fit {} (row: {})",
                    case.template,
                    case.what
                );
                let mut req = request(case.method, &uri, caller.token(ctx));
                if let Some(resource) = case.if_match_of {
                    let current = send(&app, request("GET", &resource(ctx), Some(&ctx.admin.token))).await;
                    assert_eq!(current.status, StatusCode::OK, "admin reads {} for its ETag", resource(ctx));
                    assert!(!current.etag().is_empty(), "{} has an ETag", resource(ctx));
                    req = req.insert_header((header::IF_MATCH, current.etag()));
                }
                if let Some(body) = case.body {
                    req = req.set_json(body(ctx));
                }
                let reply = send(&app, req).await;
                calls += 1;
                let at = format!("{backend:?} {} {} as {caller:?} ({})", case.method, case.template, case.what);
                let status = reply.status.as_u16();
                if status != expected {
                    failures.push(format!("{at}: expected {expected}, got {status}: {}", reply.body));
                }
                if !documented_statuses.contains(&status) {
                    failures.push(format!(
                        "{at}: answered {status}, which the document does not list ({documented_statuses:?})"
                    ));
                }
                let envelope_code = match status {
                    401 => Some("unauthenticated"),
                    403 => Some("forbidden"),
                    _ => None,
                };
                if let Some(code) = envelope_code {
                    let message = reply.body["error"]["message"].as_str().unwrap_or_default();
                    if reply.error_code() != code || message.is_empty() {
                        failures.push(format!(
                            "{at}: {status} without the error envelope {{\"error\":{{\"code\":\"{code}\",\"message\":…}}}}: {}",
                            reply.body
                        ));
                    }
                }
            }
        }
    }
    eprintln!("authorization matrix: {calls} calls on {databases} fresh databases in {:.1?}", started.elapsed());
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[actix_web::test]
async fn only_admins_take_a_manager_seat_away_by_changing_it() {
    common::each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let team = team_a_uri(&ctx);
        let seat = format!("{team}/members/{}", ctx.other_manager.id);
        let before = send(&app, request("GET", &team, Some(&ctx.admin.token))).await;
        let seated = send(
            &app,
            request("PUT", &seat, Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, before.etag()))
                .set_json(json!({"role": "manager"})),
        )
        .await;
        assert_eq!(seated.status, StatusCode::OK, "admin makes a second manager of team A");

        let removed = send(
            &app,
            request("DELETE", &seat, Some(&ctx.manager.token)).insert_header((header::IF_MATCH, seated.etag())),
        )
        .await;
        assert_eq!(removed.status, StatusCode::FORBIDDEN, "removing a manager seat is an admin's call");
        let demoted = send(
            &app,
            request("PUT", &seat, Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, seated.etag()))
                .set_json(json!({"role": "member"})),
        )
        .await;
        assert_eq!(
            demoted.status,
            StatusCode::FORBIDDEN,
            "turning a manager seat into a member seat is too: {}",
            demoted.body
        );
    })
    .await;
}

#[actix_web::test]

async fn a_manager_cannot_take_over_another_teams_people_by_seating_them() {
    common::each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let team = team_a_uri(&ctx);
        let before = send(&app, request("GET", &team, Some(&ctx.admin.token))).await;
        let seat = format!("{team}/members/{}", ctx.other_manager.id);
        let _ = send(
            &app,
            request("PUT", &seat, Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, before.etag()))
                .set_json(json!({"role": "member"})),
        )
        .await;
        let uri = format!("/api/people/{}", ctx.other_manager.id);
        let current = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
        let _ = send(
            &app,
            request("PATCH", &uri, Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, current.etag()))
                .set_json(json!({"active": false, "email": "taken.over@example.com"})),
        )
        .await;
        let after = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
        assert_eq!(after.body["active"], true, "team B's manager is still active: {}", after.body);
        assert_eq!(after.body["email"], ctx.other_manager.email.as_str());
    })
    .await;
}
