//! Versions of an item's online application (form, workflow, rules, certificate). Published
//! versions never change; an application keeps the version it was filled with. Staff edit one
//! unpublished draft per item, then publish it as the new current version.

use yiwang_domain::application::ItemForm;
use yiwang_domain::identity::Required;
use yiwang_domain::ids::ItemId;
use yiwang_domain::{ErrorCode, Timestamp};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// One stored version.
#[derive(Debug, Clone)]
pub struct FormVersion {
    /// The item.
    pub item_id: ItemId,
    /// Its number (1, 2, …).
    pub version: i64,
    /// Form, workflow, rules and certificate.
    pub bundle: ItemForm,
    /// Who wrote it (staff name, `demo`, `import`).
    pub created_by: String,
    /// When it was last saved.
    pub created_at: Timestamp,
    /// When it became current; `None` for the draft.
    pub published_at: Option<Timestamp>,
}

/// The save time of a draft being saved (`$9` is now): strictly after the previous save, even
/// within one millisecond, so that it serves as the draft's revision.
const NEXT_SAVED_AT: &str =
    "created_at = CASE WHEN $9 > created_at THEN $9 ELSE created_at + 1 END";

const COLUMNS: &str = "item_id, version, definition, workflow, rules, instant, certificate, identity, created_by, created_at, published_at";

fn json<T: serde::de::DeserializeOwned>(col: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("{col}: {e}")))
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Corrupt(e.to_string()))
}

/// The `workflow` column: the review steps, and the decision fields the last of them records
/// on approval (kept with the steps, so versions saved before decision fields existed read as
/// having none, and the table needs no new column).
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredWorkflow {
    #[serde(flatten)]
    workflow: yiwang_domain::workflow::Workflow,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    decision: Option<yiwang_domain::forms::Section>,
    /// The item's fee (kept with the workflow, whose version it shares).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fee: Option<yiwang_domain::application::FeeSpec>,
}

/// A statement of the `form_versions` table, its arguments still to bind.
type FormQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

/// Binds what a draft save writes after the statement's two keys (`$1` the item, `$2` the
/// version or revision): `$3` form, `$4` workflow, `$5` rules, `$6` instant, `$7` certificate,
/// `$8` who, `$9` now, `$10` the identity check.
fn bind_draft<'q>(
    q: FormQuery<'q>,
    bundle: &ItemForm,
    by: &str,
    now: i64,
) -> Result<FormQuery<'q>> {
    Ok(q.bind(to_json(&bundle.form)?)
        .bind(workflow_json(bundle)?)
        .bind(bundle.rules.as_ref().map(to_json).transpose()?)
        .bind(i64::from(bundle.instant))
        .bind(bundle.certificate.as_ref().map(to_json).transpose()?)
        .bind(by)
        .bind(now)
        .bind(bundle.identity.as_str()))
}

fn workflow_json(bundle: &ItemForm) -> Result<String> {
    to_json(&StoredWorkflow {
        workflow: bundle.workflow.clone(),
        decision: bundle.decision.clone(),
        fee: bundle.fee.clone(),
    })
}

fn read(r: &sqlx::any::AnyRow) -> Result<FormVersion> {
    let stored: StoredWorkflow = json("workflow", &r.text("workflow")?)?;
    Ok(FormVersion {
        item_id: r.parsed("item_id")?,
        version: r.int("version")?,
        bundle: ItemForm {
            form: json("definition", &r.text("definition")?)?,
            workflow: stored.workflow,
            decision: stored.decision,
            fee: stored.fee,
            instant: r.int("instant")? != 0,
            rules: r
                .opt_text("rules")?
                .map(|t| json("rules", &t))
                .transpose()?,
            certificate: r
                .opt_text("certificate")?
                .map(|t| json("certificate", &t))
                .transpose()?,
            identity: match r.opt_text("identity")? {
                Some(t) => named("identity", &t, Required::parse)?,
                None => Required::default(),
            },
        },
        created_by: r.text("created_by")?,
        created_at: r.ts("created_at")?,
        published_at: r.opt_ts("published_at")?,
    })
}

