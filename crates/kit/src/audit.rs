//! Writing audit entries for staff actions, with the actor's name and department as they are
//! at the time (so later renames do not rewrite history).

use yiwang_domain::audit::AuditAction;
use yiwang_domain::ids::{AccountId, DepartmentId};
use yiwang_domain::region::RegionCode;
use yiwang_store::Tx;
use yiwang_store::audit::{AuditActor, NewAudit};

use yiwang_domain::auth::Actor;
use yiwang_store::Store;

use crate::caller::Caller;
use crate::error::Error;

/// The actor as the audit log records it.
pub async fn actor(store: &Store, actor: &Actor) -> Result<AuditActor, Error> {
    match actor {
        Actor::Staff { account, grants } => {
            let p = store.profile(*account).await?;
            let org = match grants.iter().find_map(|g| g.department) {
                Some(d) => Some(store.department(d).await?.name),
                None => match grants.first() {
                    Some(g) => Some(
                        store
                            .region(&g.region)
                            .await
                            .map(|r| r.name)
                            .unwrap_or_default(),
                    ),
                    None => None,
                },
            };
            Ok(AuditActor {
                id: Some(account.to_string()),
                name: p.display_name.or(p.username).unwrap_or_default(),
                org,
            })
        }
        Actor::Client { client, .. } => {
            let name = store
                .list_clients()
                .await?
                .into_iter()
                .find(|c| c.id == *client)
                .map(|c| c.name)
                .unwrap_or_default();
            Ok(AuditActor {
                id: Some(client.to_string()),
                name,
                org: None,
            })
        }
        _ => Ok(AuditActor {
            id: None,
            name: "system".into(),
            org: None,
        }),
    }
}

/// What an audit entry is about.
#[derive(Debug, Default)]
pub struct Target {
    /// Kind of object.
    pub kind: Option<&'static str>,
    /// Its id.
    pub id: Option<String>,
    /// The citizen concerned.
    pub subject: Option<AccountId>,
    /// Its region.
    pub region: Option<RegionCode>,
    /// Its department.
    pub department: Option<DepartmentId>,
    /// Extra facts (never personal data).
    pub detail: Option<serde_json::Value>,
}

/// Records an entry for the request's actor inside the transaction.
pub async fn record(
    store: &Store,
    caller: &Caller,
    tx: &mut Tx,
    action: AuditAction,
    target: Target,
) -> Result<(), Error> {
    let actor = actor(store, caller.principal.actor()).await?;
    record_as(store, tx, actor, action, target, &caller.request_id).await
}

/// Records the caller's entry in `tx` and commits it: the change and its audit entry land
/// together or not at all.
pub async fn commit_audited(
    store: &Store,
    caller: &Caller,
    mut tx: Tx,
    action: AuditAction,
    target: Target,
) -> Result<(), Error> {
    record(store, caller, &mut tx, action, target).await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Records an entry for a given actor.
pub async fn record_as(
    store: &Store,
    tx: &mut Tx,
    actor: AuditActor,
    action: AuditAction,
    target: Target,
    request_id: &str,
) -> Result<(), Error> {
    store
        .audit(
            tx,
            NewAudit {
                actor,
                action,
                target_kind: target.kind,
                target_id: target.id,
                subject: target.subject,
                region: target.region,
                department: target.department,
                detail: target.detail,
                request_id: Some(request_id.to_owned()),
            },
        )
        .await?;
    Ok(())
}
