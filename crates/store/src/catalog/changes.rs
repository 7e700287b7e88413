//! The change feed: every catalogue write adds an entry in its transaction; each instance
//! reads entries since its watermark (minus an overlap, because transactions do not commit in
//! timestamp order) and re-reads the current state of what changed.

use std::time::Duration;

use yiwang_domain::Timestamp;

use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// A service item.
    Item,
    /// The search aliases.
    Alias,
    /// A life-event checklist.
    LifeEvent,
    /// A department (its name appears on items).
    Department,
    /// An inquiry put on (or taken off) the public board.
    Inquiry,
    /// An article or policy document published, corrected or withdrawn.
    Doc,
    /// An open dataset published, edited or refreshed (DATA-1).
    Dataset,
    /// A place, merchant (vetted, suspended, licence lapsed) or event of local life (LIFE-1);
    /// the entity is the place's id, or `event:` and the event's id.
    Place,
}

impl ChangeKind {
    fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Item => "item",
            ChangeKind::Alias => "alias",
            ChangeKind::LifeEvent => "life_event",
            ChangeKind::Department => "department",
            ChangeKind::Inquiry => "inquiry",
            ChangeKind::Doc => "doc",
            ChangeKind::Dataset => "dataset",
            ChangeKind::Place => "place",
        }
    }

    fn parse(s: &str) -> Option<ChangeKind> {
        match s {
            "item" => Some(ChangeKind::Item),
            "alias" => Some(ChangeKind::Alias),
            "life_event" => Some(ChangeKind::LifeEvent),
            "department" => Some(ChangeKind::Department),
            "inquiry" => Some(ChangeKind::Inquiry),
            "doc" => Some(ChangeKind::Doc),
            "dataset" => Some(ChangeKind::Dataset),
            "place" => Some(ChangeKind::Place),
            _ => None,
        }
    }
}

/// One entry of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The entry's id (to tell entries apart when re-reading an overlap).
    pub id: String,
    /// What changed.
    pub kind: ChangeKind,
    /// Which one (an item id, a stage name…).
    pub entity: String,
    /// When it was written.
    pub at: Timestamp,
}

/// How far back a reader looks before its watermark: longer than any catalogue transaction.
pub const OVERLAP: Duration = Duration::from_secs(30);

impl Store {
    /// Records a change inside the caller's transaction.
    pub async fn record_change(&self, tx: &mut Tx, kind: ChangeKind, entity: &str) -> Result<()> {
        sqlx::query("INSERT INTO search_changes (id, kind, entity_id, at) VALUES ($1, $2, $3, $4)")
            .bind(yiwang_domain::ids::JobId::generate().to_string())
            .bind(kind.as_str())
            .bind(entity.to_owned())
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Changes written at or after `since`, oldest first.
    pub async fn changes_since(&self, since: Timestamp) -> Result<Vec<Change>> {
        let rows = sqlx::query(
            "SELECT id, kind, entity_id, at FROM search_changes WHERE at >= $1 ORDER BY at, id",
        )
        .bind(since.millis())
        .fetch_all(self.db.reader())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            if let Some(kind) = ChangeKind::parse(&r.text("kind")?) {
                out.push(Change {
                    id: r.text("id")?,
                    kind,
                    entity: r.text("entity_id")?,
                    at: r.ts("at")?,
                });
            }
        }
        Ok(out)
    }

    /// Deletes feed entries older than `before` (a day is plenty: a reader that fell that far
    /// behind rebuilds from scratch).
    pub async fn purge_changes(&self, before: Timestamp) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM search_changes WHERE at < $1")
            .bind(before.millis())
            .execute(self.db.writer())
            .await?
            .rows_affected())
    }
}
