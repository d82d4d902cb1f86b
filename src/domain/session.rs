//! A web page session: who signed in, under which token generation, and until when.

use chrono::{DateTime, Duration, Utc};

/// How long a session lives at most, however busy.
pub const SESSION_LIFETIME: Duration = Duration::days(14);
/// How long a session survives unused.
pub const IDLE_TIMEOUT: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, so that reading pages is not a
/// write per request.
pub const LAST_SEEN_RESOLUTION: Duration = Duration::minutes(1);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the cookie's secret, hex.
    pub id_hash: String,
    pub person_id: String,
    pub token_generation: i64,
    /// The token every form of this session carries.
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl Session {
    /// Whether the session may still be used at `now`: not past its lifetime and used
    /// within the idle timeout.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        now < self.expires_at && now - self.last_seen_at < IDLE_TIMEOUT
    }

    /// Whether using the session at `now` should write `last_seen_at`.
    pub fn needs_touch(&self, now: DateTime<Utc>) -> bool {
        now - self.last_seen_at >= LAST_SEEN_RESOLUTION
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn session(at: DateTime<Utc>) -> Session {
        Session {
            id_hash: "h".into(),
            person_id: "p".into(),
            token_generation: 0,
            csrf_token: "c".into(),
            created_at: at,
            last_seen_at: at,
            expires_at: at + SESSION_LIFETIME,
        }
    }

    #[test]
    fn a_session_dies_when_idle_or_expired_and_is_touched_once_a_minute() {
        let start = Utc.with_ymd_and_hms(2026, 3, 16, 8, 0, 0).unwrap();
        let mut s = session(start);
        assert!(s.is_live(start + Duration::hours(11)));
        assert!(!s.is_live(start + IDLE_TIMEOUT), "idle for the whole timeout");
        assert!(!s.needs_touch(start + Duration::seconds(59)));
        assert!(s.needs_touch(start + Duration::seconds(60)));
        s.last_seen_at = start + Duration::days(13) + Duration::hours(20);
        assert!(s.is_live(start + Duration::days(13) + Duration::hours(23)));
        assert!(!s.is_live(start + SESSION_LIFETIME), "busy, but past its lifetime");
    }
}
