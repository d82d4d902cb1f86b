//! Every page route × every kind of caller: anonymous callers are sent to sign in (or
//! get the public pages), signed-in staff get their page. A page route without a row
//! here fails the test, so a new page cannot ship without its access rule.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::pages::{fetch, get, post, sign_in};
use common::rosters::en_desk;
use common::{each_backend, request, send, PASSWORD};
use rota::http::build_app;

/// (method, route as written in its handler, path to request, what anonymous callers
/// get, what a signed-in member, manager and admin get).
const ROWS: &[(&str, &str, &str, u16, [u16; 3])] = &[
    ("GET", "/static/{name}", "/static/rota.css", 200, [200; 3]),
    // Signed in: straight on to the home page.
    ("GET", "/login", "/login", 200, [303; 3]),
    ("POST", "/login", "/login", 422, [422; 3]),
    ("GET", "/", "/", 303, [200; 3]),
    ("GET", "/shifts", "/shifts?view=month", 303, [200; 3]),
    ("GET", "/time-off", "/time-off", 303, [200; 3]),
    // Signed in: a post with a token but no fields asks for a reason.
    ("POST", "/time-off", "/time-off", 303, [422; 3]),
    ("GET", "/notifications", "/notifications", 303, [200; 3]),
    ("POST", "/notifications/{id}/read", "/notifications/no-such-one/read", 303, [404; 3]),
    ("POST", "/notifications/read-all", "/notifications/read-all", 303, [303; 3]),
    ("POST", "/time-off/{id}/cancel", "/time-off/no-such-request/cancel", 303, [404; 3]),
    ("GET", "/preferences", "/preferences", 303, [200; 3]),
    // Signed in: a wish without a day of the week.
    ("POST", "/preferences", "/preferences", 303, [422; 3]),
    // Signed in: there is no wish 0 to remove, so the page shows what is stored now.
    ("POST", "/preferences/remove", "/preferences/remove", 303, [409; 3]),
    ("GET", "/password", "/password", 303, [200; 3]),
    // Signed in: an empty new password is too short.
    ("POST", "/password", "/password", 303, [422; 3]),
    ("GET", "/calendar-feeds", "/calendar-feeds", 303, [200; 3]),
    // Signed in: a post that names nothing to show.
    ("POST", "/calendar-feeds", "/calendar-feeds", 303, [422; 3]),
    ("POST", "/calendar-feeds/{id}/rotate", "/calendar-feeds/no-such-feed/rotate", 303, [404; 3]),
    ("POST", "/calendar-feeds/{id}/revoke", "/calendar-feeds/no-such-feed/revoke", 303, [404; 3]),
    ("GET", "/desks", "/desks", 303, [200; 3]),
    // The fixture's desk is staffed by the member's team: everyone signed in reads it.
    ("GET", "/desks/{id}", "/desks/{desk}", 303, [200; 3]),
    // Members decide nothing: refused, as the API refuses them.
    ("GET", "/team/time-off", "/team/time-off", 303, [403, 200, 200]),
    // Signed in: there is no such request.
    ("POST", "/team/time-off/{id}/approve", "/team/time-off/no-such-request/approve", 303, [404; 3]),
    ("POST", "/team/time-off/{id}/reject", "/team/time-off/no-such-request/reject", 303, [404; 3]),
    // As the API answers: everyone signed in sees themselves and their teammates.
    ("GET", "/people", "/people?q=a", 303, [200; 3]),
    ("GET", "/teams", "/teams?q=war", 303, [200; 3]),
    // The member is in the team; an empty name is refused beside the field.
    ("GET", "/teams/{id}", "/teams/{team}", 303, [200; 3]),
    ("POST", "/teams/{id}", "/teams/{team}", 303, [403, 422, 422]),
    // Signed in: a seat that is neither member nor manager.
    ("POST", "/teams/{id}/seats", "/teams/{team}/seats", 303, [403, 422, 422]),
    // The member is themselves; an empty name is refused for everyone who may edit.
    ("GET", "/people/{id}", "/people/{person}", 303, [200; 3]),
    ("POST", "/people/{id}", "/people/{person}", 303, [422; 3]),
    // A draft is the desk managers' working copy; the admin manages every desk.
    ("GET", "/rosters/{id}", "/rosters/{roster}", 303, [403, 200, 200]),
    // Managers queue a plan (the admin's meets it running: back to the board, told so).
    ("POST", "/rosters/{id}/plan", "/rosters/{roster}/plan", 303, [403, 303, 303]),
    ("POST", "/rosters/{id}/plan/cancel", "/rosters/{roster}/plan/cancel", 303, [404; 3]),
    // Version 0 is stale: back to the board, told so; members may not publish.
    ("POST", "/rosters/{id}/publish", "/rosters/{roster}/publish", 303, [403, 303, 303]),
    // Signed in: an edit carrying no version is made on a view older than the roster.
    ("POST", "/rosters/{id}/assignments", "/rosters/{roster}/assignments", 303, [403, 409, 409]),
    ("GET", "/jobs/{id}/progress", "/jobs/no-such-job/progress", 303, [404; 3]),
    // The desk's managers and admins edit its templates; a post without a button
    // shows the form again.
    ("GET", "/desks/{id}/templates", "/desks/{desk}/templates", 303, [403, 200, 200]),
    ("POST", "/desks/{id}/templates", "/desks/{desk}/templates", 303, [403, 200, 200]),
    // Signed in: a post without the form's one-time id is refused before anything else.
    ("POST", "/desks/{id}/rosters", "/desks/{desk}/rosters", 303, [400; 3]),
    // Last: it ends the sessions the rows above use.
    ("POST", "/logout", "/logout", 303, [303; 3]),
];

