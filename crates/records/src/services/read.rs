//! Reading records (SVC-3, ACC-4): the citizen's own and their children's, one record with its
//! earlier versions, the signed download; staff reads with a reason; a source's read-back of
//! what it wrote. Every read by staff or a system is written to the person's access log (for
//! a child, to each guardian's), with who, when and the reason, in the read's transaction.

use serde_json::{Value, json};
use yiwang_crypto::certs::SigningKey;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::identity::ResidentId;
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::ids::{AccountId, RecordId};
use yiwang_domain::records::access::{Reader, check_reason, guardian_sees, may_read};
use yiwang_domain::{Error as DomainError, ErrorCode, Timestamp};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::records::{Person, Record};

use super::{calling_source, today};

/// Whose records a list holds.
#[derive(Debug, Clone)]
pub struct Whose {
    /// The child's name, or `None` for the citizen's own.
    pub child: Option<String>,
    /// The records, newest first.
    pub records: Vec<Record>,
}

/// The citizen's records page: theirs, then each child's they may see.
#[derive(Debug, Clone)]
pub struct Mine {
    /// Whether the citizen's identity is verified (records are shown only then).
    pub verified: bool,
    /// Their own records, then each child's.
    pub groups: Vec<Whose>,
}

/// The blind indexes a citizen may read records under: their own (if verified) and each
/// child's they may still see, with the child's name.
async fn readable(
    app: &AppState,
    me: AccountId,
) -> Result<(bool, Option<String>, Vec<(String, String)>), Error> {
    let profile = app.store.profile(me).await?;
    let verified = profile.identity.is_some_and(|l| l.is_verified());
    let own = match (&profile.id_number, verified) {
        (Some(n), true) => ResidentId::parse(n, today())
            .ok()
            .map(|id| app.store.person_index(&id)),
        _ => None,
    };
    let mut children = Vec::new();
    for c in app.store.children_of(me).await? {
        let Ok(id) = ResidentId::parse(&c.id_number, today()) else {
            continue;
        };
        if guardian_sees(&id, profile.identity, today()) {
            children.push((c.index, c.name));
        }
    }
    Ok((verified, own, children))
}

/// `我的档案`: the caller's records and their children's.
pub async fn mine(app: &AppState, caller: &Caller) -> Result<Mine, Error> {
    let me = caller.principal.citizen().ok_or_else(Error::forbidden)?;
    let (verified, own, children) = readable(app, me).await?;
    let mut indexes: Vec<String> = own.iter().cloned().collect();
    indexes.extend(children.iter().map(|(i, _)| i.clone()));
    let all = app.store.records_of(&indexes).await?;
    let mut groups = vec![Whose {
        child: None,
        records: all
            .iter()
            .filter(|r| Some(&r.person_index) == own.as_ref())
            .cloned()
            .collect(),
    }];
    for (index, name) in children {
        groups.push(Whose {
            child: Some(name),
            records: all
                .iter()
                .filter(|r| r.person_index == index)
                .cloned()
                .collect(),
        });
    }
    Ok(Mine { verified, groups })
}

/// One record the citizen may read, with every version (newest first) and the child's name
/// if it is a child's. Anything else is not found.
pub async fn one(
    app: &AppState,
    caller: &Caller,
    id: RecordId,
) -> Result<(Record, Vec<Record>, Option<String>), Error> {
    let me = caller.principal.citizen().ok_or_else(Error::forbidden)?;
    let record = app
        .store
        .record_version(id)
        .await?
        .ok_or_else(Error::not_found)?;
    let (_, own, children) = readable(app, me).await?;
    let is_own = own.as_deref() == Some(record.person_index.as_str());
    let child = children
        .into_iter()
        .find(|(i, _)| *i == record.person_index)
        .map(|(_, n)| n);
    if !may_read(Reader::Citizen {
        own: is_own,
        guardian: child.is_some(),
    }) {
        return Err(Error::not_found());
    }
    let history = app
        .store
        .record_history(record.source, &record.source_record_id)
        .await?;
    Ok((record, history, child))
}

/// A record as a signed document: the payload and its `YWD1.` token, signed with the source
/// department's certificate key (published with the certificate keys, so anyone can check
/// it), as a JSON file.
pub async fn download(app: &AppState, caller: &Caller, id: RecordId) -> Result<Value, Error> {
    let (record, _, _) = one(app, caller, id).await?;
    let mut tx = app.store.begin().await?;
    let key = match app
        .store
        .current_signing_seed(&mut tx, record.department)
        .await?
    {
        Some((_, seed)) => SigningKey::from_seed(&seed),
        None => {
            let key = SigningKey::generate().map_err(|e| Error::Internal(e.to_string()))?;
            app.store
                .add_signing_key(
                    &mut tx,
                    record.department,
                    key.kid(),
                    &key.public().to_b64(),
                    &key.seed_bytes(),
                )
                .await?;
            key
        }
    };
    yiwang_store::commit(tx).await?;
    let payload = json!({
        "v": 1,
        "kid": key.kid(),
        "iss": record.department.to_string(),
        "iss_name": record.department_name,
        "source": record.source_name,
        "id": record.id.to_string(),
        "version": record.version,
        "superseded": record.superseded_at.is_some(),
        "type": record.record_type,
        "type_name": record.type_zh,
        "holder": record.name,
        "date": record.date,
        "data": Value::Object(record.data.clone()),
        "issued": Timestamp::now().beijing_date().to_string(),
    });
    let token = yiwang_crypto::certs::sign_record(&key, &payload)
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(json!({ "record": payload, "signature": token, "verify": "/.well-known/yiwang/keys.json" }))
}

