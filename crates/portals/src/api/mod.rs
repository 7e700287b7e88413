//! The portals' JSON API: a region's portal content and projects for apps and kiosks
//! (`GET /api/v1/portals/{code}`).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use yiwang_domain::region::RegionCode;
use yiwang_kit::api::ApiErrors;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Path;
use yiwang_kit::state::AppState;

use crate::rules::m2_to_mu_x100;
use crate::services;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(portal))]
pub struct Api;

/// A leader or a contact line: two public facts.
#[derive(Serialize, ToSchema)]
pub struct PairOut {
    /// Name, or what the line is.
    pub label: String,
    /// Office, or the number, address or hours.
    pub value: String,
}

/// A published project seeking investment.
#[derive(Serialize, ToSchema)]
pub struct ProjectOut {
    /// Its id.
    pub id: String,
    /// Its name.
    pub title: String,
    /// Sector code (`manufacturing`, `agriculture`, `tourism`, `logistics`, `energy`, `digital`, `health`, `infrastructure`).
    pub sector: String,
    /// Where.
    pub location: String,
    /// Land in square metres (0: none).
    pub land_m2: i64,
    /// Land in hundredths of a 亩.
    pub land_mu_x100: i64,
    /// Investment sought, whole 万元.
    pub investment_wan: i64,
    /// Stage code (`planning`, `approved`, `land_ready`, `under_construction`).
    pub stage: String,
    /// Whom to ask.
    pub contact: String,
    /// Its document's address, if any.
    pub document: Option<String>,
}

/// One point of an economic indicator.
#[derive(Serialize, ToSchema)]
pub struct PointOut {
    /// `gdp`, `fixed_investment`, `retail_sales` or `population`.
    pub indicator: String,
    /// `2025` or `2025Q3`.
    pub period: String,
    /// The value in hundredths of the indicator's unit (亿元, 万人).
    pub value_x100: i64,
}

/// A region's portal.
#[derive(Serialize, ToSchema)]
pub struct PortalOut {
    /// The region's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its editors' introduction.
    pub intro: String,
    /// Leaders (name, office).
    pub leaders: Vec<PairOut>,
    /// Contacts (label, value).
    pub contacts: Vec<PairOut>,
    /// Whether investors can ask its investment office.
    pub invest_office: bool,
    /// Published projects.
    pub projects: Vec<ProjectOut>,
    /// Economic indicators.
    pub indicators: Vec<PointOut>,
    /// Codes of the regions below.
    pub children: Vec<String>,
}

/// A region's portal: what its editors wrote, its projects and its indicators.
#[utoipa::path(get, path = "/api/v1/portals/{code}", tag = "directory", params(("code" = String, Path, description = "Region code, 2–12 digits")), responses((status = 200, description = "The region's portal", body = PortalOut), ApiErrors))]
pub async fn portal(
    State(app): State<AppState>,
    Path(code): Path<RegionCode>,
) -> Result<Response, Error> {
    let region = services::region(&app, &code).await?;
    let page = app.store.portal_page(code.as_str()).await?;
    let content = page.map(|p| p.content).unwrap_or_default();
    let projects = app
        .store
        .region_projects(code.as_str(), true)
        .await?
        .into_iter()
        .map(|p| ProjectOut {
            document: p
                .file_key
                .as_ref()
                .map(|_| format!("/invest/projects/{}/document", p.id)),
            id: p.id.to_string(),
            land_mu_x100: m2_to_mu_x100(p.fields.land_m2),
            land_m2: p.fields.land_m2,
            title: p.fields.title,
            sector: p.fields.sector,
            location: p.fields.location,
            investment_wan: p.fields.investment_wan,
            stage: p.fields.stage,
            contact: p.fields.contact,
        })
        .collect();
    let indicators = app
        .store
        .portal_indicators(code.as_str())
        .await?
        .into_iter()
        .map(|p| PointOut {
            indicator: p.indicator,
            period: p.period,
            value_x100: p.value_x100,
        })
        .collect();
    let children = app
        .store
        .region_children(&code)
        .await?
        .into_iter()
        .filter(|r| services::served(&app, &r.code))
        .map(|r| r.code.to_string())
        .collect();
    Ok(axum::Json(PortalOut {
        code: code.to_string(),
        name: region.name,
        intro: content.intro,
        leaders: content
            .leaders
            .into_iter()
            .map(|l| PairOut {
                label: l.name,
                value: l.title,
            })
            .collect(),
        contacts: content
            .contacts
            .into_iter()
            .map(|c| PairOut {
                label: c.label,
                value: c.value,
            })
            .collect(),
        invest_office: content.invest_office.is_some(),
        projects,
        indicators,
        children,
    })
    .into_response())
}
