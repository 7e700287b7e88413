//! Staff reads of a case's personal data (ACC-4): written to the audit log, and so to the
//! applicant's access log, before anything is shown — one entry per access, not one per page
//! view. A staff member's reads of one case within `domain::audit::ONE_ACCESS` of an entry
//! that already lists what they read are that access: the case page, its reloads, the page
//! after each step they take and the files they open from it are one entry listing the
//! answers, files and identity it showed.

use yiwang_domain::Timestamp;
use yiwang_domain::audit::{AuditAction, ONE_ACCESS, covers};
use yiwang_domain::deadline::Pause;
use yiwang_domain::region::RegionCode;
use yiwang_domain::workflow::PauseKind;
use yiwang_store::Tx;
use yiwang_store::applications::cases::CaseRow;

use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// What the case page shows of the applicant.
pub const PAGE_READ: &[&str] = &["answers", "files", "real_name", "id_number", "phone"];
/// What opening one of the case's files reads.
pub const FILE_READ: &[&str] = &["files"];

/// Opens a case for a staff member who handles it: the read is recorded (see the module)
/// before anything is decrypted. Returns the case's pauses, read in the same transaction.
pub async fn page(
    app: &AppState,
    caller: &Caller,
    case: &CaseRow,
    region: &RegionCode,
) -> Result<Vec<(PauseKind, Pause)>, Error> {
    let mut tx = app.store.begin().await?;
    record(app, caller, &mut tx, case, region, PAGE_READ).await?;
    let pauses = app.store.case_pauses(&mut tx, case.id).await?;
    yiwang_store::commit(tx).await?;
    Ok(pauses)
}

/// Records a read of one of the case's files by staff who handle it.
pub async fn file(app: &AppState, caller: &Caller, case: &CaseRow) -> Result<(), Error> {
    let region =
        RegionCode::parse(&case.region_code).map_err(|_| Error::internal("case region"))?;
    let mut tx = app.store.begin().await?;
    record(app, caller, &mut tx, case, &region, FILE_READ).await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Writes the entry of a read of `fields`, unless the reader's access to the case already
/// lists them.
async fn record(
    app: &AppState,
    caller: &Caller,
    tx: &mut Tx,
    case: &CaseRow,
    region: &RegionCode,
    fields: &[&str],
) -> Result<(), Error> {
    let who = audit::actor(&app.store, caller.principal.actor()).await?;
    let id = case.id.to_string();
    if let Some(actor) = &who.id {
        let since = Timestamp::now().minus(ONE_ACCESS);
        let earlier = app
            .store
            .recent_entries(tx, actor, AuditAction::CaseRead, ("case", &id), since)
            .await?;
        let listed = |detail: &Option<String>| -> Vec<String> {
            detail
                .as_deref()
                .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
                .and_then(|v| serde_json::from_value(v["fields"].clone()).ok())
                .unwrap_or_default()
        };
        if earlier.iter().any(|d| covers(&listed(d), fields)) {
            return Ok(());
        }
    }
    let target = Target {
        kind: Some("case"),
        id: Some(id),
        subject: Some(case.account_id),
        region: Some(region.clone()),
        department: Some(case.department_id),
        detail: Some(serde_json::json!({ "receipt": case.receipt, "fields": fields })),
    };
    audit::record_as(
        &app.store,
        tx,
        who,
        AuditAction::CaseRead,
        target,
        &caller.request_id,
    )
    .await
}
