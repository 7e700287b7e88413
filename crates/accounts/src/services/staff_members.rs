//! Managing staff members (ACC-2): an admin creates an account with its first role, grants
//! and revokes roles within their own scope, and disables or re-enables an account (ending its
//! sessions). Nobody changes their own roles or status. Each change, its audit entries and
//! its notification are one transaction.

use serde::Deserialize;
use yiwang_domain::account::{check_new_password, check_plain_text, check_username};
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Grant, Role, may_grant, may_manage_staff};
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::{AccountId, DepartmentId, GrantId};
use yiwang_domain::notification::Notice;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::notify::Recipient;
use yiwang_store::staff::Holder;

/// Fields for a new staff member and their first role, as the form sends them.
#[derive(Deserialize, Default)]
pub struct StaffInput {
    /// See the form.
    #[serde(default)]
    pub username: String,
    /// See the form.
    #[serde(default)]
    pub display_name: String,
    /// See the form.
    #[serde(default)]
    pub phone: String,
    /// See the form.
    #[serde(default)]
    pub password: String,
    /// See the form.
    #[serde(default)]
    pub role: String,
    /// See the form.
    #[serde(default)]
    pub department: String,
    /// See the form.
    #[serde(default)]
    pub region: String,
}

/// Fields for a role grant, as the form sends them.
#[derive(Deserialize, Default)]
pub struct GrantInput {
    /// See the form.
    #[serde(default)]
    pub role: String,
    /// See the form.
    #[serde(default)]
    pub department: String,
    /// See the form.
    #[serde(default)]
    pub region: String,
}

/// Parses a role grant from form fields, with field errors.
fn parse_grant(e: &mut FieldErrors, role: &str, department: &str, region: &str) -> Option<Grant> {
    let role = e.check(
        "role",
        Role::parse(role)
            .filter(|r| *r != Role::Observer)
            .ok_or(FieldCode::InvalidChoice),
    );
    let department = match department.trim() {
        "" => Some(None),
        d => e.check(
            "department",
            d.parse::<DepartmentId>()
                .map(Some)
                .map_err(|_| FieldCode::UnknownDepartment),
        ),
    };
    let region = e.check("region", RegionCode::parse(region));
    let (role, department, region) = (role?, department?, region?);
    if role.needs_department() && department.is_none() {
        e.add("department", FieldCode::Required);
        return None;
    }
    Some(Grant {
        role,
        department: if role.needs_department() {
            department
        } else {
            None
        },
        region,
    })
}

/// Creates a staff account with its first role; the new member is told their user name.
pub async fn create(
    app: &AppState,
    caller: &Caller,
    input: &StaffInput,
) -> Result<AccountId, Error> {
    let mut e = FieldErrors::new();
    let username = e.check("username", check_username(&input.username));
    let display_name = e.check("display_name", check_plain_text(&input.display_name, 2, 40));
    let phone = match input.phone.trim() {
        "" => Some(None),
        p => e.check("phone", Mobile::parse(p).map(Some)),
    };
    check_new_password(
        &mut e,
        "password",
        "password",
        &input.password,
        &input.password,
        None,
    );
    let grant = parse_grant(&mut e, &input.role, &input.department, &input.region);
    let (Some(username), Some(display_name), Some(phone), Some(grant)) =
        (username, display_name, phone, grant)
    else {
        return Err(DomainError::invalid(e).into());
    };
    if !e.is_empty() {
        return Err(DomainError::invalid(e).into());
    }
    if !may_grant(caller.principal.actor(), &grant) {
        return Err(Error::field("role", FieldCode::InvalidChoice));
    }
    let hash = super::accounts::hash_password(&input.password).await?;
    let s = &app.store;
    let mut tx = s.begin().await?;
    let id = s
        .create_staff(&mut tx, &username, &display_name, &hash, phone.as_ref())
        .await?;
    s.add_grant(
        &mut tx,
        Holder::Account(id),
        &grant,
        caller.principal.account(),
    )
    .await?;
    let target = |action_detail: serde_json::Value| Target {
        kind: Some("account"),
        id: Some(id.to_string()),
        region: Some(grant.region.clone()),
        department: grant.department,
        detail: Some(action_detail),
        ..Default::default()
    };
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::StaffCreated,
        target(serde_json::json!({ "username": username })),
    )
    .await?;
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::RoleGranted,
        target(serde_json::json!({ "role": grant.role.as_str() })),
    )
    .await?;
    s.notify(
        &mut tx,
        &Recipient::Account(id),
        &Notice::StaffAccountCreated { username },
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(id)
}

