//! Rosters through the real app: a draft with its shifts stored, who sees it, the
//! horizons refused, and the planner problem the service builds from the database
//! (people, skills, contracts, leave, holidays, work on another desk and before the
//! horizon), which the planner accepts and solves.

mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use chrono::{TimeZone, Utc};
use common::rosters::{approved_leave, state_at, state_before_march};
use common::{each_backend, request, send};
use rota::http::build_app;
use rota::planner::model::Problem;
use serde_json::{json, Value};

fn desk(name: &str, team: &str, start: &str, end: &str) -> Value {
    json!({
        "name": name, "time_zone": "Europe/Warsaw", "teams": [team],
        "shift_types": [{"id": "day", "name": "Day"}, {"id": "night", "name": "Night", "cannot_be_followed_by": ["day"]}],
        "templates": [
            {"name": "Day", "shift_type": "day", "start": start, "end": end, "time_zone": "Europe/Warsaw",
             "weekdays": [1, 2, 3, 4, 5], "min_headcount": 1, "target_headcount": 2,
             "skill_minimums": [{"tier_at_least": "L1", "min": 1}], "required_skills": [{"language": "en"}]},
            {"name": "Night", "shift_type": "night", "start": "22:00", "end": "06:00", "time_zone": "Europe/Warsaw",
             "weekdays": [1, 2, 3, 4, 5], "min_headcount": 1, "target_headcount": 1},
        ],
    })
}

