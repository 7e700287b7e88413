//! Settings of personal records (SVC-3): record types an admin defines with a schema in the
//! form language, the system clients registered as sources with the types each may push, and
//! guardian relations recorded by a clerk who saw the household register or birth certificate.

use serde_json::json;
use yiwang_domain::account::check_plain_text;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope, allows_somewhere};
use yiwang_domain::forms::FormDef;
use yiwang_domain::identity::{PersonName, ResidentId};
use yiwang_domain::ids::{ClientId, DepartmentId};
use yiwang_domain::records::access::{Evidence, may_link};
use yiwang_domain::records::{check_schema, check_type_code};
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

use super::today;

fn root(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}

/// Defines (or redefines) a record type. `schema` is a form definition in JSON with one
/// section of text, number, date and choice fields.
pub async fn save_type(
    app: &AppState,
    caller: &Caller,
    code: &str,
    name_zh: &str,
    name_en: &str,
    schema: &str,
) -> Result<String, Error> {
    caller
        .principal
        .require(Permission::ManageRecords, &root(app))?;
    let mut e = FieldErrors::new();
    let code = e.check("code", check_type_code(code));
    let name_zh = e.check("name_zh", check_plain_text(name_zh, 2, 40));
    let name_en = e.check("name_en", check_plain_text(name_en, 0, 80));
    let schema: Option<FormDef> = match serde_json::from_str::<FormDef>(schema) {
        Ok(s) => match check_schema(&s) {
            Ok(()) => Some(s),
            Err(errs) => {
                e.add(
                    "schema",
                    errs.iter()
                        .next()
                        .map_or(FieldCode::InvalidLine, |f| f.code),
                );
                None
            }
        },
        Err(_) => {
            e.add("schema", FieldCode::InvalidLine);
            None
        }
    };
    let (Some(code), Some(name_zh), Some(name_en), Some(schema), true) =
        (code, name_zh, name_en, schema, e.is_empty())
    else {
        return Err(DomainError::invalid(e).into());
    };
    let mut tx = app.store.begin().await?;
    app.store
        .save_record_type(
            &mut tx,
            &code,
            &name_zh,
            (!name_en.is_empty()).then_some(name_en.as_str()),
            &schema,
        )
        .await?;
    let target = Target {
        kind: Some("record_type"),
        id: Some(code.clone()),
        ..Default::default()
    };
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::RecordSettingsChanged,
        target,
    )
    .await?;
    Ok(code)
}

/// Registers a system client as a source of records of a department, allowed `types`.
pub async fn save_source(
    app: &AppState,
    caller: &Caller,
    client: &str,
    department: &str,
    types: &[String],
) -> Result<(), Error> {
    caller
        .principal
        .require(Permission::ManageRecords, &root(app))?;
    let mut e = FieldErrors::new();
    let clients = app.store.list_clients().await?;
    let client = client
        .parse::<ClientId>()
        .ok()
        .filter(|c| clients.iter().any(|x| x.id == *c && !x.disabled));
    if client.is_none() {
        e.add("client", FieldCode::UnknownChoice);
    }
    let department = match department.parse::<DepartmentId>() {
        Ok(d) if app.store.department(d).await.is_ok() => Some(d),
        _ => {
            e.add("department", FieldCode::UnknownDepartment);
            None
        }
    };
    let known: Vec<String> = app
        .store
        .record_types()
        .await?
        .into_iter()
        .map(|t| t.code)
        .collect();
    if types.iter().any(|t| !known.contains(t)) {
        e.add("types", FieldCode::UnknownChoice);
    }
    let (Some(client), Some(department), true) = (client, department, e.is_empty()) else {
        return Err(DomainError::invalid(e).into());
    };
    let mut tx = app.store.begin().await?;
    app.store
        .save_record_source(&mut tx, client, department, types)
        .await?;
    let target = Target {
        kind: Some("record_source"),
        id: Some(client.to_string()),
        department: Some(department),
        detail: Some(json!({ "types": types })),
        ..Default::default()
    };
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::RecordSettingsChanged,
        target,
    )
    .await?;
    Ok(())
}

/// A clerk records that the citizen with `guardian_id_number` (registered, identity verified)
/// is the guardian of the child, having seen `evidence`. From then on the guardian sees the
/// child's records until the child turns 18, and sources may push records for the child.
pub async fn link_guardian(
    app: &AppState,
    caller: &Caller,
    guardian_id_number: &str,
    child_id_number: &str,
    child_name: &str,
    evidence: &str,
) -> Result<(), Error> {
    if !allows_somewhere(caller.principal.actor(), Permission::VerifyIdentityInPerson) {
        return Err(Error::forbidden());
    }
    let mut e = FieldErrors::new();
    let guardian = e.check(
        "guardian_id_number",
        ResidentId::parse(guardian_id_number, today()),
    );
    let child = e.check(
        "child_id_number",
        ResidentId::parse(child_id_number, today()),
    );
    let name = e.check("child_name", PersonName::parse(child_name));
    let evidence = Evidence::parse(evidence);
    if evidence.is_none() {
        e.add("evidence", FieldCode::InvalidChoice);
    }
    let (Some(guardian), Some(child), Some(name), Some(evidence), true) =
        (guardian, child, name, evidence, e.is_empty())
    else {
        return Err(DomainError::invalid(e).into());
    };
    let account = app
        .store
        .find_citizen_by_id_number(&guardian)
        .await?
        .ok_or_else(|| DomainError::field("guardian_id_number", FieldCode::NoAccountForIdNumber))?;
    let level = app.store.profile(account).await?.identity;
    may_link(level, &guardian, &child, today()).map_err(|(f, c)| DomainError::field(f, c))?;
    let by = caller
        .principal
        .account()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let mut tx = app.store.begin().await?;
    app.store
        .add_guardian_link(&mut tx, account, &child, name.expose(), evidence, &by)
        .await?;
    let target = Target {
        kind: Some("guardian_link"),
        subject: Some(account),
        detail: Some(json!({ "evidence": evidence.as_str() })),
        ..Default::default()
    };
    audit::commit_audited(&app.store, caller, tx, AuditAction::GuardianLinked, target).await?;
    Ok(())
}
