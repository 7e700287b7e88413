//! The service catalogue's rows: items with their current guide, published versions, imports
//! and exports, and the change feed. Every write records a change in the same transaction, so
//! search indexes and caches on every instance follow it.

pub mod aliases;
pub mod changes;
pub mod import;
pub mod life_events;
pub mod write;

use serde::Serialize;
use sqlx::any::AnyRow;
use yiwang_domain::Timestamp;
use yiwang_domain::catalog::{
    Guide, ItemInput, ItemStatus, ItemType, Subject, Tag, Topic, parse_list,
};
use yiwang_domain::ids::{DepartmentId, ItemId};
use yiwang_domain::region::{RegionCode, RegionLevel};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store};

/// An item without its guide: what lists, facets and search need.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRow {
    /// Its id.
    pub id: ItemId,
    /// National code.
    pub code: Option<String>,
    /// Name.
    pub name: String,
    /// Type.
    pub item_type: ItemType,
    /// Parent (main) item.
    pub parent: Option<ItemId>,
    /// Whether it is a main item grouping variants.
    pub is_group: bool,
    /// Implementing department.
    pub department: DepartmentId,
    /// The department's name.
    pub department_name: String,
    /// Region.
    pub region: RegionCode,
    /// The region's name.
    pub region_name: String,
    /// Level.
    pub level: RegionLevel,
    /// Tags.
    pub tags: Vec<Tag>,
    /// Topics.
    pub topics: Vec<Topic>,
    /// Subjects.
    pub subjects: Vec<Subject>,
    /// Online-service address elsewhere.
    pub online_url: Option<String>,
    /// Active or withdrawn.
    pub status: ItemStatus,
    /// The replacement of a withdrawn item.
    pub replaced_by: Option<ItemId>,
    /// Why it was withdrawn.
    pub withdrawn_reason: Option<String>,
    /// Current version.
    pub version: i64,
    /// Guide views counted so far (for "hot items").
    pub views: i64,
    /// Last change.
    pub updated_at: Timestamp,
}

impl ItemRow {
    /// Where the item sits, for permission checks: its department in its region.
    pub fn scope(&self) -> yiwang_domain::auth::Scope {
        yiwang_domain::auth::Scope::department(self.department, self.region.clone())
    }
}

/// An item with its guide.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The row.
    #[serde(flatten)]
    pub row: ItemRow,
    /// The guide of the current version.
    pub guide: Guide,
}

impl Item {
    /// The item as an editor's form shows it (for editing and for programmatic edits).
    pub fn to_input(&self) -> ItemInput {
        let r = &self.row;
        ItemInput {
            name: r.name.clone(),
            code: r.code.clone().unwrap_or_default(),
            item_type: r.item_type.as_str().to_owned(),
            department: r.department.to_string(),
            region: r.region.to_string(),
            parent: r.parent.map(|p| p.to_string()).unwrap_or_default(),
            tags: r.tags.iter().map(|t| t.as_str().to_owned()).collect(),
            topics: r.topics.iter().map(|t| t.as_str().to_owned()).collect(),
            subjects: r.subjects.iter().map(|t| t.as_str().to_owned()).collect(),
            online_url: r.online_url.clone().unwrap_or_default(),
            ..ItemInput::default()
        }
        .with_guide(&self.guide)
    }
}

/// One published version.
#[derive(Debug, Clone, Serialize)]
pub struct VersionRow {
    /// The version number.
    pub version: i64,
    /// What changed.
    pub note: Option<String>,
    /// Who published it.
    pub published_by: String,
    /// When.
    pub published_at: Timestamp,
}

pub(crate) const ROW_COLUMNS: &str = "i.id, i.code, i.name, i.item_type, i.parent_id, i.is_group, i.department_id, d.name AS department_name,
    i.region_code, r.name AS region_name, i.level, i.tags, i.topics, i.subjects, i.online_url, i.status, i.replaced_by,
    i.withdrawn_reason, i.version, i.views, i.updated_at";
pub(crate) const FROM: &str = "FROM items i JOIN departments d ON d.id = i.department_id JOIN regions r ON r.code = i.region_code";

fn list<T>(col: &str, r: &AnyRow, parse: impl Fn(&str) -> Option<T>) -> Result<Vec<T>> {
    let s = r.text(col)?;
    parse_list(&s, parse)
        .ok_or_else(|| Error::Corrupt(format!("column {col} has an unknown name: {s}")))
}

