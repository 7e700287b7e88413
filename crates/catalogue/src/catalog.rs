//! The catalogue's read model (`yiwang_index::Catalog`), as the binary installed it in the
//! state.

use std::sync::Arc;

use yiwang_index::Catalog;
use yiwang_kit::{AppState, Error};

/// Reaches the catalogue's search index and snapshot.
pub trait CatalogOf {
    /// The installed catalogue (an internal error if the binary did not install one).
    fn catalog(&self) -> Result<&Catalog, Error>;
}

impl CatalogOf for AppState {
    fn catalog(&self) -> Result<&Catalog, Error> {
        Ok(self.part::<Arc<Catalog>>()?)
    }
}
