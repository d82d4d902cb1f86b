//! The manager's time-off queue through the real app: what approving would hit, a
//! rejection without a reason refused next to its field, a decision someone else made
//! first, and members refused as the API refuses them.

mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use common::pages::{fetch, get, post, sign_in};
use common::rosters::{member_on_tuesday, state_before_march};
use common::{each_backend, request, send, PASSWORD};
use rota::http::build_app;
use serde_json::json;

#[actix_web::test]
async fn the_queue_shows_what_an_approval_hits_and_decisions_go_through_the_apis_rules() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(state_before_march(&ctx).0)).await;
        // The member works the published Day on Tuesday 31 March.
        let (roster_id, etag) = member_on_tuesday(&app, &ctx, "2026-03-30", "2026-04-05").await;
        let published = send(
            &app,
            request("POST", &format!("/api/rosters/{roster_id}/publish"), Some(&ctx.manager.token))
                .insert_header((header::IF_MATCH, etag)),
        )
        .await;
        assert_eq!(published.status, StatusCode::OK, "{}", published.body);
        let ask = |from: &str, to: &str, note: &str| {
            request("POST", &format!("/api/people/{}/time-off", ctx.member.id), Some(&ctx.member.token))
                .set_json(json!({"from": from, "to": to, "reason": "vacation", "note": note}))
        };
        let easter = send(&app, ask("2026-03-30", "2026-04-03", "Easter with family")).await;
        let later = send(&app, ask("2026-05-04", "2026-05-04", "")).await;
        assert_eq!((easter.status, later.status), (StatusCode::CREATED, StatusCode::CREATED));
        let (easter_id, later_id) = (easter.body["id"].as_str().unwrap(), later.body["id"].as_str().unwrap());

        let manager = sign_in(&app, &ctx.manager.email, PASSWORD).await;
        let queue = fetch(&app, get("/team/time-off", Some(&manager))).await;
        assert_eq!(queue.status, StatusCode::OK, "{}", queue.html);
        assert!(queue.html.contains("Piotr Member"), "{}", queue.html);
        assert!(queue.html.contains("<strong>Mon 30 Mar – Fri 3 Apr 2026</strong>"), "{}", queue.html);
        assert!(queue.html.contains("Approving hits 1 published shift "), "{}", queue.html);
        assert!(queue.html.contains("<span class=\"times\">Tue 31 Mar 08:00–16:00</span> Day on EN"), "{}", queue.html);
        assert!(queue.html.contains("Approving hits no published shift."), "the May day hits nothing");
        let csrf = queue.csrf();

        // Rejecting needs a reason: the message sits next to that request's comment.
        let bare = fetch(
            &app,
            post(
                &format!("/team/time-off/{later_id}/reject"),
                Some(&manager),
                &[("csrf", &csrf), ("version", "1"), ("comment", " ")],
            ),
        )
        .await;
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bare.html.contains(&format!("id=\"comment-{later_id}-error\">say why you reject it")), "{}", bare.html);

        let approved = fetch(
            &app,
            post(
                &format!("/team/time-off/{easter_id}/approve"),
                Some(&manager),
                &[("csrf", &csrf), ("version", "1"), ("comment", "")],
            ),
        )
        .await;
        assert_eq!(
            (approved.status, approved.location()),
            (StatusCode::SEE_OTHER, "/team/time-off?done=approved&hits=1")
        );
        let after = fetch(&app, get(approved.location(), Some(&manager))).await;
        assert!(after.html.contains("Approved. One published shift was hit"), "{}", after.html);
        assert!(!after.html.contains("Easter with family"), "decided requests leave the queue");
        let api = send(&app, request("GET", &format!("/api/time-off/{easter_id}"), Some(&ctx.member.token))).await;
        assert_eq!(api.body["status"], "approved");

        // The same form again: someone decided first, and the page says so.
        let again = fetch(
            &app,
            post(
                &format!("/team/time-off/{easter_id}/reject"),
                Some(&manager),
                &[("csrf", &csrf), ("version", "1"), ("comment", "no")],
            ),
        )
        .await;
        assert!(
            again.status == StatusCode::CONFLICT || again.status == StatusCode::PRECONDITION_FAILED,
            "{}",
            again.status
        );
        assert!(again.html.contains("class=\"problem\""), "{}", again.html);

        let rejected = fetch(
            &app,
            post(
                &format!("/team/time-off/{later_id}/reject"),
                Some(&manager),
                &[("csrf", &csrf), ("version", "1"), ("comment", "the release is that week")],
            ),
        )
        .await;
        assert_eq!(rejected.location(), "/team/time-off?done=rejected");
        let api = send(&app, request("GET", &format!("/api/time-off/{later_id}"), Some(&ctx.member.token))).await;
        assert_eq!(
            (api.body["status"].as_str(), api.body["decision_comment"].as_str()),
            (Some("rejected"), Some("the release is that week"))
        );

        // Members decide nothing; without the session's token nothing is decided.
        let member = sign_in(&app, &ctx.member.email, PASSWORD).await;
        assert_eq!(fetch(&app, get("/team/time-off", Some(&member))).await.status, StatusCode::FORBIDDEN);
        let third = send(&app, ask("2026-06-01", "2026-06-01", "")).await;
        let third_id = third.body["id"].as_str().unwrap();
        let forged = fetch(
            &app,
            post(
                &format!("/team/time-off/{third_id}/approve"),
                Some(&manager),
                &[("csrf", "forged"), ("version", "1")],
            ),
        )
        .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let api = send(&app, request("GET", &format!("/api/time-off/{third_id}"), Some(&ctx.member.token))).await;
        assert_eq!(api.body["status"], "pending");
    })
    .await;
}
