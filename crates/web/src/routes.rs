//! Every route of the platform, each declared once with who may use it. The same table builds
//! the router and is walked by the authorisation test, so a route cannot exist without an
//! access rule.

use axum::Router;
use axum::handler::Handler;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodFilter, MethodRouter, on};
use http::Method;
use yiwang_domain::auth::Permission as P;

use crate::auth::{Access, check};
use crate::pipeline::Ctx;
use crate::state::AppState;
use crate::{api, assets, metrics, ops, pages};

/// The largest upload body: a whole catalogue as JSON with its guides, or an application
/// section with its files (each at most 20 MiB, `services::applications::uploads`).
pub const UPLOAD_LIMIT: usize = 24 * 1024 * 1024;

/// One route: method, path template and access rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSpec {
    /// HTTP method.
    pub method: Method,
    /// Path template, axum syntax (`/departments/{id}`).
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
}

/// Builds the router and the list of routes together.
pub struct Table {
    router: Router<AppState>,
    specs: Vec<RouteSpec>,
}

async fn enforce(
    axum::extract::State(access): axum::extract::State<Access>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let Some(ctx) = req.extensions().get::<Ctx>() else {
        return crate::error::Error::Internal("request context missing".into()).into_response();
    };
    match check(access, &ctx.principal, ctx.session_expired) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

impl Table {
    fn new() -> Table {
        Table {
            router: Router::new(),
            specs: Vec::new(),
        }
    }

    fn add<H, T>(mut self, method: Method, path: &'static str, access: Access, handler: H) -> Table
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = match method {
            Method::GET => MethodFilter::GET,
            Method::POST => MethodFilter::POST,
            Method::PUT => MethodFilter::PUT,
            Method::DELETE => MethodFilter::DELETE,
            _ => MethodFilter::PATCH,
        };
        let route: MethodRouter<AppState> =
            on(filter, handler).route_layer(from_fn_with_state(access, enforce));
        self.router = self.router.route(path, route);
        self.specs.push(RouteSpec {
            method,
            path,
            access,
        });
        self
    }

    fn get<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        self.add(Method::GET, path, access, h)
    }

    fn post<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        self.add(Method::POST, path, access, h)
    }

    /// A POST taking a file upload: up to [`UPLOAD_LIMIT`] bytes instead of the usual limit.
    fn upload<H: Handler<T, AppState>, T: 'static>(
        mut self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        let route: MethodRouter<AppState> = on(MethodFilter::POST, h)
            .route_layer(from_fn_with_state(access, enforce))
            .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT));
        self.router = self.router.route(path, route);
        self.specs.push(RouteSpec {
            method: Method::POST,
            path,
            access,
        });
        self
    }

    fn put<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        self.add(Method::PUT, path, access, h)
    }

    fn delete<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        self.add(Method::DELETE, path, access, h)
    }
}

