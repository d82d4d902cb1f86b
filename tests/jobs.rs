//! Planning as a stored job through the real app: queued with 202, claimed by a
//! runner under a lease, the result stored by difference; jobs outlive the app that
//! queued them, an expired lease is taken over and its old holder cannot store,
//! cancel keeps the best plan, and a roster that changed meanwhile refuses the result.

mod common;

use std::collections::BTreeMap;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::rosters::state_before_march;
use common::{each_backend, request, send, Ctx, Reply};
use rota::http::{build_app, AppState};
use rota::jobs::{run_next, RunnerConfig};
use rota::planner::model::Problem;
use rota::service::jobs::run::{self, Heartbeat, Lease};
use rota::service::Context;
use serde_json::{json, Value};

fn lease(owner: &str) -> Lease {
    Lease { owner: owner.into(), length: chrono::Duration::seconds(30) }
}

fn desk(team: &str) -> Value {
    json!({
        "name": "EN", "time_zone": "Europe/Warsaw", "teams": [team],
        "shift_types": [{"id": "day", "name": "Day"}],
        "templates": [{"name": "Day", "shift_type": "day", "start": "08:00", "end": "16:00", "time_zone": "Europe/Warsaw",
                       "weekdays": [1, 2, 3, 4, 5], "min_headcount": 1, "target_headcount": 2}],
    })
}

/// A desk of team A and a two-week draft roster of it; the roster's id.
async fn draft<S, B>(app: &S, ctx: &Ctx) -> String
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let desk = send(app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(desk(&ctx.team_a))).await;
    let desk_id = desk.body["id"].as_str().unwrap();
    let roster = send(
        app,
        request("POST", &format!("/api/desks/{desk_id}/rosters"), Some(&ctx.manager.token))
            .set_json(json!({"from": "2026-03-09", "to": "2026-03-22"})),
    )
    .await;
    assert_eq!(roster.status, StatusCode::CREATED, "{}", roster.body);
    roster.body["id"].as_str().unwrap().to_string()
}

async fn plan<S, B>(app: &S, ctx: &Ctx, roster: &str, body: Value) -> Reply
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    send(app, request("POST", &format!("/api/rosters/{roster}/plan"), Some(&ctx.manager.token)).set_json(body)).await
}

/// (shift, person) → assignment id, from a roster answer.
fn assignment_ids(roster: &Value) -> BTreeMap<(String, String), String> {
    let mut ids = BTreeMap::new();
    for shift in roster["shifts"].as_array().unwrap() {
        for a in shift["assigned"].as_array().unwrap() {
            let key = (shift["id"].as_str().unwrap().to_string(), a["person_id"].as_str().unwrap().to_string());
            ids.insert(key, a["id"].as_str().unwrap().to_string());
        }
    }
    ids
}

