mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::{each_backend, new_person_body, request, send};
use rota::http::build_app;
use serde_json::json;

#[actix_web::test]
async fn admin_creates_reads_and_lists_a_person() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let created = send(
            &app,
            request("POST", "/api/people", Some(&ctx.admin.token)).set_json(new_person_body("Lena@Example.com")),
        )
        .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        assert_eq!(created.body["email"], "Lena@Example.com");
        assert_eq!(created.body["time_zone"], "Europe/Berlin");
        assert_eq!(created.body["holiday_region"], "DE-BY");
        assert_eq!(created.body["skills"]["languages"], json!(["de", "en"]));
        assert_eq!(created.body["contract"]["min_rest_minutes"], 660);
        assert_eq!(created.etag(), "\"1\"");
        let id = created.body["id"].as_str().unwrap().to_string();

        let fetched = send(&app, request("GET", &format!("/api/people/{id}"), Some(&ctx.admin.token))).await;
        assert_eq!(fetched.status, StatusCode::OK);
        assert_eq!(fetched.body["name"], "Lena Schmidt");

        let listed = send(&app, request("GET", "/api/people?limit=200", Some(&ctx.admin.token))).await;
        let names: Vec<&str> =
            listed.body["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert!(names.contains(&"Lena Schmidt"));
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "people are listed by name");
    })
    .await;
}

#[actix_web::test]
async fn pages_follow_the_cursor_without_gaps_or_repeats() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let mut seen = Vec::new();
        let mut uri = "/api/people?limit=2".to_string();
        loop {
            let page = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
            assert_eq!(page.status, StatusCode::OK);
            for item in page.body["items"].as_array().unwrap() {
                seen.push(item["id"].as_str().unwrap().to_string());
            }
            match page.body["next_cursor"].as_str() {
                Some(cursor) => uri = format!("/api/people?limit=2&cursor={cursor}"),
                None => break,
            }
        }
        assert_eq!(seen.len(), 6);
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 6);

        let team =
            send(&app, request("GET", &format!("/api/people?team_id={}", ctx.team_b), Some(&ctx.admin.token))).await;
        let ids: Vec<&str> = team.body["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains(&ctx.other_manager.id.as_str()) && ids.contains(&ctx.other_member.id.as_str()));

        let bad = send(&app, request("GET", "/api/people?cursor=garbage!", Some(&ctx.admin.token))).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.error_field(), "cursor");
        let bad_limit = send(&app, request("GET", "/api/people?limit=0", Some(&ctx.admin.token))).await;
        assert_eq!(bad_limit.error_field(), "limit");
        let unknown_param = send(&app, request("GET", "/api/people?colour=red", Some(&ctx.admin.token))).await;
        assert_eq!(unknown_param.status, StatusCode::BAD_REQUEST);
    })
    .await;
}

