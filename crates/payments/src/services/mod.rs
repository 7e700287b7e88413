//! The use cases of fee payment. Each takes `(&AppState, &Caller, …)` (jobs and the
//! provider's notifications use [`system`]), checks with the domain's rules, and writes its
//! change with its audit entry in one transaction.
//!
//! - `bills.rs`: creating bills (staff, a collecting unit's system), finding one by code and
//!   payer, cancelling;
//! - `pay.rs`: starting an attempt exactly once per click, and [`pay::settle`], the one path
//!   every word from the provider takes (notification, query job, return page,
//!   reconciliation); receipts;
//! - `refunds.rs`, `reconcile.rs`, `callback.rs` (the provider's notifications).

pub mod bills;
pub mod callback;
pub mod pay;
pub mod receipts;
pub mod reconcile;
pub mod refunds;

use yiwang_domain::Lang;
use yiwang_kit::auth::Principal;
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

use crate::provider::Payments;

/// The payment set-up installed in the state.
pub fn payments(app: &AppState) -> Result<&Payments, Error> {
    app.part::<Payments>()
}

/// The caller for work the platform does on its own (the provider's word, the query job).
pub fn system() -> Caller {
    Caller::offline(Principal::Anonymous, Lang::ZhHans)
}

/// A provider failure as the one error type: "unavailable, try again".
pub fn provider_error(e: crate::provider::ProviderError) -> Error {
    tracing::warn!(error = %e, "payment provider");
    Error::code(yiwang_domain::ErrorCode::Unavailable)
}

/// Tells the bill's payer (their account on the bill, else `fallback`: the account that paid)
/// what happened to their money, inside the transaction that records it. A bill paid by
/// someone without an account and not tied to one tells nobody: the receipt is on screen.
pub async fn tell_payer(
    app: &AppState,
    tx: &mut yiwang_store::Tx,
    bill: yiwang_domain::ids::BillId,
    fallback: Option<yiwang_domain::ids::AccountId>,
    notice: impl FnOnce(String) -> yiwang_domain::notification::service::ServiceNotice,
) -> Result<(), Error> {
    let Some(row) = app.store.bill(bill).await? else {
        return Ok(());
    };
    if let Some(to) = row.payer_account.or(fallback) {
        app.store
            .notify(
                tx,
                &yiwang_store::notify::Recipient::Account(to),
                &yiwang_domain::notification::Notice::Service(notice(row.title)),
            )
            .await?;
    }
    Ok(())
}
