//! The defects a hostile review found, each stated as the behaviour that must hold:
//! guesses sent at once are counted one by one, a busy hasher refuses without
//! counting, the last admin cannot go, and a password or role change ends older tokens.

mod common;

use std::sync::Arc;
use std::time::Duration;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::{each_backend, request, send, Reply, PASSWORD};
use futures_util::future::join_all;
use rota::domain::SystemClock;
use rota::http::{build_app, AppState};
use rota::service::{Context, Hasher};
use serde_json::json;

fn login(email: &str, password: &str, ip: &str) -> actix_web::test::TestRequest {
    request("POST", "/api/auth/login", None)
        .peer_addr(format!("{ip}:40000").parse().unwrap())
        .set_json(json!({"email": email, "password": password}))
}

fn statuses(replies: &[Reply]) -> Vec<u16> {
    let mut statuses: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    statuses.sort_unstable();
    statuses
}

#[actix_web::test]
async fn forty_guesses_at_once_get_exactly_five_answers_and_the_rest_429() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        // From many addresses, so that only the account's own counter can stop them.
        let guesses = (0..40).map(|i| send(&app, login(&ctx.target.email, "wrong password!", &format!("10.1.0.{i}"))));
        let replies = join_all(guesses).await;
        let statuses = statuses(&replies);
        assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 5, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 35, "{statuses:?}");
        // And the right password is refused too until the window ends.
        let locked = send(&app, login(&ctx.target.email, PASSWORD, "10.1.1.1")).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    })
    .await;
}

#[actix_web::test]
async fn a_login_the_busy_hasher_refuses_is_503_and_does_not_count() {
    each_backend(|ctx| async move {
        let hasher = Arc::new(Hasher::new(1, Duration::from_millis(20)));
        let state = AppState::new(
            Context::new(ctx.state.service.pool.clone(), Arc::new(SystemClock), hasher.clone()),
            &ctx.secret,
        );
        let app = init_service(build_app(state)).await;
        {
            let _every_permit = hasher.permit().expect("the only permit");
            for i in 0..7 {
                let reply = send(&app, login(&ctx.target.email, "wrong password!", "10.2.0.1")).await;
                assert_eq!((reply.status, reply.error_code()), (StatusCode::SERVICE_UNAVAILABLE, "unavailable"), "{i}");
                assert_eq!(reply.headers.get(header::RETRY_AFTER).unwrap(), "1");
            }
            // Other requests go on while logins wait for the hasher.
            let me = send(&app, request("GET", "/api/me", Some(&ctx.member.token))).await;
            assert_eq!(me.status, StatusCode::OK);
        }
        // None of the seven was counted: five real failures are still allowed.
        for i in 0..5 {
            let reply = send(&app, login(&ctx.target.email, "wrong password!", "10.2.0.1")).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "failure {i}");
        }
        let sixth = send(&app, login(&ctx.target.email, "wrong password!", "10.2.0.1")).await;
        assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    })
    .await;
}

#[actix_web::test]
async fn a_success_clears_the_accounts_failures() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        for _ in 0..4 {
            assert_eq!(send(&app, login(&ctx.target.email, "wrong password!", "10.3.0.1")).await.status, 401);
        }
        assert_eq!(send(&app, login(&ctx.target.email, PASSWORD, "10.3.0.2")).await.status, StatusCode::OK);
        for i in 0..4 {
            let reply = send(&app, login(&ctx.target.email, "wrong password!", &format!("10.3.1.{i}"))).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "the count started again at zero ({i})");
        }
    })
    .await;
}

#[actix_web::test]
async fn the_last_active_admin_cannot_demote_or_deactivate_themselves() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let me = format!("/api/people/{}", ctx.admin.id);
        let token = Some(ctx.admin.token.as_str());
        for (change, field) in [(json!({"role": "member"}), "role"), (json!({"active": false}), "active")] {
            let reply = send(
                &app,
                request("PATCH", &me, token).insert_header((header::IF_MATCH, "*")).set_json(change.clone()),
            )
            .await;
            assert_eq!((reply.status, reply.error_code()), (StatusCode::CONFLICT, "last_admin"), "{change}");
            assert_eq!(reply.error_field(), field);
        }
        let still = send(&app, request("GET", &me, token)).await;
        assert_eq!((still.body["role"].as_str(), still.body["active"].as_bool()), (Some("admin"), Some(true)));
        assert_eq!(still.etag(), "\"1\"", "nothing was written");
    })
    .await;
}

