//! The scheduled publisher: a durable scheduled job that publishes every approved document
//! whose time has come. The schedule lives in the documents' rows, so a restart between
//! approval and the publication time changes nothing, and the revision check makes two
//! instances publish a document once.

use futures_util::future::BoxFuture;
use yiwang_domain::Timestamp;
use yiwang_jobs::{Handler, JobError};
use yiwang_store::Store;

/// The job kind.
pub const KIND: &str = "publish_due_docs";

/// Publishes what is due.
pub struct Publisher;

impl Handler for Publisher {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let n = crate::services::docs::publish_due(store, Timestamp::now())
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            if n > 0 {
                tracing::info!(published = n, "scheduled documents published");
            }
            Ok(())
        })
    }
}
