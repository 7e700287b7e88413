//! Who may read which inquiry: the asker their own (or, without an account, with the receipt
//! and the one-time query code), staff in the roles `staff_actors` finds, and everyone the
//! board's masked copy of a public one.

use yiwang_domain::ids::InquiryId;
use yiwang_domain::inquiry::Actor;
use yiwang_store::inquiries::InquiryRow;
use yiwang_store::inquiries::history::EventRow;

use super::staff_actors;
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// One of the caller's own inquiries; anyone else's is `not_found`, never `forbidden`.
pub async fn mine(app: &AppState, caller: &Caller, id: InquiryId) -> Result<InquiryRow, Error> {
    let me = caller.principal.account().ok_or_else(Error::not_found)?;
    app.store
        .inquiry(id)
        .await?
        .filter(|r| r.account_id == Some(me))
        .ok_or_else(Error::not_found)
}

/// An inquiry found by its receipt and the query code given when it was asked. A wrong pair
/// answers like an unknown receipt, so that neither tells which part was wrong.
pub async fn by_code(app: &AppState, receipt: &str, code: &str) -> Result<InquiryRow, Error> {
    let receipt = receipt.trim().to_ascii_uppercase();
    let code = code.trim().to_ascii_uppercase().replace([' ', '-'], "");
    let Some(row) = app.store.inquiry_by_receipt(&receipt).await? else {
        return Err(Error::not_found());
    };
    let stored = app.store.inquiry_query_hash(row.id).await?;
    let given = app.store.vault().blind_index("inquiry_query", &code);
    match stored {
        Some(h) if yiwang_crypto::constant_time_eq(h.as_bytes(), given.as_bytes()) => Ok(row),
        _ => Err(Error::not_found()),
    }
}

/// An inquiry a staff member may work on, with every role they hold on it.
pub async fn for_staff(
    app: &AppState,
    caller: &Caller,
    id: InquiryId,
) -> Result<(InquiryRow, Vec<Actor>), Error> {
    let row = app.store.inquiry(id).await?.ok_or_else(Error::not_found)?;
    let actors = staff_actors(app, caller, &row).await?;
    if actors.is_empty() {
        return Err(Error::not_found());
    }
    Ok((row, actors))
}

/// An inquiry's history, oldest first.
pub async fn history(app: &AppState, id: InquiryId) -> Result<Vec<EventRow>, Error> {
    Ok(app.store.inquiry_events(id).await?)
}
