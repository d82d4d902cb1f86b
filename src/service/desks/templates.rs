use super::input::{check_templates, TemplateList};
use super::{detail, find, DeskDetail};
use crate::service::{audit, Actor, Context, Error, IfVersion};
use crate::store;

/// Replaces the desk's templates with `list` (managers of one of its teams, admins).
/// Templates that carry an id are kept under it; the rest are new. The desk's version
/// guards the whole list, so two managers editing templates cannot both win.
pub fn put(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    expected_version: Result<IfVersion, Error>,
    list: Result<TemplateList, Error>,
) -> Result<DeskDetail, Error> {
    let now = ctx.now();
    ctx.write(|conn| {
        let mut desk = find(conn, id)?;
        Error::require(actor.manages_desk(&desk))?;
        let (expected_version, list) = (expected_version?, list?);
        let templates = check_templates(&desk, list.templates, store::new_id)?;
        desk.version = store::desks::touch(conn, id, expected_version.against(desk.version), now)?;
        desk.updated_at = now;
        store::desks::replace_templates(conn, id, &templates, now)?;
        let ids: Vec<&str> = templates.iter().map(|t| t.id.as_str()).collect();
        audit::record(conn, now, &actor.id, "update_templates", "desk", id, serde_json::json!({ "templates": ids }))?;
        desk.templates = templates;
        detail(ctx, conn, desk)
    })
}

/// The desk whose templates `actor` may change (its managers and admins): what the
/// template editor starts from.
pub fn editable(ctx: &Context, actor: &Actor, id: &str) -> Result<crate::domain::Desk, Error> {
    ctx.read(|conn| {
        let desk = find(conn, id)?;
        Error::require(actor.manages_desk(&desk))?;
        Ok(desk)
    })
}
