//! Operations endpoints: liveness, readiness, robots.txt (OPS-4). Metrics are in `metrics`.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;

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
