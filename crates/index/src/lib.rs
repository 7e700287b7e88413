//! The catalogue as this instance serves it: the search index (`yiwang-search`) and the
//! in-memory [`Snapshot`] of every item row, both kept in step with the database by following
//! its change feed ([`sync`]). Guide pages read guides through a small cache checked against
//! the snapshot's version, so a page view costs no query once the guide has been read.
//!
//! It is a read model, not a capability: the catalogue crate serves it and edits what it
//! follows; the applications crate reads item names and rows from the snapshot. What the index
//! holds for each kind of thing is in [`documents`].

pub mod documents;
pub mod snapshot;
pub mod sync;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use yiwang_domain::ids::ItemId;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{Lang, Timestamp};
use yiwang_search::SearchIndex;
use yiwang_store::Store;
use yiwang_store::catalog::Item;

pub use snapshot::{Browse, Filters, Snapshot, Step};

/// What can go wrong opening or updating the index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] yiwang_store::Error),
    /// The search index failed.
    #[error("search index: {0}")]
    Search(String),
}

/// A rendered guide body and what it was rendered from.
struct Rendered {
    version: i64,
    generation: u64,
    html: Arc<str>,
}

/// Where the index lives.
#[derive(Debug, Clone)]
pub enum IndexLocation {
    /// In memory (tests, throwaway runs): rebuilt on every start.
    Memory,
    /// In a directory, kept across restarts.
    Dir(PathBuf),
}

/// The catalogue of this instance.
pub struct Catalog {
    /// The store it follows.
    pub store: Store,
    /// The search index.
    pub index: SearchIndex,
    /// Where the index is.
    pub location: IndexLocation,
    /// The deployment's root region (departments and regions under it are indexed).
    pub root: RegionCode,
    snapshot: RwLock<Arc<Snapshot>>,
    guides: Mutex<HashMap<ItemId, Arc<Item>>>,
    rendered: Mutex<HashMap<(ItemId, Lang), Rendered>>,
    generation: std::sync::atomic::AtomicU64,
    views: Mutex<HashMap<ItemId, i64>>,
    follower: sync::Follower,
}

impl Catalog {
    /// Opens the index, brings it up to date with the database (rebuilding it if it is new,
    /// from another schema, or too far behind), and loads the snapshot.
    pub async fn open(
        store: Store,
        root: RegionCode,
        location: IndexLocation,
    ) -> Result<Arc<Catalog>, Error> {
        let index = match &location {
            IndexLocation::Memory => SearchIndex::in_memory(),
            IndexLocation::Dir(d) => SearchIndex::open(d),
        }
        .map_err(|e| Error::Search(e.to_string()))?;
        let catalog = Arc::new(Catalog {
            store,
            index,
            location,
            root,
            snapshot: RwLock::default(),
            guides: Mutex::default(),
            rendered: Mutex::default(),
            generation: std::sync::atomic::AtomicU64::new(0),
            views: Mutex::default(),
            follower: sync::Follower::default(),
        });
        catalog.start().await?;
        Ok(catalog)
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .map(|s| Arc::clone(&s))
            .unwrap_or_default()
    }

    fn set_snapshot(&self, mut s: Snapshot) {
        s.generation = self
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1;
        if let Ok(mut slot) = self.snapshot.write() {
            *slot = Arc::new(s);
        }
        // Rendered guides name other items (main item, variants, replacement): drop them all.
        if let Ok(mut r) = self.rendered.lock() {
            r.clear();
        }
    }

    /// A guide body rendered earlier for this item version, language and snapshot.
    pub fn rendered(
        &self,
        id: ItemId,
        lang: Lang,
        version: i64,
        generation: u64,
    ) -> Option<Arc<str>> {
        let cache = self.rendered.lock().ok()?;
        let r = cache.get(&(id, lang))?;
        (r.version == version && r.generation == generation).then(|| Arc::clone(&r.html))
    }

    /// Keeps a rendered guide body (bounded: the cache is emptied when it grows past every
    /// item in every language, which only a changing catalogue can cause).
    pub fn keep_rendered(
        &self,
        id: ItemId,
        lang: Lang,
        version: i64,
        generation: u64,
        html: Arc<str>,
    ) {
        if let Ok(mut cache) = self.rendered.lock() {
            if cache.len() > 3 * self.snapshot().all().len() + 64 {
                cache.clear();
            }
            cache.insert(
                (id, lang),
                Rendered {
                    version,
                    generation,
                    html,
                },
            );
        }
    }

    /// An item with its guide, from the cache when its version is current.
    pub async fn item(&self, id: ItemId) -> Result<Arc<Item>, yiwang_store::Error> {
        let current = self.snapshot().item(id).map(|r| r.version);
        if let Some(v) = current
            && let Ok(cache) = self.guides.lock()
            && let Some(item) = cache.get(&id)
            && item.row.version == v
        {
            return Ok(Arc::clone(item));
        }
        let item = Arc::new(self.store.item(id).await?);
        // Only cache what the snapshot knows: an item newer than the snapshot is shown but read
        // again until the snapshot catches up.
        if current == Some(item.row.version)
            && let Ok(mut cache) = self.guides.lock()
        {
            cache.insert(id, Arc::clone(&item));
        }
        Ok(item)
    }

    /// Counts a guide view (written to the database in batches).
    pub fn count_view(&self, id: ItemId) {
        if let Ok(mut v) = self.views.lock() {
            *v.entry(id).or_default() += 1;
        }
    }

    /// Writes counted views.
    pub async fn flush_views(&self) -> Result<(), yiwang_store::Error> {
        let counts: Vec<(ItemId, i64)> = match self.views.lock() {
            Ok(mut v) => v.drain().collect(),
            Err(_) => return Ok(()),
        };
        self.store.add_item_views(&counts).await?;
        Ok(())
    }

    /// When the index last applied a change (`None` before the first).
    pub fn watermark(&self) -> Option<Timestamp> {
        self.follower.watermark()
    }
}