fn table() -> Table {
    use Access::*;
    Table::new()
        // Operations
        .get("/healthz", Public, ops::healthz)
        .get("/readyz", Public, ops::readyz)
        .get("/metrics", Public, metrics::scrape)
        .get("/static/{name}", Public, assets::serve)
        .get("/robots.txt", Public, ops::robots)
        // Public pages
        .get("/", Public, pages::home::home)
        .get("/search", Public, pages::services::search_page)
        .get("/services", Public, pages::services::home)
        .get("/items", Public, pages::services::browse)
        .get("/items/{id}", Public, pages::services::guide)
        .get("/items/{id}/{file}", Public, pages::services::qr)
        .get("/life-events", Public, pages::services::life_events)
        .get("/life-events/{stage}", Public, pages::services::life_event)
        .post("/settings", Public, pages::home::settings)
        .get("/help/accessibility", Public, pages::home::accessibility)
        .get("/departments", Public, pages::directory::departments)
        .get("/departments/{id}", Public, pages::directory::department)
        .get("/regions", Public, pages::directory::regions_root)
        .get("/regions/{code}", Public, pages::directory::region)
        .get("/dev/messages", Public, pages::dev::messages)
        // Citizen accounts
        .get("/account/register", Public, pages::account::register_form)
        .post(
            "/account/register",
            Public,
            pages::account::register_send_code,
        )
        .post(
            "/account/register/complete",
            Public,
            pages::account::register_complete,
        )
        .get("/account/login", Public, pages::account::login_form)
        .post("/account/login", Public, pages::account::login)
        .post("/account/logout", Public, pages::account::logout)
        .get("/account/reset", Public, pages::account::reset_form)
        .post("/account/reset", Public, pages::account::reset_send_code)
        .post(
            "/account/reset/complete",
            Public,
            pages::account::reset_complete,
        )
        .get("/account", Citizen, pages::profile::profile)
        .get("/account/verify", Citizen, pages::profile::verify_form)
        .post("/account/verify", Citizen, pages::profile::verify)
        .get("/account/password", Account, pages::profile::password_form)
        .post(
            "/account/password",
            Account,
            pages::profile::change_password,
        )
        .get("/account/messages", Account, pages::profile::messages)
        .post(
            "/account/messages/read-all",
            Account,
            pages::profile::read_all,
        )
        .post(
            "/account/messages/{id}/read",
            Account,
            pages::profile::read_one,
        )
        .get("/account/access-log", Citizen, pages::profile::access_log)
        .get("/account/enterprises", Citizen, pages::enterprises::list)
        .post("/account/enterprises", Citizen, pages::enterprises::create)
        .get(
            "/account/enterprises/{id}",
            Citizen,
            pages::enterprises::show,
        )
        .post(
            "/account/enterprises/{id}/agents",
            Citizen,
            pages::enterprises::authorise,
        )
        .post(
            "/account/enterprises/{id}/agents/{account}/revoke",
            Citizen,
            pages::enterprises::revoke,
        )
        // Staff console
        .get("/console/login", Public, pages::console::login_form)
        .post("/console/login", Public, pages::console::login)
        .get("/console/enrol", StaffEnrolment, pages::console::enrol_form)
        .post("/console/enrol", StaffEnrolment, pages::console::enrol)
        .get(
            "/console",
            Staff(P::ConsoleAccess),
            pages::console::dashboard,
        )
        .get(
            "/console/departments",
            Staff(P::ConsoleAccess),
            pages::console_departments::list,
        )
        .get(
            "/console/departments/new",
            Staff(P::CreateDepartments),
            pages::console_departments::new_form,
        )
        .post(
            "/console/departments",
            Staff(P::CreateDepartments),
            pages::console_departments::create,
        )
        .get(
            "/console/departments/{id}",
            Staff(P::EditDepartment),
            pages::console_departments::edit_form,
        )
        .post(
            "/console/departments/{id}",
            Staff(P::EditDepartment),
            pages::console_departments::update,
        )
        .get(
            "/console/staff",
            Staff(P::ManageStaff),
            pages::console_staff::list,
        )
        .get(
            "/console/staff/new",
            Staff(P::ManageStaff),
            pages::console_staff::new_form,
        )
        .post(
            "/console/staff",
            Staff(P::ManageStaff),
            pages::console_staff::create,
        )
        .get(
            "/console/staff/{id}",
            Staff(P::ManageStaff),
            pages::console_staff::show,
        )
        .post(
            "/console/staff/{id}/grants",
            Staff(P::ManageStaff),
            pages::console_staff::grant,
        )
        .post(
            "/console/staff/{id}/grants/{grant}/revoke",
            Staff(P::ManageStaff),
            pages::console_staff::revoke,
        )
        .post(
            "/console/staff/{id}/status",
            Staff(P::ManageStaff),
            pages::console_staff::set_status,
        )
        .get(
            "/console/regions/{code}",
            Staff(P::ManageRegions),
            pages::console_ops::region,
        )
        .post(
            "/console/regions/{code}/communities",
            Staff(P::ManageRegions),
            pages::console_ops::add_community,
        )
        .get(
            "/console/citizens",
            Staff(P::LookupCitizen),
            pages::console_citizens::lookup_form,
        )
        .post(
            "/console/citizens",
            Staff(P::LookupCitizen),
            pages::console_citizens::lookup,
        )
        .get(
            "/console/citizens/{id}",
            Staff(P::LookupCitizen),
            pages::console_citizens::show,
        )
        .get(
            "/console/audit",
            Staff(P::ReadAudit),
            pages::console_ops::audit,
        )
        .get(
            "/console/jobs",
            Staff(P::ManageJobs),
            pages::console_ops::jobs,
        )
        .post(
            "/console/jobs/{id}/retry",
            Staff(P::ManageJobs),
            pages::console_ops::retry_job,
        )
        .get(
            "/console/clients",
            Staff(P::ManageApiClients),
            pages::console_ops::clients,
        )
        .post(
            "/console/clients",
            Staff(P::ManageApiClients),
            pages::console_ops::create_client,
        )
        .get(
            "/console/dev-messages",
            Staff(P::ReadDevOutbox),
            pages::console_ops::dev_messages,
        )
        // Applications (pages/apply/, cases/, certificates.rs, console_cases/)
        .get("/items/{id}/apply", Citizen, pages::apply::start)
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
            pages::console_cases::queue,
        )
        .post(
            "/console/cases/accept",
            Staff(P::HandleCases),
            pages::console_cases::bulk_accept,
        )
        .get(
            "/console/cases/{id}",
            Staff(P::HandleCases),
            pages::console_cases::show,
        )
        .post(
            "/console/cases/{id}",
            Staff(P::HandleCases),
            pages::console_cases::act,
        )
        .get(
            "/console/overdue",
            Staff(P::SuperviseCases),
            pages::console_cases::overdue,
        )
        .get(
            "/console/calendar",
            Staff(P::ManageCalendar),
            pages::console_cases::calendar,
        )
        .upload(
            "/console/calendar",
            Staff(P::ManageCalendar),
            pages::console_cases::calendar_load,
        )
        .get(
            "/console/certificates",
            Staff(P::ManageCertificates),
            pages::console_certificates::show,
        )
        .post(
            "/console/certificates/{id}/revoke",
            Staff(P::ManageCertificates),
            pages::console_certificates::revoke,
        )
        .post(
            "/console/departments/{id}/signing-key",
            Staff(P::ManageCertificates),
            pages::console_certificates::rotate,
        )
        // 帮办代办 (pages/console_assist.rs; the form itself is pages/apply/ under the consent)
        .get(
            "/console/assist",
            Staff(P::AssistApplicants),
            pages::console_assist::start,
        )
        .post(
            "/console/assist",
            Staff(P::AssistApplicants),
            pages::console_assist::request,
        )
        .get(
            "/console/assist/{id}",
            Staff(P::AssistApplicants),
            pages::console_assist::show,
        )
        .post(
            "/console/assist/{id}/confirm",
            Staff(P::AssistApplicants),
            pages::console_assist::confirm,
        )
        .post(
            "/console/assist/{id}/cancel",
            Staff(P::AssistApplicants),
            pages::console_assist::cancel,
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
        // Catalogue console (pages/console_items.rs, console_item_history.rs, console_catalog.rs)
        .get(
            "/console/items",
            Staff(P::EditItems),
            pages::console_items::list,
        )
        .get(
            "/console/items/new",
            Staff(P::EditItems),
            pages::console_items::new_form,
        )
        .post(
            "/console/items",
            Staff(P::EditItems),
            pages::console_items::create,
        )
        .get(
            "/console/items/{id}",
            Staff(P::EditItems),
            pages::console_items::edit_form,
        )
        .post(
            "/console/items/{id}",
            Staff(P::EditItems),
            pages::console_items::update,
        )
        .get(
            "/console/items/{id}/history",
            Staff(P::EditItems),
            pages::console_item_history::history,
        )
        .get(
            "/console/items/{id}/versions/{n}",
            Staff(P::EditItems),
            pages::console_item_history::version,
        )
        .get(
            "/console/items/{id}/withdraw",
            Staff(P::EditItems),
            pages::console_item_history::withdraw_form,
        )
        .post(
            "/console/items/{id}/withdraw",
            Staff(P::EditItems),
            pages::console_item_history::withdraw,
        )
        .get(
            "/console/catalog",
            Staff(P::ImportCatalog),
            pages::console_catalog::catalog,
        )
        .upload(
            "/console/catalog/import",
            Staff(P::ImportCatalog),
            pages::console_catalog::import,
        )
        .get(
            "/console/catalog/export.csv",
            Staff(P::ImportCatalog),
            pages::console_catalog::export_csv,
        )
        .get(
            "/console/catalog/export.json",
            Staff(P::ImportCatalog),
            pages::console_catalog::export_json,
        )
        .get(
            "/console/aliases",
            Staff(P::CurateCatalog),
            pages::console_catalog::aliases,
        )
        .post(
            "/console/aliases",
            Staff(P::CurateCatalog),
            pages::console_catalog::set_aliases,
        )
        .get(
            "/console/life-events",
            Staff(P::CurateCatalog),
            pages::console_catalog::life_events,
        )
        .get(
            "/console/life-events/{stage}",
            Staff(P::CurateCatalog),
            pages::console_catalog::life_event,
        )
        .post(
            "/console/life-events/{stage}",
            Staff(P::CurateCatalog),
            pages::console_catalog::set_life_event,
        )
        // Online application builder (pages/console_forms/)
        .get(
            "/console/items/{id}/form",
            Staff(P::EditForms),
            pages::console_forms::overview,
        )
        .post(
            "/console/items/{id}/form/draft",
            Staff(P::EditForms),
            pages::console_forms::start,
        )
        .post(
            "/console/items/{id}/form/sections",
            Staff(P::EditForms),
            pages::console_forms::outline_save,
        )
        .get(
            "/console/items/{id}/form/fields/{field}",
            Staff(P::EditForms),
            pages::console_forms::field_form,
        )
        .post(
            "/console/items/{id}/form/fields/{field}",
            Staff(P::EditForms),
            pages::console_forms::field_save,
        )
        .get(
            "/console/items/{id}/form/workflow",
            Staff(P::EditForms),
            pages::console_forms::workflow,
        )
        .post(
            "/console/items/{id}/form/workflow",
            Staff(P::EditForms),
            pages::console_forms::workflow_save,
        )
        .get(
            "/console/items/{id}/form/rules",
            Staff(P::EditForms),
            pages::console_forms::rules,
        )
        .post(
            "/console/items/{id}/form/rules",
            Staff(P::EditForms),
            pages::console_forms::rules_save,
        )
        .get(
            "/console/items/{id}/form/rules/{rule}",
            Staff(P::EditForms),
            pages::console_forms::rule_form,
        )
        .post(
            "/console/items/{id}/form/rules/{rule}",
            Staff(P::EditForms),
            pages::console_forms::rule_save,
        )
        .get(
            "/console/items/{id}/form/dry-run",
            Staff(P::EditForms),
            pages::console_forms::dry_run_form,
        )
        .post(
            "/console/items/{id}/form/dry-run",
            Staff(P::EditForms),
            pages::console_forms::dry_run,
        )
        .get(
            "/console/items/{id}/form/preview",
            Staff(P::EditForms),
            pages::console_forms::preview,
        )
        .get(
            "/console/items/{id}/form/preview/{section}",
            Staff(P::EditForms),
            pages::console_forms::preview_section,
        )
        .get(
            "/console/items/{id}/form/publish",
            Staff(P::EditForms),
            pages::console_forms::publish_form,
        )
        .post(
            "/console/items/{id}/form/publish",
            Staff(P::EditForms),
            pages::console_forms::publish,
        )
        // (end of catalogue console)
        // JSON API
        .get("/api/v1/openapi.json", Public, api::openapi_json)
        .post("/api/v1/auth/sms-codes", Public, api::auth::request_code)
        .post("/api/v1/auth/register", Public, api::auth::register)
        .post("/api/v1/auth/tokens", Public, api::auth::issue_token)
        .delete(
            "/api/v1/auth/tokens/current",
            Account,
            api::auth::revoke_current,
        )
        .post(
            "/api/v1/auth/password-reset",
            Public,
            api::auth::reset_password,
        )
        .get("/api/v1/me", Account, api::me::me)
        .put("/api/v1/me/password", Account, api::me::change_password)
        .post("/api/v1/me/real-name", Citizen, api::me::verify_real_name)
        .get("/api/v1/me/messages", Account, api::me::messages)
        .post(
            "/api/v1/me/messages/{id}/read",
            Account,
            api::me::read_message,
        )
        .get("/api/v1/me/access-log", Citizen, api::me::access_log)
        .get("/api/v1/me/enterprises", Citizen, api::me::enterprises)
        .post(
            "/api/v1/me/enterprises",
            Citizen,
            api::me::create_enterprise,
        )
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
        .get("/api/v1/regions", Public, api::directory::regions)
        .get("/api/v1/regions/{code}", Public, api::directory::region)
        .get("/api/v1/departments", Public, api::directory::departments)
        .get(
            "/api/v1/departments/{id}",
            Public,
            api::directory::department,
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
        .post(
            "/api/v1/admin/departments",
            Staff(P::CreateDepartments),
            api::admin::create_department,
        )
        .put(
            "/api/v1/admin/departments/{id}",
            Staff(P::EditDepartment),
            api::admin::update_department,
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
        .get(
            "/api/v1/admin/citizens/{id}",
            Staff(P::LookupCitizen),
            api::admin::citizen,
        )
}

/// The router with every route, without the pipeline layers (see [`crate::app`]).
pub fn router() -> Router<AppState> {
    table().router
}

/// Every route, for tests and documentation.
pub fn specs() -> Vec<RouteSpec> {
    table().specs
}
