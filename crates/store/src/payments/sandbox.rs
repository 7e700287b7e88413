//! The sandbox payment provider's own records: its orders (one per payment attempt of ours,
//! by our reference), what was paid, and its refunds. The provider is a separate party that
//! happens to keep its books in the same database; the platform's code reaches them only
//! through the provider interface (`payments/src/provider/sandbox.rs`), and the crash check
//! balances our ledger against them. Orders time out: one not paid by `expires_at` is closed.

use yiwang_domain::Timestamp;
use yiwang_domain::payments::Fen;
use yiwang_domain::payments::reconcile::{Entry, EntryKind};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// An order at the sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOrder {
    /// The sandbox's trade number.
    pub trade_no: String,
    /// The merchant's (our) reference.
    pub merchant_ref: String,
    /// The amount.
    pub amount: Fen,
    /// What is paid for.
    pub subject: String,
    /// Where the payer goes back to after paying or cancelling.
    pub return_url: String,
    /// `created`, `paid` or `closed` (a `created` order past `expires_at` counts as closed).
    pub state: String,
    /// When it times out.
    pub expires_at: Timestamp,
    /// When it was paid.
    pub paid_at: Option<Timestamp>,
}

impl SandboxOrder {
    /// Its state at `now`, timeouts applied.
    pub fn state_at(&self, now: Timestamp) -> &str {
        if self.state == "created" && self.expires_at <= now {
            "closed"
        } else {
            &self.state
        }
    }
}

/// A refund at the sandbox.
#[derive(Debug, Clone)]
pub struct SandboxRefund {
    /// The sandbox's refund number.
    pub refund_no: String,
    /// Our refund reference.
    pub merchant_ref: String,
    /// The order refunded.
    pub trade_no: String,
    /// How much.
    pub amount: Fen,
}

fn read_order(r: &sqlx::any::AnyRow) -> Result<SandboxOrder> {
    Ok(SandboxOrder {
        trade_no: r.text("trade_no")?,
        merchant_ref: r.text("merchant_ref")?,
        amount: Fen(r.int("amount_fen")?),
        subject: r.text("subject")?,
        return_url: r.text("return_url")?,
        state: r.text("state")?,
        expires_at: r.ts("expires_at")?,
        paid_at: r.opt_ts("paid_at")?,
    })
}

const ORDER: &str = "trade_no, merchant_ref, amount_fen, subject, return_url, state, expires_at, paid_at FROM sandbox_orders";