/// A staff member reads a person's records, giving a reason. Only records of sources in the
/// departments where they hold the permission are shown; the read (if it showed anything) is
/// written to the person's access log — to each guardian's for a child.
pub async fn staff_read(
    app: &AppState,
    caller: &Caller,
    id_number: &str,
    reason: &str,
) -> Result<(String, Vec<Record>), Error> {
    let mut e = yiwang_domain::FieldErrors::new();
    let id = e.check("id_number", ResidentId::parse(id_number, today()));
    let reason = e.check("reason", check_reason(reason));
    let (Some(id), Some(reason), true) = (id, reason, e.is_empty()) else {
        return Err(DomainError::invalid(e).into());
    };
    let index = app.store.person_index(&id);
    let (subjects, child) = match app.store.record_person(&index).await? {
        Person::Account { id, .. } => (vec![id], None),
        Person::Child { guardians, name } => (guardians, Some(name)),
        Person::Unknown => {
            return Err(
                DomainError::field("id_number", yiwang_domain::FieldCode::UnknownPerson).into(),
            );
        }
    };
    let mut shown = Vec::new();
    let mut regions = std::collections::HashMap::new();
    for r in app.store.records_of(std::slice::from_ref(&index)).await? {
        let region = match regions.get(&r.department) {
            Some(region) => Clone::clone(region),
            None => {
                let region = app.store.department(r.department).await?.region;
                regions.insert(r.department, region.clone());
                region
            }
        };
        let in_scope = caller.principal.may(
            Permission::ReadRecords,
            &Scope::department(r.department, region),
        );
        if may_read(Reader::Staff {
            in_scope,
            reason_given: true,
        }) {
            shown.push(r);
        }
    }
    if !shown.is_empty() {
        log_read(app, caller, &subjects, child.as_deref(), &shown, &reason).await?;
    }
    Ok((mask_id_number(id.expose()), shown))
}

/// A source reads back every version of a record it wrote (and nothing else), with a reason
/// the person sees.
pub async fn source_read(
    app: &AppState,
    caller: &Caller,
    source_record_id: &str,
    reason: &str,
) -> Result<Vec<Record>, Error> {
    let source = calling_source(app, caller).await?;
    let reason = check_reason(reason).map_err(|c| DomainError::field("reason", c))?;
    let history = app
        .store
        .record_history(source.client, source_record_id)
        .await?;
    let Some(first) = history.first() else {
        return Err(Error::not_found());
    };
    if !may_read(Reader::Source {
        wrote_it: first.source == source.client,
    }) {
        return Err(Error::not_found());
    }
    let (subjects, child) = match app.store.record_person(&first.person_index).await? {
        Person::Account { id, .. } => (vec![id], None),
        Person::Child { guardians, name } => (guardians, Some(name)),
        Person::Unknown => (Vec::new(), None),
    };
    log_read(
        app,
        caller,
        &subjects,
        child.as_deref(),
        &history[..1],
        &reason,
    )
    .await?;
    Ok(history)
}

/// One access-log entry per person told (the person, or each guardian of a child, with the
/// child's name, so a parent knows whose records were read).
async fn log_read(
    app: &AppState,
    caller: &Caller,
    subjects: &[AccountId],
    child: Option<&str>,
    records: &[Record],
    reason: &str,
) -> Result<(), Error> {
    let types: Vec<&str> = records.iter().map(|r| r.type_zh.as_str()).collect();
    let mut tx = app.store.begin().await?;
    for s in subjects {
        let target = Target {
            kind: Some("records"),
            id: records.first().map(|r| r.id.to_string()),
            subject: Some(*s),
            department: records.first().map(|r| r.department),
            detail: Some(json!({
                "reason": reason,
                "fields": ["records"],
                "child": child,
                "records": records.len(),
                "types": types,
            })),
            ..Default::default()
        };
        audit::record(&app.store, caller, &mut tx, AuditAction::RecordRead, target).await?;
    }
    yiwang_store::commit(tx).await?;
    if subjects.is_empty() {
        return Err(Error::code(ErrorCode::NotFound));
    }
    Ok(())
}
