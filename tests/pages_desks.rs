//! The desk pages through the real app: the list, a desk's week drawn in its zone and
//! in UTC with what the coverage check found, and the same access as the API.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::pages::{fetch, get, post, sign_in};
use common::rosters::en_desk;
use common::{each_backend, request, send, PASSWORD};
use rota::http::build_app;
use serde_json::json;

/// The header's main navigation.
fn main_nav(html: &str) -> &str {
    let start = html.find("aria-label=\"Main\"").unwrap();
    &html[start..start + html[start..].find("</nav>").unwrap()]
}

#[actix_web::test]
async fn a_desk_page_draws_its_week_in_both_zones_and_says_what_the_check_found() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let mut body = en_desk(&ctx.team_a);
        // 24/5 from Monday 00:00: the day, German and night templates leave 20:00–22:00 open.
        body["coverage"] = json!([{"opens": {"weekday": 1, "time": "00:00", "time_zone": "Europe/Warsaw"},
                                   "closes": {"weekday": 6, "time": "00:00", "time_zone": "Europe/Warsaw"}}]);
        let desk = send(&app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(body)).await;
        assert_eq!(desk.status, StatusCode::CREATED, "{}", desk.body);
        let id = desk.body["id"].as_str().unwrap();

        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let list = fetch(&app, get("/desks", Some(&manager))).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.html.contains(&format!("<a href=\"/desks/{id}\">EN</a>")), "{}", list.html);
        assert!(main_nav(&list.html).contains("href=\"/desks\""), "managers have the desks in the nav");

        // The week of the spring change: Warsaw's week is 167 hours, UTC's 168.
        let page = fetch(&app, get(&format!("/desks/{id}?week=2026-03-25"), Some(&manager))).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.html);
        assert!(page.html.contains("Coverage, Week of 23 Mar 2026"), "any day picks its Monday");
        assert_eq!(page.html.matches("<svg ").count(), 2);
        assert!(
            page.html.contains("<figcaption>In Europe/Warsaw</figcaption>")
                && page.html.contains("<figcaption>In UTC</figcaption>")
        );
        assert_eq!(
            page.html.matches("class=\"shift type-0\"").count(),
            2 * 2 * 5,
            "day and German, five days, two views"
        );
        assert!(
            page.html.contains(
                "<title>Day Mon 23 Mar 08:00–16:00 (Mon 23 Mar 08:00–16:00 Europe/Warsaw), 0–2 people</title>"
            ),
            "{}",
            page.html
        );
        assert!(
            page.html.contains(
                "<title>Day Mon 23 Mar 07:00–15:00 (Mon 23 Mar 08:00–16:00 Europe/Warsaw), 0–2 people</title>"
            ),
            "the UTC view in UTC"
        );
        assert!(
            page.html.contains("<span class=\"when\">Mon 23 Mar 20:00–22:00</span> <span>no shift covers it</span>"),
            "{}",
            page.html
        );
        assert!(page.html.contains("<td class=\"times\">22:00–06:00 Europe/Warsaw</td>"));

        let bad = fetch(&app, get(&format!("/desks/{id}?week=next"), Some(&manager))).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.html.contains("a date is YYYY-MM-DD"), "{}", bad.html);

        // As the API answers: a member of the desk's team reads it (without the nav
        // link), the other team's member does not, nor an unknown id.
        let member = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let read = fetch(&app, get(&format!("/desks/{id}"), Some(&member))).await;
        assert_eq!(read.status, StatusCode::OK);
        assert!(!main_nav(&read.html).contains("href=\"/desks\""), "{}", main_nav(&read.html));
        let outsider = sign_in(&app, &ctx.other_member.email, PASSWORD).await;
        let api = send(&app, request("GET", &format!("/api/desks/{id}"), Some(&ctx.other_member.token))).await;
        let refused = fetch(&app, get(&format!("/desks/{id}"), Some(&outsider))).await;
        assert_eq!(refused.status, api.status, "{}", refused.html);
        assert!(refused.status.is_client_error());
        let listed = fetch(&app, get("/desks", Some(&outsider))).await;
        assert!(listed.html.contains("No desk is staffed by a team of yours."));
        assert_eq!(fetch(&app, get("/desks/no-such-desk", Some(&manager))).await.status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[actix_web::test]
async fn the_roster_board_shows_shifts_leave_holidays_cover_and_totals() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(common::rosters::state_before_march(&ctx).0)).await;
        let (roster_id, _) = common::rosters::member_on_tuesday(&app, &ctx, "2026-03-30", "2026-04-12").await;
        let roster = send(&app, request("GET", &format!("/api/rosters/{roster_id}"), Some(&ctx.manager.token))).await;
        let desk_id = roster.body["desk_id"].as_str().unwrap().to_string();
        let leave = common::rosters::approved_leave(&app, &ctx, &ctx.member, "2026-04-02", "2026-04-02").await;
        assert_eq!(leave.status, StatusCode::OK, "{}", leave.body);

        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let board = fetch(&app, get(&format!("/rosters/{roster_id}"), Some(&manager))).await;
        assert_eq!(board.status, StatusCode::OK, "{}", board.html);
        let html = &board.html;
        assert!(html.contains("Roster Mon 30 Mar – Sun 12 Apr 2026 <span class=\"state state-pending\">draft</span>"), "{html}");
        assert!(html.contains("<th scope=\"rowgroup\" colspan=\"21\" class=\"who\">Warsaw Support</th>"), "{html}");
        let row = &html[html.find("Piotr Member").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains("<td class=\"cell work type-0\" title=\"Day Tue 31 Mar 08:00–16:00 (Europe/Warsaw; desk 08:00–16:00)\"><a href=\"?p="), "{row}");
        assert!(row.contains("<td class=\"cell leave\" title=\"approved time off\"><a href="), "{row}");
        assert!(row.contains(">Hol</a></td>"), "Easter Monday in Poland: {row}");
        assert!(row.contains("<td class=\"cell off\" title=\"day off\"><a href=\"?p="), "a day off is shown as one: {row}");
        assert!(row.contains("<td class=\"total\">8.0<span class=\"of\">/"), "{row}");
        // Above the people: the Day of Tuesday has one of its two.
        assert!(html.contains("title=\"1 assigned; at least 0, ideally 2\"><a href=\"?shift="), "{html}");
        let member_session = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let refused = fetch(&app, get(&format!("/rosters/{roster_id}"), Some(&member_session))).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "a draft is the managers' working copy");
        let desk_page = fetch(&app, get(&format!("/desks/{desk_id}"), Some(&manager))).await;
        assert!(desk_page.html.contains(&format!("href=\"/rosters/{roster_id}\">Mon 30 Mar – Sun 12 Apr 2026</a>")), "{}", desk_page.html);
    })
    .await;
}

