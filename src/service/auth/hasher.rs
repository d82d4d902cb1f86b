//! Password hashing behind a gate: at most a few argon2 computations at once per
//! process, so a flood of logins queues behind itself and not in front of every
//! other request. Each computation takes ~20 ms of one core and 19 MiB of memory.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::service::Error;

/// A hash checked when an account has none (unknown email, no password), so the
/// answer takes as long as for a real account and tells nobody which emails exist.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Cq6yBDsP1PQjO7cXW0BhpqmDCaDePO9mW4yS4Y5UGfU";

pub struct Hasher {
    permits: usize,
    in_use: Mutex<Slots>,
    freed: Condvar,
    /// How long a hash may wait for a permit before the request is refused with 503.
    max_wait: Duration,
    /// How many may wait at once; beyond that, refused at once rather than piling up threads.
    max_waiting: usize,
}

#[derive(Default)]
struct Slots {
    busy: usize,
    waiting: usize,
}

/// The right to run one hash; given back when dropped.
pub struct Permit<'a>(&'a Hasher);

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if let Ok(mut slots) = self.0.in_use.lock() {
            slots.busy -= 1;
        }
        self.0.freed.notify_one();
    }
}

impl Hasher {
    pub fn new(permits: usize, max_wait: Duration) -> Self {
        let permits = permits.max(1);
        Self {
            permits,
            in_use: Mutex::new(Slots::default()),
            freed: Condvar::new(),
            max_wait,
            max_waiting: 32 * permits,
        }
    }

    /// One permit fewer than the machine has cores (at least one), so hashing never
    /// takes every core; a hash waits at most 2 s for its turn.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(1);
        Self::new(cores.saturating_sub(1), Duration::from_secs(2))
    }

    pub fn permits(&self) -> usize {
        self.permits
    }

    /// Waits up to `max_wait` for a permit; `Error::Busy` when none comes. Hashing
    /// takes one itself; holding one from outside shows what a busy server does.
    pub fn permit(&self) -> Result<Permit<'_>, Error> {
        let busy = || Error::Busy { what: "login", retry_after_seconds: 1 };
        let mut slots = self.in_use.lock().map_err(|_| Error::Internal("hasher lock poisoned".into()))?;
        if slots.busy < self.permits {
            slots.busy += 1;
            return Ok(Permit(self));
        }
        if slots.waiting >= self.max_waiting {
            return Err(busy());
        }
        slots.waiting += 1;
        let (mut slots, _) = self
            .freed
            .wait_timeout_while(slots, self.max_wait, |slots| slots.busy >= self.permits)
            .map_err(|_| Error::Internal("hasher lock poisoned".into()))?;
        slots.waiting -= 1;
        if slots.busy >= self.permits {
            return Err(busy());
        }
        slots.busy += 1;
        Ok(Permit(self))
    }

    /// Hashes with argon2id and the crate's recommended parameters.
    pub fn hash(&self, password: &str) -> Result<String, Error> {
        let _permit = self.permit()?;
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| Error::Internal(format!("argon2: {error}")))
    }

    /// True when `password` matches `stored`; with no stored hash a dummy is checked
    /// anyway and the answer is false. `Error::Busy` when no permit came in time.
    pub fn verify(&self, password: &str, stored: Option<&str>) -> Result<bool, Error> {
        let _permit = self.permit()?;
        Ok(verify_now(password, stored))
    }
}

fn verify_now(password: &str, stored: Option<&str>) -> bool {
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (DUMMY_HASH, false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let matches = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
    matches && real
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn hashes_verify_only_the_right_password() {
        let hasher = Hasher::new(1, Duration::from_secs(5));
        let hash = hasher.hash("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("correct horse battery", Some(&hash)).unwrap());
        assert!(!hasher.verify("wrong horse battery", Some(&hash)).unwrap());
        assert!(!hasher.verify("anything", None).unwrap());
    }

    #[test]
    fn no_more_hashes_run_at_once_than_there_are_permits() {
        let hasher = Arc::new(Hasher::new(1, Duration::from_millis(0)));
        let held = hasher.permit().unwrap();
        // The only permit is taken and nobody may wait: the next hash is refused, not run.
        assert!(matches!(hasher.verify("x", None), Err(Error::Busy { .. })));
        drop(held);
        assert!(hasher.verify("x", None).is_ok());
    }

    #[test]
    fn a_waiting_hash_runs_when_a_permit_frees_up() {
        let hasher = Arc::new(Hasher::new(1, Duration::from_secs(10)));
        let held = hasher.permit().unwrap();
        let waiter = {
            let hasher = Arc::clone(&hasher);
            std::thread::spawn(move || hasher.verify("x", None).is_ok())
        };
        std::thread::sleep(Duration::from_millis(50));
        drop(held);
        assert!(waiter.join().unwrap());
    }
}
