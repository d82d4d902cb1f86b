//! Test harness: the real app on a fresh database per test, on SQLite always
//! and on PostgreSQL too when ROTA_TEST_DATABASE_URL is set.
#![allow(dead_code)]

pub mod db;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::test;
use serde_json::Value;

use rota::api::AppState;
use rota::config::JwtSecret;
use rota::domain::{Role, TeamRole};
use rota::store::{self, people::PersonRow, teams::MembershipRow, teams::TeamRow};

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

pub fn person_row(name: &str, email: &str, role: Role, password_hash: Option<String>) -> PersonRow {
    let now = store::now_utc();
    PersonRow {
        id: store::new_id(),
        name: name.into(),
        email: email.into(),
        email_normalized: email.to_lowercase(),
        role: role.as_str().into(),
        password_hash,
        time_zone: "Europe/Warsaw".into(),
        holiday_region: "PL".into(),
        languages: r#"["en","pl"]"#.into(),
        tier: "L1".into(),
        channels: r#"["chat"]"#.into(),
        max_minutes_per_week: 2400,
        min_rest_minutes: 660,
        max_consecutive_days: 5,
        max_nights_per_week: 2,
        volunteer_earliest: "08:00".into(),
        volunteer_latest: "20:00".into(),
        active: true,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

impl Ctx {
    /// The database lives as long as the returned `TestDb`: keep it until the
    /// scenario's future has finished.
    pub async fn new(backend: Backend) -> (Ctx, TestDb) {
        let db = TestDb::create(backend);
        let pool = store::pool::connect_and_migrate(&db.url).expect("migrate test database");
        let secret = JwtSecret::generate();
        let state = AppState::new(pool.clone(), &secret);
        let hash = rota::api::auth::password::hash_password(PASSWORD).expect("hash");
        let mut conn = pool.get().expect("connection");
        let now = store::now_utc();
        let mut team = |name: &str| {
            let row = TeamRow {
                id: store::new_id(),
                name: name.into(),
                description: String::new(),
                version: 1,
                created_at: now,
                updated_at: now,
            };
            store::teams::insert(&mut conn, &row).expect("team");
            row.id
        };
        let team_a = team("Warsaw Support");
        let team_b = team("Minsk Support");
        let mut actor = |name: &str, role: Role, seat: Option<(&str, TeamRole)>| {
            let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
            let row = person_row(name, &email, role, Some(hash.clone()));
            store::people::insert(&mut conn, &row).expect("person");
            if let Some((team_id, seat)) = seat {
                store::teams::upsert_membership(
                    &mut conn,
                    &MembershipRow {
                        team_id: team_id.into(),
                        person_id: row.id.clone(),
                        role: seat.as_str().into(),
                        created_at: now,
                    },
                )
                .expect("membership");
            }
            let (token, _) = state.jwt.issue(&row.id, role).expect("token");
            Actor { id: row.id, email, token }
        };
        let admin = actor("Ada Admin", Role::Admin, None);
        let manager = actor("Anna Manager", Role::Manager, Some((&team_a, TeamRole::Manager)));
        let member = actor("Piotr Member", Role::Member, Some((&team_a, TeamRole::Member)));
        let target = actor("Tomasz Target", Role::Member, Some((&team_a, TeamRole::Member)));
        let other_manager = actor("Ivan Othermanager", Role::Manager, Some((&team_b, TeamRole::Manager)));
        let other_member = actor("Olga Othermember", Role::Member, Some((&team_b, TeamRole::Member)));
        drop(conn);
        let ctx =
            Ctx { backend, state, secret, team_a, team_b, admin, manager, member, target, other_manager, other_member };
        (ctx, db)
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
