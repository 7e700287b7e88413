//! Subscriptions to government information (PUB-6): who follows which column, disclosure
//! category or region, who has been told of a document, and the daily digest's hour.

use yiwang_domain::Timestamp;
use yiwang_domain::ids::{AccountId, DocId};

use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// What a person follows: (kind, target) with kind `column`, `category` or `region`.
pub type Follow = (String, String);

impl Store {
    /// What a person follows, and their digest hour.
    pub async fn subscriptions(&self, account: AccountId) -> Result<(Vec<Follow>, Option<i64>)> {
        let follows = sqlx::query("SELECT kind, target FROM doc_subscriptions WHERE account_id = $1 ORDER BY kind, target")
            .bind(account.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| Ok((r.text("kind")?, r.text("target")?)))
            .collect::<Result<Vec<_>>>()?;
        let hour = sqlx::query("SELECT digest_hour FROM doc_digests WHERE account_id = $1")
            .bind(account.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| r.opt_int("digest_hour"))
            .transpose()?
            .flatten();
        Ok((follows, hour))
    }

    /// Replaces what a person follows and their digest hour.
    pub async fn set_subscriptions(
        &self,
        tx: &mut Tx,
        account: AccountId,
        follows: &[Follow],
        hour: Option<i64>,
    ) -> Result<()> {
        sqlx::query("DELETE FROM doc_subscriptions WHERE account_id = $1")
            .bind(account.to_string())
            .execute(&mut **tx)
            .await?;
        let now = Timestamp::now().millis();
        for (kind, target) in follows {
            sqlx::query("INSERT INTO doc_subscriptions (account_id, kind, target, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .bind(account.to_string())
                .bind(kind.clone())
                .bind(target.clone())
                .bind(now)
                .execute(&mut **tx)
                .await?;
        }
        sqlx::query("DELETE FROM doc_digests WHERE account_id = $1")
            .bind(account.to_string())
            .execute(&mut **tx)
            .await?;
        if hour.is_some() {
            sqlx::query("INSERT INTO doc_digests (account_id, digest_hour, last_sent_on) VALUES ($1, $2, NULL)")
                .bind(account.to_string())
                .bind(hour)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Stops a person's daily digest (its unsubscribe link).
    pub async fn stop_digest(&self, account: AccountId) -> Result<()> {
        sqlx::query("DELETE FROM doc_digests WHERE account_id = $1")
            .bind(account.to_string())
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// The active accounts following any of `columns`, `category` or a region containing
    /// `region` (a region code prefix of it), after `after` by id.
    pub async fn followers(
        &self,
        columns: &[String],
        category: Option<&str>,
        region: &str,
        after: Option<AccountId>,
        limit: i64,
    ) -> Result<Vec<AccountId>> {
        let mut cond = vec!["(s.kind = 'region' AND $2 LIKE s.target || '%')".to_owned()];
        let mut values: Vec<String> = Vec::new();
        if let Some(c) = category {
            values.push(c.to_owned());
            cond.push(format!(
                "(s.kind = 'category' AND s.target = ${})",
                3 + values.len()
            ));
        }
        for c in columns {
            values.push(c.clone());
            cond.push(format!(
                "(s.kind = 'column' AND s.target = ${})",
                3 + values.len()
            ));
        }
        let sql = format!(
            "SELECT DISTINCT s.account_id FROM doc_subscriptions s JOIN accounts a ON a.id = s.account_id WHERE a.status = 'active' AND s.account_id > $1 AND ({}) ORDER BY s.account_id LIMIT $3",
            cond.join(" OR ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(after.map(|a| a.to_string()).unwrap_or_default())
            .bind(region.to_owned())
            .bind(limit);
        for v in values {
            q = q.bind(v);
        }
        q.fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| r.parsed("account_id"))
            .collect()
    }

    /// Records that `account` was told of `doc`; `false` when it already was.
    pub async fn mark_doc_delivered(
        &self,
        tx: &mut Tx,
        doc: DocId,
        account: AccountId,
    ) -> Result<bool> {
        Ok(sqlx::query("INSERT INTO doc_deliveries (doc_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(doc.to_string())
            .bind(account.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    /// The accounts whose digest is due at `hour` and was not sent `today`.
    pub async fn digests_due(&self, hour: i64, today: &str) -> Result<Vec<AccountId>> {
        sqlx::query("SELECT d.account_id FROM doc_digests d JOIN accounts a ON a.id = d.account_id WHERE a.status = 'active' AND d.digest_hour = $1 AND (d.last_sent_on IS NULL OR d.last_sent_on <> $2) LIMIT 1000")
            .bind(hour)
            .bind(today.to_owned())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| r.parsed("account_id"))
            .collect()
    }

    /// Marks a digest sent today; `false` when another run already did.
    pub async fn mark_digest_sent(
        &self,
        tx: &mut Tx,
        account: AccountId,
        today: &str,
    ) -> Result<bool> {
        Ok(sqlx::query("UPDATE doc_digests SET last_sent_on = $2 WHERE account_id = $1 AND (last_sent_on IS NULL OR last_sent_on <> $2)")
            .bind(account.to_string())
            .bind(today.to_owned())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }
}
