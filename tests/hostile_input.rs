//! Input that a careless or hostile client can send and that the database would choke
//! on: NUL bytes (PostgreSQL refuses them in text), numbers at the edge of their type,
//! and writers racing each other. Every such request gets a 4xx that names the field,
//! or succeeds; none gets a 500.

mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::{each_backend, new_person_body, request, send};
use futures_util::future::join_all;
use rota::http::build_app;
use serde_json::json;

#[actix_web::test]
async fn nul_bytes_are_refused_before_the_database() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let admin = Some(ctx.admin.token.as_str());

        let mut body = new_person_body("nul@example.com");
        body["name"] = json!("Lena\u{0}Schmidt");
        let reply = send(&app, request("POST", "/api/people", admin).set_json(body)).await;
        assert_eq!(
            (reply.status, reply.error_code(), reply.error_field()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_name", "name"),
            "{}",
            reply.body
        );

        let reply = send(
            &app,
            request("POST", "/api/teams", admin).set_json(json!({"name": "Night desk", "description": "a\u{0}b"})),
        )
        .await;
        assert_eq!(
            (reply.status, reply.error_code(), reply.error_field()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_description", "description"),
            "{}",
            reply.body
        );
        // Line breaks and tabs stay welcome in a description.
        let reply = send(
            &app,
            request("POST", "/api/teams", admin)
                .set_json(json!({"name": "Night desk", "description": "Covers:\n\tEMEA nights"})),
        )
        .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);

        let reply = send(
            &app,
            request("POST", "/api/auth/login", None)
                .set_json(json!({"email": "ada\u{0}@example.com", "password": "x"})),
        )
        .await;
        assert_eq!((reply.status, reply.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "email"), "{}", reply.body);

        for path in ["/api/people/%00", "/api/teams/abc%00def"] {
            let reply = send(&app, request("GET", path, admin)).await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}: {}", reply.body);
        }
        let member_path = format!("/api/teams/{}/members/%00", ctx.team_a);
        let reply = send(
            &app,
            request("PUT", &member_path, admin)
                .insert_header((header::IF_MATCH, "\"1\""))
                .set_json(json!({"role": "member"})),
        )
        .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.body);

        let reply = send(&app, request("GET", "/api/people?team_id=%00", admin)).await;
        assert_eq!((reply.status, reply.error_field()), (StatusCode::BAD_REQUEST, "team_id"), "{}", reply.body);

        // A forged cursor: base64 of ["a\u0000", "b"].
        use base64::Engine;
        let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"["a\u0000","b"]"#);
        let reply = send(&app, request("GET", &format!("/api/people?cursor={forged}"), admin)).await;
        assert_eq!((reply.status, reply.error_field()), (StatusCode::BAD_REQUEST, "cursor"), "{}", reply.body);

        // Nothing of the refused requests was written: the six people of the test world.
        let listed = send(&app, request("GET", "/api/people?limit=200", admin)).await;
        assert_eq!(listed.body["items"].as_array().map(Vec::len), Some(6));
    })
    .await;
}

#[actix_web::test]
async fn a_limit_that_is_not_a_number_names_the_field() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let admin = Some(ctx.admin.token.as_str());
        for query in ["limit=abc", "limit=-1", "limit=", "limit=0", "limit=201", "limit=99999999999"] {
            for list in ["/api/people", "/api/teams"] {
                let reply = send(&app, request("GET", &format!("{list}?{query}"), admin)).await;
                assert_eq!(
                    (reply.status, reply.error_code(), reply.error_field()),
                    (StatusCode::BAD_REQUEST, "invalid_query", "limit"),
                    "{list}?{query}: {}",
                    reply.body
                );
            }
        }
        let reply = send(&app, request("GET", "/api/people?limit=2", admin)).await;
        assert_eq!(reply.body["items"].as_array().map(Vec::len), Some(2));
    })
    .await;
}

