//! Open data's durable jobs (DATA-3), registered by the binary with [`register`]:
//! `opendata_stats` rebuilds the platform's own datasets (daily, and when a steward asks from
//! the console: the same job, enqueued); `search_misses_flush` (every minute) writes this
//! instance's in-memory counts of searches that found nothing to `search_misses`. Counts not
//! yet flushed are lost if the instance crashes (up to one interval: these are statistics);
//! with several instances, each instance's counts are written when its own worker runs a
//! flush, so they may arrive a few intervals late.

use std::time::Duration;

use futures_util::future::BoxFuture;
use yiwang_jobs::{Handler, JobError, Worker};
use yiwang_kit::state::AppState;
use yiwang_store::Store;

use crate::services::stats;

/// Rebuilding the platform's datasets.
pub const STATS: &str = "opendata_stats";
/// Flushing the no-result search counts.
pub const FLUSH: &str = "search_misses_flush";

/// How often the counts are flushed.
pub const FLUSH_EVERY: Duration = Duration::from_secs(60);
/// How often the datasets are rebuilt.
pub const STATS_EVERY: Duration = Duration::from_secs(24 * 3600);

/// Writes this instance's counts; on failure they are put back for the next run.
pub async fn flush(app: &AppState) -> Result<usize, yiwang_store::Error> {
    let counts = app.search_misses.take();
    let n = counts.len();
    if let Err(e) = app.store.add_search_misses(&counts).await {
        app.search_misses.restore(counts);
        return Err(e);
    }
    Ok(n)
}

/// Flushes the counts.
pub struct Flush(pub AppState);

impl Handler for Flush {
    fn run<'a>(
        &'a self,
        _store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let n = flush(&self.0)
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            if n > 0 {
                tracing::debug!(terms = n, "no-result searches flushed");
            }
            Ok(())
        })
    }
}

/// Rebuilds the datasets.
pub struct Refresh(pub AppState);

impl Handler for Refresh {
    fn run<'a>(
        &'a self,
        _store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            flush(&self.0)
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            let tables = stats::refresh(&self.0)
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            tracing::info!(tables, "platform statistics published");
            Ok(())
        })
    }
}

/// Adds open data's jobs and their schedules to the worker.
pub fn register(w: Worker, app: AppState) -> Worker {
    w.handle(STATS, Refresh(app.clone()))
        .schedule(STATS, STATS_EVERY)
        .handle(FLUSH, Flush(app))
        .schedule(FLUSH, FLUSH_EVERY)
}

/// Queues the very first rebuild at start, so a new deployment publishes its datasets within
/// a minute instead of at the next daily slot (once per database: the dedupe key stays).
pub async fn first_run(store: &Store) -> yiwang_store::Result<()> {
    let mut tx = store.begin().await?;
    store
        .enqueue(
            &mut tx,
            yiwang_store::jobs::NewJob::now(STATS, serde_json::json!({}))
                .dedupe(format!("{STATS}:first")),
        )
        .await?;
    yiwang_store::commit(tx).await
}
