//! Personal records (PRODUCT.md SVC-3, with ACC-4's access log): source systems (hospitals,
//! the health commission, schools) push health-check reports, vaccination records (natively or
//! as HL7 FHIR R4 `Immunization`, one or a `Bundle` batch) and admin-defined types, exactly
//! once per source record id, corrections kept as versions; the citizen reads their own and
//! their children's in plain words and downloads them signed; staff read only with a reason,
//! which the citizen sees on their access log, as every system read.
//!
//! Rooms: `services/` (`push.rs`, `read.rs`, `admin.rs`), `pages/` (`mine.rs` the citizen's,
//! `console.rs` staff reads and settings), `api/` (the source systems' API), `texts.rs`,
//! templates under `templates/records` and `templates/console/records`. Rules in
//! `domain/records/`, rows in `store/records.rs`.

pub mod api;
pub mod demo;
pub mod pages;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::{Scope, allows_somewhere};
use yiwang_kit::table::ConsoleSection;
use yiwang_kit::{Access, Table};

use crate::texts::RecordTexts;

/// Adds the records' routes and console sections to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    use pages::{console, mine};
    t.get("/account/records", Citizen, mine::list)
        .get("/account/records/{id}", Citizen, mine::record)
        .get("/account/records/{id}/download", Citizen, mine::download)
        .get(
            "/console/records",
            Staff(P::ReadRecords),
            console::read_form,
        )
        .post("/console/records", Staff(P::ReadRecords), console::read)
        .get(
            "/console/records/guardians",
            Staff(P::VerifyIdentityInPerson),
            console::guardian_form,
        )
        .post(
            "/console/records/guardians",
            Staff(P::VerifyIdentityInPerson),
            console::link_guardian,
        )
        .get(
            "/console/records/settings",
            Staff(P::ManageRecords),
            console::settings,
        )
        .post(
            "/console/records/settings/types",
            Staff(P::ManageRecords),
            console::save_type,
        )
        .post(
            "/console/records/settings/sources",
            Staff(P::ManageRecords),
            console::save_source,
        )
        .get("/api/v1/me/records", Citizen, api::mine::mine)
        .post("/api/v1/records", Staff(P::PushRecords), api::push::native)
        .post(
            "/api/v1/fhir/Immunization",
            Staff(P::PushRecords),
            api::push::immunization,
        )
        .post("/api/v1/fhir", Staff(P::PushRecords), api::push::bundle)
        .get(
            "/api/v1/source-records/{source_record_id}",
            Staff(P::PushRecords),
            api::push::read_back,
        )
        .console_section(ConsoleSection {
            order: 60,
            label: |t| t.rec_console(),
            link: |app, p| {
                let actor = p.actor();
                if allows_somewhere(actor, P::ReadRecords) {
                    Some("/console/records")
                } else if p.may(
                    P::ManageRecords,
                    &Scope::region(app.config.root_region.clone()),
                ) {
                    Some("/console/records/settings")
                } else if allows_somewhere(actor, P::VerifyIdentityInPerson) {
                    Some("/console/records/guardians")
                } else {
                    None
                }
            },
        })
}
