//! The service catalogue (PRODUCT.md CAT-1…5, FIND-1, PUB-5): the home page, browsing by
//! department, topic and tag, life events, each item's guide with its QR code, the one search
//! box, and — in the console — the item editor with versions and withdrawal, catalogue import
//! and export, search synonyms and life-event checklists.
//!
//! It serves the read model in `yiwang-index` (search index and snapshot) and keeps it in step
//! after each edit. Rooms: `services/` (use cases shared by pages and API), `pages/`
//! (+ `templates/services`, `templates/console`), `api/` (`/api/v1/search`, `/api/v1/items`,
//! `/api/v1/life-events`, `/api/v1/admin/…`), `texts/`, and [`routes`]; [`install`] adds the
//! parts it keeps in the state.

pub mod api;
pub mod catalog;
pub mod pages;
pub mod services;
pub mod texts;

use std::sync::Arc;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::{Scope, allows_somewhere};
use yiwang_kit::table::ConsoleSection;
use yiwang_kit::{Access, AppState, Table};

use crate::texts::*;

fn root(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}

/// Adds what the catalogue keeps in the state (the rating summaries guides show). The
/// catalogue itself (`Arc<yiwang_index::Catalog>`) is opened and installed by the binary.
pub fn install(state: AppState) -> AppState {
    state.with(Arc::new(services::ratings::SummaryCache::default()))
}

/// Adds the catalogue's routes and console sections to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    t.get("/", Public, pages::home::home)
        .get("/search", Public, pages::services::search_page)
        .get("/services", Public, pages::services::home)
        .get("/items", Public, pages::services::browse)
        .get("/items/{id}", Public, pages::services::guide)
        .get("/items/{id}/{file}", Public, pages::services::qr)
        .get("/life-events", Public, pages::services::life_events)
        .get("/life-events/{stage}", Public, pages::services::life_event)
        .get(
            "/console/items",
            Staff(P::EditItems),
            pages::console::items::list,
        )
        .get(
            "/console/items/new",
            Staff(P::EditItems),
            pages::console::items::new_form,
        )
        .post(
            "/console/items",
            Staff(P::EditItems),
            pages::console::items::create,
        )
        .get(
            "/console/items/{id}",
            Staff(P::EditItems),
            pages::console::items::edit_form,
        )
        .post(
            "/console/items/{id}",
            Staff(P::EditItems),
            pages::console::items::update,
        )
        .get(
            "/console/items/{id}/history",
            Staff(P::EditItems),
            pages::console::item_history::history,
        )
        .get(
            "/console/items/{id}/versions/{n}",
            Staff(P::EditItems),
            pages::console::item_history::version,
        )
        .get(
            "/console/items/{id}/withdraw",
            Staff(P::EditItems),
            pages::console::item_history::withdraw_form,
        )
        .post(
            "/console/items/{id}/withdraw",
            Staff(P::EditItems),
            pages::console::item_history::withdraw,
        )
        .get(
            "/console/catalog",
            Staff(P::ImportCatalog),
            pages::console::catalog::catalog,
        )
        .upload(
            "/console/catalog/import",
            Staff(P::ImportCatalog),
            pages::console::catalog::import,
        )
        .get(
            "/console/catalog/export.csv",
            Staff(P::ImportCatalog),
            pages::console::catalog::export_csv,
        )
        .get(
            "/console/catalog/export.json",
            Staff(P::ImportCatalog),
            pages::console::catalog::export_json,
        )
        .get(
            "/console/aliases",
            Staff(P::CurateCatalog),
            pages::console::catalog::aliases,
        )
        .post(
            "/console/aliases",
            Staff(P::CurateCatalog),
            pages::console::catalog::set_aliases,
        )
        .get(
            "/console/life-events",
            Staff(P::CurateCatalog),
            pages::console::catalog::life_events,
        )
        .get(
            "/console/life-events/{stage}",
            Staff(P::CurateCatalog),
            pages::console::catalog::life_event,
        )
        .post(
            "/console/life-events/{stage}",
            Staff(P::CurateCatalog),
            pages::console::catalog::set_life_event,
        )
        .get("/api/v1/search", Public, api::catalog::search)
        .get("/api/v1/items", Public, api::catalog::items)
        .get("/api/v1/items/{id}", Public, api::catalog::item)
        .get("/api/v1/life-events", Public, api::catalog::life_events)
        .get(
            "/api/v1/life-events/{stage}",
            Public,
            api::catalog::life_event,
        )
        .post(
            "/api/v1/admin/items",
            Staff(P::EditItems),
            api::catalog::create_item,
        )
        .put(
            "/api/v1/admin/items/{id}",
            Staff(P::EditItems),
            api::catalog::update_item,
        )
        .post(
            "/api/v1/admin/items/{id}/withdraw",
            Staff(P::EditItems),
            api::catalog::withdraw_item,
        )
        .upload(
            "/api/v1/admin/catalog/import",
            Staff(P::ImportCatalog),
            api::catalog::import,
        )
        .get(
            "/api/v1/admin/catalog/export",
            Staff(P::ImportCatalog),
            api::catalog::export,
        )
        .get(
            "/api/v1/admin/search-aliases",
            Staff(P::CurateCatalog),
            api::catalog::aliases,
        )
        .put(
            "/api/v1/admin/search-aliases",
            Staff(P::CurateCatalog),
            api::catalog::set_aliases,
        )
        .put(
            "/api/v1/admin/life-events/{stage}",
            Staff(P::CurateCatalog),
            api::catalog::set_life_event,
        )
        .console_section(ConsoleSection {
            order: 40,
            label: |t| t.console_items(),
            link: |_, p| allows_somewhere(p.actor(), P::EditItems).then_some("/console/items"),
        })
        .console_section(ConsoleSection {
            order: 50,
            label: |t| t.console_catalog_io(),
            link: |app, p| {
                p.may(P::ImportCatalog, &root(app))
                    .then_some("/console/catalog")
            },
        })
        .console_section(ConsoleSection {
            order: 60,
            label: |t| t.console_aliases(),
            link: |app, p| {
                p.may(P::CurateCatalog, &root(app))
                    .then_some("/console/aliases")
            },
        })
        .console_section(ConsoleSection {
            order: 70,
            label: |t| t.console_life_events(),
            link: |app, p| {
                p.may(P::CurateCatalog, &root(app))
                    .then_some("/console/life-events")
            },
        })
}
