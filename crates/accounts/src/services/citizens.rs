//! Staff finding a citizen and reading their details (for assisted handling, ACC-4, OPS-3).
//! Every search and every read is written to the audit log, with the reason given, in the same
//! transaction, and the citizen sees it on their "who viewed my data" page.

use yiwang_domain::account::{AccountKind, check_plain_text};
use yiwang_domain::audit::AuditAction;
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::identity::{Mobile, ResidentId};
use yiwang_domain::ids::AccountId;
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors, Timestamp};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

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

/// A citizen's details as staff are shown them, on the console page and through the API
/// alike: the ID number masked (first three and last four characters), as everywhere staff
/// see one.
#[derive(Debug, Clone)]
pub struct CitizenDetails {
    /// The account.
    pub id: AccountId,
    /// Mobile number.
    pub phone: Option<String>,
    /// Verified real name.
    pub real_name: Option<String>,
    /// Verified ID number, masked.
    pub id_number: Option<String>,
    /// Whether the real name is verified.
    pub verified: bool,
    /// When the account was created.
    pub since: Timestamp,
}

/// The fields a read of [`CitizenDetails`] shows, as the audit entry lists them.
const DETAIL_FIELDS: [&str; 3] = ["phone", "real_name", "id_number"];

/// A citizen's details, read by staff for a reason (2–100 characters) and recorded as a read
/// of personal data before anything is decrypted for the reader.
pub async fn read(
    app: &AppState,
    caller: &Caller,
    id: AccountId,
    reason: &str,
) -> Result<CitizenDetails, Error> {
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
        detail: Some(serde_json::json!({ "reason": reason, "fields": DETAIL_FIELDS })),
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
    Ok(CitizenDetails {
        id,
        id_number: p.id_number.as_deref().map(mask_id_number),
        verified: p.verified_at.is_some(),
        since: p.created_at,
        phone: p.phone,
        real_name: p.real_name,
    })
}
