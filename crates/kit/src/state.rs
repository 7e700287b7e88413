//! What every handler can reach: the platform's shared handles, and the parts that capabilities
//! install for themselves (the catalogue index, the file store, caches) without the kit
//! knowing their types.

use std::any::{Any, type_name};
use std::sync::Arc;

use tokio::sync::Notify;
use yiwang_store::Store;

use crate::assets::Assets;
use crate::config::WebConfig;
use crate::error::Error;
use crate::metrics::Metrics;
use crate::reference::ReferenceCache;

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
    pub reference: Arc<ReferenceCache>,
    /// Wakes this instance's job worker when a request enqueued work (e.g. an SMS code), so
    /// delivery does not wait for the next poll. Other instances find it on their next poll.
    pub wake_jobs: Arc<Notify>,
    /// Searches that found nothing, counted until the open-data job flushes them (DATA-3).
    pub search_misses: Arc<crate::misses::SearchMisses>,
    /// Parts installed by the binary or by capabilities, one per type.
    parts: Arc<http::Extensions>,
}

impl AppState {
    /// Builds the state with no parts installed.
    pub fn new(store: Store, config: WebConfig, wake_jobs: Arc<Notify>) -> AppState {
        AppState {
            store,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::new()),
            assets: Arc::new(Assets::load()),
            reference: Arc::default(),
            wake_jobs,
            search_misses: Arc::default(),
            parts: Arc::default(),
        }
    }

    /// Installs a part (replacing one of the same type). Parts are shared handles
    /// (`Arc<…>` or cheap clones) set up once at start.
    pub fn with<T: Any + Clone + Send + Sync>(mut self, part: T) -> AppState {
        Arc::make_mut(&mut self.parts).insert(part);
        self
    }

    /// An installed part; an internal error names the missing type (a wiring mistake that
    /// the first request through the route reveals, and every route test catches).
    pub fn part<T: Any + Clone + Send + Sync>(&self) -> Result<&T, Error> {
        self.parts
            .get::<T>()
            .ok_or_else(|| Error::Internal(format!("{} is not installed", type_name::<T>())))
    }

    /// Whether a part is installed.
    pub fn has<T: Any + Clone + Send + Sync>(&self) -> bool {
        self.parts.get::<T>().is_some()
    }
}

impl axum::extract::FromRef<AppState> for Arc<Assets> {
    fn from_ref(app: &AppState) -> Arc<Assets> {
        Arc::clone(&app.assets)
    }
}
