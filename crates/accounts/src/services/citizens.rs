//! Staff finding a citizen and reading their details (for assisted handling, ACC-4, OPS-3).
//! Every search and every read is written to the audit log, with the reason given, in the same
//! transaction, and the citizen sees it on their "who viewed my data" page.

use yiwang_domain::account::{AccountKind, check_plain_text};
use yiwang_domain::audit::AuditAction;
use yiwang_domain::identity::{Mobile, ResidentId};
use yiwang_domain::ids::AccountId;
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors, Timestamp};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::accounts::Profile;

/// Finds a citizen's account by mobile or ID number, recording the search and its reason
/// (2–100 characters). Returns the account (if any) and the reason as recorded.
pub async fn lookup(
    app: &AppState,
    caller: &Caller,
    query: &str,
    reason: &str,
) -> Result<(Option<AccountId>, String), Error> {
    let mut e = FieldErrors::new();
    let reason = e.check("reason", check_plain_text(reason, 2, 100));
    let q = query.trim();
    let found = if q.is_empty() {
        e.add("query", FieldCode::Required);
        None
    } else if q.len() == 18 || q.chars().any(|c| c == 'x' || c == 'X') {
        match ResidentId::parse(q, Timestamp::now().beijing_date()) {
            Ok(id) if e.is_empty() => Some(app.store.find_citizen_by_id_number(&id).await?),
            Ok(_) => None,
            Err(c) => {
                e.add("query", c);
                None
            }
        }
    } else {
        match Mobile::parse(q) {
            Ok(m) if e.is_empty() => Some(app.store.find_citizen_by_phone(&m).await?),
            Ok(_) => None,
            Err(c) => {
                e.add("query", c);
                None
            }
        }
    };
    let (Some(found), Some(reason), true) = (found, reason, e.is_empty()) else {
        return Err(Error::Domain(DomainError::invalid(e)));
    };
    let mut tx = app.store.begin().await?;
    let target = Target {
        kind: Some("account"),
        id: found.map(|a| a.to_string()),
        subject: found,
        detail: Some(serde_json::json!({ "reason": reason, "found": found.is_some() })),
        ..Default::default()
    };
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::CitizenLookup,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok((found, reason))
}

/// A citizen's details, read by staff for a reason (2–100 characters) and recorded as a read
/// of the named fields of their personal data.
pub async fn read(
    app: &AppState,
    caller: &Caller,
    id: AccountId,
    reason: &str,
    fields: &[&str],
) -> Result<Profile, Error> {
    let reason = check_plain_text(reason, 2, 100).map_err(|c| Error::field("reason", c))?;
    let p = app.store.profile(id).await?;
    if p.kind != AccountKind::Citizen {
        return Err(Error::not_found());
    }
    let mut tx = app.store.begin().await?;
    let target = Target {
        kind: Some("account"),
        id: Some(id.to_string()),
        subject: Some(id),
        detail: Some(serde_json::json!({ "reason": reason, "fields": fields })),
        ..Default::default()
    };
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::PersonalDataRead,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(p)
}
