//! Keeping this instance's index and snapshot in step with the database.
//!
//! Every catalogue write records an entry in the change feed (`search_changes`) in its own
//! transaction. Each instance remembers the time of the newest entry it applied (its
//! watermark, stored in the index itself so it survives restarts) and, every second or when a
//! local write wakes it, reads the entries written since its previous look minus an overlap
//! (transactions do not commit in timestamp order: an entry stamped before the previous look
//! may become visible only now), skips the entries it already applied (remembered by id for
//! the overlap), and re-reads the current state of what the others name. Applying an entry
//! twice is harmless anyway: documents are replaced by key. An instance that was down longer
//! than the feed is kept (a day) rebuilds from scratch.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::Mutex as StdMutex;
use std::time::Duration;

use tokio::sync::{Mutex, Notify, watch};
use yiwang_domain::Timestamp;
use yiwang_domain::catalog::ItemStatus;
use yiwang_domain::ids::{DepartmentId, ItemId};
use yiwang_domain::region::RegionCode;
use yiwang_search::{Aliases, Doc};
use yiwang_store::catalog::Item;
use yiwang_store::catalog::changes::{ChangeKind, OVERLAP};

use super::{Catalog, Snapshot, documents};
use crate::Error;

/// How long the change feed is kept; an index further behind is rebuilt.
pub const RETENTION: Duration = Duration::from_secs(24 * 3600);
/// How often an idle instance looks for changes written by others.
pub const POLL: Duration = Duration::from_secs(1);

/// The follower's state.
#[derive(Default)]
pub struct Follower {
    /// Held while applying changes, so two syncs never interleave; guards what was seen.
    lock: Mutex<Seen>,
    watermark: StdMutex<Option<Timestamp>>,
    wake: Notify,
}

/// What the follower has already looked at.
#[derive(Default)]
struct Seen {
    /// When the previous look started: entries older than this minus the overlap were visible
    /// then, so they were applied.
    looked: Option<Timestamp>,
    /// Entries applied within the overlap, by id, with their time (for pruning).
    applied: std::collections::HashMap<String, Timestamp>,
}

impl Follower {
    /// When the index last applied a change.
    pub fn watermark(&self) -> Option<Timestamp> {
        self.watermark.lock().ok().and_then(|w| *w)
    }

    fn set(&self, t: Timestamp) {
        if let Ok(mut w) = self.watermark.lock() {
            *w = Some(t);
        }
    }
}

/// What one pass of the feed asks to refresh.
#[derive(Default)]
struct Pending {
    items: BTreeSet<ItemId>,
    departments: BTreeSet<DepartmentId>,
    inquiries: BTreeSet<yiwang_domain::ids::InquiryId>,
    docs: BTreeSet<yiwang_domain::ids::DocId>,
    datasets: BTreeSet<String>,
    places: BTreeSet<yiwang_domain::ids::LocalPlaceId>,
    events: BTreeSet<yiwang_domain::ids::LocalEventId>,
    aliases: bool,
    life_events: bool,
    newest: Option<Timestamp>,
}

fn millis(t: Timestamp) -> String {
    t.millis().to_string()
}

fn parse_payload(p: Option<String>) -> Option<Timestamp> {
    p?.parse::<i64>().ok().map(Timestamp)
}

impl Catalog {
    /// Brings index and snapshot up to date at start: loads aliases, rebuilds the index when
    /// it is empty, from before the feed's retention, or holds a different number of
    /// documents than the database; otherwise applies the feed since its watermark.
    pub(super) async fn start(&self) -> Result<(), Error> {
        self.load_aliases().await?;
        let watermark = parse_payload(self.index.payload());
        let horizon = Timestamp::now().minus(RETENTION);
        let stale = watermark.is_none_or(|w| w < horizon) || self.index.is_empty();
        // The snapshot first: catching up uses it (a renamed department's items, main-item
        // names), and reloads it only when what it applied changed it.
        self.reload_snapshot().await?;
        if stale {
            self.rebuild(|_| {}).await?;
        } else if let Some(w) = watermark {
            self.follower.set(w);
            self.sync().await?;
        }
        Ok(())
    }