pub(crate) fn item_row(r: &AnyRow) -> Result<ItemRow> {
    Ok(ItemRow {
        id: r.parsed("id")?,
        code: r.opt_text("code")?,
        name: r.text("name")?,
        item_type: named("item_type", &r.text("item_type")?, ItemType::parse)?,
        parent: r.opt_parsed("parent_id")?,
        is_group: r.int("is_group")? == 1,
        department: r.parsed("department_id")?,
        department_name: r.text("department_name")?,
        region: RegionCode::parse(&r.text("region_code")?)
            .map_err(|_| Error::Corrupt("region_code".into()))?,
        region_name: r.text("region_name")?,
        level: named("level", &r.text("level")?, RegionLevel::parse)?,
        tags: list("tags", r, Tag::parse)?,
        topics: list("topics", r, Topic::parse)?,
        subjects: list("subjects", r, Subject::parse)?,
        online_url: r.opt_text("online_url")?,
        status: named("status", &r.text("status")?, ItemStatus::parse)?,
        replaced_by: r.opt_parsed("replaced_by")?,
        withdrawn_reason: r.opt_text("withdrawn_reason")?,
        version: r.int("version")?,
        views: r.int("views")?,
        updated_at: r.ts("updated_at")?,
    })
}

pub(crate) fn guide_of(r: &AnyRow) -> Result<Guide> {
    serde_json::from_str(&r.text("guide")?).map_err(|e| Error::Corrupt(format!("guide: {e}")))
}

impl Store {
    /// One item with its guide.
    pub async fn item(&self, id: ItemId) -> Result<Item> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ROW_COLUMNS}, i.guide {FROM} WHERE i.id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .ok_or_else(Error::not_found)?;
        Ok(Item {
            row: item_row(&row)?,
            guide: guide_of(&row)?,
        })
    }

    /// Every item, without guides, in name order (for the catalogue read model).
    pub async fn item_rows(&self) -> Result<Vec<ItemRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ROW_COLUMNS} {FROM} ORDER BY i.id"
        )))
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(item_row).collect()
    }

    /// Some items by id, with guides (for re-indexing what changed).
    pub async fn items_by_id(&self, ids: &[ItemId]) -> Result<Vec<Item>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(200) {
            let list = (1..=chunk.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {ROW_COLUMNS}, i.guide {FROM} WHERE i.id IN ({list})"
            )));
            for id in chunk {
                q = q.bind(id.to_string());
            }
            for r in q.fetch_all(self.db.reader()).await? {
                out.push(Item {
                    row: item_row(&r)?,
                    guide: guide_of(&r)?,
                });
            }
        }
        Ok(out)
    }

    /// Items with guides in id order after `after`, `limit` at a time (a full re-index walks
    /// the catalogue this way).
    pub async fn items_page(&self, after: Option<ItemId>, limit: i64) -> Result<Vec<Item>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ROW_COLUMNS}, i.guide {FROM} WHERE i.id > $1 ORDER BY i.id LIMIT $2"
        )))
        .bind(after.map(|a| a.to_string()).unwrap_or_default())
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Item {
                    row: item_row(r)?,
                    guide: guide_of(r)?,
                })
            })
            .collect()
    }

    /// How many items there are (active or not).
    pub async fn count_items(&self) -> Result<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM items")
            .fetch_one(self.db.reader())
            .await?
            .int("n")
    }

    /// The published versions of an item, newest first.
    pub async fn item_versions(&self, id: ItemId) -> Result<Vec<VersionRow>> {
        let rows = sqlx::query("SELECT version, note, published_by, published_at FROM item_versions WHERE item_id = $1 ORDER BY version DESC")
            .bind(id.to_string())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(VersionRow {
                    version: r.int("version")?,
                    note: r.opt_text("note")?,
                    published_by: r.text("published_by")?,
                    published_at: r.ts("published_at")?,
                })
            })
            .collect()
    }

    /// The whole item as it was at a version (JSON).
    pub async fn item_version_snapshot(
        &self,
        id: ItemId,
        version: i64,
    ) -> Result<serde_json::Value> {
        let row =
            sqlx::query("SELECT snapshot FROM item_versions WHERE item_id = $1 AND version = $2")
                .bind(id.to_string())
                .bind(version)
                .fetch_optional(self.db.reader())
                .await?
                .ok_or_else(Error::not_found)?;
        serde_json::from_str(&row.text("snapshot")?).map_err(|e| Error::Corrupt(e.to_string()))
    }

    /// Adds guide views counted in memory (flushed periodically, not one write per view).
    pub async fn add_item_views(&self, counts: &[(ItemId, i64)]) -> Result<()> {
        if counts.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        for (id, n) in counts {
            sqlx::query("UPDATE items SET views = views + $1 WHERE id = $2")
                .bind(*n)
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
        }
        crate::commit(tx).await
    }
}
