//! Staff accounts in the console: created by admins with a first role, roles granted and
//! revoked within the admin's own scope, accounts disabled (ACC-2). Nobody changes their own
//! roles or status.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::auth::Role;
use yiwang_domain::ids::{AccountId, GrantId};
use yiwang_domain::paging::Page;
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_store::departments::Department;
use yiwang_store::staff::{GrantRow, Holder, StaffSummary};

use crate::services::staff_members::{self, GrantInput, StaffInput};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "console/staff.html")]
struct ListPage {
    l: Layout,
    nav: Vec<NavLink>,
    staff: Vec<StaffSummary>,
    pager: Pager,
}

/// `GET /console/staff`: platform admins see everyone, department admins their department.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let (_, grants) = ctx.principal.staff().ok_or_else(Error::forbidden)?;
    let page = Page::new(q.page, None, 50)?;
    let department = if grants.iter().any(|g| g.role == Role::PlatformAdmin) {
        None
    } else {
        Some(
            grants
                .iter()
                .find(|g| g.role == Role::DeptAdmin)
                .and_then(|g| g.department)
                .ok_or_else(Error::forbidden)?,
        )
    };
    let (staff, total) = app.store.list_staff(department, page).await?;
    let l = Layout::new(&app, &ctx, ctx.t().console_staff(), Section::Console).await;
    html(&ListPage {
        nav: nav(&app, &ctx, "/console/staff"),
        l,
        staff,
        pager: Pager::new("/console/staff", page, total),
    })
}

#[derive(Template)]
#[template(path = "console/staff_form.html")]
struct FormPage {
    l: Layout,
    nav: Vec<NavLink>,
    f: StaffInput,
    departments: Vec<Department>,
    roles: Vec<(&'static str, &'static str)>,
    errors: FormErrors,
}

async fn departments(app: &AppState) -> Result<Vec<Department>, Error> {
    Ok(app
        .store
        .list_departments(
            &app.config.root_region,
            "",
            Page::new(Some(1), Some(100), 100)?,
        )
        .await?
        .0)
}

fn roles(ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
    let t = ctx.t();
    Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Observer)
        .map(|r| (r.as_str(), t.role(r)))
        .collect()
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    f: StaffInput,
    errors: FormErrors,
) -> Result<FormPage, Error> {
    let l = Layout::new(app, ctx, ctx.t().new_staff(), Section::Console).await;
    Ok(FormPage {
        nav: nav(app, ctx, "/console/staff"),
        l,
        f,
        departments: departments(app).await?,
        roles: roles(ctx),
        errors,
    })
}

/// `GET /console/staff/new`.
pub async fn new_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let f = StaffInput {
        region: app.config.root_region.to_string(),
        ..Default::default()
    };
    html(&form_page(&app, &ctx, f, FormErrors::default()).await?)
}

/// `POST /console/staff`: creates the account with its first role.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<StaffInput>,
) -> Result<Response, Error> {
    match staff_members::create(&app, &ctx, &f).await {
        Ok(id) => Ok(yiwang_kit::respond::see_other(&format!(
            "/console/staff/{id}"
        ))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            html_invalid(&form_page(&app, &ctx, f, FormErrors::from_error(&e, ctx.t())).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "console/staff_show.html")]
struct ShowPage {
    l: Layout,
    nav: Vec<NavLink>,
    id: AccountId,
    username: String,
    display_name: String,
    active: bool,
    is_self: bool,
    grants: Vec<GrantRow>,
    departments: Vec<Department>,
    roles: Vec<(&'static str, &'static str)>,
    f: GrantInput,
    errors: FormErrors,
}

async fn show_page(
    app: &AppState,
    ctx: &Ctx,
    id: AccountId,
    f: GrantInput,
    errors: FormErrors,
) -> Result<ShowPage, Error> {
    let p = app.store.profile(id).await?;
    let l = Layout::new(
        app,
        ctx,
        p.display_name.clone().unwrap_or_default(),
        Section::Console,
    )
    .await;
    Ok(ShowPage {
        nav: nav(app, ctx, "/console/staff"),
        l,
        id,
        username: p.username.unwrap_or_default(),
        display_name: p.display_name.unwrap_or_default(),
        active: p.active,
        is_self: ctx.principal.account() == Some(id),
        grants: app.store.grant_rows(Holder::Account(id)).await?,
        departments: departments(app).await?,
        roles: roles(ctx),
        f,
        errors,
    })
}

/// `GET /console/staff/{id}`.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AccountId>,
) -> Result<Response, Error> {
    let (id, _) = staff_members::manageable(&app, &ctx, id).await?;
    let f = GrantInput {
        region: app.config.root_region.to_string(),
        ..Default::default()
    };
    html(&show_page(&app, &ctx, id, f, FormErrors::default()).await?)
}

/// `POST /console/staff/{id}/grants`.
pub async fn grant(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AccountId>,
    Form(f): Form<GrantInput>,
) -> Result<Response, Error> {
    match staff_members::grant(&app, &ctx, id, &f).await {
        Ok(()) => Ok(see_other(&format!("/console/staff/{id}"))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            html_invalid(&show_page(&app, &ctx, id, f, FormErrors::from_error(&e, ctx.t())).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/staff/{id}/grants/{grant}/revoke`.
pub async fn revoke(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, grant)): Path<(AccountId, GrantId)>,
) -> Result<Response, Error> {
    staff_members::revoke(&app, &ctx, id, grant).await?;
    Ok(see_other(&format!("/console/staff/{id}")))
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct StatusForm {
    active: String,
}

/// `POST /console/staff/{id}/status`: disables (ending every session) or re-enables.
pub async fn set_status(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AccountId>,
    Form(f): Form<StatusForm>,
) -> Result<Response, Error> {
    let active = match f.active.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(Error::field("active", FieldCode::InvalidChoice)),
    };
    staff_members::set_active(&app, &ctx, id, active).await?;
    Ok(see_other(&format!("/console/staff/{id}")))
}
