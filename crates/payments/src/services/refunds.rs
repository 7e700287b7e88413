//! Refunds, full or partial (SVC-1): asked by a finance officer, never more than was paid and
//! not yet refunded (`domain::payments::refund::check_refund`, counting refunds still waiting
//! for the provider), confirmed by the provider's notification or the query job, and then
//! posted to the ledger once.

use yiwang_domain::Timestamp;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::ids::{PaymentId, RefundId};
use yiwang_domain::notification::service::ServiceNotice;
use yiwang_domain::payments::refund::{RefundState as Stored, check_refund};
use yiwang_domain::payments::{AttemptState, Fen};
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_kit::audit::{Target, commit_audited};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::payments::ledger::PostingKind;

use super::{bills, payments};
use crate::provider::{ProviderError, RefundRequest, RefundState};

/// Asks for a refund of `amount` (yuan as typed) of a payment. Returns the refund.
pub async fn request(
    app: &AppState,
    caller: &Caller,
    attempt: PaymentId,
    amount: &str,
    reason: &str,
) -> Result<RefundId, Error> {
    let a = app
        .store
        .attempt(attempt)
        .await?
        .ok_or_else(Error::not_found)?;
    let bill = app
        .store
        .bill(a.bill_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let unit = app
        .store
        .pay_unit(&bill.unit)
        .await?
        .ok_or_else(Error::not_found)?;
    if !bills::may_manage(caller, &unit)? || caller.principal.staff().is_none() {
        return Err(Error::forbidden());
    }
    let amount = Fen::parse_yuan(amount).map_err(|c| Error::field("amount", c))?;
    let reason = yiwang_domain::account::check_plain_text(reason, 2, 200)
        .map_err(|c| Error::field("reason", c))?;
    if a.state != AttemptState::Succeeded {
        return Err(Error::code(ErrorCode::InvalidTransition));
    }
    let trade_no = a.trade_no.clone().unwrap_or_default();
    let mut tx = app.store.begin().await?;
    let refunded = app.store.refunded_of(&mut tx, a.id).await?;
    // What was paid on this attempt, from the ledger's payment posting.
    check_refund(a.amount, refunded, amount).map_err(|c| Error::field("amount", c))?;
    let by = caller.principal.account().map(|x| x.to_string());
    let id = app
        .store
        .insert_refund(&mut tx, &a, amount, &reason, by)
        .await?;
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::RefundRequested,
        Target {
            kind: Some("refund"),
            id: Some(id.to_string()),
            subject: a.account,
            detail: Some(
                serde_json::json!({"payment": a.id.to_string(), "amount_fen": amount.get()}),
            ),
            ..Default::default()
        },
    )
    .await?;
    let p = payments(app)?;
    match p
        .provider
        .refund(&RefundRequest {
            merchant_ref: id.to_string(),
            order_ref: a.id.to_string(),
            trade_no,
            amount,
        })
        .await
    {
        Ok(state) => {
            settle(app, id, &state).await?;
        }
        Err(ProviderError::Refused(why)) => {
            tracing::warn!(refund = %id, why, "refund refused by the provider");
            settle(app, id, &RefundState::Failed).await?;
            return Err(Error::field("amount", FieldCode::RefundOverPaid));
        }
        // Unreachable provider: the refund stays pending and the query job asks again.
        Err(e) => tracing::warn!(refund = %id, error = %e, "refund pending"),
    }
    Ok(id)
}

/// The one path for the provider's word on a refund: posts it to the ledger once.
pub async fn settle(app: &AppState, id: RefundId, state: &RefundState) -> Result<bool, Error> {
    let mut tx = app.store.begin().await?;
    let r = app
        .store
        .refund_in(&mut tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    match state {
        RefundState::Done { refund_no, amount } => {
            if !app
                .store
                .settle_refund(&mut tx, id, Stored::Succeeded, Some(refund_no))
                .await?
            {
                return Ok(false);
            }
            app.store
                .post(
                    &mut tx,
                    r.bill_id,
                    PostingKind::Refund,
                    &id.to_string(),
                    *amount,
                    Some(refund_no),
                    Timestamp::now(),
                )
                .await?;
            super::tell_payer(app, &mut tx, r.bill_id, None, |title| {
                ServiceNotice::Refunded {
                    title,
                    amount: amount.to_string(),
                }
            })
            .await?;
        }
        RefundState::Failed => {
            app.store
                .settle_refund(&mut tx, id, Stored::Failed, None)
                .await?;
        }
        RefundState::Processing => return Ok(false),
    }
    yiwang_store::commit(tx).await?;
    Ok(true)
}

/// The query job's pass over refunds still pending.
pub async fn query_pending(app: &AppState) -> Result<usize, Error> {
    let p = payments(app)?;
    let before = Timestamp::now().minus(std::time::Duration::from_secs(5));
    let mut n = 0;
    for r in app.store.pending_refunds(before, 500).await? {
        match p.provider.query_refund(&r.id.to_string()).await {
            Ok(state) => {
                if settle(app, r.id, &state).await? {
                    n += 1;
                }
            }
            Err(e) => tracing::warn!(refund = %r.id, error = %e, "refund query failed"),
        }
    }
    Ok(n)
}
