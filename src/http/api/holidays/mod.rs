//! `/api/holidays`: public holidays by region.

pub mod list;
