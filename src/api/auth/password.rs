use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::domain::InvalidValue;

pub const MIN_PASSWORD_CHARS: usize = 12;

/// Hashes with argon2id and the crate's current recommended parameters.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Verifies against a stored hash. With no hash (unknown account) a dummy hash
/// is checked anyway so that the answer takes as long as for a real account.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    const DUMMY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Cq6yBDsP1PQjO7cXW0BhpqmDCaDePO9mW4yS4Y5UGfU";
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (DUMMY, false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let matches = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
    matches && real
}

pub fn check_password_strength(field: &str, password: &str) -> Result<(), InvalidValue> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(InvalidValue::new(
            field,
            "weak_password",
            format!("a password needs at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_the_right_password() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("wrong horse battery", Some(&hash)));
        assert!(!verify_password("anything", None));
    }
}