#[actix_web::test]
async fn a_plan_job_is_queued_run_and_stored_and_a_second_plan_keeps_the_ids_it_keeps() {
    each_backend(|ctx| async move {
        let (state, _) = state_before_march(&ctx);
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let roster = draft(&app, &ctx).await;
        let problem =
            send(&app, request("GET", &format!("/api/rosters/{roster}/problem"), Some(&ctx.manager.token))).await;
        let problem: Problem = serde_json::from_value(problem.body).unwrap();

        let queued = plan(&app, &ctx, &roster, json!({"iterations": 3000, "seed": 3})).await;
        assert_eq!(queued.status, StatusCode::ACCEPTED, "{}", queued.body);
        let location = queued.headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
        assert_eq!(queued.body["status"], "queued");
        let twice = plan(&app, &ctx, &roster, json!({"iterations": 10})).await;
        assert_eq!((twice.status, twice.error_code()), (StatusCode::CONFLICT, "job_active"));
        let member = send(&app, request("GET", &location, Some(&ctx.member.token))).await;
        assert_eq!(member.status, StatusCode::FORBIDDEN);

        assert!(run_next(&service, &RunnerConfig::default(), &lease("runner-a")).unwrap());
        assert!(!run_next(&service, &RunnerConfig::default(), &lease("runner-a")).unwrap(), "nothing left");
        let job = send(&app, request("GET", &location, Some(&ctx.manager.token))).await;
        assert_eq!(job.body["status"], "succeeded", "{}", job.body);
        assert_eq!(job.body["progress"]["fraction"], 1.0);
        assert_eq!(job.body["result"]["hard_violations"], 0);
        let stored = job.body["result"]["assignments"].as_u64().unwrap();
        assert!(stored > 0);

        let got = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        let first = assignment_ids(&got.body);
        assert_eq!(first.len() as u64, stored);
        assert!(got.body["plan_report"]["score"]["by_person"].is_array(), "{}", got.body["plan_report"]);
        assert!(got.body["plan_report"]["shortfalls"].is_array());
        assert_eq!(got.etag(), "\"2\"", "storing a plan is a change of the roster");

        // `rota plan` on the problem the service built gives the same plan.
        let options = rota::planner::solver::SolveOptions {
            seed: 3,
            max_iterations: Some(3000),
            threads: 1,
            ..Default::default()
        };
        let again = rota::planner::solver::solve(&problem, &options, &rota::planner::solver::NoClock).unwrap();
        let same: std::collections::BTreeSet<(String, String)> =
            again.assignments.iter().map(|a| (a.shift.clone(), a.person.clone())).collect();
        assert_eq!(same, first.keys().cloned().collect(), "the job plans exactly what rota plan plans");

        // A second plan: what it keeps keeps its id.
        let queued = plan(&app, &ctx, &roster, json!({"iterations": 3000, "seed": 11})).await;
        assert_eq!(queued.status, StatusCode::ACCEPTED, "{}", queued.body);
        assert!(run_next(&service, &RunnerConfig::default(), &lease("runner-a")).unwrap());
        let got = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        let second = assignment_ids(&got.body);
        let kept: Vec<_> = second.iter().filter(|(pair, _)| first.contains_key(*pair)).collect();
        assert!(!kept.is_empty(), "the second plan keeps some of the first (change costs)");
        for (pair, id) in kept {
            assert_eq!(&first[pair], id, "a kept assignment keeps its id");
        }
    })
    .await;
}

#[actix_web::test]
async fn a_job_outlives_its_app_and_an_expired_lease_is_taken_over() {
    each_backend(|ctx| async move {
        let (state, clock) = state_before_march(&ctx);
        let service = state.service.clone();
        let roster = {
            let app = init_service(build_app(state)).await;
            let roster = draft(&app, &ctx).await;
            let queued = plan(&app, &ctx, &roster, json!({"iterations": 2000})).await;
            assert_eq!(queued.status, StatusCode::ACCEPTED);
            roster
        };
        // A new app on the same database (a restart) finds the job queued.
        let (state, _) = state_before_march(&ctx);
        let app = init_service(build_app(AppState {
            service: Context { clock: clock.clone(), ..state.service.clone() },
            ..state
        }))
        .await;

        // Runner A claims it and dies; its lease runs out; runner B takes over.
        let job = run::claim(&service, &lease("runner-a")).unwrap().expect("a job to claim");
        assert!(run::claim(&service, &lease("runner-b")).unwrap().is_none(), "a live lease is respected");
        clock.advance(chrono::Duration::seconds(31));
        assert!(run_next(&service, &RunnerConfig::default(), &lease("runner-b")).unwrap());
        let done = send(&app, request("GET", &format!("/api/jobs/{}", job.id), Some(&ctx.manager.token))).await;
        assert_eq!(
            (done.body["status"].as_str(), done.body["attempts"].as_u64()),
            (Some("succeeded"), Some(2)),
            "{}",
            done.body
        );
        // A wakes up: it neither renews nor stores.
        assert_eq!(run::heartbeat(&service, &job.id, &lease("runner-a"), Default::default()).unwrap(), Heartbeat::Lost);
        let problem = run::problem_for(&service, &job).unwrap();
        let options = rota::planner::solver::SolveOptions { seed: 99, max_iterations: Some(100), ..Default::default() };
        let stale_plan = rota::planner::solver::solve(&problem, &options, &rota::planner::solver::NoClock);
        assert!(!run::complete(&service, &job, &lease("runner-a"), &problem, stale_plan, Default::default()).unwrap());
        let roster = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        assert_eq!(roster.etag(), "\"2\"", "only B's result was stored");
    })
    .await;
}