#[actix_web::test]
async fn a_draft_roster_stores_its_shifts_and_only_the_desks_managers_see_it() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let created = send(
            &app,
            request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(desk("EN", &ctx.team_a, "08:00", "16:00")),
        )
        .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let desk_id = created.body["id"].as_str().unwrap().to_string();
        let rosters = format!("/api/desks/{desk_id}/rosters");
        // Four weeks over the spring change (29 March).
        let roster = send(
            &app,
            request("POST", &rosters, Some(&ctx.manager.token))
                .set_json(json!({"from": "2026-03-16", "to": "2026-04-12"})),
        )
        .await;
        assert_eq!(roster.status, StatusCode::CREATED, "{}", roster.body);
        assert_eq!(roster.body["status"], "draft");
        let shifts = roster.body["shifts"].as_array().unwrap();
        assert_eq!(shifts.len(), 4 * 10, "day and night, Monday to Friday, four weeks");
        let day = |date: &str| shifts.iter().find(|s| s["template"] == "Day" && s["local_date"] == date).unwrap();
        assert_eq!(day("2026-03-27")["start"], "2026-03-27T07:00:00Z");
        assert_eq!(day("2026-03-30")["start"], "2026-03-30T06:00:00Z", "summer time");
        assert_eq!(day("2026-03-30")["start_local"], "2026-03-30T08:00:00+02:00");
        let id = roster.body["id"].as_str().unwrap().to_string();
        let path = format!("/api/rosters/{id}");

        // The stored shifts are the ones GET returns, ids and all.
        let got = send(&app, request("GET", &path, Some(&ctx.manager.token))).await;
        assert_eq!(got.status, StatusCode::OK);
        assert_eq!(got.body["shifts"], roster.body["shifts"]);
        // A draft is the managers' working copy.
        let member = send(&app, request("GET", &path, Some(&ctx.member.token))).await;
        assert_eq!(member.status, StatusCode::FORBIDDEN);
        let listed = send(&app, request("GET", &rosters, Some(&ctx.member.token))).await;
        assert_eq!(listed.body, json!([]));
        let listed = send(&app, request("GET", &rosters, Some(&ctx.manager.token))).await;
        assert_eq!(listed.body.as_array().unwrap().len(), 1);
        let foreign = send(
            &app,
            request("POST", &rosters, Some(&ctx.other_manager.token))
                .set_json(json!({"from": "2026-05-04", "to": "2026-05-31"})),
        )
        .await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN);

        // Horizons that overlap, run backwards, or are too short or too long.
        for (body, status, field) in [
            (json!({"from": "2026-04-06", "to": "2026-05-03"}), StatusCode::CONFLICT, "from"),
            (json!({"from": "2026-05-10", "to": "2026-05-04"}), StatusCode::UNPROCESSABLE_ENTITY, "to"),
            (json!({"from": "2026-05-04", "to": "2026-05-09"}), StatusCode::UNPROCESSABLE_ENTITY, "to"),
            (json!({"from": "2026-05-04", "to": "2026-11-02"}), StatusCode::UNPROCESSABLE_ENTITY, "to"),
            (json!({"from": "2026-05-04"}), StatusCode::UNPROCESSABLE_ENTITY, "to"),
        ] {
            let reply = send(&app, request("POST", &rosters, Some(&ctx.manager.token)).set_json(&body)).await;
            assert_eq!((reply.status, reply.error_field()), (status, field), "{body}: {}", reply.body);
        }
        let listed = send(&app, request("GET", &rosters, Some(&ctx.admin.token))).await;
        assert_eq!(listed.body.as_array().unwrap().len(), 1, "nothing refused was stored");

        // A draft is deleted under its ETag.
        let stale =
            send(&app, request("DELETE", &path, Some(&ctx.manager.token)).insert_header((header::IF_MATCH, "\"7\"")))
                .await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        let gone = send(
            &app,
            request("DELETE", &path, Some(&ctx.manager.token)).insert_header((header::IF_MATCH, got.etag())),
        )
        .await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT);
        assert_eq!(send(&app, request("GET", &path, Some(&ctx.manager.token))).await.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[actix_web::test]
async fn the_problem_holds_people_leave_holidays_and_published_work_and_the_planner_solves_it() {
    each_backend(|ctx| async move {
        let state = state_at(&ctx, Utc.with_ymd_and_hms(2026, 3, 23, 9, 0, 0).unwrap()).0;
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let make_desk = |name: &str, start: &str, end: &str| {
            request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(desk(name, &ctx.team_a, start, end))
        };
        let en = send(&app, make_desk("EN", "08:00", "16:00")).await;
        let other = send(&app, make_desk("Tickets", "09:00", "17:00")).await;
        let (en, other) = (en.body["id"].as_str().unwrap().to_string(), other.body["id"].as_str().unwrap().to_string());

        // The target works the other desk's published Day on Tuesday 31 March and on
        // Friday 27 March, just before the horizon.
        let elsewhere = send(
            &app,
            request("POST", &format!("/api/desks/{other}/rosters"), Some(&ctx.manager.token))
                .set_json(json!({"from": "2026-03-23", "to": "2026-04-05"})),
        )
        .await;
        let elsewhere_id = elsewhere.body["id"].as_str().unwrap().to_string();
        {
            let mut conn = service.pool.get().unwrap();
            let now = service.now();
            for date in ["2026-03-27", "2026-03-31"] {
                let shift = elsewhere.body["shifts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| s["template"] == "Day" && s["local_date"] == date)
                    .unwrap();
                let assignment = rota::domain::roster::Assignment {
                    id: rota::store::new_id(),
                    roster_id: elsewhere_id.clone(),
                    shift_id: shift["id"].as_str().unwrap().to_string(),
                    person_id: ctx.target.id.clone(),
                    sequence: 1,
                    forced: false,
                    force_reason: None,
                    created_at: now,
                    updated_at: now,
                };
                rota::store::assignments::insert(&mut conn, &assignment).unwrap();
            }
            rota::store::rosters::publish(&mut conn, &elsewhere_id, 1, now).unwrap();
        }
        // The member is away on approved leave on 1 April.
        let approved = approved_leave(&app, &ctx, &ctx.member, "2026-04-01", "2026-04-01").await;
        assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);

        let roster = send(
            &app,
            request("POST", &format!("/api/desks/{en}/rosters"), Some(&ctx.manager.token))
                .set_json(json!({"from": "2026-03-30", "to": "2026-04-12"})),
        )
        .await;
        let id = roster.body["id"].as_str().unwrap();
        let reply = send(&app, request("GET", &format!("/api/rosters/{id}/problem"), Some(&ctx.manager.token))).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let member_reply =
            send(&app, request("GET", &format!("/api/rosters/{id}/problem"), Some(&ctx.member.token))).await;
        assert_eq!(member_reply.status, StatusCode::FORBIDDEN);
        let problem: Problem =
            serde_json::from_value(reply.body.clone()).expect("the problem reads as the planner's input");
        rota::planner::validate::validate(&problem).expect("the planner accepts it");

        assert_eq!(problem.shifts.len(), 20);
        assert_eq!(problem.night.min_minutes, 180, "the organisation's night rule");
        let ids: Vec<&str> = problem.people.iter().map(|p| p.id.as_str()).collect();
        for person in [&ctx.manager.id, &ctx.member.id, &ctx.target.id] {
            assert!(ids.contains(&person.as_str()), "team A's people are on it");
        }
        assert!(!ids.contains(&ctx.other_member.id.as_str()), "team B's are not");
        let person = |id: &str| problem.people.iter().find(|p| p.id == id).unwrap();
        let member = person(&ctx.member.id);
        assert_eq!(member.unavailable_dates, [chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()]);
        assert!(member.holidays.contains(&chrono::NaiveDate::from_ymd_opt(2026, 4, 6).unwrap()), "Easter Monday in PL");
        assert!(member.skills.contains(&"lang:en".to_string()) && member.skills.contains(&"tier:L1".to_string()));
        let target = person(&ctx.target.id);
        assert_eq!(target.commitments.len(), 1, "{:?}", target.commitments);
        assert_eq!(target.commitments[0].label, "Tickets Day");
        assert_eq!(target.history.len(), 1);
        assert_eq!(target.history[0].shift_type, "elsewhere");
        let shift = &problem.shifts[0];
        assert_eq!(shift.required_skills, ["lang:en"]);
        assert_eq!(shift.skill_minimums[0].any_of, ["tier:L1"]);
        let contract = problem.contracts.iter().find(|c| c.id == target.contract).unwrap();
        assert_eq!((contract.max_minutes_per_week, contract.min_rest_minutes), (Some(2400), Some(660)));

        // The planner plans it: no hard rule broken, the member not on their day off,
        // the target not on the Tuesday they work elsewhere.
        let options = rota::planner::solver::SolveOptions { seed: 7, max_iterations: Some(2000), ..Default::default() };
        let plan = rota::planner::solver::solve(&problem, &options, &rota::planner::solver::NoClock).expect("a plan");
        let on = |person: &str, date: &str| {
            plan.assignments.iter().any(|a| {
                a.person == person
                    && roster.body["shifts"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|s| s["id"] == a.shift.as_str() && s["local_date"] == date)
            })
        };
        assert!(!on(&ctx.member.id, "2026-04-01"));
        let tuesday_day = roster.body["shifts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["template"] == "Day" && s["local_date"] == "2026-03-31")
            .unwrap();
        assert!(!plan
            .assignments
            .iter()
            .any(|a| a.person == ctx.target.id && a.shift == tuesday_day["id"].as_str().unwrap()));
    })
    .await;
}
