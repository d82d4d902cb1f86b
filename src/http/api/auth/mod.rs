//! Login, the current user, and their password.

pub mod login;
pub mod me;
pub mod password;
