//! Online applications (APP-1…8): starting and saving drafts, submitting exactly once,
//! instant approval, and every later step of a case — the use cases shared by the citizen's
//! pages, the console and the JSON API. Each checks who may act, runs the pure domain rules
//! (`domain::forms`, `domain::workflow`, `domain::rules`, `domain::deadline`), writes the
//! change with its history entry, notification and audit entry in one transaction, and
//! returns the case as it now is.

pub mod act;
pub mod assist;
pub mod calendar;
pub mod cert_types;
pub mod certificates;
pub mod facts;
pub mod forms;
pub mod ratings;
pub mod reads;
pub mod submit;
pub mod tally;
pub mod uploads;

use std::sync::Arc;

use yiwang_domain::ErrorCode;
use yiwang_domain::catalog::ItemStatus;
use yiwang_domain::forms::Answers;
use yiwang_domain::ids::{AccountId, ItemId};
use yiwang_store::applications::drafts::Draft;
use yiwang_store::applications::forms::FormVersion;
use yiwang_store::catalog::ItemRow;

use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;

use crate::catalog::CatalogOf;
use yiwang_kit::state::AppState;

/// An item that can be applied for online now, with its current form.
pub struct Applying {
    /// The item.
    pub item: Arc<ItemRow>,
    /// Its current form version.
    pub form: FormVersion,
}

/// The item and its current form; not found when the item is unknown, withdrawn, or has no
/// online form.
pub async fn applying(app: &AppState, id: ItemId) -> Result<Applying, Error> {
    let row = app
        .catalog()?
        .snapshot()
        .item(id)
        .cloned()
        .filter(|r| r.status == ItemStatus::Active)
        .ok_or_else(Error::not_found)?;
    let form = app
        .store
        .current_form(id)
        .await?
        .ok_or_else(Error::not_found)?;
    Ok(Applying { item: row, form })
}

/// The applicant's draft for the item if it was started on the current form version; a
/// draft of an older version is carried over where its answers still fit (the rest is
/// dropped by the checks at submission).
pub async fn draft(
    app: &AppState,
    applicant: AccountId,
    a: &Applying,
) -> Result<Option<Draft>, Error> {
    Ok(app.store.draft(applicant, a.item.id).await?.map(|mut d| {
        d.form_version = a.form.version;
        d
    }))
}

/// Saves what the applicant typed so far. The form version must be the current one (a page
/// opened before a new version was published is told so, its answers kept by the browser).
pub async fn save_draft(
    app: &AppState,
    applicant: AccountId,
    assisted_by: Option<AccountId>,
    a: &Applying,
    form_version: i64,
    answers: &Answers,
) -> Result<i64, Error> {
    if form_version != a.form.version {
        return Err(Error::code(ErrorCode::FormChanged));
    }
    let mut tx = app.store.begin().await?;
    let revision = app
        .store
        .save_draft(
            &mut tx,
            applicant,
            a.item.id,
            form_version,
            answers,
            assisted_by,
        )
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(revision)
}

/// The six-digit code that, with the receipt number, opens a case's progress without logging
/// in (APP-6). Derived from the receipt with the platform's index key, so it is never stored
/// and the applicant's account can show it again at any time.
pub fn verification_code(app: &AppState, receipt: &str) -> String {
    let mac = app
        .store
        .vault()
        .blind_index("case_verification_code", receipt);
    let n = mac.bytes().take(8).fold(0u64, |acc, b| {
        acc.wrapping_mul(131).wrapping_add(u64::from(b))
    });
    format!("{:06}", n % 1_000_000)
}

/// The case a receipt number and its query code open; a wrong pair is "not found",
/// whichever half was wrong. Callers rate-limit attempts.
pub async fn track(
    app: &AppState,
    receipt: &str,
    code: &str,
) -> Result<yiwang_store::applications::cases::CaseRow, Error> {
    let receipt = yiwang_domain::workflow::Receipt::parse(receipt)
        .map_err(|c| yiwang_domain::Error::field("receipt", c))?;
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let expected = verification_code(app, receipt.as_str());
    let case = app.store.case_by_receipt(&receipt).await?;
    match case {
        Some(c) if yiwang_crypto::constant_time_eq(code.as_bytes(), expected.as_bytes()) => Ok(c),
        _ => Err(Error::not_found()),
    }
}

/// The departments whose cases the staff member may work (grants with `handle_cases`).
pub fn handling_departments(caller: &Caller) -> Vec<yiwang_domain::ids::DepartmentId> {
    let Some((_, grants)) = caller.principal.staff() else {
        return Vec::new();
    };
    let mut out: Vec<_> = grants
        .iter()
        .filter(|g| yiwang_domain::auth::Permission::HandleCases.granted_to(g.role))
        .filter_map(|g| g.department)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What the caller's own queue shows (APP-3, queues per department and role): cases waiting
/// for any handler (pre-check, hand-over) and those at a review step of one of the caller's
/// roles. Empty (everything) for a department admin, who may act at every step.
pub fn waiting_for_me(caller: &Caller) -> Vec<String> {
    use yiwang_domain::auth::{Permission, Role};
    let Some((_, grants)) = caller.principal.staff() else {
        return Vec::new();
    };
    let roles: Vec<Role> = grants
        .iter()
        .filter(|g| Permission::HandleCases.granted_to(g.role) && g.department.is_some())
        .map(|g| g.role)
        .collect();
    if roles.contains(&Role::DeptAdmin) {
        return Vec::new();
    }
    let mut out = vec![yiwang_domain::workflow::Waiting::Anyone.as_str().to_owned()];
    for r in roles {
        let name = r.as_str().to_owned();
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Counts one try of a receipt number and code from the caller's address; too many is
/// `rate_limited`.
pub async fn throttle_track(app: &AppState, caller: &Caller) -> Result<(), Error> {
    // Client addresses are personal data: the counter is keyed by their blind index.
    let key = app
        .store
        .rate_key("track:ip", &caller.client_ip.to_string());
    yiwang_kit::throttle::rate_limit(
        &app.store,
        &[(key, yiwang_domain::throttle::TRACK_PER_CLIENT)],
    )
    .await
}
