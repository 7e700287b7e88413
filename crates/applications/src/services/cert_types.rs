//! The register of certificate types and their issuing authorities (CERT-1), kept by platform
//! admins: a form may only issue a type its department is authorised for, and rules and
//! prefill count a certificate only from an authorised issuer. Also the issuer's review of
//! certificates whose holder's identity changed: keep it, or revoke it
//! (`certificates::revoke`).

use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::ids::{CertificateId, DepartmentId};
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_store::applications::cert_types::{CertType, UnderReview};

use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

fn root(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}

/// Every registered type with its issuers (platform admins).
pub async fn types(app: &AppState, caller: &Caller) -> Result<Vec<CertType>, Error> {
    caller
        .principal
        .require(Permission::ManageCertificateTypes, &root(app))?;
    Ok(app.store.certificate_types().await?)
}

/// Registers a type, or renames one: its code (`[a-z][a-z0-9_]{0,39}`, as forms name it) and
/// its name.
pub async fn register(
    app: &AppState,
    caller: &Caller,
    code: &str,
    name: &str,
) -> Result<(), Error> {
    caller
        .principal
        .require(Permission::ManageCertificateTypes, &root(app))?;
    let mut errors = yiwang_domain::FieldErrors::new();
    let code = code.trim();
    if code.is_empty() {
        errors.add("code", FieldCode::Required);
    } else if !yiwang_domain::application::valid_key(code) {
        errors.add("code", FieldCode::InvalidKey);
    }
    let name = match yiwang_domain::account::check_plain_text(name, 1, 60) {
        Ok(n) => n,
        Err(c) => {
            errors.add("name", c);
            String::new()
        }
    };
    if !errors.is_empty() {
        return Err(yiwang_domain::Error::invalid(errors).into());
    }
    let mut tx = app.store.begin().await?;
    app.store
        .register_certificate_type(&mut tx, code, &name)
        .await?;
    changed(
        app,
        caller,
        &mut tx,
        code,
        serde_json::json!({ "name": name }),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Authorises a department to issue a registered type, or withdraws its authority
/// (certificates it issued stay valid; it may issue no more).
pub async fn set_issuer(
    app: &AppState,
    caller: &Caller,
    code: &str,
    department: DepartmentId,
    authorised: bool,
) -> Result<(), Error> {
    caller
        .principal
        .require(Permission::ManageCertificateTypes, &root(app))?;
    if !app
        .store
        .certificate_types()
        .await?
        .iter()
        .any(|t| t.code == code)
    {
        return Err(Error::not_found());
    }
    // An unknown department is a wrong answer in the form, not a missing page.
    let _ = app
        .store
        .department(department)
        .await
        .map_err(|_| yiwang_domain::Error::field("department", FieldCode::InvalidChoice))?;
    let mut tx = app.store.begin().await?;
    if authorised {
        app.store
            .authorise_issuer(&mut tx, code, department)
            .await?;
    } else {
        app.store.withdraw_issuer(&mut tx, code, department).await?;
    }
    let detail = serde_json::json!({
        "department": department.to_string(),
        "authorised": authorised,
    });
    changed(app, caller, &mut tx, code, detail).await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

async fn changed(
    app: &AppState,
    caller: &Caller,
    tx: &mut yiwang_store::Tx,
    code: &str,
    detail: serde_json::Value,
) -> Result<(), Error> {
    audit::record(
        &app.store,
        caller,
        tx,
        yiwang_domain::audit::AuditAction::CertificateTypeChanged,
        Target {
            kind: Some("certificate_type"),
            id: Some(code.to_owned()),
            subject: None,
            region: Some(app.config.root_region.clone()),
            department: None,
            detail: Some(detail),
        },
    )
    .await
}

/// A certificate waiting for review, with its issuer's name.
pub struct Review {
    /// The certificate.
    pub cert: UnderReview,
    /// Its issuing department.
    pub department: String,
}

/// The certificates waiting for review in every department whose certificates the caller
/// manages, oldest first.
pub async fn under_review(app: &AppState, caller: &Caller) -> Result<Vec<Review>, Error> {
    let mut departments: Vec<DepartmentId> = match caller.principal.staff() {
        Some((_, grants)) => grants.iter().filter_map(|g| g.department).collect(),
        None => Vec::new(),
    };
    // Admins granted over a region (a platform admin) review every department in it.
    if departments.is_empty()
        || caller
            .principal
            .may(Permission::ManageCertificates, &root(app))
    {
        departments = app
            .store
            .departments_under(&app.config.root_region)
            .await?
            .into_iter()
            .map(|d| d.id)
            .collect();
    }
    departments.sort();
    departments.dedup();
    let mut out = Vec::new();
    for id in departments {
        let d = app.store.department(id).await?;
        if !caller.principal.may(
            Permission::ManageCertificates,
            &Scope::department(id, d.region.clone()),
        ) {
            continue;
        }
        for cert in app.store.certificates_under_review(id).await? {
            out.push(Review {
                cert,
                department: d.name.clone(),
            });
        }
    }
    out.sort_by_key(|r| r.cert.since);
    Ok(out)
}

/// The issuer keeps a reviewed certificate: it stays valid and leaves the review list.
pub async fn keep(app: &AppState, caller: &Caller, id: CertificateId) -> Result<(), Error> {
    let cert = app
        .store
        .certificate(id)
        .await?
        .ok_or_else(Error::not_found)?;
    let department = app.store.department(cert.department_id).await?;
    let scope = Scope::department(cert.department_id, department.region.clone());
    if !caller.principal.may(Permission::ManageCertificates, &scope) {
        return Err(Error::not_found());
    }
    let mut tx = app.store.begin().await?;
    if !app.store.confirm_certificate_review(&mut tx, id).await? {
        return Err(Error::code(ErrorCode::InvalidTransition));
    }
    audit::record(
        &app.store,
        caller,
        &mut tx,
        yiwang_domain::audit::AuditAction::CertificateReviewed,
        Target {
            kind: Some("certificate"),
            id: Some(id.to_string()),
            subject: Some(cert.account_id),
            region: Some(department.region.clone()),
            department: Some(cert.department_id),
            detail: None,
        },
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}