#[actix_web::test]
async fn cancel_keeps_the_best_plan_and_a_finished_job_cannot_be_cancelled() {
    each_backend(|ctx| async move {
        let (state, _) = state_before_march(&ctx);
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let roster = draft(&app, &ctx).await;

        // Queued: cancelled at once.
        let queued = plan(&app, &ctx, &roster, json!({"seconds": 600})).await;
        let job = queued.body["id"].as_str().unwrap().to_string();
        let cancel = |job: &str| request("POST", &format!("/api/jobs/{job}/cancel"), Some(&ctx.manager.token));
        let cancelled = send(&app, cancel(&job)).await;
        assert_eq!(cancelled.body["status"], "cancelled", "{}", cancelled.body);
        let again = send(&app, cancel(&job)).await;
        assert_eq!((again.status, again.error_code()), (StatusCode::CONFLICT, "job_finished"));

        // Running with a ten-minute budget: asked to stop, it stops and keeps its plan.
        let queued = plan(&app, &ctx, &roster, json!({"seconds": 600})).await;
        let job_id = queued.body["id"].as_str().unwrap().to_string();
        let holder = lease("runner-a");
        let job = run::claim(&service, &holder).unwrap().unwrap();
        let asked = send(&app, cancel(&job_id)).await;
        assert_eq!(asked.body["cancel_requested"], true, "{}", asked.body);
        rota::jobs::plan_roster::execute(&service, &RunnerConfig::default(), &holder, &job).unwrap();
        let done = send(&app, request("GET", &format!("/api/jobs/{job_id}"), Some(&ctx.manager.token))).await;
        assert_eq!(done.body["status"], "cancelled", "{}", done.body);
        assert!(
            done.body["result"]["assignments"].as_u64().unwrap() > 0,
            "the best plan so far is kept: {}",
            done.body
        );
        let got = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        assert!(!assignment_ids(&got.body).is_empty());
    })
    .await;
}

#[actix_web::test]
async fn bad_budgets_published_rosters_and_changed_rosters_are_refused() {
    each_backend(|ctx| async move {
        let (state, _) = state_before_march(&ctx);
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let roster = draft(&app, &ctx).await;
        for (body, field) in [
            (json!({"seconds": 0}), "seconds"),
            (json!({"seconds": 601}), "seconds"),
            (json!({"iterations": 0}), "iterations"),
            (json!({"iterations": 1_000_000_001u64}), "iterations"),
            (json!({"seconds": 5, "iterations": 5}), "iterations"),
            (json!({"seed": 1}), "seconds"),
        ] {
            let reply = plan(&app, &ctx, &roster, body.clone()).await;
            assert_eq!(
                (reply.status, reply.error_field()),
                (StatusCode::UNPROCESSABLE_ENTITY, field),
                "{body}: {}",
                reply.body
            );
        }
        let foreign = send(
            &app,
            request("POST", &format!("/api/rosters/{roster}/plan"), Some(&ctx.other_manager.token))
                .set_json(json!({"iterations": 5})),
        )
        .await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN);

        // The roster changes while the job waits: its result is refused.
        let queued = plan(&app, &ctx, &roster, json!({"iterations": 500})).await;
        {
            let mut conn = service.pool.get().unwrap();
            rota::store::rosters::publish(&mut conn, &roster, 1, service.now()).unwrap();
        }
        assert!(run_next(&service, &RunnerConfig::default(), &lease("runner-a")).unwrap());
        let job = send(
            &app,
            request("GET", &format!("/api/jobs/{}", queued.body["id"].as_str().unwrap()), Some(&ctx.manager.token)),
        )
        .await;
        assert_eq!(
            (job.body["status"].as_str(), job.body["error"]["code"].as_str()),
            (Some("failed"), Some("roster_changed")),
            "{}",
            job.body
        );
        let got = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        assert!(assignment_ids(&got.body).is_empty(), "nothing stored");
        let published = plan(&app, &ctx, &roster, json!({"iterations": 5})).await;
        assert_eq!((published.status, published.error_code()), (StatusCode::CONFLICT, "roster_published"));
    })
    .await;
}

