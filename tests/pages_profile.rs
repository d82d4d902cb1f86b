//! The pages a person keeps their own settings on: preferences (one wish added or
//! removed at a time, with the API's checks) and the password (the API's rules; every
//! other session ends, this browser stays signed in).

mod common;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::pages::{fetch, get, post, sign_in};
use common::{each_backend, request, send, PASSWORD};
use rota::http::build_app;
use serde_json::json;

/// The value of `name`'s hidden field on the page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).map(|i| i + marker.len()).unwrap_or(0);
    html[start..].split('"').next().unwrap_or_default().to_string()
}

#[actix_web::test]
async fn preferences_are_added_and_removed_with_the_apis_checks_and_stale_forms_are_caught() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let secret = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let page = fetch(&app, get("/preferences", Some(&secret))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.html.contains("None yet") && page.html.contains("Europe/Warsaw"), "{}", page.html);
        let (csrf, version) = (page.csrf(), hidden(&page.html, "version"));
        assert_eq!(version, "0");

        let every_friday = [
            ("csrf", csrf.as_str()),
            ("version", "0"),
            ("when", "weekday"),
            ("weekday", "5"),
            ("shift_type", "night"),
            ("wish", "free"),
            ("weight", "8"),
        ];
        let added = fetch(&app, post("/preferences", Some(&secret), &every_friday)).await;
        assert_eq!((added.status, added.location()), (StatusCode::SEE_OTHER, "/preferences?saved=1"));
        // The same form again holds an old version: nothing is added twice.
        let again = fetch(&app, post("/preferences", Some(&secret), &every_friday)).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(again.html.contains("changed in another window"), "{}", again.html);

        // A date that is no date, and a weight the API refuses: messages beside the fields, input kept.
        let bad_date = [
            ("csrf", csrf.as_str()),
            ("version", "1"),
            ("when", "date"),
            ("date", "2026-02-30"),
            ("wish", "work"),
            ("weight", "3"),
        ];
        let refused = fetch(&app, post("/preferences", Some(&secret), &bad_date)).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.html.contains("id=\"date-error\">a date is YYYY-MM-DD"), "{}", refused.html);
        assert!(refused.html.contains("value=\"2026-02-30\""), "the input is kept");
        let heavy = [("csrf", csrf.as_str()), ("version", "1"), ("weekday", "2"), ("wish", "work"), ("weight", "11")];
        let refused = fetch(&app, post("/preferences", Some(&secret), &heavy)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.html.contains("id=\"weight-error\">1 to 10"), "{}", refused.html);

        let on_a_date = [
            ("csrf", csrf.as_str()),
            ("version", "1"),
            ("when", "date"),
            ("date", "2026-03-20"),
            ("wish", "work"),
            ("weight", "2"),
        ];
        assert_eq!(fetch(&app, post("/preferences", Some(&secret), &on_a_date)).await.status, StatusCode::SEE_OTHER);
        let bearer = ctx.member.token.clone();
        let api = send(&app, request("GET", "/api/me/preferences", Some(&bearer))).await;
        assert_eq!(
            api.body,
            json!({"items": [
                {"weekday": 5, "shift_type": "night", "wish": "free", "weight": 8},
                {"date": "2026-03-20", "wish": "work", "weight": 2},
            ], "version": 2}),
            "the page stores what the API reads"
        );
        let listed = fetch(&app, get("/preferences", Some(&secret))).await;
        assert!(listed.html.contains("Every Friday") && listed.html.contains("Fri 20 Mar 2026"), "{}", listed.html);

        let removed = fetch(
            &app,
            post("/preferences/remove", Some(&secret), &[("csrf", &csrf), ("version", "2"), ("index", "0")]),
        )
        .await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        let api = send(&app, request("GET", "/api/me/preferences", Some(&bearer))).await;
        assert_eq!(api.body["items"], json!([{"date": "2026-03-20", "wish": "work", "weight": 2}]));
        // Without the session's token nothing changes.
        let forged = fetch(
            &app,
            post("/preferences/remove", Some(&secret), &[("csrf", "forged"), ("version", "3"), ("index", "0")]),
        )
        .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let api = send(&app, request("GET", "/api/me/preferences", Some(&bearer))).await;
        assert_eq!(api.body["version"], 3);
    })
    .await;
}

#[actix_web::test]
async fn a_password_change_keeps_this_browser_signed_in_and_ends_every_other_session() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let here = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let elsewhere = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let page = fetch(&app, get("/password", Some(&here))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.html.contains("<label for=\"current_password\">Current password</label>"));
        let csrf = page.csrf();
        let new = "correct horse battery staple";

        let differ = [
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", new),
            ("confirm_password", "other"),
        ];
        let refused = fetch(&app, post("/password", Some(&here), &differ)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.html.contains("id=\"confirm_password-error\""), "{}", refused.html);
        assert!(!refused.html.contains(PASSWORD) && !refused.html.contains(new), "passwords are never echoed");
        let short = [
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", "short"),
            ("confirm_password", "short"),
        ];
        let refused = fetch(&app, post("/password", Some(&here), &short)).await;
        assert!(
            refused.html.contains("id=\"new_password-error\">a password needs at least 12 characters"),
            "{}",
            refused.html
        );
        let wrong = [
            ("csrf", csrf.as_str()),
            ("current_password", "not it at all"),
            ("new_password", new),
            ("confirm_password", new),
        ];
        let refused = fetch(&app, post("/password", Some(&here), &wrong)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.html.contains("id=\"current_password-error\">the current password is wrong"),
            "{}",
            refused.html
        );
        assert_eq!(fetch(&app, get("/", Some(&elsewhere))).await.status, StatusCode::OK, "nothing changed yet");

        let right =
            [("csrf", csrf.as_str()), ("current_password", PASSWORD), ("new_password", new), ("confirm_password", new)];
        let changed = fetch(&app, post("/password", Some(&here), &right)).await;
        assert_eq!((changed.status, changed.location()), (StatusCode::SEE_OTHER, "/password?changed=1"));
        let renewed = changed.session_cookie().expect("a new session for this browser");
        assert_eq!(fetch(&app, get("/", Some(&elsewhere))).await.status, StatusCode::SEE_OTHER, "signed out there");
        assert_eq!(fetch(&app, get("/", Some(&here))).await.status, StatusCode::SEE_OTHER, "the old cookie too");
        let notice = fetch(&app, get("/password?changed=1", Some(&renewed))).await;
        assert!(notice.html.contains("Your password is changed"), "{}", notice.html);
        let login = send(
            &app,
            request("POST", "/api/auth/login", None).set_json(json!({"email": ctx.member.email, "password": new})),
        )
        .await;
        assert_eq!(login.status, StatusCode::OK, "the API takes the new password");
    })
    .await;
}
