//! Editing items' online applications through the API (APP-1, APP-5): the versions of an
//! item's form, saving the draft (checked whole: every problem with its path), publishing it,
//! and a dry run of the instant-approval rules on sample facts.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::Answers;
use yiwang_domain::ids::ItemId;

use crate::services::forms::{self as svc, Sample};
use yiwang_kit::api::ApiErrors;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path};
use yiwang_kit::state::AppState;

/// One version of an item's online application.
#[derive(Serialize, ToSchema)]
pub struct FormVersionOut {
    /// Its number.
    pub version: i64,
    /// Whether it was published (`false`: the draft).
    pub published: bool,
    /// Who saved it.
    pub created_by: String,
    /// When (RFC 3339).
    pub created_at: String,
    /// `{form, workflow, instant, rules, certificate}`.
    #[schema(value_type = Object)]
    pub bundle: serde_json::Value,
}

/// `GET /api/v1/admin/items/{id}/forms`: every version, the draft first.
#[utoipa::path(get, path = "/api/v1/admin/items/{id}/forms", tag = "applications", params(("id" = String, Path, description = "Item id")),
    responses((status = 200, description = "Every version, the draft first", body = [FormVersionOut]), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn versions(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
) -> Result<Response, Error> {
    let out = svc::versions(&app, &ctx, id)
        .await?
        .into_iter()
        .map(|v| {
            Ok(FormVersionOut {
                version: v.version,
                published: v.published_at.is_some(),
                created_by: v.created_by,
                created_at: v.created_at.rfc3339(),
                bundle: serde_json::to_value(&v.bundle).map_err(Error::internal)?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(axum::Json(out).into_response())
}

/// The saved or published version.
#[derive(Serialize, ToSchema)]
pub struct VersionOut {
    /// Its number.
    pub version: i64,
}

/// `PUT /api/v1/admin/items/{id}/forms/draft`: saves the draft. The body is the whole bundle
/// `{form, workflow, instant, rules, certificate}`; a bad one is 422 with every problem's path
/// (`sections[0].fields[2].key`, `workflow.steps[1].role`, `rules.rules[0].field`…).
#[utoipa::path(put, path = "/api/v1/admin/items/{id}/forms/draft", tag = "applications", params(("id" = String, Path, description = "Item id")),
    request_body(content = Object, description = "ItemForm: form, workflow, instant, rules, certificate"),
    responses((status = 200, description = "Saves the draft", body = VersionOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn save_draft(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
    Json(bundle): Json<ItemForm>,
) -> Result<Response, Error> {
    let version = svc::save_draft(&app, &ctx, id, &bundle).await?;
    Ok(axum::Json(VersionOut { version }).into_response())
}

/// `POST /api/v1/admin/items/{id}/forms/publish`: the draft becomes the version new
/// applications use; applications already made keep theirs.
#[utoipa::path(post, path = "/api/v1/admin/items/{id}/forms/publish", tag = "applications", params(("id" = String, Path, description = "Item id")),
    responses((status = 201, description = "The draft becomes the version new applications use; applications already made keep theirs", body = VersionOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn publish(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
) -> Result<Response, Error> {
    let version = svc::publish(&app, &ctx, id).await?;
    Ok((StatusCode::CREATED, axum::Json(VersionOut { version })).into_response())
}

/// Sample facts for a dry run.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DryRunIn {
    /// Answers as an applicant would send them.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// The applicant's ID number (for age and household region rules).
    #[serde(default)]
    pub id_number: Option<String>,
    /// Certificate types the applicant holds (valid).
    #[serde(default)]
    pub certificates: Vec<String>,
    /// Item ids the applicant has open cases for.
    #[serde(default)]
    pub open_cases: Vec<String>,
}

/// `POST /api/v1/admin/items/{id}/forms/dry-run`: the draft's rules (else the current
/// version's) on sample facts: every rule's outcome and the inputs it used. Changes nothing.
#[utoipa::path(post, path = "/api/v1/admin/items/{id}/forms/dry-run", tag = "applications", request_body = DryRunIn, params(("id" = String, Path, description = "Item id")),
    responses((status = 200, description = "The trace: {passed, results: [{key, label, outcome, inputs}]}"), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn dry_run(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
    Json(body): Json<DryRunIn>,
) -> Result<Response, Error> {
    let sample = Sample {
        answers: body.answers,
        id_number: body.id_number,
        certificates: body.certificates,
        open_cases: body.open_cases,
    };
    let trace = svc::dry_run(&app, &ctx, id, &sample).await?;
    Ok(axum::Json(trace).into_response())
}
