//! Operations through the API (the audit log, background jobs), for staff scripts and other
//! systems. Every call is checked
//! against the caller's grants exactly as the console does, and audited the same way.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use yiwang_domain::ErrorCode;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::ids::JobId;
use yiwang_domain::job::JobStatus;
use yiwang_domain::paging::Page;

use yiwang_kit::api::{ApiErrors, List};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};

use crate::services::ops;
use yiwang_kit::state::AppState;

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
#[into_params(parameter_in = Query)]
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
    responses((status = 200, description = "Searches the audit log within the caller's scope", body = List<AuditOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn audit(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Response, Error> {
    let search = ops::AuditSearch {
        action: match q.action.as_deref() {
            Some(a) => {
                Some(AuditAction::parse(a).ok_or_else(|| Error::code(ErrorCode::InvalidQuery))?)
            }
            None => None,
        },
        actor: q.actor,
        ..Default::default()
    };
    let page = Page::new(q.page, q.per_page, 50)?;
    let (rows, total) = ops::search_audit(&app, &ctx, search, page).await?;
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
#[into_params(parameter_in = Query)]
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
    responses((status = 200, description = "Lists background jobs (dead letters by default)", body = List<JobOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
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
    Path(id): Path<JobId>,
) -> Result<Response, Error> {
    ops::retry_job(&app, &ctx, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
