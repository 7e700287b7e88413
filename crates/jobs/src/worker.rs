//! The worker loop.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use yiwang_domain::Timestamp;
use yiwang_domain::job::retry_delay;
use yiwang_store::Store;
use yiwang_store::jobs::{Job, NewJob};

/// Why a job failed.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// A failure that may pass (network, database busy): retry with backoff.
    #[error("{0}")]
    Retry(String),
    /// A failure that will not pass (bad payload): dead letter at once.
    #[error("{0}")]
    Permanent(String),
}

impl JobError {
    /// A retryable error from anything printable.
    pub fn retry(e: impl std::fmt::Display) -> JobError {
        JobError::Retry(e.to_string())
    }

    /// A permanent error from anything printable.
    pub fn permanent(e: impl std::fmt::Display) -> JobError {
        JobError::Permanent(e.to_string())
    }
}

/// Runs one kind of job. Must be idempotent: a job can run twice if its worker dies after the
/// work but before recording it.
pub trait Handler: Send + Sync + 'static {
    /// Does the work described by `payload` (JSON).
    fn run<'a>(&'a self, store: &'a Store, payload: &'a str)
    -> BoxFuture<'a, Result<(), JobError>>;
}

/// A job kind that runs periodically. The next run is enqueued with a dedupe key naming its
/// time slot, so among many instances exactly one job exists per slot.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// The job kind.
    pub kind: &'static str,
    /// How often.
    pub every: Duration,
}

impl Schedule {
    fn next_slot(&self, after: Timestamp) -> Timestamp {
        let every = self.every.as_millis().max(1) as i64;
        Timestamp((after.millis() / every + 1) * every)
    }

    fn job(&self, after: Timestamp) -> NewJob {
        let at = self.next_slot(after);
        NewJob::now(self.kind, serde_json::json!({}))
            .at(at)
            .dedupe(format!("schedule:{}:{}", self.kind, at.millis()))
    }
}

/// Worker settings.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// This worker's name in leases (unique per process).
    pub id: String,
    /// How often an idle worker looks for work it was not woken for (jobs enqueued by other
    /// instances, retries coming due).
    pub poll: Duration,
    /// How long a claimed job is held before another worker may take it over.
    pub lease: Duration,
    /// Jobs claimed and run at once.
    pub batch: i64,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            id: format!(
                "worker-{}",
                yiwang_domain::ids::JobId::generate().as_uuid().simple()
            ),
            poll: Duration::from_secs(1),
            // Longer than any job takes (senders time out after 10 s); after a crash, the jobs
            // the dead worker held run again once this has passed.
            lease: Duration::from_secs(30),
            batch: 8,
        }
    }
}

/// Claims and runs jobs until told to stop.
pub struct Worker {
    store: Store,
    config: WorkerConfig,
    handlers: HashMap<&'static str, Arc<dyn Handler>>,
    schedules: Vec<Schedule>,
}

impl Worker {
    /// A worker with no handlers yet.
    pub fn new(store: Store, config: WorkerConfig) -> Worker {
        Worker {
            store,
            config,
            handlers: HashMap::new(),
            schedules: Vec::new(),
        }
    }

    /// Registers the handler of a job kind.
    pub fn handle(mut self, kind: &'static str, handler: impl Handler) -> Worker {
        self.handlers.insert(kind, Arc::new(handler));
        self
    }

    /// Registers a periodic job kind (its handler must be registered too).
    pub fn schedule(mut self, kind: &'static str, every: Duration) -> Worker {
        self.schedules.push(Schedule { kind, every });
        self
    }

    /// Makes sure each schedule has its next run queued.
    pub async fn ensure_schedules(&self) -> yiwang_store::Result<()> {
        for s in &self.schedules {
            let mut tx = self.store.begin().await?;
            self.store.enqueue(&mut tx, s.job(Timestamp::now())).await?;
            yiwang_store::commit(tx).await?;
        }
        Ok(())
    }

