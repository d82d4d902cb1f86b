//! Login, tokens, and who may do what.

pub mod access;
pub mod extractor;
pub mod jwt;
pub mod lockout;
pub mod login;
pub mod me;
pub mod password;

pub use extractor::AuthUser;
