//! The staff console's home page (OPS-1).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::Timestamp;
use yiwang_domain::job::JobStatus;
use yiwang_domain::paging::Page;
use yiwang_store::staff::{GrantRow, Holder};

use yiwang_kit::error::Error;

use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::state::AppState;
use yiwang_kit::table::TallyLine;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

#[derive(Template)]
#[template(path = "console/dashboard.html")]
struct DashboardPage {
    l: Layout,
    nav: Vec<NavLink>,
    name: String,
    grants: Vec<GrantRow>,
    /// What waits for the caller, from every capability, before the platform's counters.
    waiting: Vec<TallyLine>,
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
        waiting: yiwang_kit::console::waiting(&app, &ctx).await?,
        citizens: s.count_citizens().await?,
        sessions: s.count_sessions().await?,
        dead_jobs,
        outbox_lag: s.outbox_lag(Timestamp::now()).await?.as_secs(),
        l,
    })
}