#[actix_web::test]
async fn a_published_plan_reaches_each_person_in_their_own_zone() {
    each_backend(|ctx| async move {
        let (state, _) = state_before_march(&ctx);
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let roster = draft(&app, &ctx).await;
        plan(&app, &ctx, &roster, json!({"iterations": 3000, "seed": 5})).await;
        assert!(run_next(&service, &RunnerConfig::default(), &lease("runner-a")).unwrap());
        let planned = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        let mine = |token: &str, query: &str| {
            request("GET", &format!("/api/me/shifts?from=2026-03-09&to=2026-03-22{query}"), Some(token))
        };
        let before = send(&app, mine(&ctx.member.token, "")).await;
        assert_eq!(before.body["shifts"], json!([]), "a draft reaches nobody");

        let publish = |etag: &str| {
            request("POST", &format!("/api/rosters/{roster}/publish"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, etag.to_string()))
        };
        let stale = send(&app, publish("\"1\"")).await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        let by_member = send(
            &app,
            request("POST", &format!("/api/rosters/{roster}/publish"), Some(&ctx.member.token))
                .insert_header((header::IF_MATCH, "*")),
        )
        .await;
        assert_eq!(by_member.status, StatusCode::FORBIDDEN);
        let published = send(&app, publish(&planned.etag())).await;
        assert_eq!(published.status, StatusCode::OK, "{}", published.body);
        assert_eq!(published.body["status"], "published");
        let twice = send(&app, publish(&published.etag())).await;
        assert_eq!((twice.status, twice.error_code()), (StatusCode::CONFLICT, "roster_published"));
        let member_reads = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.member.token))).await;
        assert_eq!(member_reads.status, StatusCode::OK, "staff read a published roster");

        // Everyone on it sees their shifts; the one who moved to New York in New York time.
        let ids = assignment_ids(&planned.body);
        let someone = ids.keys().map(|(_, person)| person.clone()).next().unwrap();
        let who = [&ctx.manager, &ctx.member, &ctx.target].into_iter().find(|a| a.id == someone).unwrap();
        let me = send(&app, request("GET", &format!("/api/people/{}", who.id), Some(&ctx.admin.token))).await;
        let moved = send(
            &app,
            request("PATCH", &format!("/api/people/{}", who.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, me.etag()))
                .set_json(json!({"time_zone": "America/New_York"})),
        )
        .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
        let theirs = send(&app, mine(&who.token, "")).await;
        assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
        assert_eq!(theirs.body["time_zone"], "America/New_York");
        let shifts = theirs.body["shifts"].as_array().unwrap();
        let expected = ids.keys().filter(|(_, person)| *person == who.id).count();
        assert_eq!(shifts.len(), expected);
        // 08:00 in Warsaw (CET) is 03:00 in New York (EDT from 8 March).
        assert!(shifts.iter().all(|s| s["start_local"].as_str().unwrap().ends_with("T03:00:00-04:00")), "{shifts:?}");
        assert!(shifts.iter().all(|s| s["desk_name"] == "EN" && s["minutes"] == 480));
        let kolkata = send(&app, mine(&who.token, "&tz=Asia/Kolkata")).await;
        assert!(
            kolkata.body["shifts"][0]["start_local"].as_str().unwrap().ends_with("T12:30:00+05:30"),
            "{}",
            kolkata.body
        );
        let bad = send(&app, mine(&who.token, "&tz=Mars/Base")).await;
        assert_eq!((bad.status, bad.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, "tz"));
        // Teammates on a shift with two people are named.
        if let Some(shared) = shifts.iter().find(|s| !s["with"].as_array().unwrap().is_empty()) {
            assert!(shared["with"][0]["name"].as_str().unwrap().contains(' '));
        }
    })
    .await;
}

