//! Fee payment's rows (SVC-1): collecting units, bills, payment attempts, refunds, receipts
//! and reconciliation runs here; the append-only ledger in [`ledger`]; the sandbox payment
//! provider's own records in [`sandbox`]. Amounts are whole fen. The payer's name is personal
//! data: encrypted with the vault, found by its blind index.

pub mod ledger;
pub mod sandbox;

use yiwang_domain::Timestamp;
use yiwang_domain::ids::{AccountId, BillId, CaseId, ClientId, PaymentId, RefundId};
use yiwang_domain::payments::refund::RefundState;
use yiwang_domain::payments::{AttemptState, BillCode, Fen};

use crate::jobs::NewJob;
use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// A collecting unit (执收单位).
#[derive(Debug, Clone)]
pub struct UnitRow {
    /// Its code (执收单位编码).
    pub code: String,
    /// Its name.
    pub name: String,
    /// The region it collects in.
    pub region: String,
    /// Its system client, when it sends bills through the API.
    pub client: Option<ClientId>,
}

/// One line of a bill.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BillItem {
    /// What it is for.
    pub name: String,
    /// How much, in fen.
    pub amount_fen: i64,
}

yiwang_domain::stable_names! {
    /// Where a bill stands (paid or not is derived from the ledger, not stored).
    pub enum BillState {
        /// It may be paid.
        Open = "open",
        /// Cancelled by the unit or a finance officer; it may not be paid.
        Cancelled = "cancelled",
    }
}

/// A bill to store.
#[derive(Debug, Clone)]
pub struct NewBill {
    /// Its code.
    pub code: BillCode,
    /// The collecting unit.
    pub unit: String,
    /// The unit's own reference (notice number), for idempotent creation by the API.
    pub external_ref: Option<String>,
    /// The payer's account, when known.
    pub payer_account: Option<AccountId>,
    /// The payer's name (personal data).
    pub payer_name: String,
    /// The title (e.g. 交通违法罚款).
    pub title: String,
    /// The lines.
    pub items: Vec<BillItem>,
    /// The sum of the lines.
    pub amount: Fen,
    /// The due date (Beijing).
    pub due_on: time::Date,
    /// The late-fee rate, basis points a day.
    pub late_fee_bp: u32,
    /// The application case the bill is for, if any.
    pub case_id: Option<CaseId>,
    /// Who created it (a staff account or a client id), for the record.
    pub created_by: Option<String>,
}

/// A bill as stored (the payer's name decrypted).
#[derive(Debug, Clone)]
pub struct BillRow {
    /// Its id.
    pub id: BillId,
    /// Its code.
    pub code: String,
    /// The collecting unit's code.
    pub unit: String,
    /// The unit's name.
    pub unit_name: String,
    /// The unit's own reference.
    pub external_ref: Option<String>,
    /// The payer's account.
    pub payer_account: Option<AccountId>,
    /// The payer's name.
    pub payer_name: String,
    /// The title.
    pub title: String,
    /// The lines.
    pub items: Vec<BillItem>,
    /// The amount.
    pub amount: Fen,
    /// The due date.
    pub due_on: time::Date,
    /// The late-fee rate.
    pub late_fee_bp: u32,
    /// Open or cancelled.
    pub state: BillState,
    /// The case it is for.
    pub case_id: Option<CaseId>,
    /// When it was created.
    pub created_at: Timestamp,
    /// Grows with every change.
    pub revision: i64,
}

/// A payment attempt as stored.
#[derive(Debug, Clone)]
pub struct AttemptRow {
    /// Its id, our reference at the provider.
    pub id: PaymentId,
    /// The bill.
    pub bill_id: BillId,
    /// The account that started it, if logged in.
    pub account: Option<AccountId>,
    /// The provider's name.
    pub provider: String,
    /// The amount asked (bill + late fee).
    pub amount: Fen,
    /// The late fee included.
    pub late_fee: Fen,
    /// Where it stands.
    pub state: AttemptState,
    /// Where the payer pays (the provider's page).
    pub pay_url: String,
    /// The provider's trade number, once paid.
    pub trade_no: Option<String>,
    /// A finance officer's attention: `amount_differs`, `duplicate`.
    pub flag: Option<String>,
    /// When it started.
    pub created_at: Timestamp,
    /// When the provider's order times out.
    pub expires_at: Timestamp,
    /// When it was settled.
    pub settled_at: Option<Timestamp>,
}

