mod common;

use actix_web::http::{header, StatusCode};
use actix_web::test::init_service;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{each_backend, request, send, PASSWORD};
use rota::config::JwtSecret;
use rota::domain::Role;
use rota::http::build_app;
use rota::http::jwt::{Claims, JwtKeys};
use serde_json::json;

fn login_body(email: &str, password: &str) -> serde_json::Value {
    json!({"email": email, "password": password})
}

#[actix_web::test]
async fn login_returns_a_token_that_opens_me() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        // Case and spaces in the email do not matter.
        let email = format!(" {} ", ctx.member.email.to_uppercase());
        let reply = send(&app, request("POST", "/api/auth/login", None).set_json(login_body(&email, PASSWORD))).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(reply.body["token_type"], "Bearer");
        assert_eq!(reply.body["expires_in"], 3600);
        let token = reply.body["access_token"].as_str().unwrap().to_string();

        let payload = token.split('.').nth(1).unwrap();
        let claims: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        assert_eq!(claims["sub"], ctx.member.id.as_str());
        assert_eq!(claims["role"], "member");
        assert_eq!(claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(), 3600);

        let me = send(&app, request("GET", "/api/me", Some(&token))).await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.body["id"], ctx.member.id.as_str());
        assert_eq!(me.body["teams"][0]["team_id"], ctx.team_a.as_str());
        assert!(me.body.get("password_hash").is_none());
    })
    .await;
}

#[actix_web::test]
async fn unknown_email_and_wrong_password_look_the_same() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let wrong = send(
            &app,
            request("POST", "/api/auth/login", None).set_json(login_body(&ctx.member.email, "not the password")),
        )
        .await;
        let unknown = send(
            &app,
            request("POST", "/api/auth/login", None).set_json(login_body("nobody@example.com", "not the password")),
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.status, unknown.status);
        assert_eq!(wrong.body, unknown.body);
        assert_eq!(wrong.error_code(), "invalid_credentials");
    })
    .await;
}

#[actix_web::test]
async fn missing_expired_forged_and_unsigned_tokens_get_401() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let now = chrono::Utc::now().timestamp();
        let ours = JwtKeys::new(&ctx.secret);
        let expired = ours
            .sign(&Claims { sub: ctx.admin.id.clone(), role: Role::Admin, gen: 0, iat: now - 7200, exp: now - 3600 })
            .unwrap();
        let forged = JwtKeys::new(&JwtSecret::generate())
            .sign(&Claims { sub: ctx.admin.id.clone(), role: Role::Admin, gen: 0, iat: now, exp: now + 3600 })
            .unwrap();
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let claims = URL_SAFE_NO_PAD
            .encode(json!({"sub": ctx.admin.id, "role": "admin", "iat": now, "exp": now + 3600}).to_string());
        let unsigned = format!("{header}.{claims}.");
        let hs512 = {
            let key = jsonwebtoken::EncodingKey::from_secret(ctx.secret.as_bytes());
            let claims = Claims { sub: ctx.admin.id.clone(), role: Role::Admin, gen: 0, iat: now, exp: now + 3600 };
            jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS512), &claims, &key).unwrap()
        };

        let anonymous = send(&app, request("GET", "/api/me", None)).await;
        assert_eq!((anonymous.status, anonymous.error_code()), (StatusCode::UNAUTHORIZED, "unauthenticated"));
        for (what, token) in [
            ("expired", expired),
            ("forged", forged),
            ("alg none", unsigned),
            ("HS512", hs512),
            ("garbage", "abc.def.ghi".to_string()),
        ] {
            let reply = send(&app, request("GET", "/api/me", Some(&token))).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{what} token");
            assert_eq!(reply.error_code(), "unauthenticated", "{what} token");
        }
        let basic = send(
            &app,
            request("GET", "/api/me", None).insert_header((header::AUTHORIZATION, "Basic YWRtaW46YWRtaW4=")),
        )
        .await;
        assert_eq!(basic.status, StatusCode::UNAUTHORIZED);
    })
    .await;
}

#[actix_web::test]
async fn five_failures_lock_the_account_even_for_the_right_password() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let attempt = |password: &str, ip: &str| {
            request("POST", "/api/auth/login", None)
                .peer_addr(format!("{ip}:40000").parse().unwrap())
                .set_json(login_body(&ctx.target.email, password))
        };
        for i in 0..5 {
            // Spread over addresses: the account limit alone must trigger.
            let reply = send(&app, attempt("wrong password!", &format!("10.0.0.{i}"))).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {i}");
        }
        let locked = send(&app, attempt(PASSWORD, "10.0.1.1")).await;
        assert_eq!((locked.status, locked.error_code()), (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"));
        let retry_after: u64 = locked.headers.get(header::RETRY_AFTER).unwrap().to_str().unwrap().parse().unwrap();
        assert!((1..=15 * 60).contains(&retry_after), "Retry-After {retry_after}");

        // Other accounts are not affected.
        let other = send(
            &app,
            request("POST", "/api/auth/login", None)
                .peer_addr("10.0.2.1:1".parse().unwrap())
                .set_json(login_body(&ctx.member.email, PASSWORD)),
        )
        .await;
        assert_eq!(other.status, StatusCode::OK);
    })
    .await;
}

#[actix_web::test]
async fn five_failures_from_one_address_lock_that_address() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let from = |email: &str, password: &str, ip: &str| {
            request("POST", "/api/auth/login", None)
                .peer_addr(format!("{ip}:5555").parse().unwrap())
                .set_json(login_body(email, password))
        };
        for i in 0..5 {
            let reply = send(&app, from(&format!("guess{i}@example.com"), "whatever123", "192.0.2.7")).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        }
        let locked = send(&app, from(&ctx.admin.email, PASSWORD, "192.0.2.7")).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(locked.headers.contains_key(header::RETRY_AFTER));
        let elsewhere = send(&app, from(&ctx.admin.email, PASSWORD, "192.0.2.8")).await;
        assert_eq!(elsewhere.status, StatusCode::OK);
    })
    .await;
}

#[actix_web::test]
async fn health_and_readiness_answer_without_a_token() {
    each_backend(|ctx| async move {
        let app = init_service(build_app(ctx.state.clone())).await;
        let health = send(&app, request("GET", "/healthz", None)).await;
        assert_eq!(health.status, StatusCode::OK);
        let ready = send(&app, request("GET", "/readyz", None)).await;
        assert_eq!((ready.status, ready.body["status"].as_str()), (StatusCode::OK, Some("ready")));
        assert!(ready.headers.contains_key("x-request-id"), "every answer carries a request id");
    })
    .await;
}
