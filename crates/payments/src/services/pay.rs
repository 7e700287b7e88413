//! Paying (SVC-1), exactly once.
//!
//! - [`start`]: one click on "pay" is one attempt, keyed by the idempotency key the page
//!   carries, so a double click or a resent form reuses it; while an attempt of the bill is
//!   open at the provider, a new click goes back to it rather than opening a second order
//!   (which could be paid twice).
//! - [`settle`]: what the provider said — by notification, by the query job, on the return
//!   page, or when a finance officer resolves a reconciliation difference — goes through the
//!   one decision `domain::payments::attempt::decide` inside one transaction: the attempt's
//!   conditional state change and the ledger's unique `(kind, source)` make a second
//!   arrival a no-op. The receipt is signed and stored in the same transaction.
//! - [`query_pending`]: the durable job's pass over attempts still pending after a while —
//!   the case where the provider took the money and we never heard, or crashed before
//!   committing.

use yiwang_domain::Timestamp;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::ids::{BillId, PaymentId};
use yiwang_domain::notification::service::ServiceNotice;
use yiwang_domain::payments::attempt::{AttemptEvent, Outcome, decide};
use yiwang_domain::payments::{AttemptState, Fen};
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_kit::audit::{Target, record_as};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::audit::AuditActor;
use yiwang_store::payments::AttemptRow;
use yiwang_store::payments::ledger::PostingKind;

use super::{bills, payments, provider_error, receipts};
use crate::provider::{OrderRequest, OrderState};

/// An attempt the payer is sent to pay.
#[derive(Debug, Clone)]
pub struct Started {
    /// The attempt.
    pub attempt: AttemptRow,
    /// The provider's page.
    pub pay_url: String,
}

/// Starts paying a bill (or returns the attempt already started with `key`, or the one still
/// open for the bill). `code` and `name` prove the payer as on the lookup (not needed for a
/// bill tied to the caller's account).
pub async fn start(
    app: &AppState,
    caller: &Caller,
    id: BillId,
    code: &str,
    name: &str,
    key: &str,
) -> Result<Started, Error> {
    let key = key.trim();
    if key.len() < 16
        || key.len() > 64
        || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(Error::field("key", FieldCode::InvalidKey));
    }
    let bill = match app.store.bill(id).await? {
        Some(b) if b.payer_account.is_some() && b.payer_account == caller.principal.account() => b,
        _ => {
            let b = bills::find(app, caller, code, name).await?;
            if b.id != id {
                return Err(Error::not_found());
            }
            b
        }
    };
    let p = payments(app)?;
    let key = format!("{}:{key}", bill.id);
    let mut tx = app.store.begin().await?;
    let attempt = if let Some(a) = app.store.attempt_by_key(&mut tx, &key).await? {
        drop(tx);
        a
    } else {
        let attempts = app.store.attempts_of_bill_in(&mut tx, bill.id).await?;
        let now = Timestamp::now();
        if attempts.iter().any(|a| a.state == AttemptState::Succeeded) {
            return Err(Error::code(ErrorCode::InvalidTransition));
        }
        if bill.state != yiwang_store::payments::BillState::Open {
            return Err(Error::code(ErrorCode::InvalidTransition));
        }
        if let Some(open) = attempts
            .into_iter()
            .find(|a| a.state == AttemptState::Pending && a.expires_at > now)
        {
            drop(tx);
            open
        } else {
            let rule = yiwang_domain::payments::LateFeeRule::new(bill.late_fee_bp)
                .unwrap_or(yiwang_domain::payments::LateFeeRule::NONE);
            let late = rule.fee(bill.amount, bill.due_on, now.beijing_date());
            let amount = bill.amount.plus(late);
            let aid = PaymentId::generate();
            let expires = now.plus(p.order_ttl);
            app.store
                .insert_attempt(
                    &mut tx,
                    aid,
                    bill.id,
                    &key,
                    caller.principal.account(),
                    p.provider.name(),
                    amount,
                    late,
                    "",
                    expires,
                )
                .await?;
            // The query job looks at it later whatever happens: the durable half of
            // exactly-once (the provider's success and our commit may be split by a crash).
            app.store
                .enqueue(
                    &mut tx,
                    yiwang_store::jobs::NewJob::now(
                        crate::jobs::QUERY_KIND,
                        serde_json::json!({"attempt": aid.to_string()}),
                    )
                    .at(now.plus(p.query_after)),
                )
                .await?;
            yiwang_store::commit(tx).await?;
            app.store.attempt(aid).await?.ok_or_else(Error::not_found)?
        }
    };
    // Opening the order is idempotent at the provider (by our reference), so asking again
    // after a crash or for a reused attempt gives the same page.
    let opened = p
        .provider
        .open_order(&OrderRequest {
            merchant_ref: attempt.id.to_string(),
            amount: attempt.amount,
            subject: bill.title.clone(),
            return_url: format!("/pay/attempts/{}", attempt.id),
            expires_at: attempt.expires_at,
        })
        .await
        .map_err(provider_error)?;
    Ok(Started {
        attempt,
        pay_url: opened.pay_url,
    })
}

/// What [`settle`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// The payment was recorded now.
    Recorded,
    /// It had been recorded before (a duplicate or replayed word).
    AlreadyRecorded,
    /// The attempt was closed unpaid.
    Closed,
    /// Nothing changed (still open, or a stale word).
    Unchanged,
}

