//! Department administration through the API, for staff scripts and other systems. Every call is checked
//! against the caller's grants exactly as the console does, and audited the same way.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use yiwang_domain::department::DepartmentInput;
use yiwang_domain::ids::DepartmentId;

use super::public::DepartmentOut;
use crate::services::departments;
use yiwang_kit::api::ApiErrors;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path};
use yiwang_kit::state::AppState;

/// A department to create or save.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentRequest {
    /// Name, 2–60 characters.
    pub name: String,
    /// Organisation code.
    #[serde(default)]
    pub code: String,
    /// Region code.
    pub region: String,
    /// Telephone.
    #[serde(default)]
    pub phone: String,
    /// Address.
    #[serde(default)]
    pub address: String,
    /// Opening hours.
    #[serde(default)]
    pub hours: String,
    /// For updates: the version the edit started from.
    #[serde(default)]
    pub version: Option<i64>,
}

impl DepartmentRequest {
    fn input(&self) -> DepartmentInput {
        DepartmentInput {
            name: self.name.clone(),
            code: self.code.clone(),
            region: self.region.clone(),
            phone: self.phone.clone(),
            address: self.address.clone(),
            hours: self.hours.clone(),
        }
    }
}

/// Creates a department.
#[utoipa::path(post, path = "/api/v1/admin/departments", tag = "admin", request_body = DepartmentRequest,
    responses((status = 201, description = "Creates a department", body = DepartmentOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn create_department(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<DepartmentRequest>,
) -> Result<Response, Error> {
    let id = departments::create_department(&app, &ctx, &body.input()).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(DepartmentOut::from(app.store.department(id).await?)),
    )
        .into_response())
}

/// Saves a department. `version` must be the version read; a concurrent edit gives 409.
#[utoipa::path(put, path = "/api/v1/admin/departments/{id}", tag = "admin", request_body = DepartmentRequest, params(("id" = String, Path, description = "Department id")),
    responses((status = 200, description = "Saves a department", body = DepartmentOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn update_department(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DepartmentId>,
    Json(body): Json<DepartmentRequest>,
) -> Result<Response, Error> {
    let version = body
        .version
        .ok_or_else(|| Error::field("version", yiwang_domain::FieldCode::Required))?;
    departments::update_department(&app, &ctx, id, &body.input(), version).await?;
    Ok(axum::Json(DepartmentOut::from(app.store.department(id).await?)).into_response())
}