#[actix_web::test]
async fn members_see_only_their_team() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let listed = send(&app, request("GET", "/api/people", Some(&ctx.member.token))).await;
        let ids: Vec<&str> =
            listed.body["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), 3, "manager, member and target of team A");
        assert!(!ids.contains(&ctx.other_member.id.as_str()));
        let other_team =
            send(&app, request("GET", &format!("/api/people?team_id={}", ctx.team_b), Some(&ctx.member.token))).await;
        assert_eq!(other_team.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[actix_web::test]
async fn bad_input_names_the_field_and_never_500s() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let admin = Some(ctx.admin.token.as_str());
        let post = |body: serde_json::Value| request("POST", "/api/people", admin).set_json(body);

        let mut zone = new_person_body("z@example.com");
        zone["time_zone"] = json!("Europe/Warsav");
        let reply = send(&app, post(zone)).await;
        assert_eq!(
            (reply.status, reply.error_code(), reply.error_field()),
            (StatusCode::UNPROCESSABLE_ENTITY, "unknown_time_zone", "time_zone")
        );

        let mut wrong_type = new_person_body("t@example.com");
        wrong_type["skills"]["tier"] = json!(2);
        let reply = send(&app, post(wrong_type)).await;
        assert_eq!(
            (reply.status, reply.error_field()),
            (StatusCode::UNPROCESSABLE_ENTITY, "skills.tier"),
            "{}",
            reply.body
        );

        let mut unknown = new_person_body("u@example.com");
        unknown["nickname"] = json!("Lenka");
        let reply = send(&app, post(unknown)).await;
        assert_eq!(
            (reply.status, reply.error_code(), reply.error_field()),
            (StatusCode::UNPROCESSABLE_ENTITY, "unknown_field", "nickname")
        );

        let mut region = new_person_body("r@example.com");
        region["holiday_region"] = json!("XX");
        assert_eq!(send(&app, post(region)).await.error_field(), "holiday_region");

        let mut language = new_person_body("l@example.com");
        language["skills"]["languages"] = json!(["en", "not a tag"]);
        assert_eq!(send(&app, post(language)).await.error_field(), "skills.languages[1]");

        let mut contract = new_person_body("c@example.com");
        contract["contract"] = json!({"max_minutes_per_week": 2400, "min_rest_minutes": 660, "max_consecutive_days": 5,
            "max_nights_per_week": 2, "earliest_local_time": "25:00", "latest_local_time": "20:00"});
        assert_eq!(send(&app, post(contract)).await.error_field(), "contract.earliest_local_time");

        let mut short_password = new_person_body("p@example.com");
        short_password["password"] = json!("short");
        assert_eq!(send(&app, post(short_password)).await.error_field(), "password");

        let malformed = send(
            &app,
            request("POST", "/api/people", admin)
                .insert_header((header::CONTENT_TYPE, "application/json"))
                .set_payload("{\"name\": "),
        )
        .await;
        assert_eq!((malformed.status, malformed.error_code()), (StatusCode::BAD_REQUEST, "malformed_json"));

        let not_json = send(
            &app,
            request("POST", "/api/people", admin).insert_header((header::CONTENT_TYPE, "text/plain")).set_payload("{}"),
        )
        .await;
        assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

        let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(300 * 1024));
        let too_big = send(
            &app,
            request("POST", "/api/people", admin)
                .insert_header((header::CONTENT_TYPE, "application/json"))
                .set_payload(huge),
        )
        .await;
        assert_eq!((too_big.status, too_big.error_code()), (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"));

        let nowhere = send(&app, request("GET", "/api/nowhere", admin)).await;
        assert_eq!((nowhere.status, nowhere.error_code()), (StatusCode::NOT_FOUND, "route_not_found"));

        let missing = send(&app, request("GET", "/api/people/does-not-exist", admin)).await;
        assert_eq!((missing.status, missing.error_code()), (StatusCode::NOT_FOUND, "not_found"));

        // Nothing of the refused requests was written.
        let listed = send(&app, request("GET", "/api/people?limit=200", admin)).await;
        assert_eq!(listed.body["items"].as_array().unwrap().len(), 6);
    })
    .await;
}

#[actix_web::test]
async fn duplicate_email_is_a_conflict_whatever_the_case() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let first = send(
            &app,
            request("POST", "/api/people", Some(&ctx.admin.token)).set_json(new_person_body("lena@example.com")),
        )
        .await;
        assert_eq!(first.status, StatusCode::CREATED);
        let second = send(
            &app,
            request("POST", "/api/people", Some(&ctx.admin.token)).set_json(new_person_body("LENA@example.COM")),
        )
        .await;
        assert_eq!(
            (second.status, second.error_code(), second.error_field()),
            (StatusCode::CONFLICT, "already_exists", "email")
        );

        // Changing someone else's address to a taken one is refused too, and nothing changes.
        let target =
            send(&app, request("GET", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))).await;
        let clash = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, target.etag()))
                .set_json(json!({"email": "Lena@Example.com", "name": "Renamed"})),
        )
        .await;
        assert_eq!(clash.status, StatusCode::CONFLICT);
        let after = send(&app, request("GET", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))).await;
        assert_eq!(after.body["name"], "Tomasz Target");
        assert_eq!(after.etag(), target.etag());
    })
    .await;
}

