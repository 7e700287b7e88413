//! Cases (办件): submission exactly once, reads for the applicant and for staff, and state
//! changes guarded by a revision so that two staff acting at once cannot both win (APP-2, 3).

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::parse_date;
use yiwang_domain::forms::Answers;
use yiwang_domain::ids::{AccountId, CaseId, DepartmentId, ItemId};
use yiwang_domain::workflow::{CaseState, DeliveryMethod, PauseKind, Receipt};

use crate::row::{RowExt, conflict_or_missing, named};
use crate::{Error, Result, Store, Tx};

/// One case as stored (answers apart: they are decrypted on request).
#[derive(Debug, Clone)]
pub struct CaseRow {
    /// Its id.
    pub id: CaseId,
    /// The receipt number the applicant quotes.
    pub receipt: String,
    /// The item applied for.
    pub item_id: ItemId,
    /// The item's name.
    pub item_name: String,
    /// The form version it was filled with.
    pub form_version: i64,
    /// The applicant.
    pub account_id: AccountId,
    /// The department handling it now.
    pub department_id: DepartmentId,
    /// That department's name.
    pub department_name: String,
    /// The item's region (the supervisor board's scope).
    pub region_code: String,
    /// Where it is.
    pub state: CaseState,
    /// The current review step.
    pub step: u32,
    /// The day it was accepted (the clock starts the next day).
    pub accepted_on: Option<Date>,
    /// Why the clock is stopped, if it is.
    pub paused: Option<PauseKind>,
    /// Decided by the instant-approval rules.
    pub auto_decided: bool,
    /// The time limit in working days, if the item has one.
    pub limit_days: Option<u32>,
    /// The last day, once accepted and while the clock runs.
    pub due_on: Option<Date>,
    /// Years the due date was counted through without a calendar.
    pub due_uncovered: Vec<i32>,
    /// The instant-approval trace (JSON), if the rules ran.
    pub rule_trace: Option<String>,
    /// How the result was delivered.
    pub delivery: Option<DeliveryMethod>,
    /// The postal tracking number.
    pub tracking: Option<String>,
    /// The staff member who applied on the applicant's behalf (帮办代办).
    pub assisted_by: Option<AccountId>,
    /// Grows with every change.
    pub revision: i64,
    /// When it was submitted.
    pub submitted_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
    /// When it was decided.
    pub decided_at: Option<Timestamp>,
    /// Who it waits for: `any`, a role's name, `applicant` or `none` (see
    /// `domain::workflow::Waiting`); the staff queues filter on it.
    pub waiting_on: String,
}

impl CaseRow {
    /// What the workflow needs to know of the case.
    pub fn view(&self) -> yiwang_domain::workflow::CaseView {
        yiwang_domain::workflow::CaseView {
            state: self.state,
            step: self.step,
            accepted: self.accepted_on.is_some(),
            paused: self.paused,
            auto_decided: self.auto_decided,
        }
    }
}

/// What a submission stores.
#[derive(Debug, Clone)]
pub struct NewCase<'a> {
    /// The item.
    pub item_id: ItemId,
    /// The form version filled.
    pub form_version: i64,
    /// The applicant.
    pub account_id: AccountId,
    /// The handling department.
    pub department_id: DepartmentId,
    /// The item's region.
    pub region_code: &'a str,
    /// Clean answers.
    pub answers: &'a Answers,
    /// The client's idempotency key, if it sent one.
    pub idempotency_key: Option<&'a str>,
    /// A hash of what was submitted, to tell a retry from a different request under one key.
    pub request_hash: &'a str,
    /// The item's working-day limit.
    pub limit_days: Option<u32>,
    /// The assisting staff member.
    pub assisted_by: Option<AccountId>,
}

pub(crate) const CASE_COLUMNS: &str = "c.id, c.receipt, c.item_id, i.name AS item_name, c.form_version, c.account_id, c.department_id, d.name AS department_name, c.region_code, c.state, c.step, c.accepted_on, c.paused, c.auto_decided, c.limit_days, c.due_on, c.due_uncovered, c.rule_trace, c.delivery, c.tracking, c.assisted_by, c.revision, c.submitted_at, c.updated_at, c.decided_at, c.waiting_on";
pub(crate) const CASE_FROM: &str =
    "FROM cases c JOIN items i ON i.id = c.item_id JOIN departments d ON d.id = c.department_id";

fn date_col(r: &sqlx::any::AnyRow, col: &str) -> Result<Option<Date>> {
    r.opt_text(col)?
        .map(|s| parse_date(&s).ok_or_else(|| Error::Corrupt(format!("{col} {s:?}"))))
        .transpose()
}

