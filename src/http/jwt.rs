use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::JwtSecret;
use crate::domain::Role;

/// Tokens live one hour: long enough for a planning session, short enough
/// that a leaked token soon stops working.
pub const TOKEN_LIFETIME_SECONDS: i64 = 3600;
/// Clock skew forgiven at expiry, as between two processes behind one balancer.
const LEEWAY_SECONDS: i64 = 5;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    /// The person's id.
    pub sub: String,
    pub role: Role,
    /// The person's token generation when this was issued; a password, role or
    /// active change moves it on and ends the token.
    pub gen: i64,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl JwtKeys {
    pub fn new(secret: &JwtSecret) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret.as_bytes()),
            decoding: DecodingKey::from_secret(secret.as_bytes()),
        }
    }

    pub fn issue(
        &self,
        person_id: &str,
        role: Role,
        generation: i64,
        now: DateTime<Utc>,
    ) -> Result<(String, i64), jsonwebtoken::errors::Error> {
        let now = now.timestamp();
        let claims =
            Claims { sub: person_id.to_string(), role, gen: generation, iat: now, exp: now + TOKEN_LIFETIME_SECONDS };
        Ok((self.sign(&claims)?, TOKEN_LIFETIME_SECONDS))
    }

    /// Accepts only HS256 tokens signed with our key and not expired at `now`; `alg:
    /// none` and every other algorithm are refused by the fixed algorithm list. Expiry
    /// is judged by the app's clock, the one that issued the token, so a demo or test
    /// running on a fixed date keeps its tokens.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, jsonwebtoken::errors::Error> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let claims = decode::<Claims>(token, &self.decoding, &validation)?.claims;
        if claims.exp.saturating_add(LEEWAY_SECONDS) < now.timestamp() {
            return Err(jsonwebtoken::errors::ErrorKind::ExpiredSignature.into());
        }
        Ok(claims)
    }

    /// Signs arbitrary claims; tests use it to forge expired tokens.
    pub fn sign(&self, claims: &Claims) -> Result<String, jsonwebtoken::errors::Error> {
        encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_verify_and_others_do_not() {
        let keys = JwtKeys::new(&JwtSecret::generate());
        let (token, _) = keys.issue("p1", Role::Member, 3, Utc::now()).unwrap();
        let claims = keys.verify(&token, Utc::now()).unwrap();
        assert_eq!((claims.sub.as_str(), claims.gen), ("p1", 3));

        let other = JwtKeys::new(&JwtSecret::generate());
        assert!(other.verify(&token, Utc::now()).is_err());
        // Expiry is judged by the clock it is given, not the machine's.
        let later = Utc::now() + chrono::Duration::seconds(TOKEN_LIFETIME_SECONDS + 60);
        assert!(keys.verify(&token, later).is_err());
        let (old, _) = keys.issue("p1", Role::Member, 3, Utc::now() - chrono::Duration::days(300)).unwrap();
        assert!(keys.verify(&old, Utc::now() - chrono::Duration::days(300)).is_ok());

        let now = Utc::now().timestamp();
        let expired = keys
            .sign(&Claims { sub: "p1".into(), role: Role::Admin, gen: 0, iat: now - 7200, exp: now - 3600 })
            .unwrap();
        assert!(keys.verify(&expired, Utc::now()).is_err());
    }
}