impl Store {
    /// The current (newest published) version of an item's form, if it has one.
    pub async fn current_form(&self, item: ItemId) -> Result<Option<FormVersion>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM form_versions WHERE item_id = $1 AND published_at IS NOT NULL ORDER BY version DESC LIMIT 1"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(item.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| read(&r))
            .transpose()
    }

    /// One version (published or the draft).
    pub async fn form_version(&self, item: ItemId, version: i64) -> Result<Option<FormVersion>> {
        let sql =
            format!("SELECT {COLUMNS} FROM form_versions WHERE item_id = $1 AND version = $2");
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(item.to_string())
            .bind(version)
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| read(&r))
            .transpose()
    }

    /// Every version of an item's form, newest first.
    pub async fn form_versions(&self, item: ItemId) -> Result<Vec<FormVersion>> {
        let sql =
            format!("SELECT {COLUMNS} FROM form_versions WHERE item_id = $1 ORDER BY version DESC");
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(item.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }

    /// Items that can be applied for online now, with their current version.
    pub async fn items_with_forms(&self) -> Result<Vec<(ItemId, i64)>> {
        sqlx::query(
            "SELECT item_id, MAX(version) AS version FROM form_versions WHERE published_at IS NOT NULL GROUP BY item_id",
        )
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| Ok((r.parsed("item_id")?, r.int("version")?)))
        .collect()
    }

    /// Saves the item's draft version (creating it after the newest version when there is
    /// none), whoever saved it last. Returns the draft's version number. The console's builder
    /// uses [`Store::update_form_draft`] instead, which refuses to overwrite another editor's
    /// save.
    pub async fn save_form_draft(
        &self,
        tx: &mut Tx,
        item: ItemId,
        bundle: &ItemForm,
        by: &str,
    ) -> Result<i64> {
        let now = Timestamp::now().millis();
        let draft = sqlx::query(
            "SELECT version FROM form_versions WHERE item_id = $1 AND published_at IS NULL",
        )
        .bind(item.to_string())
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(r) = draft {
            let version = r.int("version")?;
            let update = sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE form_versions SET definition = $3, workflow = $4, rules = $5, instant = $6, certificate = $7, created_by = $8, identity = $10, {NEXT_SAVED_AT}
                 WHERE item_id = $1 AND version = $2 AND published_at IS NULL"
            )))
            .bind(item.to_string())
            .bind(version);
            bind_draft(update, bundle, by, now)?
                .execute(&mut **tx)
                .await?;
            return Ok(version);
        }
        let next = sqlx::query(
            "SELECT COALESCE(MAX(version), 0) + 1 AS v FROM form_versions WHERE item_id = $1",
        )
        .bind(item.to_string())
        .fetch_one(&mut **tx)
        .await?
        .int("v")?;
        let insert = sqlx::query(
            "INSERT INTO form_versions (item_id, version, definition, workflow, rules, instant, certificate, created_by, created_at, identity)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(item.to_string())
        .bind(next);
        bind_draft(insert, bundle, by, now)?
            .execute(&mut **tx)
            .await?;
        Ok(next)
    }

    /// Saves the item's draft only if it is still the one the editor read: `revision` is the
    /// draft's [`FormVersion::created_at`] in milliseconds, which every save moves strictly
    /// forward. Returns the new revision; a conflict when the draft was saved in between (or
    /// published, or discarded), so two editors never silently overwrite each other.
    pub async fn update_form_draft(
        &self,
        tx: &mut Tx,
        item: ItemId,
        bundle: &ItemForm,
        by: &str,
        revision: i64,
    ) -> Result<i64> {
        let update = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE form_versions SET definition = $3, workflow = $4, rules = $5, instant = $6, certificate = $7, created_by = $8, identity = $10, {NEXT_SAVED_AT}
             WHERE item_id = $1 AND created_at = $2 AND published_at IS NULL RETURNING created_at"
        )))
        .bind(item.to_string())
        .bind(revision);
        let row = bind_draft(update, bundle, by, Timestamp::now().millis())?
            .fetch_optional(&mut **tx)
            .await?;
        match row {
            Some(r) => r.int("created_at"),
            None => Err(Error::code(ErrorCode::Conflict)),
        }
    }

    /// Publishes the item's draft, which becomes the version new applications use. Returns
    /// its number; not found when there is no draft.
    pub async fn publish_form(&self, tx: &mut Tx, item: ItemId) -> Result<i64> {
        let row = sqlx::query(
            "UPDATE form_versions SET published_at = $2 WHERE item_id = $1 AND published_at IS NULL RETURNING version",
        )
        .bind(item.to_string())
        .bind(Timestamp::now().millis())
        .fetch_optional(&mut **tx)
        .await?;
        let version = match row {
            Some(r) => r.int("version")?,
            None => return Err(Error::not_found()),
        };
        self.form_published(tx, item, version).await
    }

    /// Publishes the item's draft only if it is still the one the editor confirmed (its
    /// revision, see [`Store::update_form_draft`]); a conflict if it was saved, published or
    /// discarded since.
    pub async fn publish_form_revision(
        &self,
        tx: &mut Tx,
        item: ItemId,
        revision: i64,
    ) -> Result<i64> {
        let row = sqlx::query(
            "UPDATE form_versions SET published_at = $2 WHERE item_id = $1 AND published_at IS NULL AND created_at = $3 RETURNING version",
        )
        .bind(item.to_string())
        .bind(Timestamp::now().millis())
        .bind(revision)
        .fetch_optional(&mut **tx)
        .await?;
        let version = match row {
            Some(r) => r.int("version")?,
            None => return Err(Error::code(ErrorCode::Conflict)),
        };
        self.form_published(tx, item, version).await
    }

    async fn form_published(&self, tx: &mut Tx, item: ItemId, version: i64) -> Result<i64> {
        // Every instance's catalogue follows the feed: its guide pages now offer the form.
        self.record_change(
            tx,
            crate::catalog::changes::ChangeKind::Item,
            &item.to_string(),
        )
        .await?;
        Ok(version)
    }

    /// Drops the item's unpublished draft, if any.
    pub async fn discard_form_draft(&self, tx: &mut Tx, item: ItemId) -> Result<bool> {
        Ok(
            sqlx::query("DELETE FROM form_versions WHERE item_id = $1 AND published_at IS NULL")
                .bind(item.to_string())
                .execute(&mut **tx)
                .await?
                .rows_affected()
                > 0,
        )
    }
}
