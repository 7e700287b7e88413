//! The payments' durable jobs, registered by the binary with the application state:
//!
//! - [`Query`] (`payment_query`): enqueued with every attempt to run after `query_after`,
//!   and scheduled every minute: asks the provider about attempts still pending and refunds
//!   not yet confirmed, and settles them through the one use case — the payment taken while
//!   we crashed, or whose notification never came, is found here.
//! - [`Notifier`] (`sandbox_pay_notify`): the sandbox provider's side, POSTing its signed
//!   notification to the platform's callback (`/payments/notify/sandbox`) over HTTP, as a
//!   real provider does, and retrying until it answers `success`. In the tests, which serve
//!   no socket, it hands the same bytes to the callback's use case directly.
//! - [`CaseFee`] (`case_fee`): enqueued by the applications' step that accepts a case whose
//!   item charges a fee; makes the applicant's bill for it, once.

use std::time::Duration;

use futures_util::future::BoxFuture;
use yiwang_jobs::{Handler, JobError, Worker};
use yiwang_kit::state::AppState;
use yiwang_store::Store;

use crate::services::{bills, callback, pay, payments};

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
            let handled = match p.callback_base.get() {
                Some(base) => {
                    let (_, _, success) = p.provider.answer(true);
                    post(&format!("{base}/payments/notify/sandbox"), body, success).await?
                }
                None => {
                    callback::receive(&self.0, &http::HeaderMap::new(), body.as_bytes())
                        .await
                        .map_err(|e| JobError::retry(format!("{e:?}")))?
                        == callback::Received::Handled
                }
            };
            if handled {
                Ok(())
            } else {
                Err(JobError::retry("platform answered fail"))
            }
        })
    }
}

/// POSTs a notification as the sandbox provider does (`text/plain`, the signed token as the
/// body); `true` when the platform answered 200 with the provider's `success` word.
async fn post(url: &str, body: String, success: &str) -> Result<bool, JobError> {
    use http_body_util::{BodyExt, Full};
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;
    let client: Client<_, Full<bytes::Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let req = http::Request::post(url)
        .header(http::header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Full::new(bytes::Bytes::from(body)))
        .map_err(JobError::permanent)?;
    let res = tokio::time::timeout(std::time::Duration::from_secs(10), client.request(req))
        .await
        .map_err(|_| JobError::retry("callback timed out"))?
        .map_err(|e| JobError::retry(format!("callback unreachable: {e}")))?;
    let ok = res.status() == http::StatusCode::OK;
    let text = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        res.into_body().collect(),
    )
    .await
    .map_err(|_| JobError::retry("callback answer timed out"))?
    .map_err(|e| JobError::retry(format!("callback answer: {e}")))?
    .to_bytes();
    Ok(ok && text.as_ref() == success.as_bytes())
}

/// Makes the fee bill of an accepted case.
pub struct CaseFee(pub AppState);

impl Handler for CaseFee {
    fn run<'a>(
        &'a self,
        _store: &'a Store,
        payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let case = serde_json::from_str::<serde_json::Value>(payload)
                .ok()
                .and_then(|v| v["case"].as_str().and_then(|s| s.parse().ok()))
                .ok_or_else(|| JobError::permanent("no case in the payload"))?;
            match bills::bill_case(&self.0, case).await {
                Ok(_) => Ok(()),
                // A unit removed since the form was published: an operator must look (the
                // job ends as a dead letter with this reason), retrying will not help.
                Err(e @ yiwang_kit::error::Error::Domain(_)) => {
                    Err(JobError::permanent(format!("case {case}: {e:?}")))
                }
                Err(e) => Err(JobError::retry(format!("{e:?}"))),
            }
        })
    }
}

/// Registers the payments' jobs on the worker: the provider query (also every minute), the
/// sandbox's notifier and the case fees.
pub fn register(w: Worker, state: AppState) -> Worker {
    w.handle(QUERY_KIND, Query(state.clone()))
        .schedule(QUERY_KIND, Duration::from_secs(60))
        .handle(
            crate::provider::sandbox::NOTIFY_KIND,
            Notifier(state.clone()),
        )
        .handle(yiwang_store::payments::CASE_FEE_JOB, CaseFee(state))
}