#[actix_web::test]
async fn an_if_match_at_the_edge_of_the_number_range_is_just_stale() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let admin = Some(ctx.admin.token.as_str());
        let max = format!("\"{}\"", i64::MAX);
        let person = format!("/api/people/{}", ctx.target.id);
        let reply = send(
            &app,
            request("PATCH", &person, admin)
                .insert_header((header::IF_MATCH, max.as_str()))
                .set_json(json!({"name": "X"})),
        )
        .await;
        assert_eq!((reply.status, reply.error_code()), (StatusCode::PRECONDITION_FAILED, "stale_version"));

        let team = format!("/api/teams/{}", ctx.team_a);
        let reply = send(
            &app,
            request("PATCH", &team, admin)
                .insert_header((header::IF_MATCH, max.as_str()))
                .set_json(json!({"name": "X"})),
        )
        .await;
        assert_eq!((reply.status, reply.error_code()), (StatusCode::PRECONDITION_FAILED, "stale_version"));

        let seat = format!("/api/teams/{}/members/{}", ctx.team_a, ctx.other_member.id);
        let reply = send(
            &app,
            request("PUT", &seat, admin)
                .insert_header((header::IF_MATCH, max.as_str()))
                .set_json(json!({"role": "member"})),
        )
        .await;
        assert_eq!((reply.status, reply.error_code()), (StatusCode::PRECONDITION_FAILED, "stale_version"));
        let after = send(&app, request("GET", &team, admin)).await;
        assert_eq!(after.etag(), "\"1\"", "the refused seat left the team as it was: {}", after.body);
    })
    .await;
}

#[actix_web::test]
async fn writers_at_the_same_moment_all_get_an_answer_not_a_500() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let admin = Some(ctx.admin.token.as_str());
        let people = [&ctx.manager, &ctx.member, &ctx.target, &ctx.other_manager, &ctx.other_member];

        // Different rows at once: every write lands.
        let renames = people.iter().enumerate().map(|(i, who)| {
            send(
                &app,
                request("PATCH", &format!("/api/people/{}", who.id), admin)
                    .insert_header((header::IF_MATCH, "\"1\""))
                    .set_json(json!({"name": format!("Renamed {i}")})),
            )
        });
        for reply in join_all(renames).await {
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        }

        // The same team's seats at once, all from the same ETag: one wins, the others
        // are told the team changed. First the same new seat four times (on PostgreSQL
        // the losers used to collide on the seat's key: a 500), then four people.
        let seat_of = |who: &common::Actor, version: &'static str| {
            send(
                &app,
                request("PUT", &format!("/api/teams/{}/members/{}", ctx.team_b, who.id), admin)
                    .insert_header((header::IF_MATCH, version))
                    .set_json(json!({"role": "member"})),
            )
        };
        let rounds: [(&str, Vec<&common::Actor>, &'static str); 2] = [
            ("same seat", vec![&ctx.member; 4], "\"1\""),
            ("three people", vec![&ctx.other_manager, &ctx.other_member, &ctx.target], "\"2\""),
        ];
        for (round, who, version) in rounds {
            let replies = join_all(who.into_iter().map(|who| seat_of(who, version))).await;
            let statuses: Vec<StatusCode> = replies.iter().map(|r| r.status).collect();
            assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{round}: {statuses:?}");
            assert!(
                statuses.iter().all(|s| [StatusCode::OK, StatusCode::PRECONDITION_FAILED].contains(s)),
                "{round}: {statuses:?}"
            );
        }
        let team = send(&app, request("GET", &format!("/api/teams/{}", ctx.team_b), admin)).await;
        assert_eq!(team.etag(), "\"3\"");
    })
    .await;
}

#[actix_web::test]
async fn a_writer_kept_from_sqlite_past_the_busy_timeout_gets_503_and_retry_after() {
    // Only SQLite has one write lock for the whole file.
    let (ctx, _db) = common::Ctx::new(common::Backend::Sqlite).await;
    let app = init_service(build_app(ctx.state.clone())).await;
    let mut holder = ctx.state.service.pool.get().expect("connection");
    diesel::connection::SimpleConnection::batch_execute(&mut *holder, "BEGIN IMMEDIATE").expect("lock");
    let reply = send(
        &app,
        request("PATCH", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))
            .insert_header((header::IF_MATCH, "\"1\""))
            .set_json(json!({"name": "Waited"})),
    )
    .await;
    diesel::connection::SimpleConnection::batch_execute(&mut *holder, "ROLLBACK").expect("unlock");
    assert_eq!((reply.status, reply.error_code()), (StatusCode::SERVICE_UNAVAILABLE, "unavailable"), "{}", reply.body);
    assert_eq!(reply.headers.get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()), Some("1"));
    // Once the lock is free the same request goes through.
    let again = send(
        &app,
        request("PATCH", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))
            .insert_header((header::IF_MATCH, "\"1\""))
            .set_json(json!({"name": "Waited"})),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
}