/// Loads a staff member the caller may manage (never themselves).
pub async fn manageable(
    app: &AppState,
    caller: &Caller,
    id: AccountId,
) -> Result<(AccountId, Vec<Grant>), Error> {
    let profile = app.store.profile(id).await?;
    if profile.kind != yiwang_domain::account::AccountKind::Staff {
        return Err(Error::not_found());
    }
    let grants = app.store.grants(Holder::Account(id)).await?;
    if !may_manage_staff(caller.principal.actor(), &grants, &app.config.root_region) {
        return Err(Error::forbidden());
    }
    Ok((id, grants))
}

/// The audit target of a role granted to or taken from a staff member.
fn grant_target(id: AccountId, grant: &Grant, gid: GrantId) -> Target {
    Target {
        kind: Some("account"),
        id: Some(id.to_string()),
        region: Some(grant.region.clone()),
        department: grant.department,
        detail: Some(serde_json::json!({ "role": grant.role.as_str(), "grant": gid.to_string() })),
        ..Default::default()
    }
}

/// A staff member the caller manages and so may change, never the caller themselves.
async fn changeable(
    app: &AppState,
    caller: &Caller,
    id: AccountId,
) -> Result<(AccountId, Vec<Grant>), Error> {
    let (id, grants) = manageable(app, caller, id).await?;
    not_self(caller, id)?;
    Ok((id, grants))
}

fn not_self(caller: &Caller, id: AccountId) -> Result<(), Error> {
    if caller.principal.account() == Some(id) {
        Err(Error::forbidden())
    } else {
        Ok(())
    }
}

/// Grants a role to a staff member the caller manages (within the caller's own powers).
pub async fn grant(
    app: &AppState,
    caller: &Caller,
    id: AccountId,
    input: &GrantInput,
) -> Result<(), Error> {
    let (id, _) = changeable(app, caller, id).await?;
    let mut e = FieldErrors::new();
    let Some(grant) = parse_grant(&mut e, &input.role, &input.department, &input.region) else {
        return Err(DomainError::invalid(e).into());
    };
    if !may_grant(caller.principal.actor(), &grant) {
        return Err(Error::field("role", FieldCode::InvalidChoice));
    }
    let mut tx = app.store.begin().await?;
    let gid = app
        .store
        .add_grant(
            &mut tx,
            Holder::Account(id),
            &grant,
            caller.principal.account(),
        )
        .await?;
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::RoleGranted,
        grant_target(id, &grant, gid),
    )
    .await
}

/// Takes a role from a staff member the caller manages.
pub async fn revoke(
    app: &AppState,
    caller: &Caller,
    id: AccountId,
    grant: GrantId,
) -> Result<(), Error> {
    let (id, _) = changeable(app, caller, id).await?;
    let mut tx = app.store.begin().await?;
    let removed = app
        .store
        .revoke_grant(&mut tx, Holder::Account(id), grant)
        .await?;
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::RoleRevoked,
        grant_target(id, &removed, grant),
    )
    .await
}

/// Disables (ending every session) or re-enables a staff member the caller manages.
pub async fn set_active(
    app: &AppState,
    caller: &Caller,
    id: AccountId,
    active: bool,
) -> Result<(), Error> {
    let (id, grants) = changeable(app, caller, id).await?;
    let mut tx = app.store.begin().await?;
    app.store.set_staff_active(&mut tx, id, active).await?;
    let target = Target {
        kind: Some("account"),
        id: Some(id.to_string()),
        region: grants.first().map(|g| g.region.clone()),
        department: grants.iter().find_map(|g| g.department),
        detail: Some(serde_json::json!({ "active": active })),
        ..Default::default()
    };
    audit::commit_audited(&app.store, caller, tx, AuditAction::StaffDisabled, target).await
}
