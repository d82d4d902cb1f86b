//! The "Calendar feeds" page through the real app: a link made is shown once, works
//! in a calendar app, is listed with its last fetch, rotated and revoked.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::feeds::fetch as fetch_feed;
use common::pages::{fetch, get, post, sign_in};
use common::{each_backend, PASSWORD};
use rota::http::build_app;

/// The feed link the page shows (`/feeds/….ics`), if any.
fn shown_link(html: &str) -> Option<String> {
    let value = html.split("id=\"feed-url\" type=\"text\" readonly value=\"").nth(1)?;
    let url = value.split('"').next()?;
    url.find("/feeds/").map(|i| url[i..].to_string())
}

#[actix_web::test]
async fn a_member_makes_copies_rotates_and_revokes_a_feed_link() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let member = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let page = fetch(&app, get("/calendar-feeds", Some(&member))).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.html);
        assert!(page.html.contains("None yet."));
        let mine = format!("person:{}", ctx.member.id);
        assert!(
            page.html.contains(&format!("<option value=\"{mine}\">My shifts and time off</option>")),
            "{}",
            page.html
        );
        assert!(page.html.contains(&format!("<option value=\"team:{}\">Team Warsaw Support", ctx.team_a)));
        assert!(!page.html.contains(&ctx.team_b), "only what I may read");

        let made =
            fetch(&app, post("/calendar-feeds", Some(&member), &[("csrf", &page.csrf()), ("what", &mine)])).await;
        assert_eq!(made.status, StatusCode::OK, "{}", made.html);
        assert!(made.html.contains("it is shown only this once"), "{}", made.html);
        assert!(made.html.contains("href=\"webcal://"), "{}", made.html);
        let link = shown_link(&made.html).unwrap();
        assert_eq!(
            fetch_feed(&app, "GET", &link, &[("User-Agent", "Microsoft Outlook 16.0")]).await.status,
            StatusCode::OK
        );
        let listed = fetch(&app, get("/calendar-feeds", Some(&member))).await;
        assert!(listed.html.contains("<td>My shifts and time off</td>"), "{}", listed.html);
        assert!(shown_link(&listed.html).is_none() && !listed.html.contains(&link), "the secret is shown once");

        let id = listed.html.split("action=\"/calendar-feeds/").nth(1).unwrap().split('/').next().unwrap().to_string();
        let rotated =
            fetch(&app, post(&format!("/calendar-feeds/{id}/rotate"), Some(&member), &[("csrf", &listed.csrf())]))
                .await;
        let new_link = shown_link(&rotated.html).unwrap();
        assert_ne!(new_link, link);
        assert_eq!(fetch_feed(&app, "GET", &link, &[]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(fetch_feed(&app, "GET", &new_link, &[]).await.status, StatusCode::OK);
        let revoked =
            fetch(&app, post(&format!("/calendar-feeds/{id}/revoke"), Some(&member), &[("csrf", &rotated.csrf())]))
                .await;
        assert_eq!(revoked.location(), "/calendar-feeds?revoked=1");
        let after = fetch(&app, get(revoked.location(), Some(&member))).await;
        assert!(after.html.contains("Revoked: that link opens nothing any more.") && after.html.contains("None yet."));
        assert_eq!(fetch_feed(&app, "GET", &new_link, &[]).await.status, StatusCode::NOT_FOUND);

        let forged = format!("team:{}", ctx.team_b);
        let refused =
            fetch(&app, post("/calendar-feeds", Some(&member), &[("csrf", &after.csrf()), ("what", &forged)])).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "as the API answers");
    })
    .await;
}
