//! The payments' durable jobs, registered by the binary with the application state:
//!
//! - [`Query`] (`payment_query`): enqueued with every attempt to run after `query_after`,
//!   and scheduled every minute: asks the provider about attempts still pending and refunds
//!   not yet confirmed, and settles them through the one use case — the payment taken while
//!   we crashed, or whose notification never came, is found here.
//! - [`Notifier`] (`sandbox_pay_notify`): the sandbox provider's side, sending its signed
//!   notification to the platform's callback and retrying until it answers `success`. The
//!   sandbox lives in the same binary, so it calls the callback's use case directly with the
//!   same bytes an HTTP POST to `/payments/notify/sandbox` would carry.

use futures_util::future::BoxFuture;
use yiwang_jobs::{Handler, JobError};
use yiwang_kit::state::AppState;
use yiwang_store::Store;

use crate::services::{callback, pay, payments};

/// The query job's kind.
pub const QUERY_KIND: &str = "payment_query";

/// Queries the provider about pending payments and refunds.
pub struct Query(pub AppState);

impl Handler for Query {
    fn run<'a>(
        &'a self,
        _store: &'a Store,
        payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let one = serde_json::from_str::<serde_json::Value>(payload)
                .ok()
                .and_then(|v| v["attempt"].as_str().and_then(|s| s.parse().ok()));
            match one {
                Some(id) => {
                    pay::query(&self.0, id, "query")
                        .await
                        .map_err(|e| JobError::retry(format!("{e:?}")))?;
                    // Still open at the provider: ask again later (the worker's backoff),
                    // until it is paid or closed; the scheduled sweep covers the rest.
                    let still = self.0.store.attempt(id).await.map_err(JobError::retry)?;
                    if still
                        .is_some_and(|a| a.state == yiwang_domain::payments::AttemptState::Pending)
                    {
                        return Err(JobError::retry("still open at the provider"));
                    }
                }
                None => {
                    let n = pay::query_pending(&self.0)
                        .await
                        .map_err(|e| JobError::retry(format!("{e:?}")))?;
                    if n > 0 {
                        tracing::info!(settled = n, "pending payments settled by query");
                    }
                }
            }
            Ok(())
        })
    }
}

/// The sandbox's notifier.
pub struct Notifier(pub AppState);

impl Handler for Notifier {
    fn run<'a>(
        &'a self,
        _store: &'a Store,
        payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let v: serde_json::Value =
                serde_json::from_str(payload).map_err(|e| JobError::permanent(e.to_string()))?;
            let event = v["event"].as_str().unwrap_or("order");
            let reference = v["ref"].as_str().unwrap_or_default();
            let p = payments(&self.0).map_err(|e| JobError::retry(format!("{e:?}")))?;
            let body = p
                .sandbox
                .notification_body(event, reference)
                .await
                .map_err(JobError::retry)?;
            let r = callback::receive(&self.0, &http::HeaderMap::new(), body.as_bytes())
                .await
                .map_err(|e| JobError::retry(format!("{e:?}")))?;
            if r == callback::Received::Handled {
                Ok(())
            } else {
                Err(JobError::retry(format!("platform answered fail: {r:?}")))
            }
        })
    }
}
