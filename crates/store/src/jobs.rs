//! The durable job queue. Jobs are rows; a worker claims due jobs with a lease, so a worker
//! that dies loses its lease and the job runs again elsewhere. On PostgreSQL claims use
//! `FOR UPDATE SKIP LOCKED`, so instances never claim the same job; on SQLite the single
//! writer serialises claims. Handlers must be idempotent: a job may run twice if a worker dies
//! between finishing the work and recording it.

use std::time::Duration;

use serde::Serialize;
use yiwang_domain::Timestamp;
use yiwang_domain::ids::JobId;
use yiwang_domain::job::{DEFAULT_MAX_ATTEMPTS, JobStatus};
use yiwang_domain::paging::Page;

use crate::db::Dialect;
use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// Which handler runs it.
    pub kind: &'static str,
    /// Its input, as JSON.
    pub payload: serde_json::Value,
    /// Not before this instant.
    pub run_at: Timestamp,
    /// A key that makes enqueueing idempotent: a second job with the same key is not added.
    pub dedupe_key: Option<String>,
    /// Attempts before it becomes a dead letter.
    pub max_attempts: i64,
}

impl NewJob {
    /// A job to run now.
    pub fn now(kind: &'static str, payload: serde_json::Value) -> NewJob {
        NewJob {
            kind,
            payload,
            run_at: Timestamp::now(),
            dedupe_key: None,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
        }
    }

    /// Sets the dedupe key.
    pub fn dedupe(mut self, key: String) -> NewJob {
        self.dedupe_key = Some(key);
        self
    }

    /// Sets the run time.
    pub fn at(mut self, t: Timestamp) -> NewJob {
        self.run_at = t;
        self
    }
}

/// A claimed job.
#[derive(Debug, Clone)]
pub struct Job {
    /// Its id.
    pub id: JobId,
    /// Its handler.
    pub kind: String,
    /// Its input.
    pub payload: String,
    /// Attempts so far, including this one.
    pub attempts: i64,
    /// Attempts allowed.
    pub max_attempts: i64,
}

/// A job as the console lists it.
#[derive(Debug, Clone, Serialize)]
pub struct JobRow {
    /// Its id.
    pub id: JobId,
    /// Its handler.
    pub kind: String,
    /// Its state.
    pub status: JobStatus,
    /// When it is (or was) due.
    pub run_at: Timestamp,
    /// Attempts so far.
    pub attempts: i64,
    /// Attempts allowed.
    pub max_attempts: i64,
    /// The last failure.
    pub last_error: Option<String>,
    /// When it was enqueued.
    pub created_at: Timestamp,
}

/// Queue depth by kind and state, for metrics.
#[derive(Debug, Clone, Serialize)]
pub struct QueueStat {
    /// Handler.
    pub kind: String,
    /// State.
    pub status: JobStatus,
    /// How many.
    pub count: i64,
}

const CLAIM_SQLITE: &str = "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1, updated_at = $3
    WHERE id IN (SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= $3) OR (status = 'running' AND locked_until < $3)
                 ORDER BY run_at LIMIT $4)
    RETURNING id, kind, payload, attempts, max_attempts";
const CLAIM_POSTGRES: &str = "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1, updated_at = $3
    WHERE id IN (SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= $3) OR (status = 'running' AND locked_until < $3)
                 ORDER BY run_at LIMIT $4 FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, payload, attempts, max_attempts";

