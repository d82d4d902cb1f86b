//! Typed configuration from environment variables; read once at start and
//! passed down, never looked up from a global.

use std::fmt;

pub const DEFAULT_DATABASE_URL: &str = "rota.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const MIN_JWT_SECRET_BYTES: usize = 32;

#[derive(Clone)]
pub struct Config {
    /// `postgres://…` selects PostgreSQL; anything else is a SQLite file path.
    pub database_url: String,
    pub bind: String,
    pub jwt_secret: JwtSecret,
    /// `ROTA_PUBLIC_URL`: where people reach the service; over the stored setting.
    pub public_url: Option<String>,
    /// `ROTA_JOB_WORKERS`: planning jobs this process runs at once (default 1).
    pub job_workers: usize,
    /// `ROTA_PLANNER_THREADS`: search threads per planning job (default 1).
    pub planner_threads: usize,
}

/// The HMAC key for login tokens. Its Debug form never shows the bytes.
#[derive(Clone)]
pub struct JwtSecret(Vec<u8>);

impl JwtSecret {
    pub fn new(bytes: Vec<u8>) -> Result<Self, ConfigError> {
        if bytes.len() < MIN_JWT_SECRET_BYTES {
            return Err(ConfigError::WeakJwtSecret { length: bytes.len() });
        }
        Ok(Self(bytes))
    }

    /// A fresh random secret, for `rota demo` and tests.
    pub fn generate() -> Self {
        use rand::RngCore;
        let mut bytes = vec![0u8; 48];
        rand::thread_rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JwtSecret(<{} bytes>)", self.0.len())
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_password(&self.database_url))
            .field("bind", &self.bind)
            .field("jwt_secret", &self.jwt_secret)
            .field("public_url", &self.public_url)
            .field("job_workers", &self.job_workers)
            .field("planner_threads", &self.planner_threads)
            .finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("ROTA_JWT_SECRET is not set: serve needs a secret of at least {MIN_JWT_SECRET_BYTES} bytes (e.g. `openssl rand -base64 48`)")]
    MissingJwtSecret,
    #[error("ROTA_JWT_SECRET has {length} bytes; at least {MIN_JWT_SECRET_BYTES} are needed")]
    WeakJwtSecret { length: usize },
    #[error("ROTA_PUBLIC_URL: {0}")]
    BadPublicUrl(String),
    #[error("{name} is `{value}`; give a whole number from 1 to 64")]
    BadCount { name: &'static str, value: String },
}

impl Config {
    /// Reads the configuration through `lookup` (the process environment in
    /// `main`, a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url =
            lookup("DATABASE_URL").filter(|v| !v.trim().is_empty()).unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        let bind = lookup("ROTA_BIND").filter(|v| !v.trim().is_empty()).unwrap_or_else(|| DEFAULT_BIND.to_string());
        let secret = lookup("ROTA_JWT_SECRET").ok_or(ConfigError::MissingJwtSecret)?;
        let jwt_secret = JwtSecret::new(secret.into_bytes())?;
        let public_url = match lookup("ROTA_PUBLIC_URL").filter(|v| !v.trim().is_empty()) {
            Some(url) => Some(
                crate::domain::settings::normalize_base_url("ROTA_PUBLIC_URL", url.trim())
                    .map_err(|e| ConfigError::BadPublicUrl(e.message))?,
            ),
            None => None,
        };
        let count = |name: &'static str| match lookup(name).filter(|v| !v.trim().is_empty()) {
            None => Ok(1),
            Some(value) => match value.trim().parse::<usize>() {
                Ok(n) if (1..=64).contains(&n) => Ok(n),
                _ => Err(ConfigError::BadCount { name, value }),
            },
        };
        let (job_workers, planner_threads) = (count("ROTA_JOB_WORKERS")?, count("ROTA_PLANNER_THREADS")?);
        Ok(Self { database_url, bind, jwt_secret, public_url, job_workers, planner_threads })
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }
}

/// Hides the password in a `postgres://user:password@host/db` URL for logs.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_string();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn defaults_apply_and_a_short_secret_is_refused() {
        let secret = "x".repeat(32);
        let config = Config::from_lookup(lookup(&[("ROTA_JWT_SECRET", &secret)])).unwrap();
        assert_eq!(config.database_url, "rota.db");
        assert_eq!(config.bind, "127.0.0.1:8080");
        assert_eq!(
            Config::from_lookup(lookup(&[("ROTA_JWT_SECRET", "short")])).unwrap_err(),
            ConfigError::WeakJwtSecret { length: 5 }
        );
        assert_eq!(Config::from_lookup(lookup(&[])).unwrap_err(), ConfigError::MissingJwtSecret);
    }

    #[test]
    fn the_public_url_is_canonical_or_refused() {
        let secret = "x".repeat(32);
        let config = Config::from_lookup(lookup(&[
            ("ROTA_JWT_SECRET", &secret),
            ("ROTA_PUBLIC_URL", "https://rota.example.com/"),
        ]))
        .unwrap();
        assert_eq!(config.public_url.as_deref(), Some("https://rota.example.com"));
        let bad = Config::from_lookup(lookup(&[("ROTA_JWT_SECRET", &secret), ("ROTA_PUBLIC_URL", "rota.example.com")]));
        assert!(matches!(bad, Err(ConfigError::BadPublicUrl(_))));
    }

    #[test]
    fn debug_output_hides_secrets() {
        let config = Config {
            database_url: "postgres://rota:hunter2@db/rota".into(),
            bind: DEFAULT_BIND.into(),
            jwt_secret: JwtSecret::generate(),
            public_url: None,
            job_workers: 1,
            planner_threads: 1,
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"));
        assert!(shown.contains("<48 bytes>"));
    }
}
