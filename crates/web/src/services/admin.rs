//! Administration use cases shared by the console pages and the admin API: departments, failed
//! jobs, and the scope of the audit log a staff member may search.

use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Grant, Permission, Role, Scope};
use yiwang_domain::department::DepartmentInput;
use yiwang_domain::ids::{DepartmentId, JobId};
use yiwang_domain::region::RegionCode;

use super::audit::{self, Target};
use crate::error::Error;
use crate::pipeline::Ctx;
use crate::state::AppState;

fn department_target(id: DepartmentId, region: &RegionCode, detail: serde_json::Value) -> Target {
    Target {
        kind: Some("department"),
        id: Some(id.to_string()),
        region: Some(region.clone()),
        department: Some(id),
        detail: Some(detail),
        ..Default::default()
    }
}

/// Creates a department: every field and reference checked, the caller allowed in its region,
/// the audit entry written — in one transaction.
pub async fn create_department(
    app: &AppState,
    ctx: &Ctx,
    input: &DepartmentInput,
) -> Result<DepartmentId, Error> {
    let mut tx = app.store.begin().await?;
    let valid = app.store.check_department(&mut tx, input, None).await?;
    ctx.principal.require(
        Permission::CreateDepartments,
        &Scope::region(valid.region.clone()),
    )?;
    let id = app.store.create_department(&mut tx, &valid).await?;
    let target = department_target(id, &valid.region, serde_json::json!({ "name": valid.name }));
    audit::record(app, ctx, &mut tx, AuditAction::DepartmentCreated, target).await?;
    yiwang_store::commit(tx).await?;
    app.reference.invalidate();
    Ok(id)
}

/// Saves a department edited from `version`. The caller must be allowed to edit it where it
/// is and where it moves to; a concurrent edit gives `conflict`.
pub async fn update_department(
    app: &AppState,
    ctx: &Ctx,
    id: DepartmentId,
    input: &DepartmentInput,
    version: i64,
) -> Result<(), Error> {
    let current = app.store.department(id).await?;
    ctx.principal.require(
        Permission::EditDepartment,
        &Scope::department(id, current.region.clone()),
    )?;
    let mut tx = app.store.begin().await?;
    let valid = app.store.check_department(&mut tx, input, Some(id)).await?;
    ctx.principal.require(
        Permission::EditDepartment,
        &Scope::department(id, valid.region.clone()),
    )?;
    app.store
        .update_department(&mut tx, id, &valid, version)
        .await?;
    let target = department_target(
        id,
        &valid.region,
        serde_json::json!({ "version": version + 1 }),
    );
    audit::record(app, ctx, &mut tx, AuditAction::DepartmentUpdated, target).await?;
    yiwang_store::commit(tx).await?;
    app.reference.invalidate();
    Ok(())
}

/// Puts a dead job back in the queue (platform admins at the deployment root).
pub async fn retry_job(app: &AppState, ctx: &Ctx, id: JobId) -> Result<(), Error> {
    ctx.principal.require(
        Permission::ManageJobs,
        &Scope::region(app.config.root_region.clone()),
    )?;
    let mut tx = app.store.begin().await?;
    app.store.retry_job(&mut tx, id).await?;
    audit::record(
        app,
        ctx,
        &mut tx,
        AuditAction::JobRetried,
        Target {
            kind: Some("job"),
            id: Some(id.to_string()),
            ..Default::default()
        },
    )
    .await?;
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// The part of the audit log a staff member may search: everything for a platform admin at
/// the deployment root, the widest region subtree among their region-wide grants (supervisors,
/// regional admins), otherwise their department. `None`: no grant reads the audit log.
pub fn audit_scope(
    app: &AppState,
    grants: &[Grant],
) -> Option<(Option<RegionCode>, Option<DepartmentId>)> {
    let readers: Vec<&Grant> = grants
        .iter()
        .filter(|g| Permission::ReadAudit.granted_to(g.role))
        .collect();
    if readers
        .iter()
        .any(|g| g.role == Role::PlatformAdmin && g.region.contains(&app.config.root_region))
    {
        return Some((None, None));
    }
    if let Some(g) = readers
        .iter()
        .filter(|g| g.department.is_none())
        .min_by_key(|g| g.region.as_str().len())
    {
        return Some((Some(g.region.clone()), None));
    }
    readers.first().map(|g| (None, g.department))
}