impl Store {
    /// Adds a job inside the caller's transaction, so it exists if and only if the change that
    /// caused it commits. Returns `None` when a job with the same dedupe key already exists.
    pub async fn enqueue(&self, tx: &mut Tx, job: NewJob) -> Result<Option<JobId>> {
        let id = JobId::generate();
        let now = Timestamp::now().millis();
        let row = sqlx::query(
            "INSERT INTO jobs (id, kind, payload, status, run_at, attempts, max_attempts, dedupe_key, created_at, updated_at)
             VALUES ($1, $2, $3, 'queued', $4, 0, $5, $6, $7, $7) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(id.to_string())
        .bind(job.kind)
        .bind(job.payload.to_string())
        .bind(job.run_at.millis())
        .bind(job.max_attempts)
        .bind(job.dedupe_key)
        .bind(now)
        .fetch_optional(&mut **tx)
        .await?;
        Ok(row.map(|_| id))
    }

    /// Claims up to `limit` due jobs for `worker`, holding each for `lease`. Jobs whose
    /// worker's lease ran out are claimed again; one that has used up its attempts that way
    /// becomes a dead letter instead of running again.
    pub async fn claim_jobs(
        &self,
        worker: &str,
        limit: i64,
        lease: Duration,
        now: Timestamp,
    ) -> Result<Vec<Job>> {
        let sql = match self.db.dialect() {
            Dialect::Sqlite => CLAIM_SQLITE,
            Dialect::Postgres => CLAIM_POSTGRES,
        };
        let mut tx = self.begin().await?;
        let rows = sqlx::query(sql)
            .bind(worker.to_owned())
            .bind(now.plus(lease).millis())
            .bind(now.millis())
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        let mut jobs = Vec::with_capacity(rows.len());
        for r in &rows {
            let job = Job {
                id: r.parsed("id")?,
                kind: r.text("kind")?,
                payload: r.text("payload")?,
                attempts: r.int("attempts")?,
                max_attempts: r.int("max_attempts")?,
            };
            if job.attempts > job.max_attempts {
                sqlx::query("UPDATE jobs SET status = 'dead', locked_by = NULL, locked_until = NULL, finished_at = $1, last_error = $2 WHERE id = $3")
                    .bind(now.millis())
                    .bind("the worker running it stopped too many times")
                    .bind(job.id.to_string())
                    .execute(&mut *tx)
                    .await?;
            } else {
                jobs.push(job);
            }
        }
        tx.commit().await?;
        Ok(jobs)
    }

    /// Records a job as done.
    pub async fn complete_job(&self, id: JobId, now: Timestamp) -> Result<()> {
        sqlx::query("UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, finished_at = $1, updated_at = $1, last_error = NULL WHERE id = $2")
            .bind(now.millis())
            .bind(id.to_string())
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Records a failure: the job is retried at `retry_at`, or becomes a dead letter when its
    /// attempts are used up (or `retry_at` is `None`: a permanent failure).
    pub async fn fail_job(
        &self,
        job: &Job,
        error: &str,
        retry_at: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<JobStatus> {
        let error: String = error.chars().take(2000).collect();
        let status = match retry_at {
            Some(at) if job.attempts < job.max_attempts => {
                sqlx::query("UPDATE jobs SET status = 'queued', run_at = $1, locked_by = NULL, locked_until = NULL, last_error = $2, updated_at = $3 WHERE id = $4")
                    .bind(at.millis())
                    .bind(error)
                    .bind(now.millis())
                    .bind(job.id.to_string())
                    .execute(self.db.writer())
                    .await?;
                JobStatus::Queued
            }
            _ => {
                sqlx::query("UPDATE jobs SET status = 'dead', locked_by = NULL, locked_until = NULL, last_error = $1, finished_at = $2, updated_at = $2 WHERE id = $3")
                    .bind(error)
                    .bind(now.millis())
                    .bind(job.id.to_string())
                    .execute(self.db.writer())
                    .await?;
                JobStatus::Dead
            }
        };
        Ok(status)
    }

    /// Hands back every job a worker holds, without counting the attempt (graceful shutdown).
    pub async fn release_jobs(&self, worker: &str) -> Result<u64> {
        Ok(sqlx::query(
            "UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL, attempts = attempts - 1 WHERE status = 'running' AND locked_by = $1",
        )
        .bind(worker.to_owned())
        .execute(self.db.writer())
        .await?
        .rows_affected())
    }

    /// Extends a running job's lease (for long jobs).
    pub async fn extend_lease(&self, id: JobId, worker: &str, until: Timestamp) -> Result<bool> {
        Ok(sqlx::query("UPDATE jobs SET locked_until = $1 WHERE id = $2 AND locked_by = $3 AND status = 'running'")
            .bind(until.millis())
            .bind(id.to_string())
            .bind(worker.to_owned())
            .execute(self.db.writer())
            .await?
            .rows_affected()
            == 1)
    }

    /// Jobs in a state, newest first.
    pub async fn list_jobs(&self, status: JobStatus, page: Page) -> Result<(Vec<JobRow>, i64)> {
        let total = sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE status = $1")
            .bind(status.as_str())
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        let rows = sqlx::query(
            "SELECT id, kind, status, run_at, attempts, max_attempts, last_error, created_at FROM jobs WHERE status = $1
             ORDER BY created_at DESC LIMIT $2 OFFSET $3",
        )
        .bind(status.as_str())
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(self.db.reader())
        .await?;
        let list = rows
            .iter()
            .map(|r| {
                Ok(JobRow {
                    id: r.parsed("id")?,
                    kind: r.text("kind")?,
                    status: named("status", &r.text("status")?, JobStatus::parse)?,
                    run_at: r.ts("run_at")?,
                    attempts: r.int("attempts")?,
                    max_attempts: r.int("max_attempts")?,
                    last_error: r.opt_text("last_error")?,
                    created_at: r.ts("created_at")?,
                })
            })
            .collect::<Result<_>>()?;
        Ok((list, total))
    }

    /// Puts a dead letter back in the queue with fresh attempts.
    pub async fn retry_job(&self, tx: &mut Tx, id: JobId) -> Result<()> {
        let n = sqlx::query("UPDATE jobs SET status = 'queued', attempts = 0, run_at = $1, finished_at = NULL, updated_at = $1 WHERE id = $2 AND status = 'dead'")
            .bind(Timestamp::now().millis())
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected();
        if n == 0 {
            Err(Error::not_found())
        } else {
            Ok(())
        }
    }

    /// Queue depth by kind and state (done jobs excluded).
    pub async fn queue_stats(&self) -> Result<Vec<QueueStat>> {
        let rows = sqlx::query("SELECT kind, status, COUNT(*) AS n FROM jobs WHERE status <> 'done' GROUP BY kind, status")
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(QueueStat {
                    kind: r.text("kind")?,
                    status: named("status", &r.text("status")?, JobStatus::parse)?,
                    count: r.int("n")?,
                })
            })
            .collect()
    }

    /// The earliest run time of a queued job, so an idle worker knows when to wake.
    pub async fn next_due(&self) -> Result<Option<Timestamp>> {
        let row = sqlx::query("SELECT MIN(run_at) AS t FROM jobs WHERE status = 'queued'")
            .fetch_one(self.db.reader())
            .await?;
        row.opt_ts("t")
    }

    /// Deletes finished jobs older than `before`. Returns how many.
    pub async fn purge_done_jobs(&self, before: Timestamp) -> Result<u64> {
        Ok(
            sqlx::query("DELETE FROM jobs WHERE status = 'done' AND finished_at < $1")
                .bind(before.millis())
                .execute(self.db.writer())
                .await?
                .rows_affected(),
        )
    }
}
