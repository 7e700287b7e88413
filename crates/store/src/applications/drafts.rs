//! Unsubmitted applications kept on the server, so a lost connection or a closed phone loses
//! nothing (APP-2). One draft per applicant and item; answers are encrypted like all personal
//! data. Drafts older than [`DRAFT_TTL_DAYS`] are purged.

use std::time::Duration;
use yiwang_domain::Timestamp;
use yiwang_domain::forms::Answers;
use yiwang_domain::ids::{AccountId, DraftId, ItemId};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// How long an untouched draft is kept.
pub const DRAFT_TTL_DAYS: i64 = 30;

/// A saved draft.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Its id.
    pub id: DraftId,
    /// The form version it was started on.
    pub form_version: i64,
    /// What has been typed so far.
    pub answers: Answers,
    /// Saves so far.
    pub revision: i64,
    /// The staff member filling it in for the applicant (帮办), if any.
    pub assisted_by: Option<AccountId>,
    /// Last save.
    pub updated_at: Timestamp,
    /// When it will be purged unless saved again.
    pub expires_at: Timestamp,
}

fn ctx(id: &str) -> String {
    format!("application_drafts.answers|{id}")
}

impl Store {
    /// The applicant's draft for an item; an expired one counts as gone.
    pub async fn draft(&self, account: AccountId, item: ItemId) -> Result<Option<Draft>> {
        let row = sqlx::query(
            "SELECT id, form_version, answers_enc, revision, assisted_by, updated_at, expires_at
             FROM application_drafts WHERE account_id = $1 AND item_id = $2 AND expires_at > $3",
        )
        .bind(account.to_string())
        .bind(item.to_string())
        .bind(Timestamp::now().millis())
        .fetch_optional(self.db.reader())
        .await?;
        let Some(r) = row else { return Ok(None) };
        let id = r.text("id")?;
        let blob = r.opt_blob("answers_enc")?.unwrap_or_default();
        let text = self.vault().decrypt(&ctx(&id), &blob)?;
        let answers = serde_json::from_str(&text).map_err(|e| Error::Corrupt(e.to_string()))?;
        Ok(Some(Draft {
            id: r.parsed("id")?,
            form_version: r.int("form_version")?,
            answers,
            revision: r.int("revision")?,
            assisted_by: r.opt_parsed("assisted_by")?,
            updated_at: r.ts("updated_at")?,
            expires_at: r.ts("expires_at")?,
        }))
    }

    /// Saves the applicant's draft (whole answers), creating it if needed; returns the new
    /// revision. Saving on a different form version restarts the draft on that version.
    pub async fn save_draft(
        &self,
        tx: &mut Tx,
        account: AccountId,
        item: ItemId,
        form_version: i64,
        answers: &Answers,
        assisted_by: Option<AccountId>,
    ) -> Result<i64> {
        let now = Timestamp::now();
        let expires = now.plus(Duration::from_secs(DRAFT_TTL_DAYS as u64 * 86_400));
        let existing = sqlx::query(
            "SELECT id, revision FROM application_drafts WHERE account_id = $1 AND item_id = $2",
        )
        .bind(account.to_string())
        .bind(item.to_string())
        .fetch_optional(&mut **tx)
        .await?;
        let text = serde_json::Value::Object(answers.clone()).to_string();
        if let Some(r) = existing {
            let id = r.text("id")?;
            let revision = r.int("revision")? + 1;
            sqlx::query(
                "UPDATE application_drafts SET form_version = $2, answers_enc = $3, revision = $4, assisted_by = $5, updated_at = $6, expires_at = $7 WHERE id = $1",
            )
            .bind(&id)
            .bind(form_version)
            .bind(self.vault().encrypt(&ctx(&id), &text)?)
            .bind(revision)
            .bind(assisted_by.map(|a| a.to_string()))
            .bind(now.millis())
            .bind(expires.millis())
            .execute(&mut **tx)
            .await?;
            return Ok(revision);
        }
        let id = DraftId::generate().to_string();
        sqlx::query(
            "INSERT INTO application_drafts (id, account_id, item_id, form_version, answers_enc, revision, assisted_by, created_at, updated_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7, $8)",
        )
        .bind(&id)
        .bind(account.to_string())
        .bind(item.to_string())
        .bind(form_version)
        .bind(self.vault().encrypt(&ctx(&id), &text)?)
        .bind(assisted_by.map(|a| a.to_string()))
        .bind(now.millis())
        .bind(expires.millis())
        .execute(&mut **tx)
        .await?;
        Ok(1)
    }

    /// Removes the applicant's draft for an item (after submission, or when they start again).
    pub async fn delete_draft(&self, tx: &mut Tx, account: AccountId, item: ItemId) -> Result<()> {
        sqlx::query("DELETE FROM application_drafts WHERE account_id = $1 AND item_id = $2")
            .bind(account.to_string())
            .bind(item.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Deletes drafts past their expiry; returns how many.
    pub async fn purge_expired_drafts(&self, now: Timestamp) -> Result<u64> {
        Ok(
            sqlx::query("DELETE FROM application_drafts WHERE expires_at <= $1")
                .bind(now.millis())
                .execute(self.db.writer())
                .await?
                .rows_affected(),
        )
    }
}
