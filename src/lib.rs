//! rota: plans who works when in customer-support teams.
//!
//! Layers, top to bottom (each uses only those below it): `api`, `store`,
//! `domain`. See DESIGN.md.

pub mod api;
pub mod cli;
pub mod config;
pub mod domain;
pub mod store;
