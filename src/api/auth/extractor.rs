use std::future::Future;
use std::pin::Pin;

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};

use super::super::{error::ApiError, state::AppState};
use crate::domain::Role;
use crate::store;

/// The caller, proven by a valid token and still an active person.
///
/// The role comes from the database, not the token, so a demotion or a
/// deactivation takes effect at once rather than when the token expires.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: String,
    pub role: Role,
}

impl AuthUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

impl FromRequest for AuthUser {
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
                .verify(&token)
                .map_err(|_| ApiError::unauthenticated("the token is expired, malformed or not ours; log in again"))?;
            let person = state.db(move |conn| Ok(store::people::find(conn, &claims.sub)?)).await?;
            match person {
                Some(person) if person.active => {
                    Ok(AuthUser { role: Role::parse(&person.role).ok_or_else(ApiError::internal)?, id: person.id })
                }
                _ => Err(ApiError::unauthenticated("this account no longer exists or is deactivated")),
            }
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string()).filter(|t| !t.is_empty())
}
