//! Emergency alerts' rows (PUB-7): the alerts, who has been told of each, and the accounts an
//! alert reaches.

use yiwang_domain::Lang;
use yiwang_domain::Timestamp;
use yiwang_domain::alert::{Alert, AlertKind, AlertState, Severity};
use yiwang_domain::ids::{AccountId, AlertId};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// An alert as stored.
#[derive(Debug, Clone)]
pub struct AlertRow {
    /// Its id.
    pub id: AlertId,
    /// The words and region.
    pub alert: Alert,
    /// Where it stands.
    pub state: AlertState,
    /// Who issued it.
    pub issued_by: AccountId,
    /// Who approved it (red).
    pub approved_by: Option<AccountId>,
    /// When it was issued.
    pub issued_at: Timestamp,
    /// When it went out.
    pub active_at: Option<Timestamp>,
    /// When it was lifted.
    pub lifted_at: Option<Timestamp>,
    /// Grows with every change.
    pub revision: i64,
}

const COLUMNS: &str = "id, region_code, severity, kind, title, text, instructions, until_at, state, issued_by, approved_by, issued_at, active_at, lifted_at, revision, follows";

fn read(r: &sqlx::any::AnyRow) -> Result<AlertRow> {
    let bad = |w: &str| Error::Corrupt(format!("alerts: {w}"));
    Ok(AlertRow {
        id: r.parsed("id")?,
        alert: Alert {
            region: r.text("region_code")?,
            severity: Severity::parse(&r.text("severity")?).ok_or_else(|| bad("severity"))?,
            kind: AlertKind::parse(&r.text("kind")?).ok_or_else(|| bad("kind"))?,
            title: r.text("title")?,
            text: r.text("text")?,
            instructions: r.text("instructions")?,
            until: Timestamp(r.int("until_at")?),
            follows: r.opt_text("follows")?,
        },
        state: AlertState::parse(&r.text("state")?).ok_or_else(|| bad("state"))?,
        issued_by: r.parsed("issued_by")?,
        approved_by: r.opt_parsed("approved_by")?,
        issued_at: Timestamp(r.int("issued_at")?),
        active_at: r.opt_int("active_at")?.map(Timestamp),
        lifted_at: r.opt_int("lifted_at")?.map(Timestamp),
        revision: r.int("revision")?,
    })
}

