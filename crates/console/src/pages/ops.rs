//! Operator pages of the console: the audit log, failed jobs, system clients, and the
//! development message log (OPS-3, OPS-4).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::ids::JobId;
use yiwang_domain::job::JobStatus;
use yiwang_domain::paging::Page;
use yiwang_domain::{ErrorCode, Timestamp};
use yiwang_store::audit::AuditEntry;
use yiwang_store::clients::ClientSummary;
use yiwang_store::dev_messages::DevMessage;
use yiwang_store::jobs::JobRow;

use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::pipeline::percent_encode;

use crate::services::ops;
use crate::texts::*;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

fn root(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    page: Option<i64>,
}

/// An audit row as shown.
pub struct AuditView {
    e: AuditEntry,
    when: String,
    what: &'static str,
}

#[derive(Template)]
#[template(path = "console/audit.html")]
struct AuditPage {
    l: Layout,
    nav: Vec<NavLink>,
    rows: Vec<AuditView>,
    actions: Vec<(&'static str, &'static str)>,
    q: AuditQuery,
    pager: Pager,
}

/// Parses `2026-11-22` as the start of that day in Beijing.
fn beijing_day(s: &str) -> Result<Option<Timestamp>, Error> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let parse = || -> Option<Timestamp> {
        let (y, m, d) = (
            parts.first()?.parse().ok()?,
            parts.get(1)?.parse::<u8>().ok()?,
            parts.get(2)?.parse().ok()?,
        );
        let date = time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()?;
        let t = date
            .with_hms(0, 0, 0)
            .ok()?
            .assume_offset(yiwang_domain::time::BEIJING);
        Some(Timestamp((t.unix_timestamp_nanos() / 1_000_000) as i64))
    };
    parse()
        .map(Some)
        .ok_or_else(|| Error::code(ErrorCode::InvalidQuery))
}

/// `GET /console/audit`: searches the log within the viewer's scope. The search itself is
/// recorded.
pub async fn audit(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Response, Error> {
    let search = ops::AuditSearch {
        action: match q.action.trim() {
            "" => None,
            a => Some(AuditAction::parse(a).ok_or_else(|| Error::code(ErrorCode::InvalidQuery))?),
        },
        actor: None,
        from: beijing_day(&q.from)?,
        to: beijing_day(&q.to)?.map(|t| t.plus(std::time::Duration::from_secs(86_400))),
    };
    let page = Page::new(q.page, None, 50)?;
    let (entries, total) = ops::search_audit(&app, &ctx, search, page).await?;
    let t = ctx.t();
    let rows = entries
        .into_iter()
        .map(|e| AuditView {
            when: e.at.display_minutes(),
            what: t.audit_action(e.action),
            e,
        })
        .collect();
    let actions = AuditAction::ALL
        .into_iter()
        .map(|a| (a.as_str(), t.audit_action(a)))
        .collect();
    let base = format!(
        "/console/audit?action={}&from={}&to={}",
        percent_encode(&q.action),
        percent_encode(&q.from),
        percent_encode(&q.to)
    );
    let l = Layout::new(&app, &ctx, t.console_audit(), Section::Console).await;
    html(&AuditPage {
        nav: nav(&app, &ctx, "/console/audit"),
        l,
        rows,
        actions,
        pager: Pager::new(&base, page, total),
        q,
    })
}

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct PageQuery {
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "console/jobs.html")]
struct JobsPage {
    l: Layout,
    nav: Vec<NavLink>,
    jobs: Vec<JobRow>,
    pager: Pager,
}

/// `GET /console/jobs`: dead letters.
pub async fn jobs(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    ctx.principal.require(Permission::ManageJobs, &root(&app))?;
    let page = Page::new(q.page, None, 50)?;
    let (jobs, total) = app.store.list_jobs(JobStatus::Dead, page).await?;
    let l = Layout::new(&app, &ctx, ctx.t().console_jobs(), Section::Console).await;
    html(&JobsPage {
        nav: nav(&app, &ctx, "/console/jobs"),
        l,
        jobs,
        pager: Pager::new("/console/jobs", page, total),
    })
}

/// `POST /console/jobs/{id}/retry`.
pub async fn retry_job(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<JobId>,
) -> Result<Response, Error> {
    ops::retry_job(&app, &ctx, id).await?;
    Ok(yiwang_kit::respond::see_other("/console/jobs"))
}

#[derive(Template)]
#[template(path = "console/clients.html")]
struct ClientsPage {
    l: Layout,
    nav: Vec<NavLink>,
    clients: Vec<ClientSummary>,
    token: Option<String>,
    name: String,
    errors: FormErrors,
}

async fn clients_page(
    app: &AppState,
    ctx: &Ctx,
    token: Option<String>,
    name: String,
    errors: FormErrors,
) -> Result<ClientsPage, Error> {
    let l = Layout::new(app, ctx, ctx.t().console_clients(), Section::Console).await;
    Ok(ClientsPage {
        nav: nav(app, ctx, "/console/clients"),
        l,
        clients: app.store.list_clients().await?,
        token,
        name,
        errors,
    })
}

/// `GET /console/clients`.
pub async fn clients(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    ctx.principal
        .require(Permission::ManageApiClients, &root(&app))?;
    html(&clients_page(&app, &ctx, None, String::new(), FormErrors::default()).await?)
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct ClientForm {
    #[serde(default)]
    name: String,
}

/// `POST /console/clients`: registers a system client with read-only access and shows its
/// token once.
pub async fn create_client(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ClientForm>,
) -> Result<Response, Error> {
    match ops::create_client(&app, &ctx, &f.name).await {
        Ok(token) => html(
            &clients_page(
                &app,
                &ctx,
                Some(token),
                String::new(),
                FormErrors::default(),
            )
            .await?,
        ),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => html_invalid(
            &clients_page(
                &app,
                &ctx,
                None,
                f.name,
                FormErrors::from_error(&e, ctx.t()),
            )
            .await?,
        ),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "console/dev_messages.html")]
struct DevPage {
    l: Layout,
    nav: Vec<NavLink>,
    messages: Vec<DevMessage>,
}

/// `GET /console/dev-messages`: what the development senders recorded.
pub async fn dev_messages(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let messages = ops::dev_messages(&app, &ctx).await?;
    let l = Layout::new(&app, &ctx, ctx.t().dev_messages_title(), Section::Console).await;
    html(&DevPage {
        nav: nav(&app, &ctx, "/console/dev-messages"),
        l,
        messages,
    })
}
