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
                .map_err(retry)?;
            if n > 0 {
                tracing::info!(published = n, "scheduled documents published");
            }
            Ok(())
        })
    }
}

/// Tells everyone an alert reaches (a job per alert, enqueued with it; retried until done,
/// and never telling anyone twice).
pub struct Fanout {
    /// The deployment's root region (an alert covering it reaches everyone).
    pub root: yiwang_domain::region::RegionCode,
}

impl Handler for Fanout {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let id = id_in(payload, "alert")?;
            let told = crate::services::alerts::tell_everyone(store, &self.root, id)
                .await
                .map_err(retry)?;
            tracing::info!(alert = %id, told, "alert told");
            Ok(())
        })
    }
}

/// The kind of the watch over requests for information.
pub const DISCLOSURE_WATCH: &str = "disclosure_deadlines";

/// Tells the supervisors of each request for information answered late (once).
pub struct DisclosureWatch;

impl Handler for DisclosureWatch {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let n = crate::services::disclosure::watch(store)
                .await
                .map_err(retry)?;
            if n > 0 {
                tracing::info!(
                    late = n,
                    "late requests for information told to supervisors"
                );
            }
            Ok(())
        })
    }
}

/// Tells a newly published document's followers (a job per document).
pub struct DocFollowers;

impl Handler for DocFollowers {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let id = id_in(payload, "doc")?;
            let told = crate::services::subscriptions::tell_followers(store, id)
                .await
                .map_err(retry)?;
            tracing::info!(doc = %id, told, "document's followers told");
            Ok(())
        })
    }
}

/// Sends the daily digests due this hour (scheduled every few minutes; each person's once a
/// day).
pub struct Digest;

impl Handler for Digest {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let n = crate::services::subscriptions::send_digests(store, Timestamp::now())
                .await
                .map_err(retry)?;
            if n > 0 {
                tracing::info!(sent = n, "daily digests sent");
            }
            Ok(())
        })
    }
}

/// The id named `key` in a job's JSON payload; a payload without it is a permanent failure.
fn id_in<T: std::str::FromStr>(payload: &str, key: &str) -> Result<T, JobError> {
    let v: serde_json::Value =
        serde_json::from_str(payload).map_err(|e| JobError::permanent(e.to_string()))?;
    v[key]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| JobError::permanent(format!("no {key} id in the payload")))
}

/// A use case's failure as a job failure that is retried.
fn retry(e: impl std::fmt::Debug) -> JobError {
    JobError::retry(format!("{e:?}"))
}
