use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::desk::{Closures, CoverageWindow, ShiftTemplate, ShiftType};
use crate::domain::Desk;
use crate::service::desks::expand::CoverageCheck;
use crate::service::desks::DeskDetail;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeskView {
    pub id: String,
    pub name: String,
    /// The zone the desk's manager thinks in; `*_local` times are in it.
    pub time_zone: String,
    /// Ids of the teams whose people staff it.
    pub teams: Vec<String>,
    pub coverage: Vec<CoverageWindow>,
    pub shift_types: Vec<ShiftType>,
    pub templates: Vec<ShiftTemplate>,
    pub closures: Closures,
    pub holiday_work: bool,
    pub archived: bool,
    pub archived_at: Option<DateTime<Utc>>,
    /// Gaps, overlaps and parts outside the window over the next twelve months
    /// (on a single desk; lists leave it out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage_check: Option<CoverageCheck>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Desk> for DeskView {
    fn from(desk: Desk) -> Self {
        Self {
            id: desk.id,
            name: desk.name,
            time_zone: desk.time_zone,
            teams: desk.teams,
            coverage: desk.coverage,
            shift_types: desk.shift_types,
            templates: desk.templates,
            closures: desk.closures,
            holiday_work: desk.holiday_work,
            archived: desk.archived_at.is_some(),
            archived_at: desk.archived_at,
            coverage_check: None,
            version: desk.version,
            created_at: desk.created_at,
            updated_at: desk.updated_at,
        }
    }
}

impl From<DeskDetail> for DeskView {
    fn from(detail: DeskDetail) -> Self {
        Self { coverage_check: Some(detail.coverage_check), ..DeskView::from(detail.desk) }
    }
}