#[actix_web::test]
async fn preferences_reach_the_planner_as_requests_and_the_plan_reports_how_many_were_met() {
    each_backend(|ctx| async move {
        let (state, _) = state_before_march(&ctx);
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let empty = send(&app, request("GET", "/api/me/preferences", Some(&ctx.member.token))).await;
        assert_eq!((empty.body["items"].clone(), empty.etag()), (json!([]), "\"0\"".to_string()));
        let wishes = json!({"items": [
            {"weekday": 5, "wish": "free", "weight": 8},
            {"date": "2026-03-10", "wish": "work", "weight": 5},
        ]});
        let put = |etag: &str, body: &Value| {
            request("PUT", "/api/me/preferences", Some(&ctx.member.token))
                .insert_header((header::IF_MATCH, etag.to_string()))
                .set_json(body)
        };
        let saved = send(&app, put("\"0\"", &wishes)).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        assert_eq!(saved.etag(), "\"1\"");
        let stale = send(&app, put("\"0\"", &wishes)).await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        for (bad, field) in [
            (json!({"items": [{"wish": "free", "weight": 1}]}), "items[0].date"),
            (json!({"items": [{"weekday": 8, "wish": "free", "weight": 1}]}), "items[0].weekday"),
            (json!({"items": [{"weekday": 1, "wish": "free", "weight": 11}]}), "items[0].weight"),
            (
                json!({"items": [{"weekday": 1, "wish": "free", "weight": 1, "shift_type": "Night!"}]}),
                "items[0].shift_type",
            ),
        ] {
            let reply = send(&app, put("*", &bad)).await;
            assert_eq!((reply.status, reply.error_field()), (StatusCode::UNPROCESSABLE_ENTITY, field), "{bad}");
        }

        let roster = draft(&app, &ctx).await;
        let problem =
            send(&app, request("GET", &format!("/api/rosters/{roster}/problem"), Some(&ctx.manager.token))).await;
        let problem: Problem = serde_json::from_value(problem.body).unwrap();
        let member = problem.people.iter().find(|p| p.id == ctx.member.id).unwrap();
        // Two Fridays in the horizon (13 and 20 March) and the Tuesday.
        assert_eq!(member.requests.len(), 3, "{:?}", member.requests);
        plan(&app, &ctx, &roster, json!({"iterations": 3000})).await;
        assert!(run_next(&service, &RunnerConfig::default(), &lease("runner-a")).unwrap());
        let planned = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        let wishes = planned.body["plan_report"]["wishes"].as_array().unwrap();
        let mine = wishes.iter().find(|w| w["person_id"] == ctx.member.id.as_str()).unwrap();
        assert_eq!(mine["asked"], 3);
        assert!(mine["met"].as_u64().unwrap() >= 2, "most wishes are cheap to meet here: {mine}");
    })
    .await;
}

