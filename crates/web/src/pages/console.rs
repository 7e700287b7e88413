//! The staff console's entry: login with password and authenticator code, authenticator
//! enrolment, and the dashboard (OPS-1).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::auth::{Permission, Scope, allows_somewhere};
use yiwang_domain::job::JobStatus;
use yiwang_domain::paging::Page;
use yiwang_domain::{ErrorCode, Timestamp};
use yiwang_store::staff::{GrantRow, Holder};

use crate::error::Error;
use crate::extract::{Form, Query};

use crate::pipeline::{Ctx, safe_next};
use crate::services::Caller;
use crate::services::staff::{self as staff_service, StaffLogin};
use crate::state::AppState;
use crate::views::layout::Section;
use crate::views::{FormErrors, Layout, html, html_invalid};

/// A link in the console's navigation.
pub struct NavLink {
    /// Where.
    pub href: &'static str,
    /// Label.
    pub label: &'static str,
    /// Whether it is the current section.
    pub current: bool,
}

/// The console sections the caller may open.
pub fn nav(app: &AppState, ctx: &Ctx, current: &str) -> Vec<NavLink> {
    let t = ctx.t();
    let actor = ctx.principal.actor();
    let root = Scope::region(app.config.root_region.clone());
    let mut links = vec![
        ("/console", t.console_overview(), true),
        ("/console/departments", t.console_departments(), true),
    ];
    // One entry for the case pages: the queue, else the overdue board, else the calendar.
    let handles = allows_somewhere(actor, Permission::HandleCases);
    let supervises = allows_somewhere(actor, Permission::SuperviseCases);
    let calendar = ctx.principal.may(Permission::ManageCalendar, &root);
    links.push((
        match (handles, supervises) {
            (true, _) => "/console/cases",
            (false, true) => "/console/overdue",
            (false, false) => "/console/calendar",
        },
        t.console_cases_title(),
        handles || supervises || calendar,
    ));
    links.push((
        "/console/items",
        t.console_items(),
        allows_somewhere(actor, Permission::EditItems),
    ));
    links.push((
        "/console/catalog",
        t.console_catalog_io(),
        ctx.principal.may(Permission::ImportCatalog, &root),
    ));
    links.push((
        "/console/aliases",
        t.console_aliases(),
        ctx.principal.may(Permission::CurateCatalog, &root),
    ));
    links.push((
        "/console/life-events",
        t.console_life_events(),
        ctx.principal.may(Permission::CurateCatalog, &root),
    ));
    links.push((
        "/console/staff",
        t.console_staff(),
        allows_somewhere(actor, Permission::ManageStaff),
    ));
    links.push((
        "/console/certificates",
        t.certs_console_title(),
        allows_somewhere(actor, Permission::ManageCertificates),
    ));
    links.push((
        "/console/assist",
        t.assist_title(),
        allows_somewhere(actor, Permission::AssistApplicants),
    ));
    links.push((
        "/console/citizens",
        t.console_citizen_lookup(),
        allows_somewhere(actor, Permission::LookupCitizen),
    ));
    links.push((
        "/console/audit",
        t.console_audit(),
        allows_somewhere(actor, Permission::ReadAudit),
    ));
    links.push((
        "/console/jobs",
        t.console_jobs(),
        ctx.principal.may(Permission::ManageJobs, &root),
    ));
    links.push((
        "/console/clients",
        t.console_clients(),
        ctx.principal.may(Permission::ManageApiClients, &root),
    ));
    links.push((
        "/console/dev-messages",
        t.console_dev_messages(),
        app.config.dev_senders && ctx.principal.may(Permission::ReadDevOutbox, &root),
    ));
    links
        .into_iter()
        .filter(|(_, _, ok)| *ok)
        .map(|(href, label, _)| NavLink {
            href,
            label,
            current: href == current,
        })
        .collect()
}

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct LoginQuery {
    next: Option<String>,
    expired: Option<String>,
    out: Option<String>,
}

#[derive(Template)]
#[template(path = "console/login.html")]
struct LoginPage {
    l: Layout,
    username: String,
    next: String,
    notice: Option<&'static str>,
    errors: FormErrors,
}

