mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::{each_backend, request, send};
use rota::http::build_app;
use serde_json::json;

#[actix_web::test]
async fn admin_creates_a_team_and_managers_fill_it() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let created = send(
            &app,
            request("POST", "/api/teams", Some(&ctx.admin.token))
                .set_json(json!({"name": "Night Desk", "description": "EN/DE nights"})),
        )
        .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let team = created.body["id"].as_str().unwrap().to_string();
        let dup =
            send(&app, request("POST", "/api/teams", Some(&ctx.admin.token)).set_json(json!({"name": "Night Desk"})))
                .await;
        assert_eq!((dup.status, dup.error_field()), (StatusCode::CONFLICT, "name"));

        // Admin hands the manager a seat; the manager then adds a member.
        let seat = send(
            &app,
            request("PUT", &format!("/api/teams/{team}/members/{}", ctx.manager.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, created.etag()))
                .set_json(json!({"role": "manager"})),
        )
        .await;
        assert_eq!(seat.status, StatusCode::OK, "{}", seat.body);
        let added = send(
            &app,
            request("PUT", &format!("/api/teams/{team}/members/{}", ctx.member.id), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, seat.etag()))
                .set_json(json!({"role": "member"})),
        )
        .await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        assert_eq!(added.body["members"].as_array().unwrap().len(), 2);

        // Someone from a team this manager does not run cannot be pulled in.
        let foreign = send(
            &app,
            request("PUT", &format!("/api/teams/{team}/members/{}", ctx.other_member.id), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, added.etag()))
                .set_json(json!({"role": "member"})),
        )
        .await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN);

        // A manager cannot hand out manager seats, and members cannot be managers.
        let promote = send(
            &app,
            request("PUT", &format!("/api/teams/{team}/members/{}", ctx.member.id), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, added.etag()))
                .set_json(json!({"role": "manager"})),
        )
        .await;
        assert_eq!(promote.status, StatusCode::FORBIDDEN);
        let not_manager = send(
            &app,
            request("PUT", &format!("/api/teams/{team}/members/{}", ctx.member.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, added.etag()))
                .set_json(json!({"role": "manager"})),
        )
        .await;
        assert_eq!((not_manager.status, not_manager.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "role"));

        // The new member now sees the team; the list filter works.
        let listed = send(&app, request("GET", "/api/teams", Some(&ctx.member.token))).await;
        let names: Vec<&str> =
            listed.body["items"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["Night Desk", "Warsaw Support"]);

        let removed = send(
            &app,
            request("DELETE", &format!("/api/teams/{team}/members/{}", ctx.member.id), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, added.etag())),
        )
        .await;
        assert_eq!(removed.status, StatusCode::OK);
        assert_eq!(removed.body["members"].as_array().unwrap().len(), 1);
    })
    .await;
}

#[actix_web::test]
async fn seat_changes_on_a_stale_team_are_refused_and_undone() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let uri = format!("/api/teams/{}", ctx.team_a);
        let read = send(&app, request("GET", &uri, Some(&ctx.manager.token))).await;
        let rename = send(
            &app,
            request("PATCH", &uri, Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, read.etag()))
                .set_json(json!({"name": "Warsaw EN/DE"})),
        )
        .await;
        assert_eq!(rename.status, StatusCode::OK);
        let stale_seat = send(
            &app,
            request("PUT", &format!("{uri}/members/{}", ctx.other_member.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, read.etag()))
                .set_json(json!({"role": "member"})),
        )
        .await;
        assert_eq!(stale_seat.status, StatusCode::PRECONDITION_FAILED);
        let now = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
        assert_eq!(now.body["name"], "Warsaw EN/DE");
        let members: Vec<&str> =
            now.body["members"].as_array().unwrap().iter().map(|m| m["person_id"].as_str().unwrap()).collect();
        assert!(!members.contains(&ctx.other_member.id.as_str()), "the refused seat was rolled back");
    })
    .await;
}

#[actix_web::test]
async fn deleting_a_team_keeps_its_people() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let uri = format!("/api/teams/{}", ctx.team_b);
        let read = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
        let no_match = send(&app, request("DELETE", &uri, Some(&ctx.admin.token))).await;
        assert_eq!(no_match.status, StatusCode::PRECONDITION_REQUIRED);
        let deleted =
            send(&app, request("DELETE", &uri, Some(&ctx.admin.token)).insert_header((header::IF_MATCH, read.etag())))
                .await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);
        let person =
            send(&app, request("GET", &format!("/api/people/{}", ctx.other_member.id), Some(&ctx.admin.token))).await;
        assert_eq!(person.status, StatusCode::OK);
        assert_eq!(person.body["teams"], json!([]));
    })
    .await;
}
