//! Reference data that every public page shows and that changes only when an admin edits it:
//! the deployment's root region, the regions directly below it, and how many departments it
//! has. Kept in memory for at most [`TTL`], so a page view costs no queries for it. Edits on
//! this instance invalidate it at once; other instances see them within the TTL.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use yiwang_domain::paging::Page;
use yiwang_store::regions::Region;

use yiwang_domain::region::RegionCode;
use yiwang_store::Store;

use crate::error::Error;

/// How long another instance's edit may take to show.
pub const TTL: Duration = Duration::from_secs(30);

/// The snapshot.
#[derive(Debug)]
pub struct Reference {
    /// The deployment's root region.
    pub root: Region,
    /// The regions directly below it.
    pub children: Vec<Region>,
    /// Departments in the deployment.
    pub departments: i64,
}

/// The cache.
#[derive(Default)]
pub struct ReferenceCache {
    slot: RwLock<Option<(Instant, Arc<Reference>)>>,
}

impl ReferenceCache {
    /// The current snapshot, loaded if missing or older than [`TTL`].
    pub async fn get(&self, store: &Store, root: &RegionCode) -> Result<Arc<Reference>, Error> {
        if let Ok(slot) = self.slot.read()
            && let Some((at, r)) = slot.as_ref()
            && at.elapsed() < TTL
        {
            return Ok(Arc::clone(r));
        }
        let region = store.region(root).await?;
        let children = store.region_children(root).await?;
        let (_, departments) = store
            .list_departments(root, "", Page::new(Some(1), Some(1), 1)?)
            .await?;
        let fresh = Arc::new(Reference {
            root: region,
            children,
            departments,
        });
        if let Ok(mut slot) = self.slot.write() {
            *slot = Some((Instant::now(), Arc::clone(&fresh)));
        }
        Ok(fresh)
    }

    /// Forgets the snapshot (after an edit on this instance).
    pub fn invalidate(&self) {
        if let Ok(mut slot) = self.slot.write() {
            *slot = None;
        }
    }
}
