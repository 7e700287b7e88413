//! Open data (PRODUCT.md DATA-1, DATA-2): departments publish datasets — described with a
//! licence, tags, topic groups, update frequency, time and region covered, contact and
//! version, every edit kept — whose resources are links or uploaded files; a CSV file (UTF-8
//! or GBK) is loaded into the datastore as a table with typed columns the steward may correct.
//! Readers browse `/data` with facets and counts, open a dataset and preview a resource's
//! first rows; programs use the CKAN Action API (`/api/3/action/…` and `/api/action/…`, the
//! read side, answered as CKAN 2.10 does, so ckanapi and ckanext-harvest work unchanged) and
//! the DCAT catalogue (`/catalog.ttl`, `/catalog.jsonld`, and per dataset).
//!
//! Rooms: `rules.rs` (names, licences, groups, frequencies, the input check), `table.rs`
//! (reading a CSV file: encoding, strict parsing, type detection), `sql.rs` (the safe SELECT
//! of `datastore_search_sql`), `services/` (use cases), `pages/`, `api/` (CKAN and DCAT),
//! `texts.rs`, `demo.rs`, and [`routes`]. Rows in `store::opendata`. Organisations are the
//! platform's departments, named by their id; only published datasets exist for readers and
//! for the API.

pub mod api;
pub mod demo;
pub mod jobs;
pub mod pages;
pub mod rules;
pub mod services;
pub mod sql;
pub mod table;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::allows_somewhere;
use yiwang_kit::table::{ConsoleSection, FeedLink};
use yiwang_kit::{Access, Table};

use crate::texts::DataTexts;

/// Adds open data's routes and console section to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    use pages::{console, public};
    t.get("/data", Public, public::catalogue)
        .get("/data/{name}", Public, public::dataset)
        .get("/data/{name}/resources/{id}", Public, public::resource)
        .get(
            "/data/{name}/resources/{id}/download",
            Public,
            public::download,
        )
        .get("/catalog.ttl", Public, api::dcat::catalog_ttl)
        .get("/catalog.jsonld", Public, api::dcat::catalog_jsonld)
        .get("/api/3/action/{name}", Public, api::ckan::action)
        .post("/api/3/action/{name}", Public, api::ckan::action)
        .get("/api/action/{name}", Public, api::ckan::action)
        .post("/api/action/{name}", Public, api::ckan::action)
        .get("/console/data", Staff(P::PublishData), console::home)
        .post("/console/data", Staff(P::PublishData), console::create)
        .get("/console/data/{name}", Staff(P::PublishData), console::edit)
        .post("/console/data/{name}", Staff(P::PublishData), console::save)
        .post(
            "/console/data/{name}/publish",
            Staff(P::PublishData),
            console::publish,
        )
        .post(
            "/console/data/{name}/unpublish",
            Staff(P::PublishData),
            console::unpublish,
        )
        .post(
            "/console/data-stats",
            Staff(P::PublishData),
            console::refresh_stats,
        )
        .post(
            "/console/data/{name}/links",
            Staff(P::PublishData),
            console::add_link,
        )
        .upload(
            "/console/data/{name}/files",
            Staff(P::PublishData),
            console::add_file,
        )
        .post(
            "/console/data/{name}/resources/{id}/columns",
            Staff(P::PublishData),
            console::set_column,
        )
        .feed(FeedLink {
            href: "/catalog.ttl",
            media_type: "text/turtle",
            title: |t| t.data_dcat_catalogue(),
        })
        .feed(FeedLink {
            href: "/catalog.jsonld",
            media_type: "application/ld+json",
            title: |t| t.data_dcat_catalogue(),
        })
        .console_section(ConsoleSection {
            order: 70,
            label: |t| t.data_console(),
            link: |_, p| allows_somewhere(p.actor(), P::PublishData).then_some("/console/data"),
        })
}
