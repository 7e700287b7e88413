//! Operations endpoints (OPS-4): liveness, readiness, the Prometheus scrape (the registry is in
//! `metrics`), static files (the files are in `assets`), robots.txt.
//!
//! The scrape is not one of the site's routes: it is served by [`metrics_app`] on its own
//! listen address (`metrics_listen`, loopback by default), so the public never sees the
//! platform's internal numbers, whatever the proxy in front forwards.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderMap, StatusCode};
use serde::Serialize;
use yiwang_domain::Timestamp;

use crate::error::Error;
use crate::state::AppState;

/// `GET /healthz`: the process is alive and serving.
pub async fn healthz() -> &'static str {
    "ok\n"
}

#[derive(Serialize)]
struct Ready {
    database: bool,
    schema_version: i64,
    expected_version: i64,
}

/// `GET /readyz`: the database answers and every migration this binary knows is applied.
/// 503 otherwise, so a load balancer sends no traffic to an instance that cannot serve.
/// The file store is deliberately left out: it is proven usable at start, and an object-store
/// outage breaks uploads only, whereas probing it from here would take every instance out of
/// the load balancer at once.
pub async fn readyz(State(app): State<AppState>) -> Response {
    let database = app.store.db.ping().await.is_ok();
    let schema_version = if database {
        yiwang_store::migrate::current_version(&app.store.db)
            .await
            .unwrap_or(0)
    } else {
        0
    };
    let expected_version = yiwang_store::migrate::latest_version();
    let ready = database && schema_version == expected_version;
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(Ready {
            database,
            schema_version,
            expected_version,
        }),
    )
        .into_response()
}

/// `GET /robots.txt`: the public directory may be indexed; accounts and the console not.
pub async fn robots() -> &'static str {
    "User-agent: *\nDisallow: /account\nDisallow: /console\nDisallow: /api/\nDisallow: /dev/\n"
}

/// The scrape endpoint alone, `GET /metrics`, for the metrics listener (`metrics_listen`);
/// anything else there is 404.
pub fn metrics_app(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(state)
}

/// `GET /metrics` on the metrics listener: the Prometheus text format (behind the metrics
/// token when one is set).
pub async fn scrape(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    if let Some(token) = &app.config.metrics_token {
        let given = headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if !given.is_some_and(|g| yiwang_crypto::constant_time_eq(g.as_bytes(), token.as_bytes())) {
            return Ok((StatusCode::UNAUTHORIZED, "metrics token required\n").into_response());
        }
    }
    let queue = app.store.queue_stats().await?;
    let lag = app.store.outbox_lag(Timestamp::now()).await?.as_secs_f64();
    let out = app.metrics.encode(&queue, lag).map_err(Error::internal)?;
    Ok((
        [(
            CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        out,
    )
        .into_response())
}
