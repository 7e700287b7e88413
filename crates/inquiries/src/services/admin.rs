//! What platform admins set for inquiries (INQ-1…3): the limits of each kind, transfers and
//! the verdict window; categories; routing rules with a dry run; which departments' answers
//! their admin reviews; and the Open311 clients with their keys. Each change is audited.

use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::ids::{DepartmentId, RouteId};
use yiwang_domain::inquiry::{Category, Settings};
use yiwang_domain::region::RegionCode;
use yiwang_domain::{FieldCode, FieldErrors};

use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The caller must manage inquiries for the whole deployment.
fn manager(app: &AppState, caller: &Caller) -> Result<yiwang_domain::ids::AccountId, Error> {
    let root = Scope::region(app.config.root_region.clone());
    caller
        .principal
        .require(Permission::ManageInquiries, &root)?;
    caller
        .principal
        .staff()
        .map(|(a, _)| a)
        .ok_or_else(Error::forbidden)
}

async fn audited(
    app: &AppState,
    caller: &Caller,
    tx: &mut yiwang_store::Tx,
    what: &str,
    detail: serde_json::Value,
) -> Result<(), Error> {
    audit::record(
        &app.store,
        caller,
        tx,
        AuditAction::InquirySettingsChanged,
        Target {
            kind: Some("inquiry_settings"),
            id: Some(what.to_owned()),
            detail: Some(detail),
            ..Target::default()
        },
    )
    .await
}

/// Saves the limits, transfers and verdict window, after checking every one.
pub async fn save_settings(app: &AppState, caller: &Caller, s: &Settings) -> Result<(), Error> {
    manager(app, caller)?;
    s.check().map_err(yiwang_domain::Error::invalid)?;
    let mut tx = app.store.begin().await?;
    app.store.save_inquiry_settings(&mut tx, s).await?;
    let detail = serde_json::to_value(s).map_err(Error::internal)?;
    audited(app, caller, &mut tx, "limits", detail).await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Adds or changes a category.
pub async fn save_category(app: &AppState, caller: &Caller, c: &Category) -> Result<(), Error> {
    manager(app, caller)?;
    c.check().map_err(yiwang_domain::Error::invalid)?;
    let mut tx = app.store.begin().await?;
    app.store.save_inquiry_category(&mut tx, c).await?;
    let detail = serde_json::to_value(c).map_err(Error::internal)?;
    audited(app, caller, &mut tx, "category", detail).await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Checks a rule's parts: a known category (or `""`: any), a region of the deployment, a
/// department that exists.
async fn check_rule(
    app: &AppState,
    category: &str,
    region: &str,
    department: &str,
) -> Result<(String, RegionCode, Option<DepartmentId>), Error> {
    let mut e = FieldErrors::new();
    let category = category.trim().to_owned();
    if !category.is_empty() && app.store.inquiry_category(&category).await?.is_none() {
        e.add("category", FieldCode::InvalidChoice);
    }
    let region = match RegionCode::parse(region.trim()) {
        Ok(r) if app.config.root_region.contains(&r) && app.store.region_exists(&r).await? => {
            Some(r)
        }
        Ok(_) => {
            e.add("region", FieldCode::UnknownRegion);
            None
        }
        Err(c) => {
            e.add("region", c);
            None
        }
    };
    let department = match department.trim() {
        "" => None,
        d => match d.parse::<DepartmentId>() {
            Ok(id) if app.store.department(id).await.is_ok() => Some(id),
            _ => {
                e.add("department", FieldCode::InvalidChoice);
                None
            }
        },
    };
    match region {
        Some(r) if e.is_empty() => Ok((category, r, department)),
        _ => Err(yiwang_domain::Error::invalid(e).into()),
    }
}

/// Sets the department for a category in a region (replacing the rule of the same pair).
pub async fn set_route(
    app: &AppState,
    caller: &Caller,
    category: &str,
    region: &str,
    department: &str,
) -> Result<(), Error> {
    let by = manager(app, caller)?;
    let (category, region, department) = check_rule(app, category, region, department).await?;
    let department = department.ok_or_else(|| Error::field("department", FieldCode::Required))?;
    let mut tx = app.store.begin().await?;
    app.store
        .set_inquiry_route(&mut tx, &category, region.as_str(), department, by)
        .await?;
    let detail = serde_json::json!({ "category": category, "region": region.as_str(), "department": department });
    audited(app, caller, &mut tx, "route", detail).await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Removes a rule.
pub async fn delete_route(app: &AppState, caller: &Caller, id: RouteId) -> Result<(), Error> {
    manager(app, caller)?;
    let mut tx = app.store.begin().await?;
    if !app.store.delete_inquiry_route(&mut tx, id).await? {
        return Err(Error::not_found());
    }
    audited(
        app,
        caller,
        &mut tx,
        "route_deleted",
        serde_json::json!({ "id": id }),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// The dry run: where an inquiry of `category` in `region` would go now (`None`: the
/// dispatch desk).
pub async fn dry_run(
    app: &AppState,
    caller: &Caller,
    category: &str,
    region: &str,
) -> Result<Option<String>, Error> {
    manager(app, caller)?;
    let (category, region, _) = check_rule(app, category, region, "").await?;
    match app
        .store
        .inquiry_route_for(&category, region.as_str())
        .await?
    {
        Some(d) => Ok(Some(app.store.department(d).await?.name)),
        None => Ok(None),
    }
}

/// Whether a department's answers go through its admin before they are sent.
pub async fn set_reply_review(
    app: &AppState,
    caller: &Caller,
    department: DepartmentId,
    on: bool,
) -> Result<(), Error> {
    manager(app, caller)?;
    app.store.department(department).await?;
    let mut tx = app.store.begin().await?;
    app.store
        .set_inquiry_reply_review(&mut tx, department, on)
        .await?;
    let detail = serde_json::json!({ "department": department, "review": on });
    audited(app, caller, &mut tx, "reply_review", detail).await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Registers an Open311 client and returns its key, shown once (only its hash is kept).
pub async fn add_open311_client(
    app: &AppState,
    caller: &Caller,
    name: &str,
) -> Result<String, Error> {
    let by = manager(app, caller)?;
    let name = yiwang_domain::account::check_plain_text(name, 2, 60)
        .map_err(|c| Error::field("name", c))?;
    let key = yiwang_crypto::random::token().map_err(Error::internal)?;
    let id = yiwang_crypto::random::token().map_err(Error::internal)?;
    let id: String = id.chars().take(16).collect();
    let mut tx = app.store.begin().await?;
    app.store
        .insert_open311_client(
            &mut tx,
            &id,
            &name,
            &yiwang_crypto::sha256_hex(key.as_bytes()),
            &by.to_string(),
        )
        .await?;
    audited(
        app,
        caller,
        &mut tx,
        "open311_client",
        serde_json::json!({ "id": id, "name": name }),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(key)
}

/// Revokes an Open311 client's key.
pub async fn revoke_open311_client(app: &AppState, caller: &Caller, id: &str) -> Result<(), Error> {
    manager(app, caller)?;
    let mut tx = app.store.begin().await?;
    if !app.store.revoke_open311_client(&mut tx, id).await? {
        return Err(Error::not_found());
    }
    audited(
        app,
        caller,
        &mut tx,
        "open311_client_revoked",
        serde_json::json!({ "id": id }),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}
