//! `rota admin`: how the first admin of a fresh database is made, on SQLite and on
//! PostgreSQL, and how a forgotten password is reset.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use actix_web::http::StatusCode;
use actix_web::test::init_service;
use common::{backends, request, send, TestDb};
use rota::config::JwtSecret;
use rota::http::{build_app, AppState};
use rota::service::Context;
use serde_json::json;

fn rota_admin(database_url: &str, args: &[&str], stdin: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rota"))
        .arg("admin")
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rota");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write password");
    let output = child.wait_with_output().expect("rota admin ran");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[actix_web::test]
async fn the_first_admin_is_made_from_the_command_line_and_can_log_in() {
    for backend in backends() {
        // A fresh database: `rota admin` migrates it first.
        let db = TestDb::create(backend);
        let create = ["create", "--email", "Root@Example.com", "--name", "Rita Root", "--time-zone", "Europe/Warsaw"];
        let (ok, text) = rota_admin(&db.url, &create, "a long operator password\n");
        assert!(ok, "{backend:?}: {text}");
        assert!(text.contains("created admin Root@Example.com"), "{text}");

        let (ok, text) = rota_admin(&db.url, &create, "a long operator password\n");
        assert!(!ok && text.contains("already in use"), "the same email twice is refused: {text}");
        let (ok, text) = rota_admin(&db.url, &["create", "--email", "b@example.com", "--name", "B"], "short\n");
        assert!(!ok && text.contains("--password: a password needs at least 12"), "{text}");
        let (ok, text) = rota_admin(&db.url, &["create", "--email", "c@example.com", "--name", "C"], "");
        assert!(!ok && text.contains("no password on standard input"), "{text}");

        let pool = rota::store::pool::connect_and_migrate(&db.url).expect("database");
        let app = init_service(build_app(AppState::new(Context::on(pool), &JwtSecret::generate()))).await;
        let login = |password: &str| {
            request("POST", "/api/auth/login", None)
                .set_json(json!({"email": "root@example.com", "password": password}))
        };
        let reply = send(&app, login("a long operator password")).await;
        assert_eq!(reply.status, StatusCode::OK, "{backend:?}: {}", reply.body);
        let token = reply.body["access_token"].as_str().unwrap().to_string();
        let me = send(&app, request("GET", "/api/me", Some(&token))).await;
        assert_eq!((me.body["role"].as_str(), me.body["time_zone"].as_str()), (Some("admin"), Some("Europe/Warsaw")));

        let (ok, text) =
            rota_admin(&db.url, &["reset-password", "--email", "root@example.com"], "another long password\n");
        assert!(ok, "{text}");
        assert_eq!(send(&app, request("GET", "/api/me", Some(&token))).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(send(&app, login("another long password")).await.status, StatusCode::OK);
        let (ok, text) =
            rota_admin(&db.url, &["reset-password", "--email", "nobody@example.com"], "whatever long one\n");
        assert!(!ok && text.contains("no account has this email"), "{text}");
    }
}