#[actix_web::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let admin = Some(ctx.admin.token.as_str());
        let promote = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.manager.id), admin)
                .insert_header((header::IF_MATCH, "*"))
                .set_json(json!({"role": "admin"})),
        )
        .await;
        assert_eq!(promote.status, StatusCode::OK);
        // The promotion ended the manager's old token; log in again as the new admin.
        let second = send(&app, login(&ctx.manager.email, PASSWORD, "10.4.0.1")).await;
        let second_token = second.body["access_token"].as_str().unwrap().to_string();

        for round in 0..3 {
            let demote = |token: &str, whom: &str| {
                send(
                    &app,
                    request("PATCH", &format!("/api/people/{whom}"), Some(token))
                        .insert_header((header::IF_MATCH, "*"))
                        .set_json(json!({"role": "manager"})),
                )
            };
            let replies =
                join_all([demote(&ctx.admin.token, &ctx.manager.id), demote(&second_token, &ctx.admin.id)]).await;
            let ok = replies.iter().filter(|r| r.status == StatusCode::OK).count();
            assert!(ok <= 1, "round {round}: {:?}", statuses(&replies));
            let people = send(&app, request("GET", "/api/people?limit=200", admin)).await;
            let admins = |body: &serde_json::Value| {
                body["items"]
                    .as_array()
                    .map_or(0, |items| items.iter().filter(|p| p["role"] == "admin" && p["active"] == true).count())
            };
            // The winner may have demoted the first admin, whose token then stops working.
            let people = if people.status == StatusCode::OK {
                people
            } else {
                send(&app, request("GET", "/api/people?limit=200", Some(&second_token))).await
            };
            assert_eq!(admins(&people.body), 1, "round {round}: exactly one admin is left");
            if ok == 1 {
                break;
            }
        }
    })
    .await;
}

#[actix_web::test]
async fn a_password_or_role_change_ends_older_tokens() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let admin = Some(ctx.admin.token.as_str());
        assert_eq!(send(&app, request("GET", "/api/me", Some(&ctx.target.token))).await.status, StatusCode::OK);

        let reset = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.target.id), admin)
                .insert_header((header::IF_MATCH, "*"))
                .set_json(json!({"password": "an admin's new password"})),
        )
        .await;
        assert_eq!(reset.status, StatusCode::OK);
        let old = send(&app, request("GET", "/api/me", Some(&ctx.target.token))).await;
        assert_eq!((old.status, old.error_code()), (StatusCode::UNAUTHORIZED, "unauthenticated"));

        // The member's role changes: their token dies too.
        let member = send(&app, request("GET", "/api/me", Some(&ctx.member.token))).await;
        assert_eq!(member.status, StatusCode::OK);
        let promoted = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.member.id), admin)
                .insert_header((header::IF_MATCH, "*"))
                .set_json(json!({"role": "manager"})),
        )
        .await;
        assert_eq!(promoted.status, StatusCode::OK);
        assert_eq!(
            send(&app, request("GET", "/api/me", Some(&ctx.member.token))).await.status,
            StatusCode::UNAUTHORIZED
        );
        // A name change is no reason to log anyone out.
        let renamed = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.other_member.id), admin)
                .insert_header((header::IF_MATCH, "*"))
                .set_json(json!({"name": "Olga Renamed"})),
        )
        .await;
        assert_eq!(renamed.status, StatusCode::OK);
        assert_eq!(send(&app, request("GET", "/api/me", Some(&ctx.other_member.token))).await.status, StatusCode::OK);
    })
    .await;
}

#[actix_web::test]
async fn changing_your_own_password_needs_the_current_one_and_gives_a_new_token() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let change = |current: &str, new: &str| {
            send(
                &app,
                request("POST", "/api/me/password", Some(&ctx.member.token))
                    .set_json(json!({"current_password": current, "new_password": new})),
            )
        };
        let wrong = change("not my password", "a brand new passphrase").await;
        assert_eq!((wrong.status, wrong.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "current_password"));
        let weak = change(PASSWORD, "short").await;
        assert_eq!((weak.status, weak.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "new_password"));

        let changed = change(PASSWORD, "a brand new passphrase").await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
        let new_token = changed.body["access_token"].as_str().unwrap().to_string();
        assert_eq!(send(&app, request("GET", "/api/me", Some(&ctx.member.token))).await.status, 401);
        assert_eq!(send(&app, request("GET", "/api/me", Some(&new_token))).await.status, StatusCode::OK);
        assert_eq!(send(&app, login(&ctx.member.email, PASSWORD, "10.5.0.1")).await.status, 401);
        let again = send(&app, login(&ctx.member.email, "a brand new passphrase", "10.5.0.2")).await;
        assert_eq!(again.status, StatusCode::OK);
    })
    .await;
}

#[actix_web::test]
async fn if_match_star_matches_any_version_and_a_weak_tag_matches_none() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let team = format!("/api/teams/{}", ctx.team_a);
        let admin = Some(ctx.admin.token.as_str());
        let rename = |if_match: &str, name: &str| {
            send(
                &app,
                request("PATCH", &team, admin)
                    .insert_header((header::IF_MATCH, if_match.to_string()))
                    .set_json(json!({"name": name})),
            )
        };
        let weak = rename("W/\"1\"", "Weakly Renamed").await;
        assert_eq!((weak.status, weak.error_code()), (StatusCode::PRECONDITION_FAILED, "stale_version"));
        let star = rename("*", "Renamed Whatever The Version").await;
        assert_eq!((star.status, star.etag()), (StatusCode::OK, "\"2\"".to_string()));
        let strong = rename("\"2\"", "Renamed Again").await;
        assert_eq!(strong.status, StatusCode::OK);
    })
    .await;
}