    async fn load_aliases(&self) -> Result<(), Error> {
        let rows = self.store.aliases().await?;
        let aliases = Aliases::new(rows.into_iter().map(|r| (r.phrase, r.expansion)));
        self.index
            .set_aliases(aliases)
            .map_err(|e| Error::Search(format!("aliases: {e}")))
    }

    async fn reload_snapshot(&self) -> Result<(), Error> {
        let rows = self.store.item_rows().await?;
        let checklists = self.store.checklists().await?;
        let departments = self.store.departments_under(&self.root).await?;
        let forms = self
            .store
            .items_with_forms()
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let snapshot = Snapshot::new(rows, checklists, departments, forms);
        if let Ok(mut g) = self.guides.lock() {
            g.retain(|id, item| {
                snapshot
                    .item(*id)
                    .is_some_and(|r| r.version == item.row.version)
            });
        }
        self.set_snapshot(snapshot);
        Ok(())
    }

    /// Every document the index should hold, read from the database.
    async fn all_documents(&self, root: &RegionCode) -> Result<Vec<Doc>, Error> {
        let mut docs = Vec::new();
        let mut after = None;
        let mut names = std::collections::HashMap::new();
        let mut items: Vec<Item> = Vec::new();
        loop {
            let page = self.store.items_page(after, 500).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.row.id);
            for i in page {
                names.insert(i.row.id, i.row.name.clone());
                items.push(i);
            }
        }
        for i in &items {
            if i.row.status == ItemStatus::Active {
                let group = i.row.parent.and_then(|p| names.get(&p)).map(String::as_str);
                docs.push(documents::item(i, group));
            }
        }
        for d in self.store.departments_under(root).await? {
            docs.push(documents::department(&d));
        }
        let mut after = None;
        loop {
            let page = self.store.board_page(after, 500).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            docs.extend(page.iter().map(documents::inquiry));
        }
        let mut after = None;
        loop {
            let page = self.store.published_docs_after(after, 500).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            docs.extend(page.iter().map(documents::doc));
        }
        for d in self.store.datasets().await? {
            if d.published() {
                let org = self.store.department(d.department).await?.name;
                docs.push(documents::dataset(&d, &org));
            }
        }
        let today = Timestamp::now().beijing_date();
        let mut after = None;
        loop {
            let page = self.store.places_after(after, 500).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id);
            docs.extend(
                page.iter()
                    .filter(|p| p.listed(today))
                    .map(|p| documents::place(p, place_category(p))),
            );
        }
        for e in self.store.all_local_events().await? {
            if e.ends_on >= today {
                docs.push(documents::event(&e));
            }
        }
        let regions = self.store.regions_under(root).await?;
        let by_code: std::collections::HashMap<&RegionCode, &str> =
            regions.iter().map(|r| (&r.code, r.name.as_str())).collect();
        for r in &regions {
            let path: Vec<&str> = r
                .code
                .ancestors_and_self()
                .iter()
                .filter_map(|c| by_code.get(c).copied())
                .collect();
            docs.push(documents::region(r, &path.join(" ")));
        }
        Ok(docs)
    }

    /// Rebuilds the whole index from the database, calling `progress` with documents indexed
    /// so far. Changes written meanwhile are caught by the next sync (the watermark is taken
    /// before reading).
    pub async fn rebuild(&self, progress: impl FnMut(u64)) -> Result<u64, Error> {
        let mut seen = self.follower.lock.lock().await;
        let started = Timestamp::now();
        seen.looked = Some(started);
        seen.applied.clear();
        let root = self.root.clone();
        let docs = self.all_documents(&root).await?;
        let n = docs.len() as u64;
        self.index
            .rebuild(docs, Some(&millis(started)), progress)
            .map_err(|e| Error::Search(format!("rebuild: {e}")))?;
        self.follower.set(started);
        Ok(n)
    }

    /// Applies every change since the watermark. Called by the follower loop, and by handlers
    /// right after their own write so the writer sees it at once.
    pub async fn sync(&self) -> Result<(), Error> {
        let mut seen = self.follower.lock.lock().await;
        let Some(watermark) = self.follower.watermark() else {
            return Ok(());
        };
        let now = Timestamp::now();
        let from = seen.looked.unwrap_or(watermark);
        let changes = self.store.changes_since(from.minus(OVERLAP)).await?;
        let horizon = now.minus(OVERLAP).minus(OVERLAP);
        seen.applied.retain(|_, at| *at >= horizon);
        let fresh: Vec<_> = changes
            .into_iter()
            .filter(|c| !seen.applied.contains_key(&c.id))
            .collect();
        let since = watermark;
        let mut p = Pending::default();
        for c in &fresh {
            p.newest = Some(p.newest.map_or(c.at, |n: Timestamp| n.max(c.at)));
            match c.kind {
                ChangeKind::Item => {
                    if let Ok(id) = c.entity.parse() {
                        p.items.insert(id);
                    }
                }
                ChangeKind::Department => {
                    if let Ok(id) = c.entity.parse() {
                        p.departments.insert(id);
                    }
                }
                ChangeKind::Alias => p.aliases = true,
                ChangeKind::LifeEvent => p.life_events = true,
                ChangeKind::Inquiry => {
                    if let Ok(id) = c.entity.parse() {
                        p.inquiries.insert(id);
                    }
                }
                ChangeKind::Doc => {
                    if let Ok(id) = c.entity.parse() {
                        p.docs.insert(id);
                    }
                }
                ChangeKind::Dataset => {
                    p.datasets.insert(c.entity.clone());
                }
                ChangeKind::Place => match c.entity.strip_prefix("event:") {
                    Some(e) => {
                        if let Ok(id) = e.parse() {
                            p.events.insert(id);
                        }
                    }
                    None => {
                        if let Ok(id) = c.entity.parse() {
                            p.places.insert(id);
                        }
                    }
                },
            }
        }
        let Some(newest) = p.newest else {
            seen.looked = Some(now);
            return Ok(());
        };
        if p.aliases {
            self.load_aliases().await?;
        }
        let mut upserts = Vec::new();
        let mut removals = Vec::new();
        if !p.departments.is_empty() {
            if let Ok(mut g) = self.guides.lock() {
                g.clear();
            }
            let snapshot = self.snapshot();
            for d in &p.departments {
                match self.store.department(*d).await {
                    Ok(dep) => upserts.push(documents::department(&dep)),
                    Err(_) => removals.push((documents::DEPARTMENT.to_owned(), d.to_string())),
                }
                p.items.extend(snapshot.items_of(*d));
            }
        }
        for id in &p.inquiries {
            match self.store.board_inquiry(*id).await? {
                Some(r) => upserts.push(documents::inquiry(&r)),
                None => removals.push((documents::INQUIRY.to_owned(), id.to_string())),
            }
        }
        for id in &p.datasets {
            match self.store.dataset(id).await? {
                Some(d) if d.published() => {
                    let org = self.store.department(d.department).await?.name;
                    upserts.push(documents::dataset(&d, &org));
                }
                _ => removals.push((documents::DATASET.to_owned(), id.clone())),
            }
        }
        let today = Timestamp::now().beijing_date();
        for id in &p.places {
            match self.store.place(*id).await? {
                Some(r) if r.listed(today) => {
                    upserts.push(documents::place(&r, place_category(&r)))
                }
                _ => removals.push((documents::PLACE.to_owned(), id.to_string())),
            }
        }
        for id in &p.events {
            match self.store.local_event(*id).await? {
                Some(e) if e.ends_on >= today => upserts.push(documents::event(&e)),
                _ => removals.push((
                    documents::PLACE.to_owned(),
                    documents::event_key(&id.to_string()),
                )),
            }
        }
        for id in &p.docs {
            match self.store.doc(*id).await? {
                Some(r)
                    if matches!(
                        r.state,
                        yiwang_domain::publishing::DocState::Published
                            | yiwang_domain::publishing::DocState::Withdrawn
                    ) =>
                {
                    upserts.push(documents::doc(&r))
                }
                Some(r) => {
                    let kind = match r.kind {
                        yiwang_domain::publishing::DocKind::Article => documents::ARTICLE,
                        yiwang_domain::publishing::DocKind::Policy => documents::POLICY,
                    };
                    removals.push((kind.to_owned(), id.to_string()));
                }
                None => {}
            }
        }
        if !p.items.is_empty() {
            let ids: Vec<ItemId> = p.items.iter().copied().collect();
            let items = self.store.items_by_id(&ids).await?;
            let parents: Vec<ItemId> = items.iter().filter_map(|i| i.row.parent).collect();
            let snapshot = self.snapshot();
            let mut group_names = std::collections::HashMap::new();
            for p in &parents {
                if let Some(r) = snapshot.item(*p) {
                    group_names.insert(*p, r.name.clone());
                } else if let Some(i) = items.iter().find(|i| i.row.id == *p) {
                    group_names.insert(*p, i.row.name.clone());
                }
            }
            let missing: Vec<ItemId> = parents
                .iter()
                .filter(|p| !group_names.contains_key(p))
                .copied()
                .collect();
            if !missing.is_empty() {
                for g in self.store.items_by_id(&missing).await? {
                    group_names.insert(g.row.id, g.row.name);
                }
            }
            for id in &ids {
                match items.iter().find(|i| i.row.id == *id) {
                    Some(i) if i.row.status == ItemStatus::Active => {
                        let group = i.row.parent.and_then(|p| group_names.get(&p));
                        upserts.push(documents::item(i, group.map(String::as_str)));
                    }
                    _ => removals.push((documents::ITEM.to_owned(), id.to_string())),
                }
            }
        }
        self.index
            .apply(&upserts, &removals, Some(&millis(newest.max(since))))
            .map_err(|e| Error::Search(format!("update: {e}")))?;
        self.follower.set(newest.max(since));
        if !p.items.is_empty() || p.life_events || !p.departments.is_empty() {
            self.reload_snapshot().await?;
        }
        // Only now are these entries done: a failure above leaves them to the next look.
        for c in &fresh {
            seen.applied.insert(c.id.clone(), c.at);
        }
        seen.looked = Some(now);
        Ok(())
    }

    /// Wakes the follower loop (after a local write, when the caller does not wait).
    pub fn wake(&self) {
        self.follower.wake.notify_one();
    }

    /// The follower loop: applies changes every [`POLL`] or when woken; hourly writes
    /// counted guide views and trims the change feed. Ends when `stop` turns true.
    pub async fn follow(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        let mut last_maintenance = std::time::Instant::now();
        loop {
            tokio::select! {
                _ = tokio::time::sleep(POLL) => {}
                _ = self.follower.wake.notified() => {}
                _ = stop.changed() => break,
            }
            if *stop.borrow() {
                break;
            }
            if let Err(e) = self.sync().await {
                tracing::warn!(error = ?e, "search index sync failed; retrying");
            }
            if last_maintenance.elapsed() > Duration::from_secs(3600) {
                last_maintenance = std::time::Instant::now();
                self.maintain().await;
            }
        }
        self.maintain().await;
    }

    /// Writes counted views and trims the change feed.
    pub async fn maintain(&self) {
        if let Err(e) = self.flush_views().await {
            tracing::warn!(error = ?e, "writing guide views failed");
        }
        if let Err(e) = self
            .store
            .purge_changes(Timestamp::now().minus(RETENTION))
            .await
        {
            tracing::warn!(error = ?e, "trimming the search change feed failed");
        }
    }
}

/// A place's category in plain Chinese, indexed so "开锁" or "医院" finds them.
fn place_category(p: &yiwang_store::local::PlaceRow) -> &'static str {
    use yiwang_domain::local::Category as C;
    match p.r.category {
        C::Hall => "政务服务大厅 办事大厅",
        C::Hospital => "医院 看病",
        C::School => "学校",
        C::Park => "公园",
        C::Library => "图书馆",
        C::Sports => "体育场馆 运动",
        C::Locksmith => "开锁 锁匠 换锁",
        C::Housekeeping => "家政 保洁 月嫂",
        C::Repair => "维修 家电维修 水电维修",
    }
}