impl Store {
    /// Opens an order for `merchant_ref`, or returns the one already open for it (the
    /// provider's own idempotency on the merchant's reference).
    pub async fn sandbox_open_order(
        &self,
        merchant_ref: &str,
        amount: Fen,
        subject: &str,
        return_url: &str,
        expires_at: Timestamp,
    ) -> Result<SandboxOrder> {
        let mut tx = self.begin().await?;
        let now = Timestamp::now();
        sqlx::query("INSERT INTO sandbox_orders (trade_no, merchant_ref, amount_fen, subject, return_url, state, created_at, expires_at) VALUES ($1, $2, $3, $4, $7, 'created', $5, $6) ON CONFLICT (merchant_ref) DO NOTHING")
            .bind(format!("SBX{}", yiwang_domain::ids::JobId::generate().as_uuid().simple()))
            .bind(merchant_ref.to_owned())
            .bind(amount.get())
            .bind(subject.chars().take(120).collect::<String>())
            .bind(now.millis())
            .bind(expires_at.millis())
            .bind(return_url.to_owned())
            .execute(&mut *tx)
            .await?;
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ORDER} WHERE merchant_ref = $1"
        )))
        .bind(merchant_ref.to_owned())
        .fetch_one(&mut *tx)
        .await?;
        crate::commit(tx).await?;
        read_order(&r)
    }

    /// An order by the sandbox's trade number.
    pub async fn sandbox_order(&self, trade_no: &str) -> Result<Option<SandboxOrder>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ORDER} WHERE trade_no = $1"
        )))
        .bind(trade_no.to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        r.map(|r| read_order(&r)).transpose()
    }

    /// An order by our reference.
    pub async fn sandbox_order_by_ref(&self, merchant_ref: &str) -> Result<Option<SandboxOrder>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ORDER} WHERE merchant_ref = $1"
        )))
        .bind(merchant_ref.to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        r.map(|r| read_order(&r)).transpose()
    }

    /// The payer pays an open order in `tx` (with the provider's notification job enqueued in
    /// the same transaction); false when it is no longer open (paid, cancelled, timed out).
    pub async fn sandbox_mark_paid(
        &self,
        tx: &mut Tx,
        trade_no: &str,
        now: Timestamp,
    ) -> Result<bool> {
        Ok(sqlx::query("UPDATE sandbox_orders SET state = 'paid', paid_at = $2, paid_on = $3 WHERE trade_no = $1 AND state = 'created' AND expires_at > $2")
            .bind(trade_no.to_owned())
            .bind(now.millis())
            .bind(now.beijing_date().to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    /// The payer cancels (or the merchant closes) an open order; false when not open.
    pub async fn sandbox_close(&self, tx: &mut Tx, trade_no: &str) -> Result<bool> {
        Ok(sqlx::query(
            "UPDATE sandbox_orders SET state = 'closed' WHERE trade_no = $1 AND state = 'created'",
        )
        .bind(trade_no.to_owned())
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1)
    }

    /// Refunds part or all of a paid order, once per refund reference: the refund, or the
    /// one already made for `merchant_ref`. Refuses (`RefundOverPaid`) to return more than
    /// the order's amount in all.
    pub async fn sandbox_refund(
        &self,
        tx: &mut Tx,
        trade_no: &str,
        merchant_ref: &str,
        amount: Fen,
    ) -> Result<SandboxRefund> {
        if let Some(r) = sqlx::query("SELECT refund_no, merchant_ref, trade_no, amount_fen FROM sandbox_refunds WHERE merchant_ref = $1")
            .bind(merchant_ref.to_owned())
            .fetch_optional(&mut **tx)
            .await?
        {
            return Ok(SandboxRefund {
                refund_no: r.text("refund_no")?,
                merchant_ref: r.text("merchant_ref")?,
                trade_no: r.text("trade_no")?,
                amount: Fen(r.int("amount_fen")?),
            });
        }
        let order = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ORDER} WHERE trade_no = $1"
        )))
        .bind(trade_no.to_owned())
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| read_order(&r))
        .transpose()?
        .filter(|o| o.state == "paid")
        .ok_or_else(|| Error::code(yiwang_domain::ErrorCode::InvalidTransition))?;
        let done = sqlx::query(
            "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS s FROM sandbox_refunds WHERE trade_no = $1",
        )
        .bind(trade_no.to_owned())
        .fetch_one(&mut **tx)
        .await?
        .int("s")?;
        if yiwang_domain::payments::refund::check_refund(order.amount, Fen(done), amount).is_err() {
            return Err(Error::field(
                "amount",
                yiwang_domain::FieldCode::RefundOverPaid,
            ));
        }
        let now = Timestamp::now();
        let refund_no = format!(
            "SBR{}",
            yiwang_domain::ids::JobId::generate().as_uuid().simple()
        );
        sqlx::query("INSERT INTO sandbox_refunds (refund_no, merchant_ref, trade_no, amount_fen, state, created_at, done_on) VALUES ($1, $2, $3, $4, 'done', $5, $6)")
            .bind(refund_no.clone())
            .bind(merchant_ref.to_owned())
            .bind(trade_no.to_owned())
            .bind(amount.get())
            .bind(now.millis())
            .bind(now.beijing_date().to_string())
            .execute(&mut **tx)
            .await?;
        Ok(SandboxRefund {
            refund_no,
            merchant_ref: merchant_ref.to_owned(),
            trade_no: trade_no.to_owned(),
            amount,
        })
    }

    /// A refund by our reference.
    pub async fn sandbox_refund_by_ref(&self, merchant_ref: &str) -> Result<Option<SandboxRefund>> {
        let r = sqlx::query("SELECT refund_no, merchant_ref, trade_no, amount_fen FROM sandbox_refunds WHERE merchant_ref = $1")
            .bind(merchant_ref.to_owned())
            .fetch_optional(self.db.reader())
            .await?;
        r.map(|r| {
            Ok(SandboxRefund {
                refund_no: r.text("refund_no")?,
                merchant_ref: r.text("merchant_ref")?,
                trade_no: r.text("trade_no")?,
                amount: Fen(r.int("amount_fen")?),
            })
        })
        .transpose()
    }

    /// A refund by the sandbox's refund number.
    pub async fn sandbox_refund_by_no(&self, refund_no: &str) -> Result<Option<SandboxRefund>> {
        let r = sqlx::query("SELECT refund_no, merchant_ref, trade_no, amount_fen FROM sandbox_refunds WHERE refund_no = $1")
            .bind(refund_no.to_owned())
            .fetch_optional(self.db.reader())
            .await?;
        r.map(|r| {
            Ok(SandboxRefund {
                refund_no: r.text("refund_no")?,
                merchant_ref: r.text("merchant_ref")?,
                trade_no: r.text("trade_no")?,
                amount: Fen(r.int("amount_fen")?),
            })
        })
        .transpose()
    }

    /// The sandbox's statement of a day: its payments and refunds, by our references.
    pub async fn sandbox_statement(&self, day: &str) -> Result<Vec<(Entry, Timestamp)>> {
        let rows = sqlx::query(
            "SELECT trade_no AS no, merchant_ref, 'pay' AS kind, amount_fen, paid_at AS at FROM sandbox_orders WHERE paid_on = $1
             UNION ALL
             SELECT refund_no AS no, merchant_ref, 'refund' AS kind, amount_fen, created_at AS at FROM sandbox_refunds WHERE done_on = $1
             ORDER BY at",
        )
        .bind(day.to_owned())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    Entry {
                        reference: r.text("merchant_ref")?,
                        kind: if r.text("kind")? == "pay" {
                            EntryKind::Pay
                        } else {
                            EntryKind::Refund
                        },
                        amount: Fen(r.int("amount_fen")?),
                        trade_no: r.text("no")?,
                    },
                    r.ts("at")?,
                ))
            })
            .collect()
    }

    /// A setting made once: stores `value` under `key` unless one is there, and returns the
    /// one stored (so two instances starting together agree on one key).
    pub async fn setting_once(&self, key: &str, value: &str) -> Result<String> {
        sqlx::query("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING")
            .bind(key.to_owned())
            .bind(value.to_owned())
            .bind(Timestamp::now().millis())
            .execute(self.db.writer())
            .await?;
        let r = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key.to_owned())
            .fetch_one(self.db.writer())
            .await?;
        r.text("value")
    }

    /// The sandbox's totals: (orders paid, their sum, refunds, their sum).
    pub async fn sandbox_totals(&self) -> Result<(i64, Fen, i64, Fen)> {
        let p = sqlx::query("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS s FROM sandbox_orders WHERE state = 'paid'")
            .fetch_one(self.db.reader())
            .await?;
        let r = sqlx::query(
            "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS s FROM sandbox_refunds",
        )
        .fetch_one(self.db.reader())
        .await?;
        Ok((p.int("n")?, Fen(p.int("s")?), r.int("n")?, Fen(r.int("s")?)))
    }
}
