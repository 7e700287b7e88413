//! Departments in the console: platform admins create them, department admins edit their own
//! (ACC-2, REG-1). Edits carry the version they started from; a concurrent edit is refused.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::department::DepartmentInput;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::paging::Page;
use yiwang_store::departments::Department;

use crate::services::departments;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    page: Option<i64>,
}

/// A department row with what the viewer may do to it.
pub struct Row {
    d: Department,
    editable: bool,
}

#[derive(Template)]
#[template(path = "console/departments.html")]
struct ListPage {
    l: Layout,
    nav: Vec<NavLink>,
    rows: Vec<Row>,
    q: String,
    pager: Pager,
    can_create: bool,
}

/// `GET /console/departments`.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, None, 50)?;
    let (deps, total) = app
        .store
        .list_departments(&app.config.root_region, q.q.trim(), page)
        .await?;
    let rows = deps
        .into_iter()
        .map(|d| Row {
            editable: ctx.principal.may(
                Permission::EditDepartment,
                &Scope::department(d.id, d.region.clone()),
            ),
            d,
        })
        .collect();
    let can_create =
        yiwang_domain::auth::allows_somewhere(ctx.principal.actor(), Permission::CreateDepartments);
    let l = Layout::new(&app, &ctx, ctx.t().console_departments(), Section::Console).await;
    let base = format!("/console/departments?q={}", percent_encode(q.q.trim()));
    html(&ListPage {
        nav: nav(&app, &ctx, "/console/departments"),
        l,
        rows,
        q: q.q,
        pager: Pager::new(&base, page, total),
        can_create,
    })
}

/// The edit form's fields (a department plus the version the editor started from).
#[derive(Deserialize, Default)]
pub struct DepartmentForm {
    #[serde(flatten)]
    input: DepartmentInput,
    #[serde(default)]
    version: String,
}

#[derive(Template)]
#[template(path = "console/department_form.html")]
struct FormPage {
    l: Layout,
    nav: Vec<NavLink>,
    heading: &'static str,
    action: String,
    f: DepartmentForm,
    errors: FormErrors,
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    edit: Option<DepartmentId>,
    f: DepartmentForm,
    errors: FormErrors,
) -> Result<FormPage, Error> {
    let t = ctx.t();
    let (heading, action) = match edit {
        Some(id) => (t.edit_department(), format!("/console/departments/{id}")),
        None => (t.new_department(), "/console/departments".to_owned()),
    };
    let l = Layout::new(app, ctx, heading, Section::Console).await;
    Ok(FormPage {
        nav: nav(app, ctx, "/console/departments"),
        l,
        heading,
        action,
        f,
        errors,
    })
}

/// `GET /console/departments/new`.
pub async fn new_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let f = DepartmentForm {
        input: DepartmentInput {
            region: app.config.root_region.to_string(),
            ..Default::default()
        },
        version: String::new(),
    };
    html(&form_page(&app, &ctx, None, f, FormErrors::default()).await?)
}

/// `POST /console/departments`.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<DepartmentForm>,
) -> Result<Response, Error> {
    let result = departments::create_department(&app, &ctx, &f.input).await;
    match result {
        Ok(id) => Ok(yiwang_kit::respond::see_other(&format!(
            "/departments/{id}"
        ))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => html_invalid(
            &form_page(&app, &ctx, None, f, FormErrors::from_error(&e, ctx.t())).await?,
        ),
        Err(e) => Err(e),
    }
}

async fn editable(app: &AppState, ctx: &Ctx, id: DepartmentId) -> Result<Department, Error> {
    let d = app.store.department(id).await?;
    ctx.principal.require(
        Permission::EditDepartment,
        &Scope::department(d.id, d.region.clone()),
    )?;
    Ok(d)
}

/// `GET /console/departments/{id}`.
pub async fn edit_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DepartmentId>,
) -> Result<Response, Error> {
    let d = editable(&app, &ctx, id).await?;
    let f = DepartmentForm {
        input: DepartmentInput {
            name: d.name,
            code: d.code.unwrap_or_default(),
            region: d.region.to_string(),
            phone: d.phone.unwrap_or_default(),
            address: d.address.unwrap_or_default(),
            hours: d.hours.unwrap_or_default(),
        },
        version: d.version.to_string(),
    };
    html(&form_page(&app, &ctx, Some(d.id), f, FormErrors::default()).await?)
}

/// `POST /console/departments/{id}`.
pub async fn update(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DepartmentId>,
    Form(f): Form<DepartmentForm>,
) -> Result<Response, Error> {
    let d = editable(&app, &ctx, id).await?;
    let result = match f.version.parse::<i64>() {
        Ok(version) => departments::update_department(&app, &ctx, d.id, &f.input, version).await,
        Err(_) => Err(Error::code(ErrorCode::Conflict)),
    };
    match result {
        Ok(()) => Ok(yiwang_kit::respond::see_other(&format!(
            "/departments/{}",
            d.id
        ))),
        Err(Error::Domain(e))
            if e.code == ErrorCode::ValidationFailed || e.code == ErrorCode::Conflict =>
        {
            let mut errors = FormErrors::from_error(&e, ctx.t());
            if e.code == ErrorCode::Conflict {
                errors.general = Some(ctx.t().conflict_notice().to_owned());
            }
            let mut res = html_invalid(&form_page(&app, &ctx, Some(d.id), f, errors).await?)?;
            *res.status_mut() = yiwang_kit::error::status_of(e.code);
            Ok(res)
        }
        Err(e) => Err(e),
    }
}
