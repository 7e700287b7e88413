//! Regions, departments and search for apps and other systems.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_store::departments::Department;
use yiwang_store::regions::Region;

use yiwang_kit::api::{ApiErrors, List};
use yiwang_kit::error::Error;

use crate::services::departments;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::state::AppState;

/// A region.
#[derive(Serialize, ToSchema)]
pub struct RegionOut {
    /// Statistics code, 2–12 digits.
    pub code: String,
    /// Name.
    pub name: String,
    /// `province`, `city`, `county`, `township` or `community`.
    pub level: String,
    /// The region above.
    pub parent: Option<String>,
}

impl From<Region> for RegionOut {
    fn from(r: Region) -> Self {
        RegionOut {
            code: r.code.to_string(),
            name: r.name,
            level: r.level.as_str().to_owned(),
            parent: r.parent.map(|p| p.to_string()),
        }
    }
}

/// Which regions to list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RegionsQuery {
    /// The parent region; omitted: the provinces.
    pub parent: Option<String>,
}

/// Regions directly below a parent (for address pickers).
#[utoipa::path(get, path = "/api/v1/regions", tag = "directory", params(RegionsQuery), responses((status = 200, description = "Regions directly below a parent (for address pickers)", body = List<RegionOut>), ApiErrors))]
pub async fn regions(
    State(app): State<AppState>,
    Query(q): Query<RegionsQuery>,
) -> Result<Response, Error> {
    let items: Vec<RegionOut> = match q.parent.as_deref() {
        Some(p) => {
            let code = RegionCode::parse(p).map_err(|_| Error::code(ErrorCode::InvalidQuery))?;
            app.store.region_children(&code).await?
        }
        None => app.store.provinces().await?,
    }
    .into_iter()
    .map(RegionOut::from)
    .collect();
    Ok(axum::Json(List {
        total: items.len() as i64,
        items,
    })
    .into_response())
}

/// A region with its ancestors.
#[derive(Serialize, ToSchema)]
pub struct RegionDetail {
    /// The region.
    #[serde(flatten)]
    pub region: RegionOut,
    /// From the province down to the parent.
    pub path: Vec<RegionOut>,
}

/// One region.
#[utoipa::path(get, path = "/api/v1/regions/{code}", tag = "directory", params(("code" = String, Path, description = "Region code")),
    responses((status = 200, description = "One region", body = RegionDetail), ApiErrors))]
pub async fn region(
    State(app): State<AppState>,
    Path(code): Path<RegionCode>,
) -> Result<Response, Error> {
    let region = app.store.region(&code).await?;
    let path = app
        .store
        .region_path(&code)
        .await?
        .into_iter()
        .filter(|r| r.code != code)
        .map(RegionOut::from)
        .collect();
    Ok(axum::Json(RegionDetail {
        region: region.into(),
        path,
    })
    .into_response())
}

/// A department.
#[derive(Serialize, ToSchema)]
pub struct DepartmentOut {
    /// Department id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Organisation code.
    pub code: Option<String>,
    /// Region code.
    pub region: String,
    /// Region name.
    pub region_name: String,
    /// Level of the region.
    pub level: String,
    /// Telephone.
    pub phone: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Opening hours.
    pub hours: Option<String>,
    /// Version, for edits.
    pub version: i64,
}

impl From<Department> for DepartmentOut {
    fn from(d: Department) -> Self {
        DepartmentOut {
            id: d.id.to_string(),
            name: d.name,
            code: d.code,
            region: d.region.to_string(),
            region_name: d.region_name,
            level: d.level.as_str().to_owned(),
            phone: d.phone,
            address: d.address,
            hours: d.hours,
            version: d.version,
        }
    }
}

/// Which departments to list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DepartmentsQuery {
    /// Only departments in this region subtree (default: the whole deployment).
    pub region: Option<String>,
    /// Only names containing this text.
    pub q: Option<String>,
    /// Page number, from 1.
    pub page: Option<i64>,
    /// Items per page, 1–100.
    pub per_page: Option<i64>,
}

/// Departments of the deployment.
#[utoipa::path(get, path = "/api/v1/departments", tag = "directory", params(DepartmentsQuery), responses((status = 200, description = "Departments of the deployment", body = List<DepartmentOut>), ApiErrors))]
pub async fn departments(
    State(app): State<AppState>,
    Query(q): Query<DepartmentsQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, q.per_page, 20)?;
    let found = departments::find(
        &app,
        q.region.as_deref(),
        q.q.as_deref().unwrap_or_default(),
        page,
    )
    .await?;
    Ok(axum::Json(List {
        total: found.total,
        items: found
            .departments
            .into_iter()
            .map(DepartmentOut::from)
            .collect::<Vec<_>>(),
    })
    .into_response())
}

/// One department.
#[utoipa::path(get, path = "/api/v1/departments/{id}", tag = "directory", params(("id" = String, Path, description = "Department id")),
    responses((status = 200, description = "One department", body = DepartmentOut), ApiErrors))]
pub async fn department(
    State(app): State<AppState>,
    Path(id): Path<DepartmentId>,
) -> Result<Response, Error> {
    let d = app.store.department(id).await?;
    if !app.config.root_region.contains(&d.region) {
        return Err(Error::not_found());
    }
    Ok(axum::Json(DepartmentOut::from(d)).into_response())
}
