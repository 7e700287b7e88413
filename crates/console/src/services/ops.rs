//! Operations use cases shared by the console pages and the admin API: searching the audit log
//! (the search itself recorded), retrying failed jobs, registering system clients, and reading
//! the development outbox.

use yiwang_domain::Timestamp;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Grant, Permission, Role, Scope};
use yiwang_domain::ids::{DepartmentId, JobId};
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_store::audit::{AuditEntry, AuditFilter};
use yiwang_store::clients::TokenOwner;
use yiwang_store::dev_messages::DevMessage;
use yiwang_store::staff::Holder;

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

/// What an audit search asks for (within the caller's scope, see [`audit_scope`]).
#[derive(Debug, Default)]
pub struct AuditSearch {
    /// Only this action.
    pub action: Option<AuditAction>,
    /// Only this actor id.
    pub actor: Option<String>,
    /// From this time.
    pub from: Option<Timestamp>,
    /// Before this time.
    pub to: Option<Timestamp>,
}

/// Searches the audit log within the part the caller may read, and records the search.
pub async fn search_audit(
    app: &AppState,
    caller: &Caller,
    search: AuditSearch,
    page: Page,
) -> Result<(Vec<AuditEntry>, i64), Error> {
    let (region, department) =
        audit_scope(app, caller.principal.actor().grants()).ok_or_else(Error::forbidden)?;
    let detail = serde_json::json!({
        "action": search.action.map(|a| a.as_str()),
        "actor": search.actor,
        "from": search.from.map(|t| t.rfc3339()),
        "to": search.to.map(|t| t.rfc3339()),
    });
    let filter = AuditFilter {
        action: search.action,
        actor: search.actor,
        from: search.from,
        to: search.to,
        region: region.clone(),
        department,
        ..Default::default()
    };
    let found = app.store.search_audit(&filter, page).await?;
    let mut tx = app.store.begin().await?;
    let target = Target {
        kind: Some("audit_log"),
        region,
        department,
        detail: Some(detail),
        ..Default::default()
    };
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::AuditSearched,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(found)
}

/// Registers a system client with read-only access to the directory; its first token is
/// returned once.
pub async fn create_client(app: &AppState, caller: &Caller, name: &str) -> Result<String, Error> {
    caller
        .principal
        .require(Permission::ManageApiClients, &root(app))?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let s = &app.store;
    let mut tx = s.begin().await?;
    let id = s.create_client(&mut tx, name, by).await?;
    let grant = Grant {
        role: Role::Observer,
        department: None,
        region: app.config.root_region.clone(),
    };
    s.add_grant(&mut tx, Holder::Client(id), &grant, Some(by))
        .await?;
    let (_, token) = s
        .issue_token(&mut tx, TokenOwner::Client(id), "initial", None)
        .await?;
    let target = Target {
        kind: Some("client"),
        id: Some(id.to_string()),
        ..Default::default()
    };
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::ApiClientCreated,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(token)
}

/// What the development senders recorded (only where they are in use), the read recorded.
pub async fn dev_messages(app: &AppState, caller: &Caller) -> Result<Vec<DevMessage>, Error> {
    caller
        .principal
        .require(Permission::ReadDevOutbox, &root(app))?;
    if !app.config.dev_senders {
        return Err(Error::not_found());
    }
    let messages = app
        .store
        .dev_messages(None, Page::new(Some(1), Some(100), 100)?)
        .await?;
    let mut tx = app.store.begin().await?;
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::DevOutboxRead,
        Target::default(),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(messages)
}

fn root(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}