/// A refund as stored.
#[derive(Debug, Clone)]
pub struct RefundRow {
    /// Its id, our reference at the provider.
    pub id: RefundId,
    /// The payment refunded.
    pub attempt_id: PaymentId,
    /// The bill.
    pub bill_id: BillId,
    /// How much.
    pub amount: Fen,
    /// Why.
    pub reason: String,
    /// Where it stands.
    pub state: RefundState,
    /// The provider's refund number.
    pub trade_no: Option<String>,
    /// When it was asked.
    pub created_at: Timestamp,
}

/// An electronic receipt.
#[derive(Debug, Clone)]
pub struct ReceiptRow {
    /// Its id.
    pub id: String,
    /// Its number, printed on it.
    pub number: String,
    /// The payment.
    pub attempt_id: PaymentId,
    /// The bill.
    pub bill_id: BillId,
    /// The payer's account, if any.
    pub account: Option<AccountId>,
    /// The signed token (`YWC1.…`).
    pub token: String,
    /// When it was issued.
    pub created_at: Timestamp,
}

/// A stored reconciliation of one day.
#[derive(Debug, Clone)]
pub struct ReconciliationRow {
    /// The day (Beijing), `YYYY-MM-DD`.
    pub day: String,
    /// Lines matched.
    pub matched: i64,
    /// Lines not matched.
    pub differences: i64,
    /// The report as JSON (lines).
    pub report: String,
    /// When it ran.
    pub ran_at: Timestamp,
    /// When its differences were resolved (or it balanced).
    pub resolved_at: Option<Timestamp>,
}

fn name_ctx(id: &BillId) -> String {
    format!("bills.payer_name|{id}")
}

/// The blind index of a payer's name: spaces and the middle dot ignored.
fn name_key(store: &Store, name: &str) -> String {
    let n: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '·' && *c != '•')
        .collect();
    store.vault().blind_index("payer_name", &n)
}

const BILL_COLUMNS: &str = "b.id, b.code, b.unit_code, u.name AS unit_name, b.external_ref, b.payer_account, b.payer_name_enc, b.title, b.items, b.amount_fen, b.due_on, b.late_fee_bp, b.state, b.case_id, b.created_at, b.revision";

fn read_bill(store: &Store, r: &sqlx::any::AnyRow) -> Result<BillRow> {
    let id: BillId = r.parsed("id")?;
    let blob = r
        .opt_blob("payer_name_enc")?
        .ok_or_else(|| Error::Corrupt("bills.payer_name_enc".into()))?;
    let items: Vec<BillItem> = serde_json::from_str(&r.text("items")?)
        .map_err(|e| Error::Corrupt(format!("bills.items: {e}")))?;
    let due = r.text("due_on")?;
    Ok(BillRow {
        payer_name: store.vault().decrypt(&name_ctx(&id), &blob)?,
        id,
        code: r.text("code")?,
        unit: r.text("unit_code")?,
        unit_name: r.text("unit_name")?,
        external_ref: r.opt_text("external_ref")?,
        payer_account: r.opt_parsed("payer_account")?,
        title: r.text("title")?,
        items,
        amount: Fen(r.int("amount_fen")?),
        due_on: named("due_on", &due, yiwang_domain::deadline::parse_date)?,
        late_fee_bp: u32::try_from(r.int("late_fee_bp")?).unwrap_or(0),
        state: named("state", &r.text("state")?, BillState::parse)?,
        case_id: r.opt_parsed("case_id")?,
        created_at: r.ts("created_at")?,
        revision: r.int("revision")?,
    })
}

const ATTEMPT_COLUMNS: &str = "id, bill_id, account_id, provider, amount_fen, late_fee_fen, state, pay_url, trade_no, flag, created_at, expires_at, settled_at";