#[actix_web::test]
async fn a_manager_plans_watches_cancels_and_publishes_from_the_board() {
    each_backend(|ctx| async move {
        let (state, _clock) = common::rosters::state_before_march(&ctx);
        let service = state.service.clone();
        let app = init_service(build_app(state)).await;
        let (roster_id, _) = common::rosters::member_on_tuesday(&app, &ctx, "2026-03-30", "2026-04-12").await;
        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let board = fetch(&app, get(&format!("/rosters/{roster_id}"), Some(&manager))).await;
        assert!(board.html.contains(&format!("action=\"/rosters/{roster_id}/plan\"")), "{}", board.html);
        let csrf = board.csrf();

        // Plan: a queued job the board follows, its progress readable by the page's script.
        let planned = fetch(
            &app,
            post(&format!("/rosters/{roster_id}/plan"), Some(&manager), &[("csrf", &csrf), ("seconds", "30")]),
        )
        .await;
        assert_eq!(planned.status, StatusCode::SEE_OTHER);
        let job = planned.location().rsplit("job=").next().unwrap().to_string();
        let watching = fetch(&app, get(planned.location(), Some(&manager))).await;
        assert!(watching.html.contains(&format!("data-progress-url=\"/jobs/{job}/progress\"")), "{}", watching.html);
        assert!(watching.html.contains("<meta http-equiv=\"refresh\" content=\"3\">"), "without script it refreshes");
        let progress = fetch(&app, get(&format!("/jobs/{job}/progress"), Some(&manager))).await;
        assert_eq!(progress.status, StatusCode::OK);
        let progress: serde_json::Value = serde_json::from_str(&progress.html).unwrap();
        assert_eq!(
            progress,
            json!({"status": "queued", "permille": 0, "best_score": null, "hard_violations": null, "done": false})
        );
        let twice = fetch(
            &app,
            post(&format!("/rosters/{roster_id}/plan"), Some(&manager), &[("csrf", &csrf), ("seconds", "10")]),
        )
        .await;
        let refused = fetch(&app, get(twice.location(), Some(&manager))).await;
        assert!(refused.html.contains("A plan is already running on this roster"), "{}", refused.html);
        let member = sign_in(&app, &ctx.member.email, PASSWORD).await;
        assert_eq!(
            fetch(&app, get(&format!("/jobs/{job}/progress"), Some(&member))).await.status,
            StatusCode::FORBIDDEN
        );

        // Cancel: a queued job stops at once.
        let cancelled = fetch(
            &app,
            post(&format!("/rosters/{roster_id}/plan/cancel"), Some(&manager), &[("csrf", &csrf), ("job", &job)]),
        )
        .await;
        let after = fetch(&app, get(cancelled.location(), Some(&manager))).await;
        assert!(after.html.contains("Last plan: cancelled"), "{}", after.html);

        // A plan that runs (an iteration budget through the API, so the test is quick).
        let queued = send(
            &app,
            request("POST", &format!("/api/rosters/{roster_id}/plan"), Some(&ctx.manager.token))
                .set_json(json!({"iterations": 2000, "seed": 1})),
        )
        .await;
        let ran = queued.body["id"].as_str().unwrap().to_string();
        let lease =
            rota::service::jobs::run::Lease { owner: "page-test".into(), length: chrono::Duration::seconds(30) };
        assert!(rota::jobs::run_next(&service, &rota::jobs::RunnerConfig::default(), &lease).unwrap());
        let done = fetch(&app, get(&format!("/rosters/{roster_id}?job={ran}"), Some(&manager))).await;
        assert!(done.html.contains("Last plan: succeeded") && done.html.contains("hard-rule breaks"), "{}", done.html);
        let progress = fetch(&app, get(&format!("/jobs/{ran}/progress"), Some(&manager))).await;
        assert!(progress.html.contains("\"done\":true"), "{}", progress.html);

        // Publish with the version the page showed; a stale page is told, not overruled.
        let stale = fetch(
            &app,
            post(&format!("/rosters/{roster_id}/publish"), Some(&manager), &[("csrf", &csrf), ("version", "1")]),
        )
        .await;
        let told = fetch(&app, get(stale.location(), Some(&manager))).await;
        assert!(told.html.contains("Someone changed the roster since you opened it"), "{}", told.html);
        let version =
            told.html.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let published = fetch(
            &app,
            post(&format!("/rosters/{roster_id}/publish"), Some(&manager), &[("csrf", &csrf), ("version", &version)]),
        )
        .await;
        assert_eq!(published.location(), format!("/rosters/{roster_id}?published=1"));
        let shown = fetch(&app, get(published.location(), Some(&manager))).await;
        assert!(
            shown.html.contains("Published: its people see it") && shown.html.contains("state-approved\">published"),
            "{}",
            shown.html
        );
        assert!(
            !shown.html.contains(&format!("action=\"/rosters/{roster_id}/plan\"")),
            "no plan button on a published roster"
        );
        let again = fetch(
            &app,
            post(&format!("/rosters/{roster_id}/plan"), Some(&manager), &[("csrf", &csrf), ("seconds", "10")]),
        )
        .await;
        let refused = fetch(&app, get(again.location(), Some(&manager))).await;
        assert!(refused.html.contains("The roster is published"), "{}", refused.html);
        let forged = fetch(
            &app,
            post(&format!("/rosters/{roster_id}/plan"), Some(&manager), &[("csrf", "forged"), ("seconds", "10")]),
        )
        .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[actix_web::test]
async fn a_draft_is_created_once_per_form_from_the_desk_page_with_errors_beside_the_dates() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(common::rosters::state_before_march(&ctx).0)).await;
        let desk =
            send(&app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(en_desk(&ctx.team_a))).await;
        let desk_id = desk.body["id"].as_str().unwrap();
        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let page = fetch(&app, get(&format!("/desks/{desk_id}"), Some(&manager))).await;
        assert!(page.html.contains(&format!("action=\"/desks/{desk_id}/rosters\"")), "{}", page.html);
        let csrf = page.csrf();
        let form_id =
            page.html.split("name=\"form_id\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let path = format!("/desks/{desk_id}/rosters");
        let fields = |from: &'static str, to: &'static str, id: String| {
            vec![("csrf", csrf.clone()), ("form_id", id), ("from", from.to_string()), ("to", to.to_string())]
        };
        let send_form = |f: Vec<(&'static str, String)>| {
            let owned: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(&path, Some(&manager), &owned)
        };

        let backwards = fetch(&app, send_form(fields("2026-04-13", "2026-04-01", form_id.clone()))).await;
        assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(backwards.html.contains("id=\"roster-to-error\">`to` is before `from`"), "{}", backwards.html);
        assert!(backwards.html.contains("value=\"2026-04-13\""), "the input is kept");

        let created = fetch(&app, send_form(fields("2026-04-13", "2026-04-26", form_id.clone()))).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.html);
        assert!(created.location().starts_with("/rosters/"));
        let again = fetch(&app, send_form(fields("2026-04-13", "2026-04-26", form_id.clone()))).await;
        assert_eq!(again.location(), created.location(), "the same form twice: one draft, the first one shown");
        let listed =
            send(&app, request("GET", &format!("/api/desks/{desk_id}/rosters"), Some(&ctx.manager.token))).await;
        assert_eq!(listed.body.as_array().unwrap().len(), 1);

        let overlap = fetch(&app, send_form(fields("2026-04-20", "2026-05-03", "another-form".into()))).await;
        assert_eq!(overlap.status, StatusCode::CONFLICT);
        assert!(overlap.html.contains("id=\"roster-from-error\">the desk&#39;s roster"), "{}", overlap.html);

        let member = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let member_page = fetch(&app, get(&format!("/desks/{desk_id}"), Some(&member))).await;
        assert!(!member_page.html.contains(&format!("action=\"/desks/{desk_id}/rosters\"")), "members get no form");
        let token = member_page.csrf();
        let refused = fetch(
            &app,
            post(
                &path,
                Some(&member),
                &[("csrf", &token), ("form_id", "m1"), ("from", "2026-06-01"), ("to", "2026-06-14")],
            ),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "as the API answers");
    })
    .await;
}
