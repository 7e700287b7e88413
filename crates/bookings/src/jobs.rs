//! The appointments' durable scheduled jobs (SVC-2), registered by the binary with
//! [`register`]: `bookings_publish` (hourly) publishes every desk's slots so the booking
//! horizon moves with the days; `bookings_remind` (every five minutes) sends the day-before
//! reminders and sweeps past days' open bookings.

use std::time::Duration;

use futures_util::future::BoxFuture;
use yiwang_jobs::{Handler, JobError, Worker};
use yiwang_store::Store;

use crate::services::{capacity, remind};
use yiwang_kit::state::AppState;

/// Publishing slots.
pub const PUBLISH: &str = "bookings_publish";
/// Reminders and the sweep.
pub const REMIND: &str = "bookings_remind";

/// Publishes every desk's slots.
pub struct Publisher(pub AppState);

impl Handler for Publisher {
    fn run<'a>(
        &'a self,
        _store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let n = capacity::publish_all(&self.0)
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            tracing::debug!(slots = n, "booking slots published");
            Ok(())
        })
    }
}

/// Sends reminders and sweeps past days.
pub struct Reminder(pub AppState);

impl Handler for Reminder {
    fn run<'a>(
        &'a self,
        _store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let sent = remind::remind(&self.0)
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            let ended = remind::sweep(&self.0)
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            if sent + ended > 0 {
                tracing::info!(sent, ended, "booking reminders and sweep");
            }
            Ok(())
        })
    }
}

/// Adds the appointments' jobs and their schedules to the worker.
pub fn register(w: Worker, app: AppState) -> Worker {
    w.handle(PUBLISH, Publisher(app.clone()))
        .schedule(PUBLISH, Duration::from_secs(3600))
        .handle(REMIND, Reminder(app))
        .schedule(REMIND, Duration::from_secs(300))
}