fn read_attempt(r: &sqlx::any::AnyRow) -> Result<AttemptRow> {
    Ok(AttemptRow {
        id: r.parsed("id")?,
        bill_id: r.parsed("bill_id")?,
        account: r.opt_parsed("account_id")?,
        provider: r.text("provider")?,
        amount: Fen(r.int("amount_fen")?),
        late_fee: Fen(r.int("late_fee_fen")?),
        state: named("state", &r.text("state")?, AttemptState::parse)?,
        pay_url: r.text("pay_url")?,
        trade_no: r.opt_text("trade_no")?,
        flag: r.opt_text("flag")?,
        created_at: r.ts("created_at")?,
        expires_at: r.ts("expires_at")?,
        settled_at: r.opt_ts("settled_at")?,
    })
}

const REFUND_COLUMNS: &str =
    "id, attempt_id, bill_id, amount_fen, reason, state, trade_no, created_at";

fn read_refund(r: &sqlx::any::AnyRow) -> Result<RefundRow> {
    Ok(RefundRow {
        id: r.parsed("id")?,
        attempt_id: r.parsed("attempt_id")?,
        bill_id: r.parsed("bill_id")?,
        amount: Fen(r.int("amount_fen")?),
        reason: r.text("reason")?,
        state: named("state", &r.text("state")?, RefundState::parse)?,
        trade_no: r.opt_text("trade_no")?,
        created_at: r.ts("created_at")?,
    })
}

const RECEIPT_COLUMNS: &str = "id, number, attempt_id, bill_id, account_id, token, created_at";

fn read_receipt(r: &sqlx::any::AnyRow) -> Result<ReceiptRow> {
    Ok(ReceiptRow {
        id: r.text("id")?,
        number: r.text("number")?,
        attempt_id: r.parsed("attempt_id")?,
        bill_id: r.parsed("bill_id")?,
        account: r.opt_parsed("account_id")?,
        token: r.text("token")?,
        created_at: r.ts("created_at")?,
    })
}

/// The durable job that bills an accepted case for its item's fee: enqueued by the
/// applications' step in the acceptance's own transaction, run by the payments capability.
pub const CASE_FEE_JOB: &str = "case_fee";

impl Store {
    /// Asks for the fee bill of `case` (once: the job is keyed by the case), inside the
    /// transaction that accepts it.
    pub async fn enqueue_case_fee(&self, tx: &mut Tx, case: CaseId) -> Result<()> {
        self.enqueue(
            tx,
            NewJob::now(
                CASE_FEE_JOB,
                serde_json::json!({ "case": case.to_string() }),
            )
            .dedupe(format!("{CASE_FEE_JOB}:{case}")),
        )
        .await?;
        Ok(())
    }

    // ---- collecting units ----

