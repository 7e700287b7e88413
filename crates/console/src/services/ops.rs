//! Operations use cases shared by the console pages and the admin API: retrying failed jobs,
//! and the scope of the audit log a staff member may search.

use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Grant, Permission, Role, Scope};
use yiwang_domain::ids::{DepartmentId, JobId};
use yiwang_domain::region::RegionCode;

use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// Puts a dead job back in the queue (platform admins at the deployment root).
pub async fn retry_job(app: &AppState, caller: &Caller, id: JobId) -> Result<(), Error> {
    caller.principal.require(
        Permission::ManageJobs,
        &Scope::region(app.config.root_region.clone()),
    )?;
    let mut tx = app.store.begin().await?;
    app.store.retry_job(&mut tx, id).await?;
    audit::record(
        &app.store,
        caller,
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