impl Store {
    /// Stores an issued alert in `state`.
    pub async fn insert_alert(
        &self,
        tx: &mut Tx,
        a: &Alert,
        state: AlertState,
        by: AccountId,
    ) -> Result<AlertId> {
        let id = AlertId::generate();
        let now = Timestamp::now().millis();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO alerts ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12, NULL, 1, $13)"
        )))
        .bind(id.to_string())
        .bind(a.region.clone())
        .bind(a.severity.as_str())
        .bind(a.kind.as_str())
        .bind(a.title.clone())
        .bind(a.text.clone())
        .bind(a.instructions.clone())
        .bind(a.until.millis())
        .bind(state.as_str())
        .bind(by.to_string())
        .bind(now)
        .bind((state == AlertState::Active).then_some(now))
        .bind(a.follows.clone())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// One alert.
    pub async fn alert(&self, id: AlertId) -> Result<Option<AlertRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM alerts WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .map(|r| read(&r))
        .transpose()
    }

    /// Approves a red alert (if nobody changed it since `revision`).
    pub async fn approve_alert(
        &self,
        tx: &mut Tx,
        id: AlertId,
        revision: i64,
        by: AccountId,
    ) -> Result<bool> {
        Ok(sqlx::query("UPDATE alerts SET state = 'active', approved_by = $3, active_at = $4, revision = revision + 1 WHERE id = $1 AND revision = $2 AND state = 'awaiting_approval'")
            .bind(id.to_string())
            .bind(revision)
            .bind(by.to_string())
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    /// Lifts an alert (if nobody changed it since `revision`).
    pub async fn lift_alert(
        &self,
        tx: &mut Tx,
        id: AlertId,
        revision: i64,
        by: AccountId,
    ) -> Result<bool> {
        Ok(sqlx::query("UPDATE alerts SET state = 'lifted', lifted_at = $3, lifted_by = $4, revision = revision + 1 WHERE id = $1 AND revision = $2 AND state <> 'lifted'")
            .bind(id.to_string())
            .bind(revision)
            .bind(Timestamp::now().millis())
            .bind(by.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    /// Takes down the alert an update or all-clear follows, now that it goes out.
    pub async fn supersede_alert(&self, tx: &mut Tx, id: &str, by: AccountId) -> Result<()> {
        sqlx::query("UPDATE alerts SET state = 'lifted', lifted_at = $2, lifted_by = $3, revision = revision + 1 WHERE id = $1 AND state <> 'lifted'")
            .bind(id.to_owned())
            .bind(Timestamp::now().millis())
            .bind(by.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// The updates and all-clears that follow an alert, oldest first.
    pub async fn alert_follow_ups(&self, id: AlertId) -> Result<Vec<AlertRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM alerts WHERE follows = $1 ORDER BY issued_at, id"
        )))
        .bind(id.to_string())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(read)
        .collect()
    }

    /// The alerts shown at `now`, newest first.
    pub async fn shown_alerts(&self, now: Timestamp) -> Result<Vec<AlertRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM alerts WHERE state = 'active' AND until_at > $1 ORDER BY issued_at DESC LIMIT 20"
        )))
        .bind(now.millis())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(read)
        .collect()
    }

    /// The latest alerts in any state, newest first.
    pub async fn recent_alerts(&self, limit: i64) -> Result<Vec<AlertRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM alerts ORDER BY issued_at DESC LIMIT $1"
        )))
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(read)
        .collect()
    }

    /// The next `limit` active accounts after `after` (by id) that an alert for `region`
    /// reaches: everyone when `everyone` (the alert covers the whole deployment), else the
    /// people whose home region is under it and the staff whose grants are in or over it.
    pub async fn alert_recipients(
        &self,
        region: &str,
        everyone: bool,
        after: Option<AccountId>,
        limit: i64,
    ) -> Result<Vec<(AccountId, Lang)>> {
        let sql = if everyone {
            "SELECT a.id, a.lang FROM accounts a WHERE a.status = 'active' AND a.id > $1 AND ($2 = $2) ORDER BY a.id LIMIT $3"
        } else {
            "SELECT a.id, a.lang FROM accounts a WHERE a.status = 'active' AND a.id > $1 AND (a.home_region LIKE $2 || '%' OR EXISTS (SELECT 1 FROM role_grants g WHERE g.holder_id = a.id AND (g.region_code LIKE $2 || '%' OR $2 LIKE g.region_code || '%'))) ORDER BY a.id LIMIT $3"
        };
        sqlx::query(sql)
            .bind(after.map(|a| a.to_string()).unwrap_or_default())
            .bind(region.to_owned())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| {
                Ok((
                    r.parsed("id")?,
                    Lang::from_tag(&r.text("lang")?).unwrap_or(Lang::ZhHans),
                ))
            })
            .collect()
    }

    /// Records that `account` was told of `alert`; `false` when it already was (a fan-out
    /// resumed after a crash).
    pub async fn mark_alert_delivered(
        &self,
        tx: &mut Tx,
        alert: AlertId,
        account: AccountId,
    ) -> Result<bool> {
        Ok(sqlx::query("INSERT INTO alert_deliveries (alert_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(alert.to_string())
            .bind(account.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    /// How many accounts have been told of an alert.
    pub async fn alert_delivered_count(&self, alert: AlertId) -> Result<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM alert_deliveries WHERE alert_id = $1")
            .bind(alert.to_string())
            .fetch_one(self.db.reader())
            .await?
            .int("n")
    }

    /// Sets (or clears) where a person lives.
    pub async fn set_home_region(&self, account: AccountId, region: Option<&str>) -> Result<()> {
        sqlx::query("UPDATE accounts SET home_region = $2, updated_at = $3 WHERE id = $1")
            .bind(account.to_string())
            .bind(region.map(str::to_owned))
            .bind(Timestamp::now().millis())
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Where a person lives, if they said.
    pub async fn home_region(&self, account: AccountId) -> Result<Option<String>> {
        Ok(
            sqlx::query("SELECT home_region FROM accounts WHERE id = $1")
                .bind(account.to_string())
                .fetch_optional(self.db.reader())
                .await?
                .map(|r| r.opt_text("home_region"))
                .transpose()?
                .flatten(),
        )
    }
}
