//! Publishing items: every create, edit and withdrawal writes the item's current row, a whole
//! snapshot into its version history, and an entry in the change feed, in one transaction.

use yiwang_domain::catalog::{ItemInput, ItemStatus, ValidItem, join_names};
use yiwang_domain::ids::ItemId;
use yiwang_domain::{FieldCode, FieldErrors, Timestamp};

use super::changes::ChangeKind;
use crate::row::{RowExt, conflict_or_missing, exists};
use crate::{Error, Result, Store, Tx};

/// Who published a version, as recorded in the history (a staff member's name, `import`,
/// `demo`).
pub type Publisher<'a> = &'a str;

fn snapshot(v: &ValidItem, is_group: bool) -> Result<String> {
    let value = serde_json::json!({
        "name": v.name,
        "code": v.code,
        "item_type": v.item_type.as_str(),
        "department": v.department.to_string(),
        "region": v.region.as_str(),
        "parent": v.parent.map(|p| p.to_string()),
        "is_group": is_group,
        "tags": v.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "topics": v.topics.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "subjects": v.subjects.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        "online_url": v.online_url,
        "guide": v.guide,
    });
    serde_json::to_string(&value).map_err(|e| Error::Corrupt(e.to_string()))
}

fn guide_json(v: &ValidItem) -> Result<String> {
    serde_json::to_string(&v.guide).map_err(|e| Error::Corrupt(e.to_string()))
}

impl Store {
    /// Checks an item completely — its fields (domain rules) and its references: the
    /// department exists, the region exists, the parent exists and is neither the item itself
    /// nor one of its children, and the national code is not another item's. Reports every
    /// problem at once. `me` is the item being edited, if any.
    pub async fn check_item(
        &self,
        tx: &mut Tx,
        input: &ItemInput,
        me: Option<ItemId>,
    ) -> Result<ValidItem> {
        let (valid, mut errors) = match input.validate() {
            Ok(v) => (Some(v), FieldErrors::new()),
            Err(e) => (None, e.fields),
        };
        let me_text = me.map(|m| m.to_string()).unwrap_or_default();
        // The department and region are checked even when other fields are wrong, so the
        // editor sees every problem at once.
        let has = |errors: &FieldErrors, f: &str| errors.iter().any(|e| e.field == f);
        let department = match &valid {
            Some(v) => Some(v.department.to_string()),
            None if !has(&errors, "department") => input
                .department
                .trim()
                .parse::<yiwang_domain::ids::DepartmentId>()
                .ok()
                .map(|d| d.to_string()),
            None => None,
        };
        if let Some(d) = department
            && !exists(
                tx,
                "SELECT 1 AS x FROM departments WHERE id = $1 AND active = 1",
                d,
            )
            .await?
        {
            errors.add("department", FieldCode::UnknownDepartment);
        }
        let region = match &valid {
            Some(v) => Some(v.region.as_str().to_owned()),
            None if !has(&errors, "region") => {
                yiwang_domain::region::RegionCode::parse(input.region.trim())
                    .ok()
                    .map(|r| r.as_str().to_owned())
            }
            None => None,
        };
        if let Some(r) = region
            && !exists(tx, "SELECT 1 AS x FROM regions WHERE code = $1", r).await?
        {
            errors.add("region", FieldCode::UnknownRegion);
        }
        if let Some(v) = &valid {
            if let Some(parent) = v.parent {
                if Some(parent) == me {
                    errors.add("parent", FieldCode::SelfReference);
                } else {
                    let row = sqlx::query("SELECT parent_id FROM items WHERE id = $1")
                        .bind(parent.to_string())
                        .fetch_optional(&mut **tx)
                        .await?;
                    match row {
                        None => errors.add("parent", FieldCode::UnknownItem),
                        Some(r)
                            if me.is_some()
                                && r.opt_text("parent_id")? == Some(me_text.clone()) =>
                        {
                            errors.add("parent", FieldCode::SelfReference)
                        }
                        Some(_) => {}
                    }
                }
            }
            if let Some(code) = &v.code {
                let taken = sqlx::query("SELECT 1 AS x FROM items WHERE code = $1 AND id <> $2")
                    .bind(code.clone())
                    .bind(me_text.clone())
                    .fetch_optional(&mut **tx)
                    .await?;
                if taken.is_some() {
                    errors.add("code", FieldCode::CodeTaken);
                }
            }
        }
        match valid {
            Some(v) if errors.is_empty() => Ok(v),
            _ => Err(yiwang_domain::Error::invalid(errors).into()),
        }
    }

