//! Administration through the API, for staff scripts and other systems. Every call is checked
//! against the caller's grants exactly as the console does, and audited the same way.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use yiwang_domain::ErrorCode;
use yiwang_domain::account::AccountKind;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::department::DepartmentInput;
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::ids::{AccountId, DepartmentId};
use yiwang_domain::job::JobStatus;
use yiwang_domain::paging::Page;
use yiwang_store::audit::AuditFilter;

use super::directory::DepartmentOut;
use super::{ApiErrors, List};
use crate::error::Error;
use crate::extract::{Json, Path, Query};
use crate::pipeline::Ctx;
use crate::services::admin;
use crate::services::audit::{self, Target};
use crate::state::AppState;

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
    responses((status = 201, body = DepartmentOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn create_department(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<DepartmentRequest>,
) -> Result<Response, Error> {
    let id = admin::create_department(&app, &ctx, &body.input()).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(DepartmentOut::from(app.store.department(id).await?)),
    )
        .into_response())
}

/// Saves a department. `version` must be the version read; a concurrent edit gives 409.
#[utoipa::path(put, path = "/api/v1/admin/departments/{id}", tag = "admin", request_body = DepartmentRequest, params(("id" = String, Path, description = "Department id")),
    responses((status = 200, body = DepartmentOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn update_department(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(body): Json<DepartmentRequest>,
) -> Result<Response, Error> {
    let id: DepartmentId = id.parse()?;
    let version = body
        .version
        .ok_or_else(|| Error::field("version", yiwang_domain::FieldCode::Required))?;
    admin::update_department(&app, &ctx, id, &body.input(), version).await?;
    Ok(axum::Json(DepartmentOut::from(app.store.department(id).await?)).into_response())
}

/// An audit entry.
#[derive(Serialize, ToSchema)]
pub struct AuditOut {
    /// Entry id.
    pub id: String,
    /// When (RFC 3339).
    pub at: String,
    /// Actor id.
    pub actor_id: Option<String>,
    /// Actor name.
    pub actor_name: String,
    /// Action.
    pub action: String,
    /// Target kind.
    pub target_kind: Option<String>,
    /// Target id.
    pub target_id: Option<String>,
    /// Citizen concerned.
    pub subject_id: Option<String>,
}

/// Audit search.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only this action.
    pub action: Option<String>,
    /// Only this actor id.
    pub actor: Option<String>,
    /// Page number.
    pub page: Option<i64>,
    /// Items per page.
    pub per_page: Option<i64>,
}

/// Searches the audit log within the caller's scope.
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "admin", params(AuditQuery),
    responses((status = 200, body = List<AuditOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn audit(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Response, Error> {
    let (region, department) =
        admin::audit_scope(&app, ctx.principal.actor().grants()).ok_or_else(Error::forbidden)?;
    let action = match q.action.as_deref() {
        Some(a) => Some(AuditAction::parse(a).ok_or_else(|| Error::code(ErrorCode::InvalidQuery))?),
        None => None,
    };
    let page = Page::new(q.page, q.per_page, 50)?;
    let filter = AuditFilter {
        action,
        actor: q.actor,
        region,
        department,
        ..Default::default()
    };
    let (rows, total) = app.store.search_audit(&filter, page).await?;
    let items = rows
        .into_iter()
        .map(|e| AuditOut {
            id: e.id.to_string(),
            at: e.at.rfc3339(),
            actor_id: e.actor_id,
            actor_name: e.actor_name,
            action: e.action.as_str().to_owned(),
            target_kind: e.target_kind,
            target_id: e.target_id,
            subject_id: e.subject_id,
        })
        .collect::<Vec<_>>();
    Ok(axum::Json(List { total, items }).into_response())
}

/// A background job.
#[derive(Serialize, ToSchema)]
pub struct JobOut {
    /// Job id.
    pub id: String,
    /// Handler.
    pub kind: String,
    /// State.
    pub status: String,
    /// Attempts so far.
    pub attempts: i64,
    /// The last error.
    pub last_error: Option<String>,
    /// When it was enqueued (RFC 3339).
    pub created_at: String,
}

/// Job listing.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct JobsQuery {
    /// `queued`, `running`, `done` or `dead` (default `dead`).
    pub status: Option<String>,
    /// Page number.
    pub page: Option<i64>,
    /// Items per page.
    pub per_page: Option<i64>,
}

fn root(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}

/// Lists background jobs (dead letters by default).
#[utoipa::path(get, path = "/api/v1/admin/jobs", tag = "admin", params(JobsQuery),
    responses((status = 200, body = List<JobOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn jobs(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<JobsQuery>,
) -> Result<Response, Error> {
    ctx.principal.require(Permission::ManageJobs, &root(&app))?;
    let status = match q.status.as_deref() {
        Some(s) => JobStatus::parse(s).ok_or_else(|| Error::code(ErrorCode::InvalidQuery))?,
        None => JobStatus::Dead,
    };
    let page = Page::new(q.page, q.per_page, 50)?;
    let (rows, total) = app.store.list_jobs(status, page).await?;
    let items = rows
        .into_iter()
        .map(|j| JobOut {
            id: j.id.to_string(),
            kind: j.kind,
            status: j.status.as_str().to_owned(),
            attempts: j.attempts,
            last_error: j.last_error,
            created_at: j.created_at.rfc3339(),
        })
        .collect::<Vec<_>>();
    Ok(axum::Json(List { total, items }).into_response())
}

/// Puts a dead job back in the queue.
#[utoipa::path(post, path = "/api/v1/admin/jobs/{id}/retry", tag = "admin", params(("id" = String, Path, description = "Job id")),
    responses((status = 204, description = "Queued again"), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn retry_job(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    admin::retry_job(&app, &ctx, id.parse()?).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Why a citizen's details are read.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CitizenQuery {
    /// The reason, recorded and shown to the citizen (2–100 characters).
    pub reason: String,
}

/// A citizen's details, as staff see them.
#[derive(Serialize, ToSchema)]
pub struct CitizenOut {
    /// Account id.
    pub id: String,
    /// Mobile number.
    pub phone: Option<String>,
    /// Verified name.
    pub real_name: Option<String>,
    /// ID number, masked (the full number only on the audited console page).
    pub id_number: Option<String>,
    /// Whether the real name is verified.
    pub verified: bool,
}

/// Reads a citizen's details. Recorded in the audit log and shown to the citizen.
#[utoipa::path(get, path = "/api/v1/admin/citizens/{id}", tag = "admin", params(("id" = String, Path, description = "Account id"), CitizenQuery),
    responses((status = 200, body = CitizenOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn citizen(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<CitizenQuery>,
) -> Result<Response, Error> {
    let id: AccountId = id.parse()?;
    let reason = yiwang_domain::account::check_plain_text(&q.reason, 2, 100)
        .map_err(|c| Error::field("reason", c))?;
    let p = app.store.profile(id).await?;
    if p.kind != AccountKind::Citizen {
        return Err(Error::not_found());
    }
    let mut tx = app.store.begin().await?;
    let target = Target {
        kind: Some("account"),
        id: Some(id.to_string()),
        subject: Some(id),
        detail: Some(serde_json::json!({ "reason": reason, "fields": ["phone", "real_name"] })),
        ..Default::default()
    };
    audit::record(&app, &ctx, &mut tx, AuditAction::PersonalDataRead, target).await?;
    yiwang_store::commit(tx).await?;
    Ok(axum::Json(CitizenOut {
        id: id.to_string(),
        phone: p.phone,
        real_name: p.real_name,
        id_number: p.id_number.as_deref().map(mask_id_number),
        verified: p.verified_at.is_some(),
    })
    .into_response())
}
