//! Yiwang's HTTP kit: what every capability's pages and API stand on, and nothing that belongs
//! to one capability. The request pipeline (`pipeline`: request id, client address,
//! preferences, the caller, anti-forgery), who may do what (`auth`, checked once per route by
//! the route `table` every capability adds to), the one error type rendered in one place
//! (`error`), extractors that turn bad input into that error (`extract`), the page frame and
//! shared view helpers (`views`, `templates/base.html`), the translation core (`i18n`: the
//! translator, the `messages!` macro capabilities use for their own texts, the names of the
//! domain's codes), the console's frame (`console`), static files, metrics, security headers,
//! health endpoints, and the state handlers reach (`state`), to which capabilities add their
//! own parts without the kit knowing their types.

// Templates of every crate, this one included, name the kit's types by one path.
extern crate self as yiwang_kit;

pub mod api;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod caller;
pub mod config;
pub mod console;
pub mod cookies;
pub mod ctx;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod live;
pub mod metrics;
pub mod misses;
pub mod ops;
pub mod pages;
pub mod pipeline;
pub mod prefs;
pub mod qr;
pub mod reference;
pub mod respond;
pub mod security;
pub mod state;
pub mod table;
pub mod throttle;
pub mod views;
pub mod zh;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use yiwang_domain::ErrorCode;

pub use auth::Access;
pub use caller::Caller;
pub use config::WebConfig;
pub use ctx::Ctx;
pub use error::Error;
pub use state::AppState;
pub use table::Table;

/// The kit's own routes: health endpoints, static files, the display settings form and the
/// accessibility statement (the metrics scrape has a listener of its own: `ops::metrics_app`).
pub fn routes(t: Table) -> Table {
    use Access::Public;
    t.get("/healthz", Public, ops::healthz)
        .get("/readyz", Public, ops::readyz)
        .get("/static/{name}", Public, assets::serve)
        .get("/sw.js", Public, assets::service_worker)
        .get("/robots.txt", Public, ops::robots)
        .post("/settings", Public, pages::settings)
        .get("/help/accessibility", Public, pages::accessibility)
        .get("/events", Access::Account, live::events)
}

/// The complete application: the routes behind the pipeline, security headers and metrics.
pub fn app(routes: Router<AppState>, state: AppState) -> Router {
    zh::warm_up();
    let state = if state.has::<live::Hub>() {
        state
    } else {
        state.with(live::Hub::default())
    };
    routes
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
        .layer(from_fn_with_state(state.metrics.clone(), metrics::observe))
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
