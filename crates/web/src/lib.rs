//! The assembled web application: the kit's pipeline with every capability's routes, console
//! sections and API documentation. Nothing here handles a request itself; each capability crate
//! owns its pages, API, use cases, texts and templates, and adds them through its `routes`
//! function. The binary builds the [`AppState`] (store, configuration, the catalogue index, the
//! file store) and calls [`app`].

pub mod openapi;

use axum::Router;
use yiwang_kit::table::RouteSpec;
use yiwang_kit::{Access, AppState, Table};

pub use yiwang_kit::WebConfig;

/// Every route of the platform: the kit's own, then each capability's.
pub fn table() -> Table {
    Table::new()
        .with(yiwang_kit::routes)
        .get(
            "/api/v1/openapi.json",
            Access::Public,
            openapi::openapi_json,
        )
        .with(yiwang_accounts::routes)
        .with(yiwang_directory::routes)
        .with(yiwang_inquiries::routes)
        .with(yiwang_publishing::routes)
        .with(yiwang_catalogue::routes)
        .with(yiwang_applications::routes)
        .with(yiwang_console::routes)
        .with(yiwang_payments::routes)
        .with(yiwang_bookings::routes)
        .with(yiwang_records::routes)
        .with(yiwang_opendata::routes)
        .with(yiwang_local::routes)
        .with(yiwang_portals::routes)
        .with(yiwang_sso::routes)
}

/// Every route, for tests and documentation.
pub fn specs() -> Vec<RouteSpec> {
    table().finish().1
}

/// The complete application: every route behind the pipeline, security headers and metrics,
/// with the console's navigation and each capability's own parts installed in the state.
pub fn app(state: AppState) -> Router {
    let table = table();
    let site = table.site_parts();
    let (router, _, menu) = table.finish();
    let state = yiwang_catalogue::install(
        state
            .with(menu)
            .with(site)
            .with(yiwang_publishing::services::alerts::AlertCache::default())
            .with(yiwang_publishing::services::lists::ListCounts::default())
            .with(yiwang_publishing::services::FrontCache::default()),
    );
    let state = yiwang_payments::install(state);
    yiwang_kit::app(router, state)
}
