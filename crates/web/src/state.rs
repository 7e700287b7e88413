//! What every handler can reach.

use std::sync::Arc;

use tokio::sync::Notify;
use yiwang_store::Store;

use crate::assets::Assets;
use crate::catalog::Catalog;
use crate::config::WebConfig;
use crate::metrics::Metrics;

/// Shared state of the web layer. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Storage.
    pub store: Store,
    /// Settings.
    pub config: Arc<WebConfig>,
    /// Prometheus metrics.
    pub metrics: Arc<Metrics>,
    /// Fingerprinted static files.
    pub assets: Arc<Assets>,
    /// Reference data pages show on every view (root region, its children, counts).
    pub reference: Arc<crate::reference::ReferenceCache>,
    /// Wakes this instance's job worker when a request enqueued work (e.g. an SMS code), so
    /// delivery does not wait for the next poll. Other instances find it on their next poll.
    pub wake_jobs: Arc<Notify>,
    /// The service catalogue: search index and in-memory snapshot.
    pub catalog: Arc<Catalog>,
    /// Uploaded files' bytes.
    pub files: crate::files::FileStore,
    /// Rating summaries of items shown on guide pages, kept a minute.
    pub ratings: Arc<crate::services::applications::ratings::SummaryCache>,
}

impl AppState {
    /// Builds the state.
    pub fn new(
        store: Store,
        config: WebConfig,
        wake_jobs: Arc<Notify>,
        catalog: Arc<Catalog>,
    ) -> AppState {
        AppState {
            store,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::new()),
            assets: Arc::new(Assets::load()),
            reference: Arc::default(),
            wake_jobs,
            catalog,
            files: crate::files::FileStore::local(std::env::temp_dir().join("yiwang-files")),
            ratings: Arc::default(),
        }
    }

    /// Keeps uploaded files in this store (serve: `<data_dir>/files`).
    pub fn with_files(mut self, files: crate::files::FileStore) -> AppState {
        self.files = files;
        self
    }
}