    /// Adds or renames a collecting unit, optionally with its system client.
    pub async fn put_pay_unit(
        &self,
        tx: &mut Tx,
        code: &str,
        name: &str,
        region: &str,
        client: Option<ClientId>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO pay_units (code, name, region_code, client_id, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, region_code = excluded.region_code, client_id = excluded.client_id",
        )
        .bind(code.to_owned())
        .bind(name.to_owned())
        .bind(region.to_owned())
        .bind(client.map(|c| c.to_string()))
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Every collecting unit, by code.
    pub async fn pay_units(&self) -> Result<Vec<UnitRow>> {
        let rows =
            sqlx::query("SELECT code, name, region_code, client_id FROM pay_units ORDER BY code")
                .fetch_all(self.db.reader())
                .await?;
        rows.iter()
            .map(|r| {
                Ok(UnitRow {
                    code: r.text("code")?,
                    name: r.text("name")?,
                    region: r.text("region_code")?,
                    client: r.opt_parsed("client_id")?,
                })
            })
            .collect()
    }

    /// One collecting unit.
    pub async fn pay_unit(&self, code: &str) -> Result<Option<UnitRow>> {
        Ok(self.pay_units().await?.into_iter().find(|u| u.code == code))
    }

    // ---- bills ----

    /// Stores a bill and its charge in the ledger. With the unit's `external_ref` already
    /// used, returns that bill and `false` (a retried API call); a code already taken is
    /// `Conflict` for the caller to draw another.
    pub async fn insert_bill(&self, tx: &mut Tx, b: &NewBill) -> Result<(BillId, bool)> {
        if let Some(r) = &b.external_ref {
            let found =
                sqlx::query("SELECT id FROM bills WHERE unit_code = $1 AND external_ref = $2")
                    .bind(b.unit.clone())
                    .bind(r.clone())
                    .fetch_optional(&mut **tx)
                    .await?;
            if let Some(row) = found {
                return Ok((row.parsed("id")?, false));
            }
        }
        let id = BillId::generate();
        let items = serde_json::to_string(&b.items)
            .map_err(|e| Error::Corrupt(format!("bill items: {e}")))?;
        let now = Timestamp::now();
        let inserted = sqlx::query(
            "INSERT INTO bills (id, code, unit_code, external_ref, payer_account, payer_name_enc, payer_name_index, title, items, amount_fen, due_on, late_fee_bp, state, case_id, created_by, created_at, revision)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $15, 1) ON CONFLICT DO NOTHING",
        )
        .bind(id.to_string())
        .bind(b.code.as_str().to_owned())
        .bind(b.unit.clone())
        .bind(b.external_ref.clone())
        .bind(b.payer_account.map(|a| a.to_string()))
        .bind(self.vault().encrypt(&name_ctx(&id), &b.payer_name)?)
        .bind(name_key(self, &b.payer_name))
        .bind(b.title.clone())
        .bind(items)
        .bind(b.amount.get())
        .bind(b.due_on.to_string())
        .bind(i64::from(b.late_fee_bp))
        .bind(b.case_id.map(|c| c.to_string()))
        .bind(b.created_by.clone())
        .bind(now.millis())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            return Err(Error::code(yiwang_domain::ErrorCode::Conflict));
        }
        self.post(
            tx,
            id,
            ledger::PostingKind::Charge,
            &id.to_string(),
            b.amount,
            None,
            now,
        )
        .await?;
        Ok((id, true))
    }

