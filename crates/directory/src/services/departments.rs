//! Department use cases shared by the pages, the console and the API: finding departments,
//! creating and saving one, each write checked, authorised and audited in one transaction.

use yiwang_domain::ErrorCode;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::department::DepartmentInput;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_store::departments::Department;

use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

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
    caller: &Caller,
    input: &DepartmentInput,
) -> Result<DepartmentId, Error> {
    let mut tx = app.store.begin().await?;
    let valid = app.store.check_department(&mut tx, input, None).await?;
    caller.principal.require(
        Permission::CreateDepartments,
        &Scope::region(valid.region.clone()),
    )?;
    let id = app.store.create_department(&mut tx, &valid).await?;
    let target = department_target(id, &valid.region, serde_json::json!({ "name": valid.name }));
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::DepartmentCreated,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    app.reference.invalidate();
    Ok(id)
}

/// Saves a department edited from `version`. The caller must be allowed to edit it where it
/// is and where it moves to; a concurrent edit gives `conflict`.
pub async fn update_department(
    app: &AppState,
    caller: &Caller,
    id: DepartmentId,
    input: &DepartmentInput,
    version: i64,
) -> Result<(), Error> {
    let current = app.store.department(id).await?;
    caller.principal.require(
        Permission::EditDepartment,
        &Scope::department(id, current.region.clone()),
    )?;
    let mut tx = app.store.begin().await?;
    let valid = app.store.check_department(&mut tx, input, Some(id)).await?;
    caller.principal.require(
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
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::DepartmentUpdated,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    app.reference.invalidate();
    Ok(())
}

/// A page of the deployment's departments, optionally only those under `region` (a code in the
/// deployment; anything else is `invalid_query`) and whose name contains `name` (in either
/// script, at most 50 characters).
pub async fn find(
    app: &AppState,
    region: Option<&str>,
    name: &str,
    page: Page,
) -> Result<Found, Error> {
    let root = &app.config.root_region;
    let under = match region {
        None => root.clone(),
        Some(code) => RegionCode::parse(code)
            .ok()
            .filter(|c| root.contains(c))
            .ok_or_else(|| Error::code(ErrorCode::InvalidQuery))?,
    };
    let name: String = name.chars().take(50).collect();
    let (departments, total) = app
        .store
        .list_departments(
            &under,
            &zhconv::zhconv(&name, zhconv::Variant::ZhHans),
            page,
        )
        .await?;
    Ok(Found {
        under,
        name,
        departments,
        total,
    })
}

/// A page of departments found.
pub struct Found {
    /// The region searched under.
    pub under: RegionCode,
    /// The name searched for, as kept.
    pub name: String,
    /// This page's departments.
    pub departments: Vec<Department>,
    /// How many in all.
    pub total: i64,
}
