//! The public directory: departments with their contacts, and the region tree (REG-1).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_store::departments::Department;
use yiwang_store::regions::Region;

use crate::services::departments;
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, Pager, html};

/// The query parameters this page accepts.
#[derive(Deserialize)]
pub struct DepartmentsQuery {
    #[serde(default)]
    region: String,
    #[serde(default)]
    q: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "directory/departments.html")]
struct DepartmentsPage {
    l: Layout,
    regions: Vec<Region>,
    region: String,
    q: String,
    departments: Vec<Department>,
    pager: Pager,
}

/// `GET /departments`.
pub async fn departments(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DepartmentsQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, None, 20)?;
    let found = departments::find(
        &app,
        Some(q.region.trim()).filter(|r| !r.is_empty()),
        &q.q,
        page,
    )
    .await?;
    let (under, name) = (found.under, found.name);
    let reference = app
        .reference
        .get(&app.store, &app.config.root_region)
        .await?;
    let mut regions = vec![reference.root.clone()];
    regions.extend(reference.children.iter().cloned());
    let base = format!("/departments?region={}&q={}", under, percent_encode(&name));
    let l = Layout::new(
        &app,
        &ctx,
        ctx.t().departments_title(),
        Section::Departments,
    )
    .await;
    html(&DepartmentsPage {
        l,
        regions,
        region: under.to_string(),
        q: name,
        departments: found.departments,
        pager: Pager::new(&base, page, found.total),
    })
}

#[derive(Template)]
#[template(path = "directory/department.html")]
struct DepartmentPage {
    l: Layout,
    d: Department,
}

/// `GET /departments/{id}`.
pub async fn department(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DepartmentId>,
) -> Result<Response, Error> {
    let d = app.store.department(id).await?;
    if !app.config.root_region.contains(&d.region) {
        return Err(Error::not_found());
    }
    let l = Layout::new(
        &app,
        &ctx,
        yiwang_kit::zh::display(&d.name, ctx.prefs.lang),
        Section::Departments,
    )
    .await;
    html(&DepartmentPage { l, d })
}

#[derive(Template)]
#[template(path = "directory/region.html")]
struct RegionPage {
    l: Layout,
    region: Region,
    path: Vec<(Region, bool)>,
    children: Vec<Region>,
    departments: Vec<Department>,
}

/// `GET /regions`: the deployment's root region.
pub async fn regions_root(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let root = app.config.root_region.clone();
    region_page(&app, &ctx, root).await
}

/// `GET /regions/{code}`: a region with what lies within it.
pub async fn region(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
) -> Result<Response, Error> {
    if !app.config.root_region.contains(&code) {
        return Err(Error::not_found());
    }
    region_page(&app, &ctx, code).await
}

async fn region_page(app: &AppState, ctx: &Ctx, code: RegionCode) -> Result<Response, Error> {
    let region = app.store.region(&code).await?;
    let root = &app.config.root_region;
    let path = app
        .store
        .region_path(&code)
        .await?
        .into_iter()
        .map(|r| {
            let linked = root.contains(&r.code) && r.code != code;
            (r, linked)
        })
        .collect();
    let children = app.store.region_children(&code).await?;
    let (departments, _) = app
        .store
        .list_departments(&code, "", Page::new(Some(1), Some(100), 100)?)
        .await?;
    let departments = departments
        .into_iter()
        .filter(|d| d.region == code)
        .collect();
    let l = Layout::new(
        app,
        ctx,
        yiwang_kit::zh::display(&region.name, ctx.prefs.lang),
        Section::Regions,
    )
    .await;
    html(&RegionPage {
        l,
        region,
        path,
        children,
        departments,
    })
}
