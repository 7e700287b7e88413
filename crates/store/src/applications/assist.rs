//! Consents to assisted handling (帮办代办): the request with a keyed MAC of the code sent to
//! the citizen, the guarded step that accepts the code, and the one application it allows.
//! Every change is a single conditional UPDATE, so two tries racing (or a retried submission)
//! can never both succeed. What a row allows at a given moment is `domain::assist::state`.

use yiwang_domain::Timestamp;
use yiwang_domain::assist::{CODE_TTL, Consent, ConsentState, GRANT_TTL, MAX_ATTEMPTS, state};
use yiwang_domain::ids::{AccountId, CaseId, ConsentId, ItemId};

use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// A consent request as stored.
#[derive(Debug, Clone)]
pub struct ConsentRow {
    /// Its id.
    pub id: ConsentId,
    /// The staff member who asked.
    pub staff_id: AccountId,
    /// Their name, as the citizen was told it.
    pub staff_name: String,
    /// Their department, as the citizen was told it.
    pub department: String,
    /// The citizen.
    pub account_id: AccountId,
    /// The item.
    pub item_id: ItemId,
    /// The item's name.
    pub item_name: String,
    /// Wrong codes so far.
    pub attempts: i64,
    /// When the code was sent.
    pub created_at: Timestamp,
    /// When the citizen's code was accepted.
    pub granted_at: Option<Timestamp>,
    /// The application submitted under it.
    pub case_id: Option<CaseId>,
    /// When the staff member closed it.
    pub cancelled_at: Option<Timestamp>,
}

impl ConsentRow {
    /// Where it stands at `now`.
    pub fn state(&self, now: Timestamp) -> ConsentState {
        state(
            &Consent {
                created_at: self.created_at,
                attempts: self.attempts,
                granted_at: self.granted_at,
                used: self.case_id.is_some(),
                cancelled: self.cancelled_at.is_some(),
            },
            now,
        )
    }
}

/// A new request.
#[derive(Debug, Clone)]
pub struct NewConsent<'a> {
    /// The staff member asking.
    pub staff_id: AccountId,
    /// Their name.
    pub staff_name: &'a str,
    /// Their department's name.
    pub department: &'a str,
    /// The citizen.
    pub account_id: AccountId,
    /// The item.
    pub item_id: ItemId,
    /// The code sent to the citizen.
    pub code: &'a str,
}

const COLUMNS: &str = "a.id, a.staff_id, a.staff_name, a.department, a.account_id, a.item_id, i.name AS item_name, a.attempts, a.created_at, a.granted_at, a.case_id, a.cancelled_at";

fn read(r: &sqlx::any::AnyRow) -> Result<ConsentRow> {
    Ok(ConsentRow {
        id: r.parsed("id")?,
        staff_id: r.parsed("staff_id")?,
        staff_name: r.text("staff_name")?,
        department: r.text("department")?,
        account_id: r.parsed("account_id")?,
        item_id: r.parsed("item_id")?,
        item_name: r.text("item_name")?,
        attempts: r.int("attempts")?,
        created_at: r.ts("created_at")?,
        granted_at: r.opt_ts("granted_at")?,
        case_id: r.opt_parsed("case_id")?,
        cancelled_at: r.opt_ts("cancelled_at")?,
    })
}

impl Store {
    fn consent_mac(&self, id: ConsentId, code: &str) -> String {
        self.vault()
            .blind_index("assist_code", &format!("{id}:{code}"))
    }

    /// Records a request in the caller's transaction (the SMS goes in the same one).
    pub async fn create_consent(&self, tx: &mut Tx, c: &NewConsent<'_>) -> Result<ConsentId> {
        let id = ConsentId::generate();
        sqlx::query(
            "INSERT INTO assist_consents (id, staff_id, staff_name, department, account_id, item_id, code_mac, attempts, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)",
        )
        .bind(id.to_string())
        .bind(c.staff_id.to_string())
        .bind(c.staff_name)
        .bind(c.department)
        .bind(c.account_id.to_string())
        .bind(c.item_id.to_string())
        .bind(self.consent_mac(id, c.code))
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// One request.
    pub async fn consent(&self, id: ConsentId) -> Result<Option<ConsentRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM assist_consents a JOIN items i ON i.id = a.item_id WHERE a.id = $1"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| read(&r))
            .transpose()
    }

    /// A staff member's latest requests, newest first.
    pub async fn consents_of_staff(&self, staff: AccountId, limit: i64) -> Result<Vec<ConsentRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM assist_consents a JOIN items i ON i.id = a.item_id
             WHERE a.staff_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT $2"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(staff.to_string())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }

    /// Tries the code the citizen read out, in the caller's transaction (the audit entry of
    /// the agreement goes with it): `true` when it matched a request still waiting for it (the
    /// citizen has agreed from now); otherwise one more wrong try is counted, and the caller
    /// must still commit so that it stays counted.
    pub async fn try_consent_code(&self, tx: &mut Tx, id: ConsentId, code: &str) -> Result<bool> {
        let now = Timestamp::now();
        let granted = sqlx::query(
            "UPDATE assist_consents SET granted_at = $3
             WHERE id = $1 AND code_mac = $2 AND granted_at IS NULL AND cancelled_at IS NULL
               AND attempts < $4 AND created_at > $5",
        )
        .bind(id.to_string())
        .bind(self.consent_mac(id, code))
        .bind(now.millis())
        .bind(MAX_ATTEMPTS)
        .bind(now.minus(CODE_TTL).millis())
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1;
        if !granted {
            sqlx::query(
                "UPDATE assist_consents SET attempts = attempts + 1 WHERE id = $1 AND granted_at IS NULL",
            )
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        }
        Ok(granted)
    }

    /// Spends a granted consent on the case being submitted, in the submission's
    /// transaction. `false` when it is no longer granted (lapsed, cancelled or already used):
    /// the caller must then roll back.
    pub async fn use_consent(&self, tx: &mut Tx, id: ConsentId, case: CaseId) -> Result<bool> {
        let now = Timestamp::now();
        Ok(sqlx::query(
            "UPDATE assist_consents SET case_id = $2
             WHERE id = $1 AND case_id IS NULL AND cancelled_at IS NULL AND granted_at > $3",
        )
        .bind(id.to_string())
        .bind(case.to_string())
        .bind(now.minus(GRANT_TTL).millis())
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1)
    }

    /// Closes a request that has not been used; `false` when there was nothing to close.
    pub async fn cancel_consent(&self, id: ConsentId, staff: AccountId) -> Result<bool> {
        Ok(sqlx::query(
            "UPDATE assist_consents SET cancelled_at = $3
             WHERE id = $1 AND staff_id = $2 AND case_id IS NULL AND cancelled_at IS NULL",
        )
        .bind(id.to_string())
        .bind(staff.to_string())
        .bind(Timestamp::now().millis())
        .execute(self.db.writer())
        .await?
        .rows_affected()
            == 1)
    }

    /// The consents from this citizen that the staff member holds in force now (each opens
    /// the files of its own application only: see `applications::services::uploads::read`).
    pub async fn consents_in_force(
        &self,
        staff: AccountId,
        account: AccountId,
    ) -> Result<Vec<ConsentRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM assist_consents a JOIN items i ON i.id = a.item_id
             WHERE a.staff_id = $1 AND a.account_id = $2 AND a.case_id IS NULL
               AND a.cancelled_at IS NULL AND a.granted_at > $3"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(staff.to_string())
            .bind(account.to_string())
            .bind(Timestamp::now().minus(GRANT_TTL).millis())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }
}
