//! The use cases of open data: `catalog.rs` (what readers see: search, facets, the read model
//! the CKAN API and the pages share), `steward.rs` (the data steward's changes, each with its
//! audit entry), `datastore.rs` (reading a resource's rows: `datastore_search` and the safe
//! SQL).

pub mod catalog;
pub mod datastore;
pub mod stats;
pub mod steward;
