//! Pushing records and reading them back, for source systems holding a bearer token of a
//! system client registered as a record source. FHIR answers are FHIR: a refused resource
//! gets an `OperationOutcome` (HTTP 422 or 400), a batch a `Bundle` of type `batch-response`
//! with one entry per resource in order.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use yiwang_domain::records::fhir::{self, Issue};
use yiwang_domain::records::{PushOutcome, RecordInput};
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_kit::api::ApiErrors;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;
use yiwang_store::records::Record;

use crate::services::push::{Pushed, push_many, push_one};
use crate::services::read;

/// What a push did.
#[derive(Serialize, ToSchema)]
pub struct PushedOut {
    /// The current version's id.
    pub id: String,
    /// Its version (1, then one more per correction).
    pub version: i64,
    /// `created`, `unchanged` (the same content again) or `corrected`.
    pub outcome: String,
}

impl From<Pushed> for PushedOut {
    fn from(p: Pushed) -> Self {
        PushedOut {
            id: p.id.to_string(),
            version: p.version,
            outcome: outcome(p.outcome).into(),
        }
    }
}

fn outcome(o: PushOutcome) -> &'static str {
    match o {
        PushOutcome::Created => "created",
        PushOutcome::Unchanged => "unchanged",
        PushOutcome::Corrected { .. } => "corrected",
    }
}

fn status(p: &Pushed) -> StatusCode {
    if p.outcome == PushOutcome::Unchanged {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    }
}

/// The native record, for the API document.
#[derive(Deserialize, ToSchema)]
#[allow(dead_code)]
pub struct RecordBody {
    /// The source's own id of the record (1–64 visible ASCII characters).
    source_record_id: String,
    /// The record type's code (`vaccination`, `health_check`, or one an admin defined).
    #[serde(rename = "type")]
    record_type: String,
    /// The person's resident ID number.
    id_number: String,
    /// The person's name as on the ID card.
    name: String,
    /// When it happened, `YYYY-MM-DD`.
    date: String,
    /// The data, keyed by the type's field keys.
    data: serde_json::Map<String, Value>,
}

/// `POST /api/v1/records`: pushes one record in the native format.
#[utoipa::path(post, path = "/api/v1/records", tag = "records", request_body = RecordBody,
    responses((status = 201, body = PushedOut, description = "Created, or a correction stored as the next version"),
        (status = 200, body = PushedOut, description = "The same content as the current version: nothing changed"), ApiErrors),
    security(("bearer" = [])))]
pub async fn native(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(input): Json<RecordInput>,
) -> Result<Response, Error> {
    let p = push_one(&app, &ctx, input).await?;
    Ok((status(&p), axum::Json(PushedOut::from(p))).into_response())
}

fn outcome_of(t: Tr, issues: &[Issue]) -> Value {
    fhir::operation_outcome(issues, &|c| t.field(c).to_owned())
}

