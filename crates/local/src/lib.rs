//! Local life, 本地通 (PRODUCT.md LIFE-1): places (service halls, hospitals, schools, parks,
//! libraries, sports grounds), events at them, and merchants (locksmiths, housekeeping,
//! repairs) vetted by the licensing department with their licence, by region and category,
//! with opening hours (open now or not), telephone, address and location; nearest first when
//! the reader shares their position; found by the one search box as `kind=place` (places,
//! listed merchants and events). A merchant is listed only while approved and its licence
//! valid (Beijing date); a durable job tells the search index of lapsed licences. Life
//! situations (要结婚, 生小孩 …) bring the life-event checklists, the places that help and
//! upcoming events together.
//!
//! Rooms: `services/` (`browse.rs` the readers' questions, `vet.rs` the licensing staff's
//! steps and the lapse check), `pages/` (`public.rs`, `console.rs`), `api/`, `jobs.rs`,
//! `texts.rs`, `demo.rs`, and [`routes`]. Rules in `domain::local`, rows in `store::local`.

pub mod api;
pub mod demo;
pub mod jobs;
pub mod pages;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::allows_somewhere;
use yiwang_kit::table::ConsoleSection;
use yiwang_kit::{Access, Table};

use crate::texts::LocalTexts;

/// Adds local life's routes and console section to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    use pages::{console, public};
    t.get("/local", Public, public::list)
        .get("/local/places/{id}", Public, public::place)
        .get("/local/events/{id}", Public, public::event)
        .get("/local/situations", Public, public::situations_page)
        .get("/local/situations/{code}", Public, public::situation)
        .get("/api/v1/local/places", Public, api::places)
        .get("/api/v1/local/places/{id}", Public, api::place)
        .get("/console/local", Staff(P::VetMerchants), console::home)
        .post("/console/local", Staff(P::VetMerchants), console::register)
        .post(
            "/console/local/{id}/vet",
            Staff(P::VetMerchants),
            console::decide,
        )
        .console_section(ConsoleSection {
            order: 75,
            label: |t| t.loc_console(),
            link: |_, p| allows_somewhere(p.actor(), P::VetMerchants).then_some("/console/local"),
        })
}
