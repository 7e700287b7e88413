//! Source systems pushing records (SVC-3). Every record is checked against its type's schema,
//! matched to a person by ID number and name, and stored exactly once per (source, source
//! record id): the same content again changes nothing, other content is a correction that
//! supersedes the earlier version, which is kept ([`decide_push`]). A batch is one
//! transaction with one audit entry; each of its records gets its own answer.

use std::collections::HashMap;

use serde_json::json;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::identity::{PersonName, ResidentId};
use yiwang_domain::ids::{AccountId, RecordId};
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::service::ServiceNotice;
use yiwang_domain::records::{PushOutcome, RecordInput, check_record, decide_push};
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors, Timestamp};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::notify::Recipient;
use yiwang_store::records::{NewVersion, Person, RecordType, Source};

use super::{calling_source, today};

/// What a push did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pushed {
    /// The current version's id.
    pub id: RecordId,
    /// Its version number.
    pub version: i64,
    /// Created, unchanged (a repeat) or corrected.
    pub outcome: PushOutcome,
}

/// Pushes one record; a refused record changes nothing.
pub async fn push_one(
    app: &AppState,
    caller: &Caller,
    input: RecordInput,
) -> Result<Pushed, Error> {
    let mut answers = push_many(app, caller, vec![Ok(input)]).await?;
    answers.pop().unwrap_or_else(|| Err(Error::forbidden()))
}

