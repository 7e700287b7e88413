//! Durable background jobs: states and the retry schedule. The queue itself lives in the
//! store; the worker in `yiwang-jobs`.

use std::time::Duration;

crate::stable_names! {
    /// Where a job is in its life.
    pub enum JobStatus {
        /// Waiting for its run time and a free worker.
        Queued = "queued",
        /// Claimed by a worker, which holds a lease on it.
        Running = "running",
        /// Finished successfully.
        Done = "done",
        /// Failed too often; kept for an admin to inspect and retry (dead letter).
        Dead = "dead",
    }
}

/// How many attempts a job gets before it becomes a dead letter.
pub const DEFAULT_MAX_ATTEMPTS: i64 = 8;

/// The wait before retry number `attempt` (1 = the first retry): exponential from 5 seconds,
/// capped at one hour, with up to 20 % jitter from `jitter` (0.0–1.0) so that many failed jobs
/// do not retry in lockstep.
pub fn retry_delay(attempt: u32, jitter: f64) -> Duration {
    let base = 5u64.saturating_mul(1u64 << attempt.saturating_sub(1).min(20));
    let capped = base.min(3600);
    let extra = (capped as f64 * 0.2 * jitter.clamp(0.0, 1.0)) as u64;
    Duration::from_secs(capped + extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_an_hour() {
        assert_eq!(retry_delay(1, 0.0), Duration::from_secs(5));
        assert_eq!(retry_delay(2, 0.0), Duration::from_secs(10));
        assert_eq!(retry_delay(5, 0.0), Duration::from_secs(80));
        assert_eq!(retry_delay(30, 0.0), Duration::from_secs(3600));
        assert_eq!(retry_delay(30, 1.0), Duration::from_secs(4320));
    }
}