#[actix_web::test]
async fn concurrent_edits_need_if_match_and_the_second_writer_gets_412() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let uri = format!("/api/people/{}", ctx.target.id);
        let read_by_manager = send(&app, request("GET", &uri, Some(&ctx.manager.token))).await;
        let read_by_admin = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
        assert_eq!(read_by_manager.etag(), read_by_admin.etag());

        let blind =
            send(&app, request("PATCH", &uri, Some(&ctx.manager.token)).set_json(json!({"name": "Blind"}))).await;
        assert_eq!((blind.status, blind.error_code()), (StatusCode::PRECONDITION_REQUIRED, "precondition_required"));

        let first = send(
            &app,
            request("PATCH", &uri, Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, read_by_manager.etag()))
                .set_json(json!({"time_zone": "America/New_York"})),
        )
        .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        assert_eq!(first.etag(), "\"2\"");

        let second = send(
            &app,
            request("PATCH", &uri, Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, read_by_admin.etag()))
                .set_json(json!({"name": "Second Writer"})),
        )
        .await;
        assert_eq!((second.status, second.error_code()), (StatusCode::PRECONDITION_FAILED, "stale_version"));

        let now = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
        assert_eq!(now.body["time_zone"], "America/New_York", "the first edit is kept");
        assert_eq!(now.body["name"], "Tomasz Target", "the stale edit did not land");

        let stale_delete =
            send(&app, request("DELETE", &uri, Some(&ctx.admin.token)).insert_header((header::IF_MATCH, "\"1\"")))
                .await;
        assert_eq!(stale_delete.status, StatusCode::PRECONDITION_FAILED);
    })
    .await;
}

#[actix_web::test]
async fn people_with_history_are_deactivated_not_deleted() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        // The manager records history by editing a team member.
        let uri = format!("/api/people/{}", ctx.target.id);
        let read = send(&app, request("GET", &uri, Some(&ctx.manager.token))).await;
        let edit = send(
            &app,
            request("PATCH", &uri, Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, read.etag()))
                .set_json(json!({"name": "Tomasz T."})),
        )
        .await;
        assert_eq!(edit.status, StatusCode::OK);

        let manager_uri = format!("/api/people/{}", ctx.manager.id);
        let manager = send(&app, request("GET", &manager_uri, Some(&ctx.admin.token))).await;
        let removed = send(
            &app,
            request("DELETE", &manager_uri, Some(&ctx.admin.token)).insert_header((header::IF_MATCH, manager.etag())),
        )
        .await;
        assert_eq!(removed.status, StatusCode::OK);
        assert_eq!(removed.body["active"], false);
        // A deactivated person's token no longer works.
        let me = send(&app, request("GET", "/api/me", Some(&ctx.manager.token))).await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED);

        // Someone without history really goes.
        let member_uri = format!("/api/people/{}", ctx.other_member.id);
        let member = send(&app, request("GET", &member_uri, Some(&ctx.admin.token))).await;
        let deleted = send(
            &app,
            request("DELETE", &member_uri, Some(&ctx.admin.token)).insert_header((header::IF_MATCH, member.etag())),
        )
        .await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);
        let gone = send(&app, request("GET", &member_uri, Some(&ctx.admin.token))).await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[actix_web::test]
async fn members_edit_only_their_own_name_and_zone() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let uri = format!("/api/people/{}", ctx.member.id);
        let me = send(&app, request("GET", &uri, Some(&ctx.member.token))).await;
        let zone = send(
            &app,
            request("PATCH", &uri, Some(&ctx.member.token))
                .insert_header((header::IF_MATCH, me.etag()))
                .set_json(json!({"time_zone": "Asia/Kolkata"})),
        )
        .await;
        assert_eq!(zone.status, StatusCode::OK);
        let contract = send(
            &app,
            request("PATCH", &uri, Some(&ctx.member.token))
                .insert_header((header::IF_MATCH, zone.etag()))
                .set_json(json!({"role": "admin"})),
        )
        .await;
        assert_eq!(contract.status, StatusCode::FORBIDDEN);
        let manager_sets_role = send(
            &app,
            request("PATCH", &uri, Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, zone.etag()))
                .set_json(json!({"role": "manager"})),
        )
        .await;
        assert_eq!(manager_sets_role.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[actix_web::test]
async fn authorization_is_judged_before_the_input() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let bad_body =
            send(&app, request("POST", "/api/people", Some(&ctx.member.token)).set_json(json!({"name": 1}))).await;
        assert_eq!(bad_body.status, StatusCode::FORBIDDEN);
        let uri = format!("/api/people/{}", ctx.other_member.id);
        let no_if_match =
            send(&app, request("PATCH", &uri, Some(&ctx.manager.token)).set_json(json!({"name": "X"}))).await;
        assert_eq!(no_if_match.status, StatusCode::FORBIDDEN);
        let delete_team =
            send(&app, request("DELETE", &format!("/api/teams/{}", ctx.team_a), Some(&ctx.manager.token))).await;
        assert_eq!(delete_team.status, StatusCode::FORBIDDEN);
    })
    .await;
}
