//! Editing from the roster board through the real app: a shift's panel with the
//! planner's reason per candidate, an edit a rule refuses shown with the rule, the
//! person and the reason, forced with a reason and marked, a stale page told, and the
//! checker's word on the roster as it stands (score, rules broken now, skill filter).

mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::pages::{fetch, get, post, sign_in};
use common::rosters::{approved_leave, en_desk, state_before_march};
use common::{each_backend, request, send, PASSWORD};
use rota::http::build_app;
use serde_json::json;

fn shift_id(roster: &serde_json::Value, template: &str, date: &str) -> String {
    let shifts = roster["shifts"].as_array().unwrap();
    let shift = shifts.iter().find(|s| s["template"] == template && s["local_date"] == date).unwrap();
    shift["id"].as_str().unwrap().to_string()
}

/// The value of the first hidden `name` field of the page.
fn field(html: &str, name: &str) -> String {
    html.split(&format!("name=\"{name}\" value=\"")).nth(1).unwrap().split('"').next().unwrap().to_string()
}

#[actix_web::test]
async fn a_manager_edits_from_the_board_reads_why_a_rule_refuses_and_forces_with_a_reason() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let mut body = en_desk(&ctx.team_a);
        body["templates"][0]["min_headcount"] = json!(2);
        let desk = send(&app, request("POST", "/api/desks", Some(&ctx.manager.token)).set_json(body)).await;
        let uri = format!("/api/desks/{}/rosters", desk.body["id"].as_str().unwrap());
        let roster = send(
            &app,
            request("POST", &uri, Some(&ctx.manager.token)).set_json(json!({"from": "2026-03-30", "to": "2026-04-12"})),
        )
        .await;
        let id = roster.body["id"].as_str().unwrap().to_string();
        let (day_tue, night_mon) =
            (shift_id(&roster.body, "Day", "2026-03-31"), shift_id(&roster.body, "Night", "2026-03-30"));
        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let edits = format!("/rosters/{id}/assignments");

        // The Day of Tuesday: nobody on it, short of its two, each candidate with the
        // planner's reason; add Piotr from it.
        let panel = fetch(&app, get(&format!("/rosters/{id}?shift={day_tue}"), Some(&manager))).await;
        assert_eq!(panel.status, StatusCode::OK, "{}", panel.html);
        assert!(panel.html.contains("Day Tue 31 Mar 08:00–16:00 (Europe/Warsaw)"), "{}", panel.html);
        assert!(panel.html.contains("0 assigned; at least 2, ideally 2"), "{}", panel.html);
        assert!(panel.html.contains("Short of headcount: 0 of 2"), "{}", panel.html);
        assert!(panel.html.contains("<th scope=\"row\">Tomasz Target</th>"), "{}", panel.html);
        assert!(panel.html.contains("Free to take it: could take it; the search did not"), "{}", panel.html);
        let (csrf, version) = (panel.csrf(), field(&panel.html, "version"));
        let added = fetch(
            &app,
            post(
                &edits,
                Some(&manager),
                &[
                    ("csrf", &csrf),
                    ("version", &version),
                    ("shift", &day_tue),
                    ("add", &ctx.member.id),
                    ("panel_shift", &day_tue),
                ],
            ),
        )
        .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.html);
        assert_eq!(added.location(), format!("/rosters/{id}?saved=1&shift={day_tue}#panel"));
        let shown = fetch(&app, get(added.location(), Some(&manager))).await;
        assert!(shown.html.contains("role=\"status\">Saved.</p>"), "{}", shown.html);
        assert!(shown.html.contains("Short of headcount: 1 of 2"), "{}", shown.html);
        assert!(shown.html.contains("<strong>Piotr Member</strong>"), "{}", shown.html);

        // Piotr's Monday: the night before his Tuesday day breaks the rest and the
        // rotation rules; the page names both, for him, and offers to force.
        let monday = fetch(&app, get(&format!("/rosters/{id}?p={}&d=0", ctx.member.id), Some(&manager))).await;
        assert!(monday.html.contains("Piotr Member · Mon 30 Mar 2026"), "{}", monday.html);
        assert!(monday.html.contains("Put on Night 22:00–06:00 (+1 day)"), "{}", monday.html);
        let version = field(&monday.html, "version");
        let night = [
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("shift", night_mon.as_str()),
            ("add", ctx.member.id.as_str()),
            ("p", ctx.member.id.as_str()),
            ("d", "0"),
        ];
        let refused = fetch(&app, post(&edits, Some(&manager), &night)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.html);
        let html = &refused.html;
        assert!(html.contains("Not saved: the change breaks 2 hard rules."), "{html}");
        assert!(html.contains("<strong>Rest between shifts</strong> — Piotr Member: "), "{html}");
        assert!(html.contains("<strong>Shift order</strong> — Piotr Member: "), "{html}");
        let breaks = &html[html.find("<ul class=\"breaks\">").unwrap()..];
        let breaks = &breaks[..breaks.find("</ul>").unwrap()];
        assert!(!breaks.contains("MIN_REST") && !breaks.contains(&night_mon), "no raw codes or ids: {breaks}");
        assert!(html.contains("Force with this reason") && html.contains("Piotr Member · Mon 30 Mar 2026"), "{html}");

        let mut forced = night.to_vec();
        forced.push(("force", "1"));
        let unexplained = fetch(&app, post(&edits, Some(&manager), &forced)).await;
        assert_eq!(unexplained.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unexplained.html.contains("id=\"reason-error\">say why the edit is forced</p>"),
            "{}",
            unexplained.html
        );
        forced.push(("reason", "cover for the launch night, agreed with Piotr"));
        let saved = fetch(&app, post(&edits, Some(&manager), &forced)).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
        let board = fetch(&app, get(saved.location(), Some(&manager))).await;
        let html = &board.html;
        assert!(html.contains("Saved, forced: the cell is marked with !"), "{html}");
        let row = &html[html.find("<th scope=\"row\" class=\"who\">Piotr Member").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains("class=\"cell work type-1 forced week-start\""), "{row}");
        assert!(row.contains(">N!</a>"), "{row}");
        assert!(row.contains("forced: cover for the launch night, agreed with Piotr"), "{row}");
        assert!(html.contains("Forced on a manager's word"), "{html}");
        assert!(html.contains("forced: cover for the launch night"), "{html}");

        // An edit made on the page before the forced one: told, nothing written.
        let stale = fetch(&app, post(&edits, Some(&manager), &night)).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.html);
        assert!(stale.html.contains("someone changed the roster since you opened it"), "{}", stale.html);
        assert!(stale.html.contains(">N!</a>"), "the roster as it is now");
        let api = send(&app, request("GET", &format!("/api/rosters/{id}"), Some(&ctx.manager.token))).await;
        let on_night: Vec<&serde_json::Value> = api.body["shifts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["id"] == night_mon.as_str())
            .flat_map(|s| s["assigned"].as_array().unwrap())
            .collect();
        assert_eq!(on_night.len(), 1, "{}", api.body);
        assert_eq!(on_night[0]["forced"], true);

        // Members edit nothing, as the API answers them.
        let member = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let token = fetch(&app, get("/", Some(&member))).await.csrf();
        let version = field(&board.html, "version");
        let theirs = fetch(
            &app,
            post(
                &edits,
                Some(&member),
                &[("csrf", &token), ("version", &version), ("shift", &day_tue), ("remove", &ctx.member.id)],
            ),
        )
        .await;
        assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[actix_web::test]
async fn the_board_judges_the_roster_as_it_stands_and_dims_who_lacks_a_skill() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        let (id, _) = common::rosters::member_on_tuesday(&app, &ctx, "2026-03-30", "2026-04-12").await;
        // Time off approved after Piotr was put on Tuesday: a hard rule broken now.
        let leave = approved_leave(&app, &ctx, &ctx.member, "2026-03-31", "2026-03-31").await;
        assert_eq!(leave.status, StatusCode::OK, "{}", leave.body);
        // Tomasz speaks German.
        let uri = format!("/api/people/{}", ctx.target.id);
        let target = send(&app, request("GET", &uri, Some(&ctx.admin.token))).await;
        let changed = send(
            &app,
            request("PATCH", &uri, Some(&ctx.admin.token))
                .insert_header((header::IF_MATCH, target.etag()))
                .set_json(json!({"skills": {"languages": ["en", "pl", "de"], "tier": "L1", "channels": []}})),
        )
        .await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);

        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let board = fetch(&app, get(&format!("/rosters/{id}"), Some(&manager))).await;
        let html = &board.html;
        assert!(html.contains("Hard rules broken now"), "{html}");
        assert!(html.contains("<strong>Time off</strong> — Piotr Member: "), "{html}");
        assert!(html.contains("class=\"cell work type-0 clash\""), "the cell says it too: {html}");
        assert!(html.contains("<h2 id=\"score-heading\">Score "), "{html}");
        assert!(html.contains("<th scope=\"row\">Shifts below target</th>"), "{html}");
        assert!(html.contains("<option value=\"lang:de\">Speaks de</option>"), "{html}");
        assert!(!html.contains("<tr class=\"dim\">"));

        let german = fetch(&app, get(&format!("/rosters/{id}?skill=lang:de"), Some(&manager))).await;
        let html = &german.html;
        assert!(html.contains("<option value=\"lang:de\" selected>Speaks de</option>"), "{html}");
        assert!(html.contains("<tr class=\"dim\">\n      <th scope=\"row\" class=\"who\">Piotr Member"), "{html}");
        assert!(html.contains("<tr>\n      <th scope=\"row\" class=\"who\">Tomasz Target"), "{html}");
        assert!(html.contains("href=\"?skill=lang%3Ade&#38;p="), "links keep the filter: {html}");
        let unknown = fetch(&app, get(&format!("/rosters/{id}?skill=%3Cscript%3E"), Some(&manager))).await;
        assert_eq!(unknown.status, StatusCode::OK);
        assert!(!unknown.html.contains("<script>") && !unknown.html.contains("<tr class=\"dim\">"));
    })
    .await;
}
