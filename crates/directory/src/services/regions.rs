//! Region use cases: adding a community (社区/村) under a street, audited in the same
//! transaction.

use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::region::RegionCode;
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::regions::Region;

/// Adds a community under `parent` (a street or township the caller manages), numbered with
/// `suffix` or the next free number.
pub async fn add_community(
    app: &AppState,
    caller: &Caller,
    parent: &RegionCode,
    name: &str,
    suffix: &str,
) -> Result<Region, Error> {
    caller
        .principal
        .require(Permission::ManageRegions, &Scope::region(parent.clone()))?;
    let mut tx = app.store.begin().await?;
    let r = app
        .store
        .add_community(&mut tx, parent, name, Some(suffix))
        .await?;
    let target = Target {
        kind: Some("region"),
        id: Some(r.code.to_string()),
        region: Some(r.code.clone()),
        detail: Some(serde_json::json!({ "name": r.name })),
        ..Default::default()
    };
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::RegionCreated,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    app.reference.invalidate();
    Ok(r)
}