/// Pushes a batch: the records that pass are stored in one transaction, each answer in
/// order, with one audit entry counting what was created, corrected, unchanged and refused
/// (none when nothing was written). An entry that arrives as `Err` (e.g. a FHIR resource that
/// did not map) keeps its error and is counted as refused.
pub async fn push_many(
    app: &AppState,
    caller: &Caller,
    inputs: Vec<Result<RecordInput, Error>>,
) -> Result<Vec<Result<Pushed, Error>>, Error> {
    let source = calling_source(app, caller).await?;
    let today = today();
    let mut types: HashMap<String, Option<RecordType>> = HashMap::new();
    // People repeat within a batch (a clinic's day of one child's doses): looked up once.
    let mut people: HashMap<String, Person> = HashMap::new();
    // Checks before the transaction: they read, and a refused record must change nothing.
    let mut checked = Vec::with_capacity(inputs.len());
    for input in inputs {
        let c = match input {
            Ok(i) => check(app, &source, &mut types, &mut people, &i, today).await,
            Err(e) => Err(e),
        };
        checked.push(c);
    }
    let now = Timestamp::now();
    // Who is pushing, for the audit entry, read before the transaction: inside it, with the
    // pool's other connections held by concurrent pushes of the same record waiting on this
    // one's insert, a further connection may never come (a pool timeout, answered 503).
    let actor = audit::actor(&app.store, caller.principal.actor()).await?;
    let mut tx = app.store.begin().await?;
    let mut answers = Vec::with_capacity(checked.len());
    let (mut created, mut corrected, mut unchanged, mut refused) = (0, 0, 0, 0);
    // Who to tell of a new record: the person, or a child's guardians; once per person and
    // record type per push, however many doses a clinic sends at once.
    let mut tell: std::collections::BTreeSet<(AccountId, String)> = Default::default();
    for c in checked {
        let (clean, index) = match c {
            Ok(x) => x,
            Err(e) => {
                refused += 1;
                answers.push(Err(e));
                continue;
            }
        };
        let fingerprint = app.store.record_fingerprint(&clean)?;
        let latest = app
            .store
            .latest_version(&mut tx, source.client, &clean.source_record_id)
            .await?;
        let outcome = decide_push(
            latest.as_ref().map(|(_, v, f)| (*v, f.as_str())),
            &fingerprint,
        );
        let version = match outcome {
            PushOutcome::Created => 1,
            PushOutcome::Corrected { version } => version,
            PushOutcome::Unchanged => {
                unchanged += 1;
                if let Some((id, version, _)) = latest {
                    answers.push(Ok(Pushed {
                        id,
                        version,
                        outcome,
                    }));
                }
                continue;
            }
        };
        if let Some((old, _, _)) = &latest {
            app.store.supersede_record(&mut tx, *old, now).await?;
        }
        let inserted = app
            .store
            .insert_record_version(
                &mut tx,
                NewVersion {
                    record: &clean,
                    source: source.client,
                    version,
                    fingerprint: &fingerprint,
                    person_index: &index,
                    at: now,
                },
            )
            .await;
        let id = match inserted {
            Ok(id) => id,
            // Two pushes of the same record at once (PostgreSQL): one wins, the other is told
            // to retry, which then finds it unchanged or corrects it.
            Err(e) if e.is_unique_violation() => {
                return Err(Error::code(yiwang_domain::ErrorCode::Conflict));
            }
            Err(e) => return Err(e.into()),
        };
        if version == 1 {
            created += 1;
            let accounts = match people.get(&index) {
                Some(Person::Account { id, .. }) => vec![*id],
                Some(Person::Child { guardians, .. }) => guardians.clone(),
                _ => Vec::new(),
            };
            tell.extend(accounts.into_iter().map(|a| (a, clean.record_type.clone())));
        } else {
            corrected += 1;
        }
        answers.push(Ok(Pushed {
            id,
            version,
            outcome,
        }));
    }
    if created + corrected == 0 {
        // Repeats and refusals change nothing, not even the audit log.
        drop(tx);
        return Ok(answers);
    }
    for (account, code) in tell {
        let record_type = match types.get(&code) {
            Some(Some(t)) => t.name_zh.clone(),
            _ => code,
        };
        app.store
            .notify(
                &mut tx,
                &Recipient::Account(account),
                &Notice::Service(ServiceNotice::RecordAdded {
                    record_type,
                    source: source.name.clone(),
                }),
            )
            .await?;
    }
    let target = Target {
        kind: Some("record_source"),
        id: Some(source.client.to_string()),
        department: Some(source.department),
        detail: Some(json!({
            "created": created, "corrected": corrected, "unchanged": unchanged, "refused": refused,
        })),
        ..Default::default()
    };
    audit::record_as(
        &app.store,
        &mut tx,
        actor,
        AuditAction::RecordsPushed,
        target,
        &caller.request_id,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(answers)
}

/// Checks one record: the type is known and allowed to the source, the data fits its schema,
/// and the ID number and name are a person the platform knows.
async fn check(
    app: &AppState,
    source: &Source,
    types: &mut HashMap<String, Option<RecordType>>,
    people: &mut HashMap<String, Person>,
    input: &RecordInput,
    today: time::Date,
) -> Result<(yiwang_domain::records::CleanRecord, String), Error> {
    if !types.contains_key(&input.record_type) {
        let t = app.store.record_type(&input.record_type).await?;
        types.insert(input.record_type.clone(), t);
    }
    let Some(Some(record_type)) = types.get(&input.record_type) else {
        return Err(DomainError::field("type", FieldCode::UnknownChoice).into());
    };
    if !source.types.contains(&record_type.code) {
        return Err(DomainError::field("type", FieldCode::RecordTypeNotAllowed).into());
    }
    let clean = check_record(input, &record_type.schema, today)
        .map_err(|e| Error::from(DomainError::invalid(e)))?;
    let index = app.store.person_index(&clean.id_number);
    if !people.contains_key(&index) {
        let person = app.store.record_person(&index).await?;
        people.insert(index.clone(), person);
    }
    let known = match people.get(&index) {
        Some(Person::Account { name, .. } | Person::Child { name, .. }) => name,
        _ => {
            return Err(DomainError::field("id_number", FieldCode::UnknownPerson).into());
        }
    };
    if !same_name(known, &clean.name) {
        return Err(DomainError::field("name", FieldCode::IdentityMismatch).into());
    }
    Ok((clean, index))
}

fn same_name(known: &str, given: &PersonName) -> bool {
    PersonName::parse(known).is_ok_and(|k| k == *given)
}

/// Field errors of a native check, for callers that map them elsewhere (FHIR paths).
pub fn field_errors(e: &Error) -> Option<&FieldErrors> {
    match e {
        Error::Domain(d) if !d.fields.is_empty() => Some(&d.fields),
        _ => None,
    }
}

/// Parses an ID number the way pushes do (for other use cases).
pub fn parse_id(s: &str) -> Result<ResidentId, Error> {
    ResidentId::parse(s, today()).map_err(|c| DomainError::field("id_number", c).into())
}