    /// Creates an item checked by [`Store::check_item`], as version 1.
    pub async fn create_item(
        &self,
        tx: &mut Tx,
        v: &ValidItem,
        is_group: bool,
        by: Publisher<'_>,
    ) -> Result<ItemId> {
        let id = ItemId::generate();
        let now = Timestamp::now().millis();
        sqlx::query(
            "INSERT INTO items (id, code, name, item_type, parent_id, is_group, department_id, region_code, level, tags, topics,
             subjects, online_url, status, version, guide, views, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'active', 1, $14, 0, $15, $15)",
        )
        .bind(id.to_string())
        .bind(v.code.clone())
        .bind(v.name.clone())
        .bind(v.item_type.as_str())
        .bind(v.parent.map(|p| p.to_string()))
        .bind(i64::from(is_group))
        .bind(v.department.to_string())
        .bind(v.region.as_str().to_owned())
        .bind(v.region.level().as_str())
        .bind(join_names(&v.tags, |t| t.as_str()))
        .bind(join_names(&v.topics, |t| t.as_str()))
        .bind(join_names(&v.subjects, |t| t.as_str()))
        .bind(v.online_url.clone())
        .bind(guide_json(v)?)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        self.add_version(tx, id, 1, v, is_group, by, now).await?;
        self.record_change(tx, ChangeKind::Item, &id.to_string())
            .await?;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn add_version(
        &self,
        tx: &mut Tx,
        id: ItemId,
        version: i64,
        v: &ValidItem,
        is_group: bool,
        by: Publisher<'_>,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO item_versions (item_id, version, snapshot, note, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.to_string())
        .bind(version)
        .bind(snapshot(v, is_group)?)
        .bind(v.note.clone())
        .bind(by.to_owned())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Publishes a new version of an item checked by [`Store::check_item`]. `expected_version`
    /// is the version the editor started from: if someone published in between, the edit is
    /// refused with `conflict` and nothing changes. Returns the new version.
    pub async fn update_item(
        &self,
        tx: &mut Tx,
        id: ItemId,
        v: &ValidItem,
        expected_version: i64,
        by: Publisher<'_>,
    ) -> Result<i64> {
        let now = Timestamp::now().millis();
        let n = sqlx::query(
            "UPDATE items SET code = $1, name = $2, item_type = $3, parent_id = $4, department_id = $5, region_code = $6, level = $7,
             tags = $8, topics = $9, subjects = $10, online_url = $11, guide = $12, version = version + 1, updated_at = $13
             WHERE id = $14 AND version = $15",
        )
        .bind(v.code.clone())
        .bind(v.name.clone())
        .bind(v.item_type.as_str())
        .bind(v.parent.map(|p| p.to_string()))
        .bind(v.department.to_string())
        .bind(v.region.as_str().to_owned())
        .bind(v.region.level().as_str())
        .bind(join_names(&v.tags, |t| t.as_str()))
        .bind(join_names(&v.topics, |t| t.as_str()))
        .bind(join_names(&v.subjects, |t| t.as_str()))
        .bind(v.online_url.clone())
        .bind(guide_json(v)?)
        .bind(now)
        .bind(id.to_string())
        .bind(expected_version)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if n != 1 {
            return Err(self.missing_or_conflict(tx, id).await?);
        }
        let row = sqlx::query("SELECT is_group FROM items WHERE id = $1")
            .bind(id.to_string())
            .fetch_one(&mut **tx)
            .await?;
        let version = expected_version + 1;
        self.add_version(tx, id, version, v, row.int("is_group")? == 1, by, now)
            .await?;
        self.record_change(tx, ChangeKind::Item, &id.to_string())
            .await?;
        Ok(version)
    }

    async fn missing_or_conflict(&self, tx: &mut Tx, id: ItemId) -> Result<Error> {
        conflict_or_missing(tx, "SELECT 1 AS x FROM items WHERE id = $1", id.to_string()).await
    }

    /// Withdraws an item: it leaves lists and search, and its page says so and links to
    /// `replacement` (which must be another active item). Withdrawing publishes no new guide
    /// but bumps the version, so concurrent editors are told.
    pub async fn withdraw_item(
        &self,
        tx: &mut Tx,
        id: ItemId,
        replacement: Option<ItemId>,
        reason: &str,
        expected_version: i64,
    ) -> Result<()> {
        let reason = yiwang_domain::account::check_plain_text(reason, 2, 200)
            .map_err(|c| Error::field("reason", c))?;
        if let Some(r) = replacement {
            if r == id {
                return Err(Error::field("replacement", FieldCode::SelfReference));
            }
            let active = "SELECT 1 AS x FROM items WHERE id = $1 AND status = 'active'";
            if !exists(tx, active, r.to_string()).await? {
                return Err(Error::field("replacement", FieldCode::UnknownItem));
            }
        }
        let n = sqlx::query(
            "UPDATE items SET status = $1, replaced_by = $2, withdrawn_reason = $3, version = version + 1, updated_at = $4
             WHERE id = $5 AND version = $6 AND status = 'active'",
        )
        .bind(ItemStatus::Withdrawn.as_str())
        .bind(replacement.map(|r| r.to_string()))
        .bind(reason)
        .bind(Timestamp::now().millis())
        .bind(id.to_string())
        .bind(expected_version)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if n != 1 {
            return Err(self.missing_or_conflict(tx, id).await?);
        }
        self.record_change(tx, ChangeKind::Item, &id.to_string())
            .await
    }
}
