//! rota: plans who works when in customer-support teams.
//!
//! Layers, top to bottom (each uses only those below it): `cli`, `http`, `service`,
//! `store`, `planner`, `domain`. The planner is pure: no storage, HTTP or clock.
//! `calendar` (the embedded public-holiday files) sits beside the planner and
//! uses `domain` only.
//! See DESIGN.md.

pub mod calendar;
pub mod cli;
pub mod config;
pub mod domain;
pub mod http;
pub mod jobs;
pub mod planner;
pub mod service;
pub mod store;
