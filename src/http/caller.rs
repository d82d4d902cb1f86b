//! Who is calling: a bearer token, checked, turned into the acting person.

use std::future::Future;
use std::pin::Pin;

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};

use super::api::error::ApiError;
use super::state::AppState;
use crate::service::{self, Actor};

/// The caller, proven by a valid token of their current generation and still an
/// active person. Role and seats come from the database, not the token, so a
/// demotion takes effect at once rather than when the token expires.
#[derive(Debug, Clone)]
pub struct Caller(pub Actor);

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let state = state.ok_or_else(ApiError::internal)?;
            let token = token.ok_or_else(|| {
                ApiError::unauthenticated("send `Authorization: Bearer <token>` from /api/auth/login")
            })?;
            let claims = state
                .jwt
                .verify(&token, state.service.now())
                .map_err(|_| ApiError::unauthenticated("the token is expired, malformed or not ours; log in again"))?;
            let actor = state.run(move |ctx| service::auth::authenticate(ctx, &claims.sub, claims.gen)).await?;
            Ok(Caller(actor))
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string()).filter(|t| !t.is_empty())
}

/// The direct peer's address. X-Forwarded-For is client-controlled unless a trusted
/// proxy sets it, and trusting it would let anyone dodge the login limits.
pub fn client_addr(req: &HttpRequest) -> String {
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}
