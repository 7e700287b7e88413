//! The applications' routes and console sections.

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::{Scope, allows_somewhere};
use yiwang_kit::table::{ConsoleSection, ConsoleTally};
use yiwang_kit::{Access, Table};

use crate::texts::*;
use crate::{api, pages};

/// Adds the applications' routes and console sections to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    t.get("/items/{id}/apply", Citizen, pages::apply::start)
        .get("/items/{id}/apply/check", Citizen, pages::apply::check)
        .post("/items/{id}/apply/submit", Citizen, pages::apply::submit)
        .get(
            "/items/{id}/apply/{section}",
            Citizen,
            pages::apply::section_form,
        )
        .upload(
            "/items/{id}/apply/{section}",
            Citizen,
            pages::apply::section_save,
        )
        .get("/account/cases/{id}/done", Citizen, pages::apply::done)
        .get("/uploads/{id}", Account, pages::apply::file)
        .get("/account/cases", Citizen, pages::cases::list)
        .get("/account/cases/{id}", Citizen, pages::cases::progress)
        .post(
            "/account/cases/{id}/withdraw",
            Citizen,
            pages::cases::withdraw,
        )
        .get(
            "/account/cases/{id}/supplement",
            Citizen,
            pages::cases::supplement_form,
        )
        .upload(
            "/account/cases/{id}/supplement",
            Citizen,
            pages::cases::supplement,
        )
        .post(
            "/account/cases/{id}/review",
            Citizen,
            pages::cases::request_review,
        )
        .post("/account/cases/{id}/rating", Citizen, pages::cases::rate)
        .get("/track", Public, pages::cases::track_form)
        .post("/track", Public, pages::cases::track)
        .get(
            "/account/certificates",
            Citizen,
            pages::certificates::wallet,
        )
        .get(
            "/account/certificates/{id}",
            Citizen,
            pages::certificates::show,
        )
        .get(
            "/account/certificates/{id}/qr.svg",
            Citizen,
            pages::certificates::qr,
        )
        .post(
            "/account/certificates/{id}/share",
            Citizen,
            pages::certificates::share,
        )
        .post(
            "/account/certificates/{id}/shares/{share}/revoke",
            Citizen,
            pages::certificates::revoke_share,
        )
        .get("/shared/{token}", Public, pages::certificates::shared)
        .get("/verify", Public, pages::certificates::verify)
        .get(
            "/.well-known/yiwang/keys.json",
            Public,
            pages::certificates::keys_json,
        )
        .get(
            "/.well-known/yiwang/revocations.json",
            Public,
            pages::certificates::revocations_json,
        )
        .get(
            "/console/cases",
            Staff(P::HandleCases),
            pages::console::cases::queue,
        )
        .post(
            "/console/cases/accept",
            Staff(P::HandleCases),
            pages::console::cases::bulk_accept,
        )
        .get(
            "/console/cases/{id}",
            Staff(P::HandleCases),
            pages::console::cases::show,
        )
        .post(
            "/console/cases/{id}",
            Staff(P::HandleCases),
            pages::console::cases::act,
        )
        .get(
            "/console/overdue",
            Staff(P::SuperviseCases),
            pages::console::cases::overdue,
        )
        .get(
            "/console/calendar",
            Staff(P::ManageCalendar),
            pages::console::cases::calendar,
        )
        .upload(
            "/console/calendar",
            Staff(P::ManageCalendar),
            pages::console::cases::calendar_load,
        )
        .get(
            "/console/certificates",
            Staff(P::ManageCertificates),
            pages::console::certificates::show,
        )
        .post(
            "/console/certificates/{id}/revoke",
            Staff(P::ManageCertificates),
            pages::console::certificates::revoke,
        )
        .post(
            "/console/certificates/{id}/keep",
            Staff(P::ManageCertificates),
            pages::console::certificates::keep,
        )
        .get(
            "/console/certificate-types",
            Staff(P::ManageCertificateTypes),
            pages::console::cert_types::show,
        )
        .post(
            "/console/certificate-types",
            Staff(P::ManageCertificateTypes),
            pages::console::cert_types::register,
        )
        .post(
            "/console/certificate-types/{type}/issuers",
            Staff(P::ManageCertificateTypes),
            pages::console::cert_types::issuer,
        )
        .post(
            "/console/departments/{id}/signing-key",
            Staff(P::ManageCertificates),
            pages::console::certificates::rotate,
        )
        // 帮办代办 (pages/console/assist.rs; the form itself is pages/apply/ under the consent)
        .get(
            "/console/assist",
            Staff(P::AssistApplicants),
            pages::console::assist::start,
        )
        .post(
            "/console/assist",
            Staff(P::AssistApplicants),
            pages::console::assist::request,
        )
        .get(
            "/console/assist/{id}",
            Staff(P::AssistApplicants),
            pages::console::assist::show,
        )
        .post(
            "/console/assist/{id}/confirm",
            Staff(P::AssistApplicants),
            pages::console::assist::confirm,
        )
        .post(
            "/console/assist/{id}/cancel",
            Staff(P::AssistApplicants),
            pages::console::assist::cancel,
        )
        .get(
            "/console/assist/{consent}/items/{id}/apply",
            Staff(P::AssistApplicants),
            pages::apply::start,
        )
        .get(
            "/console/assist/{consent}/items/{id}/apply/check",
            Staff(P::AssistApplicants),
            pages::apply::check,
        )
        .post(
            "/console/assist/{consent}/items/{id}/apply/submit",
            Staff(P::AssistApplicants),
            pages::apply::submit,
        )
        .get(
            "/console/assist/{consent}/items/{id}/apply/{section}",
            Staff(P::AssistApplicants),
            pages::apply::section_form,
        )
        .upload(
            "/console/assist/{consent}/items/{id}/apply/{section}",
            Staff(P::AssistApplicants),
            pages::apply::section_save,
        )
        // The form builder (pages/console/forms/)
        .get(
            "/console/items/{id}/form",
            Staff(P::EditForms),
            pages::console::forms::overview,
        )
        .post(
            "/console/items/{id}/form/draft",
            Staff(P::EditForms),
            pages::console::forms::start,
        )
        .post(
            "/console/items/{id}/form/sections",
            Staff(P::EditForms),
            pages::console::forms::outline_save,
        )
        .get(
            "/console/items/{id}/form/fields/{field}",
            Staff(P::EditForms),
            pages::console::forms::field_form,
        )
        .post(
            "/console/items/{id}/form/fields/{field}",
            Staff(P::EditForms),
            pages::console::forms::field_save,
        )
        .get(
            "/console/items/{id}/form/workflow",
            Staff(P::EditForms),
            pages::console::forms::workflow,
        )
        .post(
            "/console/items/{id}/form/workflow",
            Staff(P::EditForms),
            pages::console::forms::workflow_save,
        )
        .get(
            "/console/items/{id}/form/rules",
            Staff(P::EditForms),
            pages::console::forms::rules,
        )
        .post(
            "/console/items/{id}/form/rules",
            Staff(P::EditForms),
            pages::console::forms::rules_save,
        )
        .get(
            "/console/items/{id}/form/rules/{rule}",
            Staff(P::EditForms),
            pages::console::forms::rule_form,
        )
        .post(
            "/console/items/{id}/form/rules/{rule}",
            Staff(P::EditForms),
            pages::console::forms::rule_save,
        )
        .get(
            "/console/items/{id}/form/dry-run",
            Staff(P::EditForms),
            pages::console::forms::dry_run_form,
        )
        .post(
            "/console/items/{id}/form/dry-run",
            Staff(P::EditForms),
            pages::console::forms::dry_run,
        )
        .get(
            "/console/items/{id}/form/preview",
            Staff(P::EditForms),
            pages::console::forms::preview,
        )
        .get(
            "/console/items/{id}/form/preview/{section}",
            Staff(P::EditForms),
            pages::console::forms::preview_section,
        )
        .get(
            "/console/items/{id}/form/publish",
            Staff(P::EditForms),
            pages::console::forms::publish_form,
        )
        .post(
            "/console/items/{id}/form/publish",
            Staff(P::EditForms),
            pages::console::forms::publish,
        )
        // JSON API
        .get("/api/v1/items/{id}/form", Public, api::applications::form)
        .get(
            "/api/v1/items/{id}/draft",
            Citizen,
            api::applications::get_draft,
        )
        .put(
            "/api/v1/items/{id}/draft",
            Citizen,
            api::applications::put_draft,
        )
        .post(
            "/api/v1/items/{id}/applications",
            Citizen,
            api::applications::submit,
        )
        .upload("/api/v1/uploads", Citizen, api::applications::upload)
        .post(
            "/api/v1/assist",
            Staff(P::AssistApplicants),
            api::assist::request,
        )
        .get(
            "/api/v1/assist",
            Staff(P::AssistApplicants),
            api::assist::list,
        )
        .get(
            "/api/v1/assist/{id}",
            Staff(P::AssistApplicants),
            api::assist::show,
        )
        .post(
            "/api/v1/assist/{id}/confirm",
            Staff(P::AssistApplicants),
            api::assist::confirm,
        )
        .post(
            "/api/v1/assist/{id}/cancel",
            Staff(P::AssistApplicants),
            api::assist::cancel,
        )
        .upload(
            "/api/v1/assist/{id}/uploads",
            Staff(P::AssistApplicants),
            api::assist::upload,
        )
        .post(
            "/api/v1/assist/{id}/application",
            Staff(P::AssistApplicants),
            api::assist::submit,
        )
        .get("/api/v1/me/cases", Citizen, api::applications::my_cases)
        .get("/api/v1/me/cases/{id}", Citizen, api::applications::my_case)
        .post(
            "/api/v1/me/cases/{id}/actions",
            Citizen,
            api::applications::my_case_action,
        )
        .get(
            "/api/v1/me/certificates",
            Citizen,
            api::applications::my_certificates,
        )
        .get(
            "/api/v1/cases",
            Staff(P::HandleCases),
            api::applications::queue,
        )
        .post(
            "/api/v1/cases/{id}/actions",
            Staff(P::HandleCases),
            api::applications::case_action,
        )
        .get("/api/v1/track", Public, api::applications::track)
        .post(
            "/api/v1/certificates/verify",
            Public,
            api::applications::verify,
        )
        .post(
            "/api/v1/certificates/{id}/revoke",
            Staff(P::ManageCertificates),
            api::applications::revoke,
        )
        .post(
            "/api/v1/admin/departments/{id}/signing-key",
            Staff(P::ManageCertificates),
            api::applications::rotate_key,
        )
        .get(
            "/api/v1/admin/items/{id}/forms",
            Staff(P::EditForms),
            api::forms::versions,
        )
        .put(
            "/api/v1/admin/items/{id}/forms/draft",
            Staff(P::EditForms),
            api::forms::save_draft,
        )
        .post(
            "/api/v1/admin/items/{id}/forms/publish",
            Staff(P::EditForms),
            api::forms::publish,
        )
        .post(
            "/api/v1/admin/items/{id}/forms/dry-run",
            Staff(P::EditForms),
            api::forms::dry_run,
        )
        .console_tally(ConsoleTally {
            order: 10,
            count: crate::services::tally::cases,
        })
        .console_section(ConsoleSection {
            order: 30,
            label: |t| t.console_cases_title(),
            // One entry for the case pages: the queue, else the overdue board, else the
            // calendar.
            link: |app, p| {
                let actor = p.actor();
                let handles = allows_somewhere(actor, P::HandleCases);
                let supervises = allows_somewhere(actor, P::SuperviseCases);
                let root = Scope::region(app.config.root_region.clone());
                let calendar = p.may(P::ManageCalendar, &root);
                (handles || supervises || calendar).then_some(match (handles, supervises) {
                    (true, _) => "/console/cases",
                    (false, true) => "/console/overdue",
                    (false, false) => "/console/calendar",
                })
            },
        })
        .console_section(ConsoleSection {
            order: 90,
            label: |t| t.certs_console_title(),
            link: |_, p| {
                allows_somewhere(p.actor(), P::ManageCertificates)
                    .then_some("/console/certificates")
            },
        })
        .console_section(ConsoleSection {
            order: 95,
            label: |t| t.cert_types_title(),
            link: |app, p| {
                let root = Scope::region(app.config.root_region.clone());
                p.may(P::ManageCertificateTypes, &root)
                    .then_some("/console/certificate-types")
            },
        })
        .console_section(ConsoleSection {
            order: 100,
            label: |t| t.assist_title(),
            link: |_, p| {
                allows_somewhere(p.actor(), P::AssistApplicants).then_some("/console/assist")
            },
        })
}
