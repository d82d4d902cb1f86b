//! The desk pages through the real app: the list, a desk's week drawn in its zone and
//! in UTC with what the coverage check found, and the same access as the API.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::pages::{fetch, get, sign_in};
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
        assert!(html.contains("<th scope=\"rowgroup\" colspan=\"19\" class=\"who\">Warsaw Support</th>"), "{html}");
        let row = &html[html.find("Piotr Member").unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains("<td class=\"cell work type-0\" title=\"Day Tue 31 Mar 08:00–16:00 (Europe/Warsaw; desk 08:00–16:00)\" tabindex=\"0\">D</td>"), "{row}");
        assert!(row.contains("<td class=\"cell leave\" title=\"approved time off\" tabindex=\"0\">Lv</td>"), "{row}");
        assert!(row.contains(">Hol</td>"), "Easter Monday in Poland: {row}");
        assert!(row.contains("<td class=\"total\">8.0<span class=\"of\">/"), "{row}");
        // Above the people: the Day of Tuesday has one of its two.
        assert!(html.contains("title=\"1 assigned; at least 0, ideally 2\">1/2</td>"), "{html}");
        let member_session = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let refused = fetch(&app, get(&format!("/rosters/{roster_id}"), Some(&member_session))).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "a draft is the managers' working copy");
        let desk_page = fetch(&app, get(&format!("/desks/{desk_id}"), Some(&manager))).await;
        assert!(desk_page.html.contains(&format!("href=\"/rosters/{roster_id}\">Mon 30 Mar – Sun 12 Apr 2026</a>")), "{}", desk_page.html);
    })
    .await;
}
