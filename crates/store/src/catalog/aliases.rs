//! The search alias list: admins edit it as a whole; the platform seeds it once with its
//! starter set (`seed/search/aliases.tsv`) and never again, so an admin's deletion sticks.

use serde::Serialize;
use yiwang_domain::Timestamp;
use yiwang_domain::catalog::curation::ValidAlias;
use yiwang_domain::ids::AliasId;

use super::changes::ChangeKind;
use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// The settings key recording that the starter set was loaded.
const SEEDED: &str = "search_aliases_seeded";

/// One stored alias.
#[derive(Debug, Clone, Serialize)]
pub struct AliasRow {
    /// Its id.
    pub id: AliasId,
    /// What people type.
    pub phrase: String,
    /// The words searched instead.
    pub expansion: String,
    /// Who added it (`starter` for the shipped set).
    pub created_by: String,
    /// When.
    pub created_at: Timestamp,
}

/// What replacing the list changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AliasChanges {
    /// New phrases.
    pub added: u64,
    /// Phrases with a new expansion.
    pub changed: u64,
    /// Phrases removed.
    pub removed: u64,
}

impl Store {
    /// Every alias, by phrase.
    pub async fn aliases(&self) -> Result<Vec<AliasRow>> {
        let rows = sqlx::query("SELECT id, phrase, expansion, created_by, created_at FROM search_aliases ORDER BY phrase")
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(AliasRow {
                    id: r.parsed("id")?,
                    phrase: r.text("phrase")?,
                    expansion: r.text("expansion")?,
                    created_by: r.text("created_by")?,
                    created_at: r.ts("created_at")?,
                })
            })
            .collect()
    }

    /// Replaces the whole list with `list` (checked by the domain's `parse_aliases`), keeping
    /// who added the unchanged entries.
    pub async fn replace_aliases(
        &self,
        tx: &mut Tx,
        list: &[ValidAlias],
        by: &str,
    ) -> Result<AliasChanges> {
        let rows = sqlx::query("SELECT phrase, expansion FROM search_aliases")
            .fetch_all(&mut **tx)
            .await?;
        let mut current = std::collections::HashMap::new();
        for r in &rows {
            current.insert(r.text("phrase")?, r.text("expansion")?);
        }
        let mut changes = AliasChanges::default();
        let now = Timestamp::now().millis();
        for a in list {
            match current.remove(&a.phrase) {
                Some(e) if e == a.expansion => {}
                Some(_) => {
                    sqlx::query("UPDATE search_aliases SET expansion = $1, created_by = $2, created_at = $3 WHERE phrase = $4")
                        .bind(a.expansion.clone())
                        .bind(by.to_owned())
                        .bind(now)
                        .bind(a.phrase.clone())
                        .execute(&mut **tx)
                        .await?;
                    changes.changed += 1;
                }
                None => {
                    sqlx::query("INSERT INTO search_aliases (id, phrase, expansion, created_by, created_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(AliasId::generate().to_string())
                        .bind(a.phrase.clone())
                        .bind(a.expansion.clone())
                        .bind(by.to_owned())
                        .bind(now)
                        .execute(&mut **tx)
                        .await?;
                    changes.added += 1;
                }
            }
        }
        for phrase in current.into_keys() {
            sqlx::query("DELETE FROM search_aliases WHERE phrase = $1")
                .bind(phrase)
                .execute(&mut **tx)
                .await?;
            changes.removed += 1;
        }
        if changes != AliasChanges::default() {
            self.record_change(tx, ChangeKind::Alias, "all").await?;
        }
        Ok(changes)
    }

    /// Loads the starter set (`phrase<TAB>expansion` lines after a header) the first time
    /// only. Returns how many aliases were added.
    pub async fn seed_aliases(&self, tsv: &str) -> Result<u64> {
        if self.setting(SEEDED).await?.is_some() {
            return Ok(0);
        }
        let text: String = tsv
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .map(|(p, e)| format!("{p}\t{e}\n"))
            .collect();
        let list = yiwang_domain::catalog::curation::parse_aliases(&text)?;
        let mut tx = self.begin().await?;
        let existing: std::collections::HashSet<String> =
            sqlx::query("SELECT phrase FROM search_aliases")
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| r.text("phrase"))
                .collect::<Result<_>>()?;
        let mut added = 0;
        let now = Timestamp::now().millis();
        for a in list.iter().filter(|a| !existing.contains(&a.phrase)) {
            sqlx::query("INSERT INTO search_aliases (id, phrase, expansion, created_by, created_at) VALUES ($1, $2, $3, 'starter', $4)")
                .bind(AliasId::generate().to_string())
                .bind(a.phrase.clone())
                .bind(a.expansion.clone())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            added += 1;
        }
        self.set_setting(&mut tx, SEEDED, &now.to_string()).await?;
        self.record_change(&mut tx, ChangeKind::Alias, "all")
            .await?;
        crate::commit(tx).await?;
        Ok(added)
    }
}
