//! Life-event checklists (CAT-3): for each stage of a life, the ordered items to do.

use serde::Serialize;
use yiwang_domain::catalog::LifeStage;
use yiwang_domain::catalog::curation::ChecklistEntry;
use yiwang_domain::{FieldCode, FieldErrors};

use super::changes::ChangeKind;
use super::{FROM, ItemRow, ROW_COLUMNS, item_row};
use crate::row::{RowExt, exists, named};
use crate::{Error, Result, Store, Tx};

/// One step of a checklist.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistRow {
    /// The stage.
    pub stage: LifeStage,
    /// Its place, from 1.
    pub position: i64,
    /// The item.
    pub item: ItemRow,
    /// Why or when.
    pub note: Option<String>,
}

impl Store {
    /// Every checklist step of every stage, in stage and position order.
    pub async fn checklists(&self) -> Result<Vec<ChecklistRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ROW_COLUMNS}, l.stage, l.position, l.note {FROM} JOIN life_event_items l ON l.item_id = i.id
             ORDER BY l.stage, l.position"
        )))
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ChecklistRow {
                    stage: named("stage", &r.text("stage")?, LifeStage::parse)?,
                    position: r.int("position")?,
                    item: item_row(r)?,
                    note: r.opt_text("note")?,
                })
            })
            .collect()
    }

    /// Replaces a stage's checklist. Every item must exist; an unknown one is reported by its
    /// place in the list and nothing changes.
    pub async fn set_checklist(
        &self,
        tx: &mut Tx,
        stage: LifeStage,
        entries: &[ChecklistEntry],
    ) -> Result<()> {
        let mut errors = FieldErrors::new();
        for (i, e) in entries.iter().enumerate() {
            if !exists(
                tx,
                "SELECT 1 AS x FROM items WHERE id = $1",
                e.item.to_string(),
            )
            .await?
            {
                errors.add_line("items", FieldCode::UnknownItem, i + 1);
            }
        }
        if !errors.is_empty() {
            return Err(Error::Domain(yiwang_domain::Error::invalid(errors)));
        }
        sqlx::query("DELETE FROM life_event_items WHERE stage = $1")
            .bind(stage.as_str())
            .execute(&mut **tx)
            .await?;
        for (i, e) in entries.iter().enumerate() {
            sqlx::query("INSERT INTO life_event_items (stage, item_id, position, note) VALUES ($1, $2, $3, $4)")
                .bind(stage.as_str())
                .bind(e.item.to_string())
                .bind(i as i64 + 1)
                .bind(e.note.clone())
                .execute(&mut **tx)
                .await?;
        }
        self.record_change(tx, ChangeKind::LifeEvent, stage.as_str())
            .await
    }

    /// Loads checklists from a TSV file (`stage, position, item_code, item_name, note` after a
    /// header), matching items by national code, for stages that are still empty. Returns how
    /// many steps were added; an unknown stage or code is an error naming its line.
    pub async fn seed_checklists(&self, tsv: &str) -> Result<u64> {
        let mut by_stage: std::collections::BTreeMap<&str, Vec<(i64, &str, &str)>> =
            Default::default();
        for (i, line) in tsv.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(stage), Some(pos), Some(code)) = (cols.first(), cols.get(1), cols.get(2))
            else {
                return Err(Error::Corrupt(format!(
                    "life events line {}: too few columns",
                    i + 1
                )));
            };
            if LifeStage::parse(stage).is_none() {
                return Err(Error::Corrupt(format!(
                    "life events line {}: unknown stage {stage}",
                    i + 1
                )));
            }
            let pos = pos
                .parse::<i64>()
                .map_err(|_| Error::Corrupt(format!("life events line {}: bad position", i + 1)))?;
            by_stage.entry(stage).or_default().push((
                pos,
                code,
                cols.get(4).copied().unwrap_or(""),
            ));
        }
        let mut tx = self.begin().await?;
        let mut added = 0;
        for (stage, mut steps) in by_stage {
            let Some(stage) = LifeStage::parse(stage) else {
                continue;
            };
            let present = sqlx::query("SELECT 1 AS x FROM life_event_items WHERE stage = $1")
                .bind(stage.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            if present.is_some() {
                continue;
            }
            steps.sort_by_key(|s| s.0);
            let mut entries = Vec::new();
            for (_, code, note) in steps {
                let row = sqlx::query("SELECT id FROM items WHERE code = $1")
                    .bind(code.to_owned())
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or_else(|| {
                        Error::Corrupt(format!("life events: no item with code {code}"))
                    })?;
                entries.push(ChecklistEntry {
                    item: row.parsed("id")?,
                    note: (!note.trim().is_empty()).then(|| note.trim().to_owned()),
                });
            }
            added += entries.len() as u64;
            self.set_checklist(&mut tx, stage, &entries).await?;
        }
        crate::commit(tx).await?;
        Ok(added)
    }
}
