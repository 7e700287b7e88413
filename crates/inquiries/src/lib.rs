//! Inquiries, complaints and petitions (PRODUCT.md INQ-1…5): asking from the website, the
//! 12345 hotline and Open311 clients; routing by rules and the dispatch desk; the five-stage
//! loop (collect, report, handle, supervise, reply) under working-day limits; answers and the
//! asker's verdict; Open311 GeoReport v2.
//!
//! Rooms: `services/` (the use cases: `submit.rs` asking exactly once, `act.rs` every step of
//! the loop through `domain::inquiry::decide`, `read.rs` who may read what), `pages/`
//! (`ask.rs`, `follow.rs`, `console.rs`, + `templates/inquiries`, `templates/console/inquiries`),
//! `api/open311.rs`, `texts.rs`, and [`routes`].

pub mod api;
pub mod jobs;
pub mod pages;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::allows_somewhere;
use yiwang_kit::table::ConsoleSection;
use yiwang_kit::{Access, Table};

use crate::texts::InquiryTexts;

/// Adds the inquiries' routes and console section to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    use api::open311;
    use pages::{admin, ask, board, call, console, follow, league};
    t.get("/inquiries/new", Public, ask::new_form)
        .upload("/inquiries", Public, ask::submit)
        .get("/inquiries/lookup", Public, follow::lookup_form)
        .get("/inquiries/league", Public, league::page)
        .get("/inquiries/board", Public, board::list)
        .get("/inquiries/board/{id}", Public, board::item)
        .get("/inquiries/league.csv", Public, league::csv)
        .post("/inquiries/lookup", Public, follow::lookup)
        .post("/inquiries/lookup/rate", Public, follow::lookup_rate)
        .get("/inquiries/{id}", Citizen, follow::detail)
        .get("/inquiries/{id}/files/{file}", Citizen, pages::files::mine)
        .get(
            "/console/inquiries/{id}/files/{file}",
            Staff(P::ConsoleAccess),
            pages::files::staff,
        )
        .post("/inquiries/{id}/rate", Citizen, follow::rate)
        .post("/inquiries/{id}/review", Citizen, follow::request_review)
        .get("/account/inquiries", Citizen, follow::mine)
        .get(
            "/console/inquiries",
            Staff(P::HandleInquiries),
            console::queue,
        )
        .post(
            "/console/inquiries/acknowledge",
            Staff(P::HandleInquiries),
            console::bulk_acknowledge,
        )
        .get(
            "/console/inquiries/supervise",
            Staff(P::SuperviseInquiries),
            console::supervise,
        )
        .get(
            "/console/inquiries/desk",
            Staff(P::DispatchInquiries),
            console::desk,
        )
        .get(
            "/console/inquiries/call",
            Staff(P::RecordInquiries),
            call::form,
        )
        .post(
            "/console/inquiries/call",
            Staff(P::RecordInquiries),
            call::record,
        )
        .get(
            "/console/inquiries/settings",
            Staff(P::ManageInquiries),
            admin::page,
        )
        .post(
            "/console/inquiries/settings/limits",
            Staff(P::ManageInquiries),
            admin::save_limits,
        )
        .post(
            "/console/inquiries/settings/routes",
            Staff(P::ManageInquiries),
            admin::add_route,
        )
        .post(
            "/console/inquiries/settings/routes/{id}/delete",
            Staff(P::ManageInquiries),
            admin::delete_route,
        )
        .post(
            "/console/inquiries/settings/categories",
            Staff(P::ManageInquiries),
            admin::save_category,
        )
        .post(
            "/console/inquiries/settings/review/{id}",
            Staff(P::ManageInquiries),
            admin::set_review,
        )
        .post(
            "/console/inquiries/settings/open311",
            Staff(P::ManageInquiries),
            admin::add_client,
        )
        .post(
            "/console/inquiries/settings/open311/{id}/revoke",
            Staff(P::ManageInquiries),
            admin::revoke_client,
        )
        .get(
            "/console/inquiries/{id}",
            Staff(P::ConsoleAccess),
            console::case,
        )
        .get(
            "/console/inquiries/{id}/publish",
            Staff(P::HandleInquiries),
            board::confirm_form,
        )
        .post(
            "/console/inquiries/{id}/publish",
            Staff(P::HandleInquiries),
            board::publish,
        )
        .upload(
            "/console/inquiries/{id}",
            Staff(P::ConsoleAccess),
            console::step,
        )
        .get("/api/v1/inquiry-categories", Public, api::json::categories)
        .post("/api/v1/inquiries", Citizen, api::json::ask)
        .get("/api/v1/me/inquiries", Citizen, api::json::mine)
        .get("/api/v1/me/inquiries/{id}", Citizen, api::json::my_inquiry)
        .post(
            "/api/v1/me/inquiries/{id}/verdict",
            Citizen,
            api::json::verdict,
        )
        .post(
            "/api/v1/inquiries/{id}/steps",
            Staff(P::ConsoleAccess),
            api::json::step,
        )
        .get("/open311/v2/{file}", Public, open311_root)
        .post("/open311/v2/{file}", Public, open311::post_request)
        .get(
            "/open311/v2/services/{file}",
            Public,
            open311::service_definition,
        )
        .get("/open311/v2/requests/{file}", Public, open311::one_request)
        .get("/open311/v2/tokens/{file}", Public, open311::token)
        .console_section(ConsoleSection {
            order: 96,
            label: |t| t.inq_settings(),
            link: |app, p| {
                let root = yiwang_domain::auth::Scope::region(app.config.root_region.clone());
                p.may(P::ManageInquiries, &root)
                    .then_some("/console/inquiries/settings")
            },
        })
        .console_section(ConsoleSection {
            order: 35,
            label: |t| t.inq_queue(),
            link: |_, p| {
                let actor = p.actor();
                if allows_somewhere(actor, P::HandleInquiries) {
                    Some("/console/inquiries")
                } else if allows_somewhere(actor, P::DispatchInquiries) {
                    Some("/console/inquiries/desk")
                } else if allows_somewhere(actor, P::SuperviseInquiries) {
                    Some("/console/inquiries/supervise")
                } else if allows_somewhere(actor, P::RecordInquiries) {
                    Some("/console/inquiries/call")
                } else {
                    None
                }
            },
        })
}

/// `GET /open311/v2/{discovery,services,requests}.{json,xml}`.
async fn open311_root(
    state: axum::extract::State<yiwang_kit::AppState>,
    headers: axum::http::HeaderMap,
    file: axum::extract::Path<String>,
    query: axum::extract::Query<Vec<(String, String)>>,
) -> axum::response::Response {
    use api::open311;
    match file.0.split('.').next() {
        Some("discovery") => open311::discovery(state, headers, file).await,
        Some("services") => open311::services(state, file).await,
        _ => open311::requests(state, file, query).await,
    }
}