pub(crate) fn read_case(r: &sqlx::any::AnyRow) -> Result<CaseRow> {
    Ok(CaseRow {
        id: r.parsed("id")?,
        receipt: r.text("receipt")?,
        item_id: r.parsed("item_id")?,
        item_name: r.text("item_name")?,
        form_version: r.int("form_version")?,
        account_id: r.parsed("account_id")?,
        department_id: r.parsed("department_id")?,
        department_name: r.text("department_name")?,
        region_code: r.text("region_code")?,
        state: named("state", &r.text("state")?, CaseState::parse)?,
        step: u32::try_from(r.int("step")?).unwrap_or(0),
        accepted_on: date_col(r, "accepted_on")?,
        paused: r
            .opt_text("paused")?
            .map(|p| named("paused", &p, PauseKind::parse))
            .transpose()?,
        auto_decided: r.int("auto_decided")? != 0,
        limit_days: r.opt_int("limit_days")?.and_then(|d| u32::try_from(d).ok()),
        due_on: date_col(r, "due_on")?,
        due_uncovered: r
            .text("due_uncovered")?
            .split(',')
            .filter_map(|y| y.parse().ok())
            .collect(),
        rule_trace: r.opt_text("rule_trace")?,
        delivery: r
            .opt_text("delivery")?
            .map(|p| named("delivery", &p, DeliveryMethod::parse))
            .transpose()?,
        tracking: r.opt_text("tracking")?,
        assisted_by: r.opt_parsed("assisted_by")?,
        revision: r.int("revision")?,
        submitted_at: r.ts("submitted_at")?,
        updated_at: r.ts("updated_at")?,
        decided_at: r.opt_ts("decided_at")?,
        waiting_on: r.text("waiting_on")?,
    })
}

/// A case by its applicant and idempotency key, with the hash of what was submitted.
fn by_key_sql() -> String {
    format!(
        "SELECT {CASE_COLUMNS}, c.request_hash {CASE_FROM} WHERE c.account_id = $1 AND c.idempotency_key = $2"
    )
}

fn answers_ctx(id: &str) -> String {
    format!("cases.answers|{id}")
}

impl Store {
    /// Stores a submission exactly once. With an idempotency key already used by this
    /// applicant, returns that case and `false` when the request is the same, and
    /// `idempotency_key_reused` when it differs. Otherwise creates the case in state
    /// `submitted` with a fresh receipt number and returns it with `true`.
    pub async fn submit_case(&self, tx: &mut Tx, new: &NewCase<'_>) -> Result<(CaseRow, bool)> {
        if let Some(key) = new.idempotency_key
            && let Some(found) = self.case_by_key(tx, new.account_id, key).await?
        {
            return replay(found, new.request_hash);
        }
        let now = Timestamp::now();
        let today = now.beijing_date();
        for _ in 0..8 {
            let id = CaseId::generate();
            // UUIDv7 ends in 62 random bits: enough for a receipt that no one can guess.
            let random = id.as_uuid().as_u128() as u64;
            let receipt = Receipt::new(today, random);
            let text = serde_json::Value::Object(new.answers.clone()).to_string();
            let inserted = sqlx::query(
                "INSERT INTO cases (id, receipt, item_id, form_version, account_id, department_id, region_code, state, limit_days, answers_enc, idempotency_key, request_hash, assisted_by, revision, submitted_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $9, $10, $11, $12, 1, $13, $13)
                 ON CONFLICT DO NOTHING",
            )
            .bind(id.to_string())
            .bind(receipt.as_str())
            .bind(new.item_id.to_string())
            .bind(new.form_version)
            .bind(new.account_id.to_string())
            .bind(new.department_id.to_string())
            .bind(new.region_code)
            .bind(new.limit_days.map(i64::from))
            .bind(self.vault().encrypt(&answers_ctx(&id.to_string()), &text)?)
            .bind(new.idempotency_key)
            .bind(new.request_hash)
            .bind(new.assisted_by.map(|a| a.to_string()))
            .bind(now.millis())
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if inserted == 1 {
                return Ok((self.case_for_update(tx, id).await?, true));
            }
            // Either a concurrent retry with the same key committed first, or (rarely) the
            // receipt number was taken: look for the first, else draw another number.
            if let Some(key) = new.idempotency_key
                && let Some(found) = self.case_by_key(tx, new.account_id, key).await?
            {
                return replay(found, new.request_hash);
            }
        }
        Err(Error::Corrupt(
            "no free receipt number after 8 draws".into(),
        ))
    }

