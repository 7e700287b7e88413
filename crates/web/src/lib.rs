//! Yiwang's HTTP layer. Server-rendered, mobile-first pages (`pages`, `views`, `templates/`)
//! and the JSON API (`api`) sit side by side on one pipeline (`pipeline`): one caller
//! resolution, one authorisation rule per route (`routes`, `auth`), one error type rendered in
//! one place (`error`), one translation table (`i18n`). Use cases shared by pages and API live
//! in `services`.

pub mod api;
pub mod assets;
pub mod auth;
pub mod catalog;
pub mod config;
pub mod cookies;
pub mod error;
pub mod extract;
pub mod files;
pub mod i18n;
pub mod metrics;
pub mod ops;
pub mod pages;
pub mod pipeline;
pub mod prefs;
pub mod qr;
pub mod reference;
pub mod routes;
pub mod security;
pub mod services;
pub mod state;
pub mod views;
pub mod zh;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use yiwang_domain::ErrorCode;

pub use config::WebConfig;
pub use state::AppState;

use crate::error::Error;

/// The complete application: every route behind the pipeline, security headers and metrics.
pub fn app(state: AppState) -> Router {
    zh::warm_up();
    routes::router()
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(CatchPanicLayer::custom(on_panic))
        .layer(from_fn_with_state(state.clone(), pipeline::pipeline))
        .layer(from_fn_with_state(state.clone(), security::headers))
        // gzip for pages and JSON when the client accepts it: on a slow mobile connection the
        // bytes matter more than the CPU. The fastest level: on a 12 KB guide page it costs a
        // quarter of the default level's CPU for a few hundred bytes more (docs/BENCHMARKS.md).
        // Static files come pre-compressed at the best level and are left alone.
        .layer(
            CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Fastest)
                .gzip(true)
                .no_br()
                .no_deflate()
                .no_zstd(),
        )
        .layer(from_fn_with_state(state.clone(), metrics::observe))
        .layer(DefaultBodyLimit::max(state.config.body_limit))
        .with_state(state)
}

async fn not_found() -> Error {
    Error::not_found()
}

async fn method_not_allowed() -> Error {
    Error::code(ErrorCode::MethodNotAllowed)
}

fn on_panic(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    Error::Internal("handler panicked".into()).into_response()
}
