//! The staff console's own pages (PRODUCT.md OPS-1, OPS-3, OPS-4): the overview a staff
//! member lands on, the audit log, background jobs and their dead letters, system clients with
//! their tokens, and the development outbox. Every other console page belongs to the
//! capability it serves and joins the console's navigation through the route table.
//!
//! Rooms: `services/`, `pages/` (+ `templates/console`), `api/` (`/api/v1/admin/audit`,
//! `/api/v1/admin/jobs`), `texts.rs`, and [`routes`].

pub mod api;
pub mod pages;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::{Scope, allows_somewhere};
use yiwang_kit::table::ConsoleSection;
use yiwang_kit::{Access, AppState, Table};

use crate::texts::ConsoleTexts;

fn root(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}

/// Adds the console's own routes and sections to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    t.get("/dev/messages", Public, pages::dev::messages)
        .get(
            "/console",
            Staff(P::ConsoleAccess),
            pages::dashboard::dashboard,
        )
        .get("/console/audit", Staff(P::ReadAudit), pages::ops::audit)
        .get("/console/jobs", Staff(P::ManageJobs), pages::ops::jobs)
        .post(
            "/console/jobs/{id}/retry",
            Staff(P::ManageJobs),
            pages::ops::retry_job,
        )
        .get(
            "/console/clients",
            Staff(P::ManageApiClients),
            pages::ops::clients,
        )
        .post(
            "/console/clients",
            Staff(P::ManageApiClients),
            pages::ops::create_client,
        )
        .get(
            "/console/dev-messages",
            Staff(P::ReadDevOutbox),
            pages::ops::dev_messages,
        )
        .get(
            "/api/v1/admin/audit",
            Staff(P::ReadAudit),
            api::admin::audit,
        )
        .get("/api/v1/admin/jobs", Staff(P::ManageJobs), api::admin::jobs)
        .post(
            "/api/v1/admin/jobs/{id}/retry",
            Staff(P::ManageJobs),
            api::admin::retry_job,
        )
        .console_section(ConsoleSection {
            order: 10,
            label: |t| t.console_overview(),
            link: |_, _| Some("/console"),
        })
        .console_section(ConsoleSection {
            order: 120,
            label: |t| t.console_audit(),
            link: |_, p| allows_somewhere(p.actor(), P::ReadAudit).then_some("/console/audit"),
        })
        .console_section(ConsoleSection {
            order: 130,
            label: |t| t.console_jobs(),
            link: |app, p| p.may(P::ManageJobs, &root(app)).then_some("/console/jobs"),
        })
        .console_section(ConsoleSection {
            order: 140,
            label: |t| t.console_clients(),
            link: |app, p| {
                p.may(P::ManageApiClients, &root(app))
                    .then_some("/console/clients")
            },
        })
        .console_section(ConsoleSection {
            order: 150,
            label: |t| t.console_dev_messages(),
            link: |app, p| {
                (app.config.dev_senders && p.may(P::ReadDevOutbox, &root(app)))
                    .then_some("/console/dev-messages")
            },
        })
}