    /// The applicant's case submitted with this idempotency key, if any (a second click that
    /// arrives after the first submission finished finds its case here).
    pub async fn case_by_idempotency_key(
        &self,
        account: AccountId,
        key: &str,
    ) -> Result<Option<CaseRow>> {
        sqlx::query(sqlx::AssertSqlSafe(by_key_sql()))
            .bind(account.to_string())
            .bind(key)
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| read_case(&r))
            .transpose()
    }

    async fn case_by_key(
        &self,
        tx: &mut Tx,
        account: AccountId,
        key: &str,
    ) -> Result<Option<(CaseRow, String)>> {
        sqlx::query(sqlx::AssertSqlSafe(by_key_sql()))
            .bind(account.to_string())
            .bind(key)
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| Ok((read_case(&r)?, r.text("request_hash")?)))
            .transpose()
    }

    /// A case, read inside a write transaction (before changing it).
    pub async fn case_for_update(&self, tx: &mut Tx, id: CaseId) -> Result<CaseRow> {
        let sql = format!("SELECT {CASE_COLUMNS} {CASE_FROM} WHERE c.id = $1");
        match sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?
        {
            Some(r) => read_case(&r),
            None => Err(Error::not_found()),
        }
    }

    /// A case by id.
    pub async fn case(&self, id: CaseId) -> Result<Option<CaseRow>> {
        let sql = format!("SELECT {CASE_COLUMNS} {CASE_FROM} WHERE c.id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| read_case(&r))
            .transpose()
    }

    /// A case by its receipt number.
    pub async fn case_by_receipt(&self, receipt: &Receipt) -> Result<Option<CaseRow>> {
        let sql = format!("SELECT {CASE_COLUMNS} {CASE_FROM} WHERE c.receipt = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(receipt.as_str())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| read_case(&r))
            .transpose()
    }

    /// The answers of a case, decrypted. Callers record staff reads in the access log.
    pub async fn case_answers(&self, id: CaseId) -> Result<Answers> {
        let row = sqlx::query("SELECT answers_enc FROM cases WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        let blob = row.opt_blob("answers_enc")?.unwrap_or_default();
        let text = self.vault().decrypt(&answers_ctx(&id.to_string()), &blob)?;
        serde_json::from_str(&text).map_err(|e| Error::Corrupt(e.to_string()))
    }

    /// The answers of a case, read inside a write transaction (a case created in it).
    pub async fn case_answers_in(&self, tx: &mut Tx, id: CaseId) -> Result<Answers> {
        let row = sqlx::query("SELECT answers_enc FROM cases WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(Error::not_found)?;
        let blob = row.opt_blob("answers_enc")?.unwrap_or_default();
        let text = self.vault().decrypt(&answers_ctx(&id.to_string()), &blob)?;
        serde_json::from_str(&text).map_err(|e| Error::Corrupt(e.to_string()))
    }

    /// Replaces a case's answers (a supplement after it was returned).
    pub async fn replace_case_answers(
        &self,
        tx: &mut Tx,
        id: CaseId,
        answers: &Answers,
    ) -> Result<()> {
        let text = serde_json::Value::Object(answers.clone()).to_string();
        sqlx::query("UPDATE cases SET answers_enc = $2 WHERE id = $1")
            .bind(id.to_string())
            .bind(self.vault().encrypt(&answers_ctx(&id.to_string()), &text)?)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Writes a changed case if nobody changed it since `case.revision` was read; the stored
    /// revision grows by one. Someone faster gets `conflict`.
    pub async fn save_case(&self, tx: &mut Tx, case: &CaseRow) -> Result<i64> {
        let uncovered: String = case.due_uncovered.iter().map(|y| format!("{y},")).collect();
        let done = sqlx::query(
            "UPDATE cases SET department_id = $3, state = $4, step = $5, accepted_on = $6, paused = $7, auto_decided = $8, due_on = $9, due_uncovered = $10, rule_trace = $11, delivery = $12, tracking = $13, decided_at = $14, updated_at = $15, waiting_on = $16, revision = revision + 1
             WHERE id = $1 AND revision = $2",
        )
        .bind(case.id.to_string())
        .bind(case.revision)
        .bind(case.department_id.to_string())
        .bind(case.state.as_str())
        .bind(i64::from(case.step))
        .bind(case.accepted_on.map(|d| d.to_string()))
        .bind(case.paused.map(|p| p.as_str()))
        .bind(i64::from(case.auto_decided))
        .bind(case.due_on.map(|d| d.to_string()))
        .bind(uncovered)
        .bind(case.rule_trace.as_deref())
        .bind(case.delivery.map(|d| d.as_str()))
        .bind(case.tracking.as_deref())
        .bind(case.decided_at.map(|t| t.millis()))
        .bind(Timestamp::now().millis())
        .bind(case.waiting_on.as_str())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(conflict_or_missing(
                tx,
                "SELECT 1 AS x FROM cases WHERE id = $1",
                case.id.to_string(),
            )
            .await?);
        }
        Ok(case.revision + 1)
    }
}

fn replay((case, hash): (CaseRow, String), request_hash: &str) -> Result<(CaseRow, bool)> {
    if hash == request_hash {
        Ok((case, false))
    } else {
        Err(Error::code(yiwang_domain::ErrorCode::IdempotencyKeyReused))
    }
}