    /// One bill.
    pub async fn bill(&self, id: BillId) -> Result<Option<BillRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {BILL_COLUMNS} FROM bills b JOIN pay_units u ON u.code = b.unit_code WHERE b.id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?;
        r.map(|r| read_bill(self, &r)).transpose()
    }

    /// The bill with this code, if the payer matches: the account it is tied to, or (for a
    /// bill without an account, or one looked up by someone else) the payer's name as typed.
    pub async fn bill_for_payer(
        &self,
        code: &BillCode,
        account: Option<AccountId>,
        name: Option<&str>,
    ) -> Result<Option<BillRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {BILL_COLUMNS}, b.payer_name_index FROM bills b JOIN pay_units u ON u.code = b.unit_code WHERE b.code = $1"
        )))
        .bind(code.as_str().to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        let Some(r) = r else { return Ok(None) };
        let by_account =
            account.is_some() && r.opt_parsed::<AccountId>("payer_account")? == account;
        let by_name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .is_some_and(|n| name_key(self, n) == r.text("payer_name_index").unwrap_or_default());
        if by_account || by_name {
            Ok(Some(read_bill(self, &r)?))
        } else {
            Ok(None)
        }
    }

    /// The bills tied to an account, newest first.
    pub async fn bills_of_account(&self, account: AccountId) -> Result<Vec<BillRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {BILL_COLUMNS} FROM bills b JOIN pay_units u ON u.code = b.unit_code WHERE b.payer_account = $1 ORDER BY b.created_at DESC LIMIT 200"
        )))
        .bind(account.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(|r| read_bill(self, r)).collect()
    }

    /// The newest bills (of one unit, or all), for the console.
    pub async fn recent_bills(&self, unit: Option<&str>, limit: i64) -> Result<Vec<BillRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {BILL_COLUMNS} FROM bills b JOIN pay_units u ON u.code = b.unit_code WHERE ($1 IS NULL OR b.unit_code = $1) ORDER BY b.created_at DESC LIMIT $2"
        )))
        .bind(unit.map(str::to_owned))
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(|r| read_bill(self, r)).collect()
    }

    /// The bill of an application case.
    pub async fn bill_of_case(&self, case: CaseId) -> Result<Option<BillId>> {
        let r = sqlx::query("SELECT id FROM bills WHERE case_id = $1")
            .bind(case.to_string())
            .fetch_optional(self.db.reader())
            .await?;
        r.map(|r| r.parsed("id")).transpose()
    }

    /// Cancels an open bill (if unchanged since `revision`).
    pub async fn cancel_bill(&self, tx: &mut Tx, id: BillId, revision: i64) -> Result<bool> {
        Ok(sqlx::query("UPDATE bills SET state = 'cancelled', revision = revision + 1 WHERE id = $1 AND revision = $2 AND state = 'open'")
            .bind(id.to_string())
            .bind(revision)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    // ---- attempts ----

    /// The attempt started with this idempotency key.
    pub async fn attempt_by_key(&self, tx: &mut Tx, key: &str) -> Result<Option<AttemptRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ATTEMPT_COLUMNS} FROM pay_attempts WHERE idem_key = $1"
        )))
        .bind(key.to_owned())
        .fetch_optional(&mut **tx)
        .await?;
        r.map(|r| read_attempt(&r)).transpose()
    }

    /// Stores a new pending attempt.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_attempt(
        &self,
        tx: &mut Tx,
        id: PaymentId,
        bill: BillId,
        key: &str,
        account: Option<AccountId>,
        provider: &str,
        amount: Fen,
        late_fee: Fen,
        pay_url: &str,
        expires_at: Timestamp,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO pay_attempts (id, bill_id, idem_key, account_id, provider, amount_fen, late_fee_fen, state, pay_url, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10)",
        )
        .bind(id.to_string())
        .bind(bill.to_string())
        .bind(key.to_owned())
        .bind(account.map(|a| a.to_string()))
        .bind(provider.to_owned())
        .bind(amount.get())
        .bind(late_fee.get())
        .bind(pay_url.to_owned())
        .bind(Timestamp::now().millis())
        .bind(expires_at.millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// One attempt, read inside a transaction (so the decision sees the latest state).
    pub async fn attempt_in(&self, tx: &mut Tx, id: PaymentId) -> Result<Option<AttemptRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ATTEMPT_COLUMNS} FROM pay_attempts WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?;
        r.map(|r| read_attempt(&r)).transpose()
    }

    /// One attempt.
    pub async fn attempt(&self, id: PaymentId) -> Result<Option<AttemptRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ATTEMPT_COLUMNS} FROM pay_attempts WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?;
        r.map(|r| read_attempt(&r)).transpose()
    }

    /// A bill's attempts, newest first (inside a transaction).
    pub async fn attempts_of_bill_in(&self, tx: &mut Tx, bill: BillId) -> Result<Vec<AttemptRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ATTEMPT_COLUMNS} FROM pay_attempts WHERE bill_id = $1 ORDER BY created_at DESC"
        )))
        .bind(bill.to_string())
        .fetch_all(&mut **tx)
        .await?;
        rows.iter().map(read_attempt).collect()
    }

    /// A bill's attempts, newest first.
    pub async fn attempts_of_bill(&self, bill: BillId) -> Result<Vec<AttemptRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ATTEMPT_COLUMNS} FROM pay_attempts WHERE bill_id = $1 ORDER BY created_at DESC"
        )))
        .bind(bill.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(read_attempt).collect()
    }

    /// Moves an attempt from `from` to `to` with the provider's trade number and a flag;
    /// false when it was no longer in `from` (someone else settled it first).
    pub async fn settle_attempt(
        &self,
        tx: &mut Tx,
        id: PaymentId,
        from: AttemptState,
        to: AttemptState,
        trade_no: Option<&str>,
        flag: Option<&str>,
    ) -> Result<bool> {
        Ok(sqlx::query("UPDATE pay_attempts SET state = $3, trade_no = COALESCE($4, trade_no), flag = COALESCE($5, flag), settled_at = $6 WHERE id = $1 AND state = $2")
            .bind(id.to_string())
            .bind(from.as_str())
            .bind(to.as_str())
            .bind(trade_no.map(str::to_owned))
            .bind(flag.map(str::to_owned))
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    /// Pending attempts started before `before`, oldest first: what the query job asks the
    /// provider about.
    pub async fn pending_attempts(&self, before: Timestamp, limit: i64) -> Result<Vec<AttemptRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ATTEMPT_COLUMNS} FROM pay_attempts WHERE state = 'pending' AND created_at < $1 ORDER BY created_at LIMIT $2"
        )))
        .bind(before.millis())
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(read_attempt).collect()
    }

    /// Attempts flagged for a finance officer (amount differs, paid twice), newest first.
    pub async fn flagged_attempts(&self, limit: i64) -> Result<Vec<AttemptRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ATTEMPT_COLUMNS} FROM pay_attempts WHERE flag IS NOT NULL ORDER BY created_at DESC LIMIT $1"
        )))
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(read_attempt).collect()
    }

    // ---- refunds ----

    /// Stores a pending refund.
    pub async fn insert_refund(
        &self,
        tx: &mut Tx,
        attempt: &AttemptRow,
        amount: Fen,
        reason: &str,
        by: Option<String>,
    ) -> Result<RefundId> {
        let id = RefundId::generate();
        sqlx::query(
            "INSERT INTO pay_refunds (id, attempt_id, bill_id, amount_fen, reason, state, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7)",
        )
        .bind(id.to_string())
        .bind(attempt.id.to_string())
        .bind(attempt.bill_id.to_string())
        .bind(amount.get())
        .bind(reason.to_owned())
        .bind(by)
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// What is refunded or being refunded of a payment (inside a transaction).
    pub async fn refunded_of(&self, tx: &mut Tx, attempt: PaymentId) -> Result<Fen> {
        let r = sqlx::query("SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) AS s FROM pay_refunds WHERE attempt_id = $1 AND state <> 'failed'")
            .bind(attempt.to_string())
            .fetch_one(&mut **tx)
            .await?;
        Ok(Fen(r.int("s")?))
    }

    /// One refund (inside a transaction).
    pub async fn refund_in(&self, tx: &mut Tx, id: RefundId) -> Result<Option<RefundRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REFUND_COLUMNS} FROM pay_refunds WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?;
        r.map(|r| read_refund(&r)).transpose()
    }

    /// A bill's refunds.
    pub async fn refunds_of_bill(&self, bill: BillId) -> Result<Vec<RefundRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REFUND_COLUMNS} FROM pay_refunds WHERE bill_id = $1 ORDER BY created_at"
        )))
        .bind(bill.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(read_refund).collect()
    }

    /// Pending refunds asked before `before`.
    pub async fn pending_refunds(&self, before: Timestamp, limit: i64) -> Result<Vec<RefundRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REFUND_COLUMNS} FROM pay_refunds WHERE state = 'pending' AND created_at < $1 ORDER BY created_at LIMIT $2"
        )))
        .bind(before.millis())
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(read_refund).collect()
    }

    /// Settles a pending refund; false when it was no longer pending.
    pub async fn settle_refund(
        &self,
        tx: &mut Tx,
        id: RefundId,
        to: RefundState,
        trade_no: Option<&str>,
    ) -> Result<bool> {
        Ok(sqlx::query("UPDATE pay_refunds SET state = $2, trade_no = $3, settled_at = $4 WHERE id = $1 AND state = 'pending'")
            .bind(id.to_string())
            .bind(to.as_str())
            .bind(trade_no.map(str::to_owned))
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    // ---- receipts ----

    /// Stores a receipt for a payment, once: false when it already has one.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_receipt(
        &self,
        tx: &mut Tx,
        id: &str,
        number: &str,
        attempt: PaymentId,
        bill: BillId,
        account: Option<AccountId>,
        token: &str,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "INSERT INTO pay_receipts (id, number, attempt_id, bill_id, account_id, token, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
        )
        .bind(id.to_owned())
        .bind(number.to_owned())
        .bind(attempt.to_string())
        .bind(bill.to_string())
        .bind(account.map(|a| a.to_string()))
        .bind(token.to_owned())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1)
    }

    /// One receipt by id.
    pub async fn receipt(&self, id: &str) -> Result<Option<ReceiptRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECEIPT_COLUMNS} FROM pay_receipts WHERE id = $1"
        )))
        .bind(id.to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        r.map(|r| read_receipt(&r)).transpose()
    }

    /// The receipt of a payment.
    pub async fn receipt_of_attempt(&self, attempt: PaymentId) -> Result<Option<ReceiptRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECEIPT_COLUMNS} FROM pay_receipts WHERE attempt_id = $1"
        )))
        .bind(attempt.to_string())
        .fetch_optional(self.db.reader())
        .await?;
        r.map(|r| read_receipt(&r)).transpose()
    }

    /// A bill's receipts.
    pub async fn receipts_of_bill(&self, bill: BillId) -> Result<Vec<ReceiptRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECEIPT_COLUMNS} FROM pay_receipts WHERE bill_id = $1 ORDER BY created_at"
        )))
        .bind(bill.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(read_receipt).collect()
    }

    /// An account's receipts, newest first, with the bill's title and amount paid: what the
    /// wallet and 我的缴费 list.
    pub async fn receipts_of_account(
        &self,
        account: AccountId,
    ) -> Result<Vec<(ReceiptRow, String, Fen)>> {
        let rows = sqlx::query(
            "SELECT r.id, r.number, r.attempt_id, r.bill_id, r.account_id, r.token, r.created_at, b.title, a.amount_fen
             FROM pay_receipts r JOIN bills b ON b.id = r.bill_id JOIN pay_attempts a ON a.id = r.attempt_id
             WHERE r.account_id = $1 ORDER BY r.created_at DESC LIMIT 200",
        )
        .bind(account.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    read_receipt(r)?,
                    r.text("title")?,
                    Fen(r.int("amount_fen")?),
                ))
            })
            .collect()
    }

    // ---- reconciliation ----

    /// Stores (or replaces) a day's reconciliation.
    pub async fn save_reconciliation(
        &self,
        tx: &mut Tx,
        day: &str,
        matched: i64,
        differences: i64,
        report: &str,
        by: Option<String>,
    ) -> Result<()> {
        let now = Timestamp::now().millis();
        sqlx::query(
            "INSERT INTO reconciliations (day, matched, differences, report, ran_by, ran_at, resolved_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (day) DO UPDATE SET matched = excluded.matched, differences = excluded.differences, report = excluded.report, ran_by = excluded.ran_by, ran_at = excluded.ran_at, resolved_at = excluded.resolved_at",
        )
        .bind(day.to_owned())
        .bind(matched)
        .bind(differences)
        .bind(report.to_owned())
        .bind(by)
        .bind(now)
        .bind((differences == 0).then_some(now))
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// A day's stored reconciliation.
    pub async fn reconciliation(&self, day: &str) -> Result<Option<ReconciliationRow>> {
        let r = sqlx::query("SELECT day, matched, differences, report, ran_at, resolved_at FROM reconciliations WHERE day = $1")
            .bind(day.to_owned())
            .fetch_optional(self.db.reader())
            .await?;
        r.map(|r| {
            Ok(ReconciliationRow {
                day: r.text("day")?,
                matched: r.int("matched")?,
                differences: r.int("differences")?,
                report: r.text("report")?,
                ran_at: r.ts("ran_at")?,
                resolved_at: r.opt_ts("resolved_at")?,
            })
        })
        .transpose()
    }

    /// Days whose reconciliation did not balance and is not resolved: the finance officer's
    /// task on the console's home.
    pub async fn unbalanced_days(&self) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT day FROM reconciliations WHERE resolved_at IS NULL ORDER BY day DESC LIMIT 100",
        )
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(|r| r.text("day")).collect()
    }
}