#[actix_web::test]
async fn a_planned_roster_reads_by_person_in_their_own_zone_and_by_day() {
    each_backend(|ctx| async move {
        let (state, _) = state_before_march(&ctx);
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let roster = draft(&app, &ctx).await;
        plan(&app, &ctx, &roster, json!({"iterations": 2000, "seed": 1})).await;
        assert!(run_next(&service, &RunnerConfig::default(), &lease("runner-a")).unwrap());
        // The target moves to New York after the plan: their shifts read in their zone now.
        let target =
            send(&app, request("GET", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))).await;
        let moved = send(
            &app,
            request("PATCH", &format!("/api/people/{}", ctx.target.id), Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, target.etag()))
                .set_json(json!({"time_zone": "America/New_York"})),
        )
        .await;
        assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);

        let plain = send(&app, request("GET", &format!("/api/rosters/{roster}"), Some(&ctx.manager.token))).await;
        let assigned = assignment_ids(&plain.body);
        assert!(plain.body.get("by_person").is_none() && plain.body.get("by_day").is_none());
        let named = &plain.body["shifts"][0]["assigned"][0];
        assert!(!named["name"].as_str().unwrap().is_empty(), "{named}");

        let people =
            send(&app, request("GET", &format!("/api/rosters/{roster}?by=person"), Some(&ctx.manager.token))).await;
        assert_eq!(people.status, StatusCode::OK, "{}", people.body);
        let rows = people.body["by_person"].as_array().unwrap();
        let total: u64 = rows.iter().map(|p| p["shift_count"].as_u64().unwrap()).sum();
        assert_eq!(total, assigned.len() as u64, "every assignment once");
        for row in rows {
            let shifts = row["shifts"].as_array().unwrap();
            assert_eq!(row["shift_count"].as_u64().unwrap() as usize, shifts.len());
            assert_eq!(row["minutes"].as_i64().unwrap(), 480 * shifts.len() as i64);
            for shift in shifts {
                let key =
                    (shift["shift_id"].as_str().unwrap().to_string(), row["person_id"].as_str().unwrap().to_string());
                assert_eq!(assigned[&key], shift["assignment_id"].as_str().unwrap());
            }
        }
        let row = rows.iter().find(|p| p["person_id"] == ctx.target.id.as_str()).expect("the target is on the plan");
        assert_eq!(row["time_zone"], "America/New_York");
        let first = &row["shifts"][0];
        // 08:00 in Warsaw (UTC+1 before 29 March) is 03:00 in New York (UTC-4 after 8 March).
        assert!(first["start_local"].as_str().unwrap().ends_with("T03:00:00-04:00"), "{first}");

        let days = send(&app, request("GET", &format!("/api/rosters/{roster}?by=day"), Some(&ctx.manager.token))).await;
        let days = days.body["by_day"].as_array().unwrap();
        assert_eq!(days.len(), 10, "two weeks of weekdays");
        assert_eq!((days[0]["date"].as_str(), days[0]["weekday"].as_u64()), (Some("2026-03-09"), Some(1)));
        let on_days: usize = days
            .iter()
            .flat_map(|d| d["shifts"].as_array().unwrap())
            .map(|s| s["people"].as_array().unwrap().len())
            .sum();
        assert_eq!(on_days, assigned.len());

        let bad = send(&app, request("GET", &format!("/api/rosters/{roster}?by=team"), Some(&ctx.manager.token))).await;
        assert_eq!((bad.status, bad.error_field()), (StatusCode::BAD_REQUEST, "by"));
    })
    .await;
}

#[actix_web::test]
async fn two_runners_on_their_own_pools_share_one_queue_and_run_every_job_once() {
    each_backend(|ctx| async move {
        let (state, _) = state_before_march(&ctx);
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let desk =
            send(&app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(desk(&ctx.team_a))).await;
        let desk_id = desk.body["id"].as_str().unwrap().to_string();
        let mut jobs = Vec::new();
        for week in 0..6 {
            let from = chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap() + chrono::Duration::weeks(week);
            let roster = send(
                &app,
                request("POST", &format!("/api/desks/{desk_id}/rosters"), Some(&ctx.manager.token))
                    .set_json(json!({"from": from, "to": from + chrono::Duration::days(6)})),
            )
            .await;
            let id = roster.body["id"].as_str().unwrap().to_string();
            let queued = plan(&app, &ctx, &id, json!({"iterations": 20000, "seed": 1})).await;
            assert_eq!(queued.status, StatusCode::ACCEPTED, "{}", queued.body);
            jobs.push(queued.headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string());
        }

        // Two "processes": each its own pool on the same database and its own lease name.
        let runners: Vec<_> = ["serve-1", "serve-2"]
            .into_iter()
            .map(|owner| {
                let pool = rota::store::pool::connect(&ctx.database_url).unwrap();
                let own = Context { pool, ..service.clone() };
                std::thread::spawn(move || {
                    let mut ran = 0;
                    while run_next(&own, &RunnerConfig::default(), &lease(owner)).unwrap() {
                        ran += 1;
                    }
                    ran
                })
            })
            .collect();
        let ran: Vec<usize> = runners.into_iter().map(|r| r.join().unwrap()).collect();
        assert_eq!(ran.iter().sum::<usize>(), jobs.len(), "every job claimed exactly once: {ran:?}");
        for location in jobs {
            let job = send(&app, request("GET", &location, Some(&ctx.manager.token))).await;
            assert_eq!(job.body["status"], "succeeded", "{}", job.body);
            assert_eq!(job.body["attempts"], 1, "{}", job.body);
        }
    })
    .await;
}
