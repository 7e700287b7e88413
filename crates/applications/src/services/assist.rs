//! Assisted handling (帮办代办, APP-8): a staff member who may assist applicants names the
//! citizen at their desk by ID number and the item; the citizen's own phone gets a code that
//! says who asks and for what; the citizen reads it out; from then on, for two hours, that
//! staff member fills and submits that one application as the citizen, and the case, its
//! history and the citizen's access log say who did it.
//!
//! The consent is the only thing that lets a staff member act as a citizen, so every step
//! checks it: it belongs to the caller, it is for this item, and `domain::assist::state` says
//! it is in force.

use std::collections::HashSet;

use yiwang_domain::assist::ConsentState;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::Permission;
use yiwang_domain::identity::ResidentId;
use yiwang_domain::identity::name::mask_name;
use yiwang_domain::identity::phone::mask_mobile;
use yiwang_domain::ids::ItemId;
use yiwang_domain::ids::{AccountId, ConsentId};
use yiwang_domain::notification::Notice;
use yiwang_domain::throttle::{ASSIST_PER_CITIZEN, ASSIST_PER_STAFF};
use yiwang_domain::{Error as DomainError, ErrorCode, FieldCode, FieldErrors, Timestamp};
use yiwang_store::applications::assist::{ConsentRow, NewConsent};
use yiwang_store::notify::Recipient;

use super::{Applying, applying};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// A request just sent.
#[derive(Debug, Clone)]
pub struct Requested {
    /// The consent's id.
    pub id: ConsentId,
}

/// A consent in force: who may act, for whom, on what.
pub struct Grant {
    /// The consent.
    pub consent: ConsentRow,
    /// The item and its current form.
    pub applying: Applying,
}

impl Grant {
    /// The submitter the consent makes of its staff member.
    pub fn submitter(&self) -> super::submit::Submitter {
        submitter(&self.consent)
    }
}

/// Who submits under a consent: the citizen, by the staff member, spending the consent.
pub fn submitter(consent: &ConsentRow) -> super::submit::Submitter {
    super::submit::Submitter {
        applicant: consent.account_id,
        assisted_by: Some((consent.staff_id, consent.staff_name.clone())),
        consent: Some(consent.id),
    }
}

/// The citizen as the staff member may see them before and while acting: masked.
#[derive(Debug, Clone, Default)]
pub struct Citizen {
    /// Masked real name (张*三).
    pub name: String,
    /// Masked mobile (138****0000), where the code went.
    pub phone: String,
}

fn me(caller: &Caller) -> Result<AccountId, Error> {
    caller
        .principal
        .staff()
        .map(|(id, _)| id)
        .ok_or_else(|| Error::code(ErrorCode::Forbidden))
}

/// The masked name and phone of a citizen.
pub async fn citizen(app: &AppState, account: AccountId) -> Result<Citizen, Error> {
    let p = app.store.profile(account).await?;
    Ok(Citizen {
        name: p.real_name.as_deref().map(mask_name).unwrap_or_default(),
        phone: p.phone.as_deref().map(mask_mobile).unwrap_or_default(),
    })
}

/// Sends the citizen named by `id_number` a consent code for the item. The caller must be
/// allowed to assist applicants for the item's department and region.
pub async fn request(
    app: &AppState,
    caller: &Caller,
    id_number: &str,
    item: &str,
) -> Result<Requested, Error> {
    let staff = me(caller)?;
    let id_number = id_number.trim();
    let mut errors = FieldErrors::new();
    let resident = match ResidentId::parse(id_number, Timestamp::now().beijing_date()) {
        Ok(r) => Some(r),
        Err(code) => {
            errors.add("id_number", code);
            None
        }
    };
    let a = match item.trim().parse::<ItemId>() {
        Err(_) => None,
        Ok(item) => match applying(app, item).await {
            Ok(a) => Some(a),
            Err(Error::Domain(e)) if e.code == ErrorCode::NotFound => None,
            Err(e) => return Err(e),
        },
    };
    if a.is_none() {
        errors.add("item", FieldCode::UnknownItem);
    }
    if let Some(a) = &a {
        caller
            .principal
            .require(Permission::AssistApplicants, &a.item.scope())?;
    }
    let account = match &resident {
        Some(r) => match app.store.find_citizen_by_id_number(r).await? {
            Some(acc) => Some(acc),
            None => {
                errors.add("id_number", FieldCode::NoAccountForIdNumber);
                None
            }
        },
        None => None,
    };
    let (Some(a), Some(account), true) = (a, account, errors.is_empty()) else {
        return Err(DomainError::invalid(errors).into());
    };
    yiwang_kit::throttle::rate_limit(
        &app.store,
        &[
            (
                app.store.rate_key("assist:citizen", &account.to_string()),
                ASSIST_PER_CITIZEN,
            ),
            (
                app.store.rate_key("assist:staff", &staff.to_string()),
                ASSIST_PER_STAFF,
            ),
        ],
    )
    .await?;
    let who = audit::actor(&app.store, caller.principal.actor()).await?;
    let department = who.org.clone().unwrap_or_default();
    let code = yiwang_crypto::random::digits(6).map_err(Error::internal)?;
    let mut tx = app.store.begin().await?;
    let id = app
        .store
        .create_consent(
            &mut tx,
            &NewConsent {
                staff_id: staff,
                staff_name: &who.name,
                department: &department,
                account_id: account,
                item_id: a.item.id,
                code: &code,
            },
        )
        .await?;
    app.store
        .notify(
            &mut tx,
            &Recipient::Account(account),
            &Notice::AssistConsent {
                code,
                staff: who.name,
                department,
                item: a.item.name.clone(),
            },
        )
        .await?;
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(Requested { id })
}