/// `GET /console/login`.
pub async fn login_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LoginQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let notice = if q.expired.is_some() {
        Some(t.session_expired_notice())
    } else if q.out.is_some() {
        Some(t.logged_out_notice())
    } else {
        None
    };
    let l = Layout::new(&app, &ctx, t.console_login_title(), Section::Console).await;
    html(&LoginPage {
        l,
        username: String::new(),
        next: safe_next(q.next.as_deref()),
        notice,
        errors: FormErrors::default(),
    })
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
    next: Option<String>,
}

/// `POST /console/login`.
pub async fn login(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LoginForm>,
) -> Result<Response, Error> {
    let next = safe_next(f.next.as_deref());
    let next = if next.starts_with("/console") {
        next
    } else {
        "/console".to_owned()
    };
    match staff_service::login(&app, &Caller::from(&ctx), &f.username, &f.password, &f.code).await {
        Ok(StaffLogin::LoggedIn(s)) => Ok(super::with_session(&app, &s.token, &next)),
        Ok(StaffLogin::MustEnrol(s)) => Ok(super::with_session(&app, &s.token, "/console/enrol")),
        Err(Error::Domain(e)) => {
            let t = ctx.t();
            let l = Layout::new(&app, &ctx, t.console_login_title(), Section::Console).await;
            let mut errors = FormErrors::from_error(&e, t);
            if e.code == ErrorCode::TotpRequired || e.code == ErrorCode::InvalidTotp {
                errors
                    .items
                    .push(("code".into(), t.error(e.code).to_owned()));
                errors.general = None;
            }
            let mut res = html_invalid(&LoginPage {
                l,
                username: f.username,
                next,
                notice: None,
                errors,
            })?;
            *res.status_mut() = crate::error::status_of(e.code);
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "console/enrol.html")]
struct EnrolPage {
    l: Layout,
    qr: String,
    secret: String,
    errors: FormErrors,
}

async fn enrol_page(app: &AppState, ctx: &Ctx, errors: FormErrors) -> Result<EnrolPage, Error> {
    let session = ctx
        .principal
        .session()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))?;
    let (secret, url) = staff_service::enrolment(app, session).await?;
    let l = Layout::new(app, ctx, ctx.t().enrol_title(), Section::Console).await;
    Ok(EnrolPage {
        l,
        qr: crate::qr::svg(&url)?,
        secret: yiwang_crypto::totp::secret_base32(&secret),
        errors,
    })
}

/// `GET /console/enrol`: the QR code to scan.
pub async fn enrol_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(&enrol_page(&app, &ctx, FormErrors::default()).await?)
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    code: String,
}

/// `POST /console/enrol`: confirms with the first code.
pub async fn enrol(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<EnrolForm>,
) -> Result<Response, Error> {
    let session = ctx
        .principal
        .session()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))?
        .clone();
    match staff_service::confirm_enrolment(&app, &Caller::from(&ctx), &session, &f.code).await {
        Ok(()) => Ok(super::see_other("/console")),
        Err(Error::Domain(e)) => {
            let mut errors = FormErrors::default();
            errors
                .items
                .push(("code".into(), ctx.t().error(e.code).to_owned()));
            html_invalid(&enrol_page(&app, &ctx, errors).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "console/dashboard.html")]
struct DashboardPage {
    l: Layout,
    nav: Vec<NavLink>,
    name: String,
    grants: Vec<GrantRow>,
    citizens: i64,
    sessions: i64,
    dead_jobs: i64,
    outbox_lag: u64,
}

/// `GET /console`.
pub async fn dashboard(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let (account, _) = ctx.principal.staff().ok_or_else(Error::forbidden)?;
    let s = &app.store;
    let profile = s.profile(account).await?;
    let (_, dead_jobs) = s
        .list_jobs(JobStatus::Dead, Page::new(Some(1), Some(1), 1)?)
        .await?;
    let l = Layout::new(&app, &ctx, ctx.t().console_title(), Section::Console).await;
    html(&DashboardPage {
        nav: nav(&app, &ctx, "/console"),
        name: profile.display_name.unwrap_or_default(),
        grants: s.grant_rows(Holder::Account(account)).await?,
        citizens: s.count_citizens().await?,
        sessions: s.count_sessions().await?,
        dead_jobs,
        outbox_lag: s.outbox_lag(Timestamp::now()).await?.as_secs(),
        l,
    })
}
