//! Local life's durable scheduled job, registered by the binary with [`register`]:
//! `local_licences` looks for merchants whose licence lapsed (and events that are over) and
//! records a search change for each, so every instance's index drops them. It is a daily check run every hour, so a
//! licence that ran out at midnight leaves search within the hour; listings and merchant
//! pages compare the date themselves and need no job.

use std::time::Duration;

use futures_util::future::BoxFuture;
use yiwang_jobs::{Handler, JobError, Worker};
use yiwang_store::Store;

use crate::services::{today, vet};

/// The job kind.
pub const LICENCES: &str = "local_licences";

/// Tells the index of lapsed licences.
pub struct LicenceWatch;

impl Handler for LicenceWatch {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let n = vet::note_lapses(store, today())
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            if n > 0 {
                tracing::info!(lapsed = n, "merchants' lapsed licences told to search");
            }
            Ok(())
        })
    }
}

/// Adds the job to a worker, scheduled hourly.
pub fn register(w: Worker) -> Worker {
    w.handle(LICENCES, LicenceWatch)
        .schedule(LICENCES, Duration::from_secs(3600))
}