/// The caller's own consent request; anyone else's is "not found".
pub async fn own(app: &AppState, caller: &Caller, id: ConsentId) -> Result<ConsentRow, Error> {
    let staff = me(caller)?;
    app.store
        .consent(id)
        .await?
        .filter(|c| c.staff_id == staff)
        .ok_or_else(Error::not_found)
}

/// Accepts the code the citizen read out. The agreement is written to the audit log in the
/// same transaction, naming the citizen, so it appears in their access log. A code typed
/// again after it was accepted is not an error.
pub async fn confirm(
    app: &AppState,
    caller: &Caller,
    id: ConsentId,
    code: &str,
) -> Result<ConsentRow, Error> {
    let row = own(app, caller, id).await?;
    let now = Timestamp::now();
    match row.state(now) {
        ConsentState::Granted { .. } => return Ok(row),
        ConsentState::AwaitingCode { .. } => {}
        ConsentState::Locked | ConsentState::CodeExpired => {
            return Err(DomainError::field("code", FieldCode::CodeInvalid).into());
        }
        _ => return Err(Error::code(ErrorCode::ConsentNotGranted)),
    }
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DomainError::field("code", FieldCode::CodeFormat).into());
    }
    let item = app.store.item(row.item_id).await?;
    let mut tx = app.store.begin().await?;
    let granted = app.store.try_consent_code(&mut tx, row.id, &code).await?;
    if granted {
        audit::record(
            &app.store,
            caller,
            &mut tx,
            AuditAction::AssistedApplication,
            Target {
                kind: Some("consent"),
                id: Some(row.id.to_string()),
                subject: Some(row.account_id),
                region: Some(item.row.region.clone()),
                department: Some(item.row.department),
                detail: Some(serde_json::json!({ "item": row.item_id.to_string() })),
            },
        )
        .await?;
    }
    yiwang_store::commit(tx).await?;
    if !granted {
        return Err(DomainError::field("code", FieldCode::CodeInvalid).into());
    }
    app.store
        .consent(row.id)
        .await?
        .ok_or_else(Error::not_found)
}

/// The caller's consent for `item`, if it is in force now.
pub async fn grant(
    app: &AppState,
    caller: &Caller,
    id: ConsentId,
    item: ItemId,
) -> Result<Grant, Error> {
    let consent = own(app, caller, id).await?;
    if consent.item_id != item {
        return Err(Error::not_found());
    }
    if !consent.state(Timestamp::now()).is_granted() {
        return Err(Error::code(ErrorCode::ConsentNotGranted));
    }
    let applying = applying(app, item).await?;
    Ok(Grant { consent, applying })
}

/// The files a consent opens, by id: those uploaded under it, and those the citizen's draft
/// of the consented item names. None of the citizen's other uploads (their other drafts'
/// files): the consent covers one application. A staff member's saves under the consent keep
/// only these (`pages::apply::read_post`), so the draft cannot be used to widen it.
pub async fn files(app: &AppState, consent: &ConsentRow) -> Result<HashSet<String>, Error> {
    let mut ids: HashSet<String> = app
        .store
        .consent_uploads(consent.id)
        .await?
        .into_iter()
        .collect();
    if let Some(d) = app.store.draft(consent.account_id, consent.item_id).await? {
        ids.extend(super::facts::file_candidates(&d.answers));
    }
    Ok(ids)
}

/// Closes the caller's request (the citizen changed their mind, or the desk is done).
pub async fn cancel(app: &AppState, caller: &Caller, id: ConsentId) -> Result<(), Error> {
    let row = own(app, caller, id).await?;
    if !app.store.cancel_consent(row.id, row.staff_id).await? {
        return Err(Error::code(ErrorCode::ConsentNotGranted));
    }
    Ok(())
}

/// The caller's latest requests.
pub async fn recent(app: &AppState, caller: &Caller) -> Result<Vec<ConsentRow>, Error> {
    Ok(app.store.consents_of_staff(me(caller)?, 20).await?)
}