    /// Claims one batch and runs it to the end. Returns how many jobs ran. For tests and for
    /// draining the queue.
    pub async fn run_once(self: &Arc<Self>) -> yiwang_store::Result<usize> {
        let jobs = self
            .store
            .claim_jobs(
                &self.config.id,
                self.config.batch,
                self.config.lease,
                Timestamp::now(),
            )
            .await?;
        let n = jobs.len();
        let mut set = JoinSet::new();
        for job in jobs {
            let me = Arc::clone(self);
            set.spawn(async move { me.execute(job).await });
        }
        while let Some(r) = set.join_next().await {
            if let Err(e) = r {
                tracing::error!(error = %e, "job task failed");
            }
        }
        Ok(n)
    }

    /// Runs until `stop` turns true, then hands back anything it holds. Wakes early when
    /// `wake` is notified (work enqueued by this instance).
    pub async fn run(self: Arc<Self>, mut stop: watch::Receiver<bool>, wake: Arc<Notify>) {
        if let Err(e) = self.ensure_schedules().await {
            tracing::error!(error = %e, "could not queue scheduled jobs");
        }
        loop {
            if *stop.borrow() {
                break;
            }
            let ran = match self.run_once().await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = %e, "claiming jobs failed; retrying");
                    0
                }
            };
            if ran > 0 {
                continue;
            }
            let wait = match self.store.next_due().await {
                Ok(Some(t)) => t.since(Timestamp::now()).min(self.config.poll),
                _ => self.config.poll,
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = wake.notified() => {}
                _ = stop.changed() => {}
            }
        }
        match self.store.release_jobs(&self.config.id).await {
            Ok(n) if n > 0 => tracing::info!(released = n, "released jobs at shutdown"),
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "could not release jobs; their leases will expire")
            }
        }
    }

    async fn execute(&self, job: Job) {
        let outcome = match self.handlers.get(job.kind.as_str()) {
            Some(h) => h.run(&self.store, &job.payload).await,
            None => Err(JobError::Permanent(format!(
                "no handler for job kind {}",
                job.kind
            ))),
        };
        let now = Timestamp::now();
        let recorded = match &outcome {
            Ok(()) => self.store.complete_job(job.id, now).await.map(|_| None),
            Err(JobError::Retry(e)) => {
                let at = now.plus(retry_delay(
                    job.attempts.max(1) as u32,
                    yiwang_crypto::random::unit(),
                ));
                self.store.fail_job(&job, e, Some(at), now).await.map(Some)
            }
            Err(JobError::Permanent(e)) => self.store.fail_job(&job, e, None, now).await.map(Some),
        };
        match (&outcome, recorded) {
            (Ok(()), Ok(_)) => tracing::debug!(kind = %job.kind, "job done"),
            (Err(e), Ok(Some(status))) => {
                tracing::warn!(kind = %job.kind, attempts = job.attempts, status = status.as_str(), error = %e, "job failed")
            }
            (_, Err(e)) => {
                tracing::error!(kind = %job.kind, error = %e, "could not record job outcome; its lease will expire and it will run again")
            }
            _ => {}
        }
        if let Some(s) = self.schedules.iter().find(|s| s.kind == job.kind)
            && let Ok(mut tx) = self.store.begin().await
            && self.store.enqueue(&mut tx, s.job(now)).await.is_ok()
        {
            let _ = yiwang_store::commit(tx).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_fall_on_whole_slots() {
        let s = Schedule {
            kind: "cleanup",
            every: Duration::from_secs(3600),
        };
        assert_eq!(
            s.next_slot(Timestamp(3_600_000 * 5 + 1)),
            Timestamp(3_600_000 * 6)
        );
        assert_eq!(
            s.next_slot(Timestamp(3_600_000 * 5)),
            Timestamp(3_600_000 * 6)
        );
    }
}
