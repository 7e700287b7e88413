//! The ledger: append-only postings. A charge when a bill is made, a late fee and a payment
//! when the provider takes the money, a refund when it returns some. Never updated, never
//! deleted; a bill's balance is derived by SUM. `UNIQUE (kind, source)` — the source being
//! the bill, attempt or refund the posting is for — makes recording the same event twice a
//! no-op, whichever path (notification, query job, reconciliation) gets there second.

use yiwang_domain::Timestamp;
use yiwang_domain::ids::BillId;
use yiwang_domain::payments::Fen;
use yiwang_domain::payments::reconcile::{Entry, EntryKind};

use crate::row::{RowExt, named};
use crate::{Result, Store, Tx};

yiwang_domain::stable_names! {
    /// What a posting records.
    pub enum PostingKind {
        /// What the bill asks (a debit of the payer).
        Charge = "charge",
        /// A late fee added when paid after the due date (a debit).
        LateFee = "late_fee",
        /// Money received from the provider (a credit).
        Payment = "payment",
        /// Money returned through the provider (a debit again).
        Refund = "refund",
    }
}

impl PostingKind {
    /// +1 for what the payer owes, −1 for what they paid.
    pub fn sign(self) -> i64 {
        match self {
            PostingKind::Charge | PostingKind::LateFee | PostingKind::Refund => 1,
            PostingKind::Payment => -1,
        }
    }
}

/// One posting.
#[derive(Debug, Clone)]
pub struct Posting {
    /// Its kind.
    pub kind: PostingKind,
    /// The bill, attempt or refund it is for.
    pub source: String,
    /// The amount (always positive; the kind gives the direction).
    pub amount: Fen,
    /// The provider's number, for payments and refunds.
    pub trade_no: Option<String>,
    /// When.
    pub created_at: Timestamp,
}

/// Totals over the whole ledger, for the crash check and the console.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Payments recorded.
    pub payments: i64,
    /// Their sum.
    pub paid: Fen,
    /// Refunds recorded.
    pub refunds: i64,
    /// Their sum.
    pub refunded: Fen,
}

impl Store {
    /// Appends a posting; false when one of this kind for this source is already there.
    #[allow(clippy::too_many_arguments)]
    pub async fn post(
        &self,
        tx: &mut Tx,
        bill: BillId,
        kind: PostingKind,
        source: &str,
        amount: Fen,
        trade_no: Option<&str>,
        at: Timestamp,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "INSERT INTO ledger (id, bill_id, kind, source, amount_fen, trade_no, posted_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, source) DO NOTHING",
        )
        .bind(yiwang_domain::ids::JobId::generate().to_string())
        .bind(bill.to_string())
        .bind(kind.as_str())
        .bind(source.to_owned())
        .bind(amount.get())
        .bind(trade_no.map(str::to_owned))
        .bind(at.beijing_date().to_string())
        .bind(at.millis())
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1)
    }

    /// A bill's postings, oldest first.
    pub async fn postings(&self, bill: BillId) -> Result<Vec<Posting>> {
        let rows = sqlx::query("SELECT kind, source, amount_fen, trade_no, created_at FROM ledger WHERE bill_id = $1 ORDER BY created_at, kind")
            .bind(bill.to_string())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Posting {
                    kind: named("kind", &r.text("kind")?, PostingKind::parse)?,
                    source: r.text("source")?,
                    amount: Fen(r.int("amount_fen")?),
                    trade_no: r.opt_text("trade_no")?,
                    created_at: r.ts("created_at")?,
                })
            })
            .collect()
    }

    /// What the payer still owes on a bill (negative when overpaid), derived from the
    /// postings (inside a transaction, so a decision sees its own writes).
    pub async fn balance_in(&self, tx: &mut Tx, bill: BillId) -> Result<Fen> {
        let r = sqlx::query("SELECT CAST(COALESCE(SUM(CASE WHEN kind = 'payment' THEN -amount_fen ELSE amount_fen END), 0) AS BIGINT) AS b FROM ledger WHERE bill_id = $1")
            .bind(bill.to_string())
            .fetch_one(&mut **tx)
            .await?;
        Ok(Fen(r.int("b")?))
    }

    /// What was paid in and refunded on a bill: (paid, refunded).
    pub async fn paid_and_refunded(&self, bill: BillId) -> Result<(Fen, Fen)> {
        let r = sqlx::query("SELECT CAST(COALESCE(SUM(CASE WHEN kind = 'payment' THEN amount_fen ELSE 0 END), 0) AS BIGINT) AS p, CAST(COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount_fen ELSE 0 END), 0) AS BIGINT) AS r FROM ledger WHERE bill_id = $1")
            .bind(bill.to_string())
            .fetch_one(self.db.reader())
            .await?;
        Ok((Fen(r.int("p")?), Fen(r.int("r")?)))
    }

    /// The ledger's payments and refunds posted on a day (Beijing), as reconciliation entries.
    pub async fn ledger_day(&self, day: &str) -> Result<Vec<Entry>> {
        let rows = sqlx::query("SELECT kind, source, amount_fen, trade_no FROM ledger WHERE posted_on = $1 AND kind IN ('payment', 'refund') ORDER BY source")
            .bind(day.to_owned())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Entry {
                    reference: r.text("source")?,
                    kind: if r.text("kind")? == "payment" {
                        EntryKind::Pay
                    } else {
                        EntryKind::Refund
                    },
                    amount: Fen(r.int("amount_fen")?),
                    trade_no: r.opt_text("trade_no")?.unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Totals over the whole ledger.
    pub async fn ledger_totals(&self) -> Result<Totals> {
        let r = sqlx::query(
            "SELECT
                CAST(COALESCE(SUM(CASE WHEN kind = 'payment' THEN 1 ELSE 0 END), 0) AS BIGINT) AS np,
                CAST(COALESCE(SUM(CASE WHEN kind = 'payment' THEN amount_fen ELSE 0 END), 0) AS BIGINT) AS sp,
                CAST(COALESCE(SUM(CASE WHEN kind = 'refund' THEN 1 ELSE 0 END), 0) AS BIGINT) AS nr,
                CAST(COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount_fen ELSE 0 END), 0) AS BIGINT) AS sr
             FROM ledger",
        )
        .fetch_one(self.db.reader())
        .await?;
        Ok(Totals {
            payments: r.int("np")?,
            paid: Fen(r.int("sp")?),
            refunds: r.int("nr")?,
            refunded: Fen(r.int("sr")?),
        })
    }
}