/// The `#[get("…")]` and `#[post("…")]` routes of src/http/web.
fn page_routes() -> Vec<(String, String)> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/http/web");
    let mut routes = Vec::new();
    let mut stack = vec![folder];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (method, marker) in [("GET", "#[get(\""), ("POST", "#[post(\"")] {
                for part in text.split(marker).skip(1) {
                    routes.push((method.to_string(), part.split('"').next().unwrap().to_string()));
                }
            }
        }
    }
    routes.sort();
    routes
}

#[test]
fn every_page_route_has_a_row() {
    let routes = page_routes();
    assert!(routes.len() >= ROWS.len(), "{routes:?}");
    for (method, route) in &routes {
        assert!(ROWS.iter().any(|(m, r, ..)| m == method && r == route), "no row for {method} {route}");
    }
}

#[actix_web::test]
async fn every_page_route_answers_each_caller_as_its_row_says() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let desk =
            send(&app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(en_desk(&ctx.team_a))).await;
        let desk_id = desk.body["id"].as_str().unwrap().to_string();
        let roster = send(
            &app,
            request("POST", &format!("/api/desks/{desk_id}/rosters"), Some(&ctx.manager.token))
                .set_json(serde_json::json!({"from": "2027-03-01", "to": "2027-03-14"})),
        )
        .await;
        let roster_id = roster.body["id"].as_str().unwrap().to_string();
        let mut callers = vec![("anonymous", None)];
        for (who, email) in
            [("member", &ctx.member.email), ("manager", &ctx.manager.email), ("admin", &ctx.admin.email)]
        {
            callers.push((who, Some(sign_in(&app, email, PASSWORD).await)));
        }
        for (method, route, path, anonymous, signed_in) in ROWS {
            let path = &path
                .replace("{desk}", &desk_id)
                .replace("{roster}", &roster_id)
                .replace("{team}", &ctx.team_a)
                .replace("{person}", &ctx.member.id);
            for (who, session) in &callers {
                let session = session.as_deref();
                let page = match *method {
                    "GET" => fetch(&app, get(path, session)).await,
                    _ => {
                        // A signed-in post carries the session's token, as our forms do.
                        let token = match session {
                            Some(s) => fetch(&app, get("/", Some(s))).await.csrf(),
                            None => String::new(),
                        };
                        fetch(&app, post(path, session, &[("csrf", &token)])).await
                    }
                };
                let expected = match *who {
                    "member" => signed_in[0],
                    "manager" => signed_in[1],
                    "admin" => signed_in[2],
                    _ => *anonymous,
                };
                assert_eq!(
                    page.status,
                    StatusCode::from_u16(expected).unwrap(),
                    "{who} {method} {route}: {}",
                    page.html
                );
                if page.status == StatusCode::SEE_OTHER && session.is_none() {
                    assert!(page.location().starts_with("/login"), "{who} {method} {route} → {}", page.location());
                }
            }
        }
    })
    .await;
}
