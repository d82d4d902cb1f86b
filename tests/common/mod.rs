//! Test harness: the real app on a fresh database per test, on SQLite always
//! and on PostgreSQL too when ROTA_TEST_DATABASE_URL is set.
#![allow(dead_code)]

pub mod db;
pub mod feeds;
pub mod pages;
pub mod rosters;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::test;
use serde_json::Value;

use rota::config::JwtSecret;
use rota::domain::{Channel, Role, Team, TeamRole, Tier};
use rota::http::AppState;
use rota::service::people::input::{NewPerson, SkillsInput};
use rota::service::Context;
use rota::store;

pub use db::{backends, Backend, TestDb};

pub const PASSWORD: &str = "correct horse battery staple";

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub email: String,
    pub token: String,
}

/// One test's world: two teams, and one person for every kind of caller.
pub struct Ctx {
    pub backend: Backend,
    /// The test's own database, for a second pool (a second `rota serve`).
    pub database_url: String,
    pub state: AppState,
    pub secret: JwtSecret,
    pub team_a: String,
    pub team_b: String,
    pub admin: Actor,
    /// Manager of team A.
    pub manager: Actor,
    /// Member of team A.
    pub member: Actor,
    /// Another member of team A: the person most tests act on.
    pub target: Actor,
    pub other_manager: Actor,
    pub other_member: Actor,
}

impl Ctx {
    /// The database lives as long as the returned `TestDb`: keep it until the
    /// scenario's future has finished.
    pub async fn new(backend: Backend) -> (Ctx, TestDb) {
        let db = TestDb::create(backend);
        let pool = store::pool::connect_and_migrate(&db.url).expect("migrate test database");
        let secret = JwtSecret::generate();
        let state = AppState::new(Context::on(pool), &secret);
        // Written straight to the store, as a database that already holds these people
        // would be: every person and team at version 1, nobody with history.
        let ctx = &state.service;
        let now = ctx.now();
        let hash = ctx.hasher.hash(PASSWORD).expect("hash");
        let mut conn = state.service.pool.get().expect("connection");
        let mut team = |name: &str| {
            let team = Team {
                id: store::new_id(),
                name: name.into(),
                description: String::new(),
                members: Vec::new(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            store::teams::insert(&mut conn, &team).expect("team");
            team.id
        };
        let team_a = team("Warsaw Support");
        let team_b = team("Minsk Support");
        let mut actor = |name: &str, role: Role, seat: Option<(&str, TeamRole)>| {
            let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
            let person = new_person(name, &email, role)
                .into_person(now, &rota::domain::Contract::default())
                .expect("valid person");
            store::people::insert(&mut conn, &person, Some(&hash)).expect("person");
            if let Some((team_id, seat)) = seat {
                store::teams::upsert_membership(&mut conn, team_id, &person.id, seat, now).expect("membership");
            }
            let (token, _) = state.jwt.issue(&person.id, role, person.token_generation, now).expect("token");
            Actor { id: person.id, email, token }
        };
        let admin = actor("Ada Admin", Role::Admin, None);
        let manager = actor("Anna Manager", Role::Manager, Some((&team_a, TeamRole::Manager)));
        let member = actor("Piotr Member", Role::Member, Some((&team_a, TeamRole::Member)));
        let target = actor("Tomasz Target", Role::Member, Some((&team_a, TeamRole::Member)));
        let other_manager = actor("Ivan Othermanager", Role::Manager, Some((&team_b, TeamRole::Manager)));
        let other_member = actor("Olga Othermember", Role::Member, Some((&team_b, TeamRole::Member)));
        drop(conn);
        let ctx = Ctx {
            backend,
            database_url: db.url.clone(),
            state,
            secret,
            team_a,
            team_b,
            admin,
            manager,
            member,
            target,
            other_manager,
            other_member,
        };
        (ctx, db)
    }
}

/// What `POST /api/people` would take, with the shared password.
pub fn new_person(name: &str, email: &str, role: Role) -> NewPerson {
    NewPerson {
        name: name.into(),
        email: email.into(),
        role: Some(role),
        password: Some(PASSWORD.into()),
        time_zone: "Europe/Warsaw".into(),
        holiday_region: "PL".into(),
        skills: SkillsInput {
            languages: vec!["en".into(), "pl".into()],
            tier: Tier::L1,
            channels: vec![Channel::Chat],
        },
        contract: None,
    }
}

/// Runs `scenario` once per configured backend, each on a fresh database.
pub async fn each_backend<F, Fut>(scenario: F)
where
    F: Fn(Ctx) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for backend in backends() {
        let (ctx, db) = Ctx::new(backend).await;
        scenario(ctx).await;
        drop(db);
    }
}

/// A response read whole: status, headers, JSON body (Null when empty).
pub struct Reply {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn etag(&self) -> String {
        self.headers.get(header::ETAG).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
    }

    pub fn error_code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or_default()
    }

    pub fn error_field(&self) -> &str {
        self.body["error"]["field"].as_str().unwrap_or_default()
    }
}

pub async fn send<S, B>(app: &S, req: test::TestRequest) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let response = test::call_service(app, req.to_request()).await;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = test::read_body(response).await;
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("non-JSON body for {status}: {}", String::from_utf8_lossy(&bytes)))
    };
    Reply { status, headers, body }
}

/// A request with an optional bearer token.
pub fn request(method: &str, path: &str, token: Option<&str>) -> test::TestRequest {
    let req = match method {
        "GET" => test::TestRequest::get(),
        "POST" => test::TestRequest::post(),
        "PUT" => test::TestRequest::put(),
        "PATCH" => test::TestRequest::patch(),
        "DELETE" => test::TestRequest::delete(),
        other => panic!("method {other}"),
    }
    .uri(path);
    match token {
        Some(token) => req.insert_header((header::AUTHORIZATION, format!("Bearer {token}"))),
        None => req,
    }
}

pub fn new_person_body(email: &str) -> Value {
    serde_json::json!({
        "name": "Lena Schmidt",
        "email": email,
        "time_zone": "Europe/Berlin",
        "holiday_region": "DE-BY",
        "skills": {"languages": ["de", "en"], "tier": "L2", "channels": ["phone", "chat"]},
    })
}
