//! Searching people: case, diacritics and other scripts folded (`lukasz` finds
//! Łukasz, `ivan` finds Иван), LIKE's wildcards taken literally, the same answer
//! through the API and the people page, and keys filled in for people stored before
//! the search existed.

mod common;

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::pages::{fetch, get, sign_in};
use common::{each_backend, new_person_body, request, send, PASSWORD};
use diesel::prelude::*;
use rota::http::build_app;

#[actix_web::test]
async fn people_are_found_as_they_are_typed_through_the_api_and_the_page() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        for (name, email) in [
            ("Łukasz Wiśniewski", "lw@example.com"),
            ("Иван Петров", "ivan.p@example.com"),
            ("Lena 100% Schmidt", "lena@example.com"),
        ] {
            let mut body = new_person_body(email);
            body["name"] = name.into();
            let created = send(&app, request("POST", "/api/people", Some(&ctx.admin.token)).set_json(body)).await;
            assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        }
        let names = |q: &str| {
            let uri = format!("/api/people?q={}", q);
            let req = request("GET", &uri, Some(&ctx.admin.token));
            let app = &app;
            async move {
                let found = send(app, req).await;
                assert_eq!(found.status, StatusCode::OK, "{}", found.body);
                found.body["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["name"].as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(names("lukasz").await, ["Łukasz Wiśniewski"]);
        assert_eq!(names("WISNIEW").await, ["Łukasz Wiśniewski"]);
        assert_eq!(names("%C5%81UKASZ").await, ["Łukasz Wiśniewski"], "typed with the letter itself");
        assert_eq!(names("ivan").await, ["Ivan Othermanager", "Иван Петров"], "Cyrillic folds to what is typed");
        assert_eq!(names("ivan.p@").await, ["Иван Петров"], "the email matches too");
        assert_eq!(names("petrov").await, ["Иван Петров"]);
        assert_eq!(names("100%25").await, ["Lena 100% Schmidt"], "a percent sign is a percent sign");
        assert!(names("%25%25%25").await.is_empty());
        assert!(names("_").await.is_empty(), "an underscore is no wildcard");
        let long = "x".repeat(101);
        let refused = send(&app, request("GET", &format!("/api/people?q={long}"), Some(&ctx.admin.token))).await;
        assert_eq!((refused.status, refused.error_field()), (StatusCode::BAD_REQUEST, "q"));

        let admin = sign_in(&app, &ctx.admin.email, PASSWORD).await;
        let page = fetch(&app, get("/people?q=lukasz", Some(&admin))).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.html);
        assert!(page.html.contains("\">Łukasz Wiśniewski</a></td>") && !page.html.contains("Иван"), "{}", page.html);
        assert!(page.html.contains("value=\"lukasz\""), "the search is kept");
        let none = fetch(&app, get("/people?q=nobody+like+this", Some(&admin))).await;
        assert!(none.html.contains("Nobody matches “nobody like this”."), "{}", none.html);
        // Members see themselves and their teammates, as through the API.
        let member = sign_in(&app, &ctx.member.email, PASSWORD).await;
        let theirs = fetch(&app, get("/people?q=lukasz", Some(&member))).await;
        assert!(theirs.html.contains("Nobody matches"), "{}", theirs.html);
        let paged = fetch(&app, get("/people?limit=2", Some(&admin))).await;
        assert!(paged.html.contains("rel=\"next\""), "{}", paged.html);
    })
    .await;
}

#[test]
fn people_stored_before_the_search_existed_get_their_keys_when_the_database_is_migrated() {
    let db = common::TestDb::create(common::Backend::Sqlite);
    let pool = rota::store::pool::connect_and_migrate(&db.url).unwrap();
    let mut conn = pool.get().unwrap();
    let hasher = rota::service::Hasher::for_this_machine();
    let clock = std::sync::Arc::new(rota::domain::FixedClock::at(chrono::Utc::now()));
    let ctx = rota::service::Context::new(pool.clone(), clock, std::sync::Arc::new(hasher));
    let admin = rota::service::admins::NewAdmin {
        name: "Żaneta Kłos",
        email: "zk@example.com",
        password: "a long enough password",
        time_zone: "Europe/Warsaw",
        holiday_region: "PL",
    };
    rota::service::admins::create(&ctx, admin).unwrap();
    diesel::sql_query("UPDATE people SET search_key = ''").execute(&mut conn).unwrap();
    drop(conn);
    let pool = rota::store::pool::connect_and_migrate(&db.url).unwrap();
    let mut conn = pool.get().unwrap();
    let key: Vec<String> =
        rota::store::schema::people::table.select(rota::store::schema::people::search_key).load(&mut conn).unwrap();
    assert_eq!(key, ["zaneta klos zk@example.com"]);
}
