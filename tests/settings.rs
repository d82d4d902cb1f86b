//! The organisation's rules: everyone signed in reads them, admins replace them
//! under If-Match, bad rules are refused by field, and the defaults reach the people
//! created afterwards.

mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::{each_backend, new_person_body, request, send};
use rota::http::build_app;
use serde_json::json;

#[actix_web::test]
async fn admins_set_the_rules_everyone_reads_them() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let read = send(&app, request("GET", "/api/settings", Some(&ctx.member.token))).await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.body);
        assert_eq!(read.body["night"], json!({"from": "23:00", "to": "06:00", "min_minutes": 180}));
        assert_eq!(read.body["days_off_by"], "overlap");
        assert_eq!(read.body["fairness_lookback_weeks"], 12);
        assert_eq!(read.body["default_contract"]["max_minutes_per_week"], 2400);
        assert_eq!(read.body["public_base_url"], json!(null));
        assert_eq!(read.etag(), "\"1\"");

        let rules = json!({
            "night": {"from": "22:00", "to": "06:00", "min_minutes": 120},
            "days_off_by": "start_date",
            "default_contract": {"max_minutes_per_week": 2250, "min_rest_minutes": 660, "max_consecutive_days": 5,
                                 "max_nights_per_week": 3, "earliest_local_time": "08:00", "latest_local_time": "20:00"},
            "fairness_lookback_weeks": 8,
            "public_base_url": "https://rota.example.com/",
        });
        let put = |token: &str, etag: &str, body: serde_json::Value| {
            request("PUT", "/api/settings", Some(token)).insert_header((header::IF_MATCH, etag.to_string())).set_json(body)
        };
        let by_manager = send(&app, put(&ctx.manager.token, "\"1\"", rules.clone())).await;
        assert_eq!(by_manager.status, StatusCode::FORBIDDEN);
        let blind = send(&app, request("PUT", "/api/settings", Some(&ctx.admin.token)).set_json(rules.clone())).await;
        assert_eq!(blind.status, StatusCode::PRECONDITION_REQUIRED);
        let saved = send(&app, put(&ctx.admin.token, "\"1\"", rules.clone())).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        assert_eq!(saved.etag(), "\"2\"");
        assert_eq!(saved.body["public_base_url"], "https://rota.example.com");
        assert_eq!(saved.body["effective_public_base_url"], "https://rota.example.com");
        let stale = send(&app, put(&ctx.admin.token, "\"1\"", json!({}))).await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);

        // A person created without a contract gets the organisation's default.
        let created = send(
            &app,
            request("POST", "/api/people", Some(&ctx.admin.token)).set_json(new_person_body("lena@example.com")),
        )
        .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        assert_eq!(created.body["contract"]["max_minutes_per_week"], 2250);
        assert_eq!(created.body["contract"]["max_nights_per_week"], 3);

        // A contract may carry its own night rule, checked like the organisation's.
        let person = created.body["id"].as_str().unwrap();
        let mut contract = created.body["contract"].clone();
        contract["night"] = json!({"from": "21:00", "to": "06:00", "min_minutes": 600});
        let too_long = send(
            &app,
            request("PATCH", &format!("/api/people/{person}"), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, created.etag()))
                .set_json(json!({"contract": contract})),
        )
        .await;
        assert_eq!((too_long.status, too_long.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "contract.night.min_minutes"));
        contract["night"]["min_minutes"] = json!(240);
        let own_night = send(
            &app,
            request("PATCH", &format!("/api/people/{person}"), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, created.etag()))
                .set_json(json!({"contract": contract})),
        )
        .await;
        assert_eq!(own_night.status, StatusCode::OK, "{}", own_night.body);
        let again = send(&app, request("GET", &format!("/api/people/{person}"), Some(&ctx.admin.token))).await;
        assert_eq!(again.body["contract"]["night"], json!({"from": "21:00", "to": "06:00", "min_minutes": 240}));
    })
    .await;
}

#[actix_web::test]
async fn bad_rules_are_refused_by_field_and_nothing_changes() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let cases = [
            (json!({"night": {"from": "23:00", "to": "06:00", "min_minutes": 500}}), "night.min_minutes"),
            (json!({"night": {"from": "23:00", "to": "23:00", "min_minutes": 60}}), "night.to"),
            (json!({"night": {"from": "23:00", "to": "6am", "min_minutes": 60}}), "night.to"),
            (json!({"fairness_lookback_weeks": 0}), "fairness_lookback_weeks"),
            (json!({"public_base_url": "rota.example.com"}), "public_base_url"),
            (json!({"days_off_by": "sometimes"}), "days_off_by"),
            (json!({"nights": {}}), "nights"),
        ];
        for (body, field) in cases {
            let reply = send(
                &app,
                request("PUT", "/api/settings", Some(&ctx.admin.token))
                    .insert_header((header::IF_MATCH, "*"))
                    .set_json(&body),
            )
            .await;
            assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", reply.body);
            assert_eq!(reply.error_field(), field, "{body}: {}", reply.body);
        }
        let read = send(&app, request("GET", "/api/settings", Some(&ctx.admin.token))).await;
        assert_eq!(read.etag(), "\"1\"", "nothing was written");
    })
    .await;
}