/// The one path for the provider's word on an attempt. `via` names the path for the audit
/// entry (`notification`, `query`, `return`, `reconciliation`).
pub async fn settle(
    app: &AppState,
    attempt: PaymentId,
    state: &OrderState,
    via: &'static str,
    by: Option<&Caller>,
) -> Result<Settled, Error> {
    let key = receipts::key(app).await?;
    let mut tx = app.store.begin().await?;
    let a = app
        .store
        .attempt_in(&mut tx, attempt)
        .await?
        .ok_or_else(Error::not_found)?;
    let now = Timestamp::now();
    let event = match state {
        OrderState::Paid { trade_no, amount } => AttemptEvent::Paid {
            trade_no: trade_no.clone(),
            amount: *amount,
        },
        OrderState::Closed => AttemptEvent::Closed,
        // The provider never had it (we crashed before opening it): closed once it would
        // have timed out.
        OrderState::Unknown if a.expires_at <= now => AttemptEvent::Closed,
        OrderState::Open | OrderState::Unknown => AttemptEvent::Open,
    };
    let others = app.store.attempts_of_bill_in(&mut tx, a.bill_id).await?;
    let bill_paid = others
        .iter()
        .any(|o| o.id != a.id && o.state == AttemptState::Succeeded);
    match decide(a.state, a.amount, bill_paid, a.trade_no.as_deref(), &event) {
        Outcome::Record {
            amount_differs,
            duplicate,
        } => {
            let AttemptEvent::Paid { trade_no, amount } = &event else {
                return Err(Error::internal("record without payment"));
            };
            let flag = if duplicate {
                Some("duplicate")
            } else if amount_differs {
                Some("amount_differs")
            } else {
                None
            };
            if !app
                .store
                .settle_attempt(
                    &mut tx,
                    a.id,
                    a.state,
                    AttemptState::Succeeded,
                    Some(trade_no),
                    flag,
                )
                .await?
            {
                return Ok(Settled::AlreadyRecorded);
            }
            let source = a.id.to_string();
            if a.late_fee > Fen::ZERO {
                app.store
                    .post(
                        &mut tx,
                        a.bill_id,
                        PostingKind::LateFee,
                        &source,
                        a.late_fee,
                        None,
                        now,
                    )
                    .await?;
            }
            let posted = app
                .store
                .post(
                    &mut tx,
                    a.bill_id,
                    PostingKind::Payment,
                    &source,
                    *amount,
                    Some(trade_no),
                    now,
                )
                .await?;
            if !posted {
                return Ok(Settled::AlreadyRecorded);
            }
            receipts::issue(app, &key, &mut tx, &a, trade_no, *amount, now).await?;
            super::tell_payer(app, &mut tx, a.bill_id, a.account, |title| {
                ServiceNotice::Paid {
                    title,
                    amount: amount.to_string(),
                }
            })
            .await?;
            let target = Target {
                kind: Some("payment"),
                id: Some(a.id.to_string()),
                subject: a.account,
                detail: Some(serde_json::json!({
                    "bill": a.bill_id.to_string(), "amount_fen": amount.get(),
                    "via": via, "flag": flag,
                })),
                ..Default::default()
            };
            match by {
                Some(c) => {
                    yiwang_kit::audit::record(
                        &app.store,
                        c,
                        &mut tx,
                        AuditAction::PaymentRecorded,
                        target,
                    )
                    .await?
                }
                None => {
                    record_as(
                        &app.store,
                        &mut tx,
                        AuditActor {
                            id: None,
                            name: format!("payment provider ({})", a.provider),
                            org: None,
                        },
                        AuditAction::PaymentRecorded,
                        target,
                        via,
                    )
                    .await?
                }
            }
            yiwang_store::commit(tx).await?;
            Ok(Settled::Recorded)
        }
        Outcome::AlreadyRecorded => Ok(Settled::AlreadyRecorded),
        Outcome::Close => {
            let closed = app
                .store
                .settle_attempt(
                    &mut tx,
                    a.id,
                    AttemptState::Pending,
                    AttemptState::Closed,
                    None,
                    None,
                )
                .await?;
            yiwang_store::commit(tx).await?;
            Ok(if closed {
                Settled::Closed
            } else {
                Settled::Unchanged
            })
        }
        Outcome::Nothing => Ok(Settled::Unchanged),
    }
}

/// Asks the provider about one attempt and settles it.
pub async fn query(
    app: &AppState,
    attempt: PaymentId,
    via: &'static str,
) -> Result<Settled, Error> {
    let p = payments(app)?;
    let state = p
        .provider
        .query_order(&attempt.to_string())
        .await
        .map_err(provider_error)?;
    settle(app, attempt, &state, via, None).await
}

/// One pass of the query job over attempts pending for longer than `query_after`: how many
/// were settled (recorded or closed).
pub async fn query_pending(app: &AppState) -> Result<usize, Error> {
    let p = payments(app)?;
    let before = Timestamp::now().minus(p.query_after);
    let mut n = 0;
    for a in app.store.pending_attempts(before, 500).await? {
        match query(app, a.id, "query").await {
            Ok(Settled::Recorded | Settled::Closed) => n += 1,
            Ok(_) => {}
            Err(e) => tracing::warn!(attempt = %a.id, error = ?e, "payment query failed"),
        }
    }
    n += super::refunds::query_pending(app).await?;
    Ok(n)
}