/// An error of the native checks as FHIR issues (field paths put back on FHIR paths), or the
/// error itself when it is not about the resource (forbidden, conflict …).
fn issues_of(e: &Error) -> Option<Vec<Issue>> {
    match e {
        Error::Domain(d) if d.code == ErrorCode::ValidationFailed => Some(
            d.fields
                .iter()
                .map(|f| Issue {
                    expression: fhir::native_path(&f.field),
                    code: f.code,
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The issues of one refused batch entry: FHIR paths as the mapping found them (kept under a
/// `fhir:` prefix), native paths put back on FHIR paths, or the error's own code.
fn batch_issues(e: &Error) -> Vec<Issue> {
    match e {
        Error::Domain(d) if d.code == ErrorCode::ValidationFailed => d
            .fields
            .iter()
            .map(|f| Issue {
                expression: f
                    .field
                    .strip_prefix("fhir:")
                    .map_or_else(|| fhir::native_path(&f.field), str::to_owned),
                code: f.code,
            })
            .collect(),
        _ => vec![Issue {
            expression: "Immunization".into(),
            code: FieldCode::InvalidChoice,
        }],
    }
}

fn fhir_error(t: Tr, status: StatusCode, issues: &[Issue]) -> Response {
    (
        status,
        [(http::header::CONTENT_TYPE, "application/fhir+json")],
        axum::Json(outcome_of(t, issues)),
    )
        .into_response()
}

/// `POST /api/v1/fhir/Immunization`: pushes one FHIR R4 `Immunization`.
#[utoipa::path(post, path = "/api/v1/fhir/Immunization", tag = "records",
    request_body(content = Object, description = "An Immunization resource (the subset and mapping are in docs/ARCHITECTURE.md)", content_type = "application/fhir+json"),
    responses((status = 201, body = PushedOut, description = "Created, or a correction"), (status = 200, body = PushedOut, description = "Nothing changed"),
        (status = 422, description = "An OperationOutcome naming what does not validate"), ApiErrors),
    security(("bearer" = [])))]
pub async fn immunization(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(resource): Json<Value>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let input = match fhir::immunization(&resource) {
        Ok(i) => i,
        Err(issues) => {
            // Say who may push before saying what is wrong with the resource.
            crate::services::calling_source(&app, &ctx).await?;
            return Ok(fhir_error(t, StatusCode::UNPROCESSABLE_ENTITY, &issues));
        }
    };
    match push_one(&app, &ctx, input).await {
        Ok(p) => Ok((status(&p), axum::Json(PushedOut::from(p))).into_response()),
        Err(e) => match issues_of(&e) {
            Some(issues) => Ok(fhir_error(t, StatusCode::UNPROCESSABLE_ENTITY, &issues)),
            None => Err(e),
        },
    }
}

/// `POST /api/v1/fhir`: a `Bundle` of type `batch` of `Immunization` resources (at most
/// 1000); each is pushed or refused on its own, in one transaction.
#[utoipa::path(post, path = "/api/v1/fhir", tag = "records",
    request_body(content = Object, description = "A Bundle of type batch whose entries' resources are Immunization resources", content_type = "application/fhir+json"),
    responses((status = 200, description = "A Bundle of type batch-response: per entry `response.status` 201, 200 or 422 with an OperationOutcome"),
        (status = 400, description = "An OperationOutcome: not a batch Bundle"), ApiErrors),
    security(("bearer" = [])))]
pub async fn bundle(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(b): Json<Value>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let entries = match fhir::batch_entries(&b) {
        Ok(e) => e,
        Err(issues) => {
            crate::services::calling_source(&app, &ctx).await?;
            return Ok(fhir_error(t, StatusCode::BAD_REQUEST, &issues));
        }
    };
    let inputs: Vec<Result<RecordInput, Error>> = entries
        .iter()
        .map(|r| match r.map(fhir::immunization) {
            Some(Ok(i)) => Ok(i),
            Some(Err(issues)) => Err(Error::Domain(yiwang_domain::Error::invalid({
                let mut f = yiwang_domain::FieldErrors::new();
                for i in issues {
                    f.add_path(format!("fhir:{}", i.expression), i.code);
                }
                f
            }))),
            None => Err(
                yiwang_domain::Error::field("Bundle.entry.resource", FieldCode::Required).into(),
            ),
        })
        .collect();
    let answers = push_many(&app, &ctx, inputs).await?;
    let entry: Vec<Value> = answers
        .iter()
        .map(|a| match a {
            Ok(p) => json!({"response": {
                "status": if p.outcome == PushOutcome::Unchanged { "200 OK" } else { "201 Created" },
                "location": format!("Immunization/{}/_history/{}", p.id, p.version),
            }}),
            Err(e) => {
                let issues = batch_issues(e);
                json!({"response": {"status": "422 Unprocessable Entity", "outcome": outcome_of(t, &issues)}})
            }
        })
        .collect();
    Ok((
        StatusCode::OK,
        [(http::header::CONTENT_TYPE, "application/fhir+json")],
        axum::Json(json!({"resourceType": "Bundle", "type": "batch-response", "entry": entry})),
    )
        .into_response())
}

/// A version of a record as its source reads it back.
#[derive(Serialize, ToSchema)]
pub struct VersionOut {
    /// This version's id.
    pub id: String,
    /// Its number.
    pub version: i64,
    /// The type's code.
    #[serde(rename = "type")]
    pub record_type: String,
    /// The person's name as sent.
    pub name: String,
    /// When it happened.
    pub date: String,
    /// The data.
    pub data: serde_json::Map<String, Value>,
    /// When it arrived (milliseconds since 1970).
    pub received_at: i64,
    /// When a correction replaced it.
    pub superseded_at: Option<i64>,
}

impl From<&Record> for VersionOut {
    fn from(r: &Record) -> Self {
        VersionOut {
            id: r.id.to_string(),
            version: r.version,
            record_type: r.record_type.clone(),
            name: r.name.clone(),
            date: r.date.clone(),
            data: r.data.clone(),
            received_at: r.received_at.millis(),
            superseded_at: r.superseded_at.map(|t| t.millis()),
        }
    }
}

/// The reason a source gives for reading back.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReasonQuery {
    /// Why (4–200 characters); the person sees it on their access log.
    #[serde(default)]
    reason: String,
}

/// `GET /api/v1/source-records/{source_record_id}`: every version of a record the calling
/// source wrote, newest first; what another source wrote is not found. Recorded on the
/// person's access log with the reason.
#[utoipa::path(get, path = "/api/v1/source-records/{source_record_id}", tag = "records",
    params(("source_record_id" = String, Path, description = "The source's own id"), ReasonQuery),
    responses((status = 200, body = Vec<VersionOut>, description = "Every version, newest first"), ApiErrors),
    security(("bearer" = [])))]
pub async fn read_back(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(source_record_id): Path<String>,
    Query(q): Query<ReasonQuery>,
) -> Result<Response, Error> {
    let history = read::source_read(&app, &ctx, &source_record_id, &q.reason).await?;
    let out: Vec<VersionOut> = history.iter().map(VersionOut::from).collect();
    Ok(axum::Json(out).into_response())
}
