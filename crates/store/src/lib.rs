//! Yiwang's storage layer. One portable schema runs on SQLite (the embedded default) and on
//! PostgreSQL (for many instances); the few dialect differences sit in [`db::Dialect`].
//! Each module owns the rows of one part of the domain and offers the operations the web and
//! jobs layers call, each in one transaction. Personal data is encrypted here, on its way in,
//! with the [`yiwang_crypto::Vault`].

pub mod accounts;
pub mod alerts;
pub mod applications;
pub mod audit;
pub mod bookings;
pub mod catalog;
pub mod clients;
pub mod db;
pub mod departments;
pub mod dev_messages;
pub mod disclosure;
pub mod enterprises;
mod error;
pub mod identity;
pub mod inquiries;
pub mod jobs;
pub mod local;
pub mod migrate;
pub mod notify;
pub mod opendata;
pub mod opendata_stats;
pub mod payments;
pub mod portals;
pub mod publishing;
pub mod push;
pub mod records;
pub mod regions;
mod row;
pub mod sessions;
pub mod settings;
pub mod sms_codes;
pub mod sso;
pub mod staff;
pub mod subscriptions;
pub mod testing;
pub mod throttle;

use std::sync::Arc;

pub use db::{Db, DbOptions, Dialect, Tx};
pub use error::{Error, Result};
use yiwang_crypto::Vault;

/// The handle every other layer holds: the database and the vault for personal data.
#[derive(Clone)]
pub struct Store {
    /// The database pools.
    pub db: Db,
    vault: Arc<Vault>,
}

impl Store {
    /// Wraps an open database and the vault.
    pub fn new(db: Db, vault: Vault) -> Store {
        Store {
            db,
            vault: Arc::new(vault),
        }
    }

    /// The vault, for blind indexes computed outside the store (e.g. rate-limit keys).
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        self.db.begin().await
    }
}

/// Commits a transaction.
pub async fn commit(tx: Tx) -> Result<()> {
    tx.commit().await?;
    Ok(())
}
