//! The demo data `rota demo` serves: what a newcomer sees after the first command.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::{request, send};
use rota::config::JwtSecret;
use rota::domain::FixedClock;
use rota::http::{build_app, AppState};
use rota::service::Context;
use rota::store;
use serde_json::json;

#[actix_web::test]
async fn demo_data_has_two_teams_thirty_people_four_zones_and_working_logins() {
    let db = common::TestDb::create(common::Backend::Sqlite);
    let pool = store::pool::connect_and_migrate(&db.url).unwrap();
    // "Today" fixed, as `rota demo --today 2026-03-16` fixes it.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let clock = Arc::new(FixedClock::at(today.and_hms_opt(9, 0, 0).unwrap().and_utc()));
    let hasher = Arc::new(rota::service::Hasher::for_this_machine());
    let state = AppState::new(Context::new(pool, clock, hasher), &JwtSecret::generate());
    let demo = rota::cli::demo_data::seed(&state.service).unwrap();
    let logins = demo.logins;
    let app = init_service(build_app(state)).await;

    assert_eq!(logins.iter().filter(|l| l.role == "admin").count(), 1);
    assert_eq!(logins.iter().filter(|l| l.role == "manager").count(), 2);
    let mut admin_token = String::new();
    for login in &logins {
        let reply = send(
            &app,
            request("POST", "/api/auth/login", None)
                .set_json(json!({"email": login.email, "password": login.password})),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "printed login {} works", login.email);
        if login.role == "admin" {
            admin_token = reply.body["access_token"].as_str().unwrap().to_string();
        }
    }

    let people = send(&app, request("GET", "/api/people?limit=200", Some(&admin_token))).await;
    let items = people.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 30);
    let zones: BTreeSet<&str> = items.iter().map(|p| p["time_zone"].as_str().unwrap()).collect();
    for zone in ["Europe/Warsaw", "Europe/Minsk", "America/New_York", "Asia/Kolkata"] {
        assert!(zones.contains(zone), "{zone}");
    }
    let languages: BTreeSet<&str> =
        items.iter().flat_map(|p| p["skills"]["languages"].as_array().unwrap()).map(|l| l.as_str().unwrap()).collect();
    assert_eq!(languages, BTreeSet::from(["de", "en", "pl", "ru"]));
    let tiers: BTreeSet<&str> = items.iter().map(|p| p["skills"]["tier"].as_str().unwrap()).collect();
    assert_eq!(tiers, BTreeSet::from(["L1", "L2", "L3"]));

    let teams = send(&app, request("GET", "/api/teams", Some(&admin_token))).await;
    let names: Vec<&str> =
        teams.body["items"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Minsk Support", "Warsaw Support"]);
    for team in teams.body["items"].as_array().unwrap() {
        let managers = team["members"].as_array().unwrap().iter().filter(|m| m["role"] == "manager").count();
        assert_eq!(managers, 1, "one manager per team");
    }

    // Two desks: 24/5 in Warsaw, tiled by early, late and night; US hours for Minsk.
    let desks = send(&app, request("GET", "/api/desks", Some(&admin_token))).await;
    let desks = desks.body["items"].as_array().unwrap().clone();
    let names: Vec<&str> = desks.iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Customer Service EN/DE", "US Business Hours"]);
    for desk in &desks {
        let detail =
            send(&app, request("GET", &format!("/api/desks/{}", desk["id"].as_str().unwrap()), Some(&admin_token)))
                .await;
        let check = &detail.body["coverage_check"];
        assert_eq!(check["from"], "2026-03-16");
        assert_eq!(check["gaps"], json!([]), "{}: the templates cover the window", desk["name"]);
        assert_eq!(check["overlaps"], json!([]), "{}", desk["name"]);
    }
    let en_de = &desks[0];
    assert_eq!(en_de["templates"].as_array().unwrap().len(), 3);
    assert_eq!(en_de["shift_types"][2]["cannot_be_followed_by"], json!(["early"]));
    assert_eq!(desks[1]["closures"]["holidays_of"], json!(["US"]));

    // Time off in every state a manager meets, relative to the fixed today.
    let leave = send(&app, request("GET", "/api/time-off?limit=200", Some(&admin_token))).await;
    let statuses: Vec<&str> =
        leave.body["items"].as_array().unwrap().iter().map(|t| t["status"].as_str().unwrap()).collect();
    for status in ["pending", "approved", "rejected"] {
        assert!(statuses.contains(&status), "{status} in {statuses:?}");
    }
    // Both desks' next four weeks are planned and published, breaking no hard rule; the
    // two weeks after wait as a draft.
    assert_eq!(demo.plans.len(), 2);
    for (line, desk) in demo.plans.iter().zip(&desks) {
        assert!(line.contains("planned and published") && line.contains("0 hard rules broken"), "{line}");
        let rosters = send(
            &app,
            request("GET", &format!("/api/desks/{}/rosters", desk["id"].as_str().unwrap()), Some(&admin_token)),
        )
        .await;
        let rosters = rosters.body.as_array().unwrap();
        let found: Vec<(Option<&str>, Option<&str>)> =
            rosters.iter().map(|r| (r["status"].as_str(), r["from"].as_str())).collect();
        assert_eq!(found, [(Some("draft"), Some("2026-04-13")), (Some("published"), Some("2026-03-16"))], "{line}");
    }
    let piotr = logins.iter().find(|l| l.email == "piotr.kowalski@rota.demo").unwrap();
    let token = send(
        &app,
        request("POST", "/api/auth/login", None).set_json(json!({"email": piotr.email, "password": piotr.password})),
    )
    .await;
    let token = token.body["access_token"].as_str().unwrap().to_string();
    let mine = send(&app, request("GET", "/api/me/shifts", Some(&token))).await;
    assert!(!mine.body["shifts"].as_array().unwrap().is_empty(), "a member has shifts: {}", mine.body);

    // Every demo person's holiday region has a calendar.
    for region in items.iter().map(|p| p["holiday_region"].as_str().unwrap()).collect::<BTreeSet<_>>() {
        let days =
            send(&app, request("GET", &format!("/api/holidays?region={region}&year=2026"), Some(&admin_token))).await;
        assert_eq!(days.status, StatusCode::OK, "{region}: {}", days.body);
        assert!(!days.body.as_array().unwrap().is_empty(), "{region} has holidays in 2026");
    }
}
