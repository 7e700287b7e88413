//! Prometheus metrics: requests by route and status with latency histograms, the job queue
//! depth and the outbox lag (read from the database at scrape time, so every instance reports
//! the shared queue), and resident memory. Labels carry route templates, never raw paths, so
//! no identifier or personal data reaches the metrics.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use yiwang_domain::job::JobStatus;

use yiwang_store::jobs::QueueStat;

type Labels = Vec<(&'static str, String)>;

/// The registry and the metrics the web layer updates.
pub struct Metrics {
    registry: Registry,
    requests: Family<Labels, Counter>,
    latency: Family<Labels, Histogram, fn() -> Histogram>,
    jobs: Family<Labels, Gauge>,
    outbox_lag: Gauge<f64, std::sync::atomic::AtomicU64>,
    resident: Gauge,
}

fn latency_histogram() -> Histogram {
    // 0.1 ms … ~3.3 s.
    Histogram::new(exponential_buckets(0.0001, 2.0, 16))
}

impl Metrics {
    /// A fresh registry.
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let requests = Family::<Labels, Counter>::default();
        let latency = Family::<Labels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram as fn() -> Histogram,
        );
        let jobs = Family::<Labels, Gauge>::default();
        let outbox_lag = Gauge::<f64, std::sync::atomic::AtomicU64>::default();
        let resident = Gauge::default();
        registry.register(
            "yiwang_http_requests",
            "HTTP requests by method, route and status",
            requests.clone(),
        );
        registry.register(
            "yiwang_http_request_duration_seconds",
            "HTTP request latency by method and route",
            latency.clone(),
        );
        registry.register(
            "yiwang_jobs",
            "Background jobs by kind and state (done jobs excluded)",
            jobs.clone(),
        );
        registry.register(
            "yiwang_outbox_lag_seconds",
            "Age of the oldest undelivered notification",
            outbox_lag.clone(),
        );
        registry.register(
            "yiwang_process_resident_memory_bytes",
            "Resident memory of this process",
            resident.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            jobs,
            outbox_lag,
            resident,
        }
    }

    /// The Prometheus text of every metric, with the shared queue's depth and the outbox's
    /// lag as read from the database at scrape time.
    pub fn encode(
        &self,
        queue: &[QueueStat],
        outbox_lag_secs: f64,
    ) -> Result<String, std::fmt::Error> {
        for kind in ["deliver", "cleanup"] {
            for status in [JobStatus::Queued, JobStatus::Running, JobStatus::Dead] {
                self.jobs
                    .get_or_create(&vec![
                        ("kind", kind.to_owned()),
                        ("status", status.as_str().to_owned()),
                    ])
                    .set(0);
            }
        }
        for s in queue {
            self.jobs
                .get_or_create(&vec![
                    ("kind", s.kind.clone()),
                    ("status", s.status.as_str().to_owned()),
                ])
                .set(s.count);
        }
        self.outbox_lag.set(outbox_lag_secs);
        self.resident.set(resident_bytes());
        let mut out = String::new();
        encode(&mut out, &self.registry)?;
        Ok(out)
    }

    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let base: Labels = vec![("method", method.to_owned()), ("route", route.to_owned())];
        self.latency.get_or_create(&base).observe(seconds);
        let mut with_status = base;
        with_status.push(("status", status.to_string()));
        self.requests.get_or_create(&with_status).inc();
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// Times every request and writes one structured log line for it: method, route template,
/// status, milliseconds and request id. Never the query string or the raw path.
pub async fn observe(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().as_str().to_owned();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let res = next.run(req).await;
    let elapsed = start.elapsed();
    let status = res.status().as_u16();
    metrics.observe(&method, &route, status, elapsed.as_secs_f64());
    let request_id = res
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if status >= 500 {
        tracing::error!(%method, %route, status, ms = elapsed.as_millis() as u64, request_id, "request");
    } else {
        tracing::info!(%method, %route, status, ms = elapsed.as_millis() as u64, request_id, "request");
    }
    res
}

/// Resident set size from `/proc/self/statm` (Linux); 0 elsewhere.
pub fn resident_bytes() -> i64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<i64>().ok())
        })
        .map(|pages| pages * 4096)
        .unwrap_or(0)
}
