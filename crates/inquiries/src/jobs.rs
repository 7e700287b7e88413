//! The inquiries' closing job (INQ-4): an answer not rated within the verdict window (7 days
//! by default) closes its inquiry, through the same step as any other, so the history, the
//! counters and the askers' messages follow. A scheduled durable job, registered by the binary
//! with the application state; a run closes at most a thousand and leaves one that cannot be
//! closed for the next run.

use futures_util::future::BoxFuture;
use time::Duration;
use yiwang_jobs::{Handler, JobError};
use yiwang_store::Store;

use crate::services::act;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The job kind.
pub const KIND: &str = "inquiry_close";

const BATCH: i64 = 200;
const MAX_PER_RUN: usize = 1000;

/// Closes answered inquiries whose verdict window is over.
pub struct Closer(pub AppState);

impl Handler for Closer {
    fn run<'a>(
        &'a self,
        _store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let closed = close_due(&self.0)
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            if closed > 0 {
                tracing::info!(closed, "inquiries closed after the verdict window");
            }
            Ok(())
        })
    }
}

/// One pass: how many inquiries were closed.
pub async fn close_due(app: &AppState) -> Result<u64, Error> {
    let settings = app.store.inquiry_settings().await?;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let before = today - Duration::days(i64::from(settings.rating_days));
    let mut closed = 0;
    let mut skipped = std::collections::HashSet::new();
    let mut seen = 0;
    loop {
        let batch = app
            .store
            .inquiries_to_close(before, BATCH + skipped.len() as i64)
            .await?;
        let fresh: Vec<_> = batch.iter().filter(|r| !skipped.contains(&r.id)).collect();
        if fresh.is_empty() {
            break;
        }
        for row in fresh {
            seen += 1;
            match act::close(app, row).await {
                Ok(_) => closed += 1,
                // Rated or changed meanwhile, or not closable: the next run looks again.
                Err(Error::Domain(e)) => {
                    tracing::debug!(code = e.code.as_str(), receipt = %row.receipt, "not closed");
                    skipped.insert(row.id);
                }
                Err(e) => return Err(e),
            }
        }
        if seen >= MAX_PER_RUN || (batch.len() as i64) < BATCH {
            break;
        }
    }
    Ok(closed)
}
