//! Yiwang's durable background work. A [`Worker`] claims due jobs from the database with a
//! lease, runs their handler, and records success, a retry with backoff, or a dead letter.
//! Every instance runs one; the queue in the database is shared, so work is done once however
//! many instances there are, and survives restarts. Periodic work (clean-up now; deadline
//! checks and digests as those modules arrive) is scheduled through the same queue.

pub mod deadlines;
pub mod deliver;
pub mod inquiry_deadlines;
pub mod push;
pub mod senders;
mod worker;

pub use senders::{EmailSender, Senders, SmsSender};
pub use worker::{Handler, JobError, Schedule, Worker, WorkerConfig};

/// The clean-up job: expired sessions, codes, counters and old finished jobs.
pub mod cleanup {
    use std::time::Duration;

    use futures_util::future::BoxFuture;
    use yiwang_domain::Timestamp;
    use yiwang_store::Store;

    use crate::{Handler, JobError};

    /// The job kind.
    pub const KIND: &str = "cleanup";
    /// How long finished jobs are kept for inspection.
    pub const KEEP_DONE: Duration = Duration::from_secs(7 * 86_400);

    /// Deletes what has expired.
    pub struct Cleanup;

    impl Handler for Cleanup {
        fn run<'a>(
            &'a self,
            store: &'a Store,
            _payload: &'a str,
        ) -> BoxFuture<'a, Result<(), JobError>> {
            Box::pin(async move {
                let now = Timestamp::now();
                let sessions = store
                    .delete_expired_sessions(now)
                    .await
                    .map_err(JobError::retry)?;
                let codes = store.purge_sms_codes(now).await.map_err(JobError::retry)?;
                let counters = store
                    .purge_rate_counters(now)
                    .await
                    .map_err(JobError::retry)?;
                let jobs = store
                    .purge_done_jobs(now.minus(KEEP_DONE))
                    .await
                    .map_err(JobError::retry)?;
                tracing::info!(sessions, codes, counters, jobs, "clean-up done");
                Ok(())
            })
        }
    }
}
