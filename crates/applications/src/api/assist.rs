//! Assisted handling in the JSON API (帮办代办, APP-8), for counter, community-centre and
//! bank-branch apps: ask the citizen for consent, confirm the code they read out, upload
//! files and submit the application for them. The same services as the console pages.

use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use yiwang_domain::assist::ConsentState;
use yiwang_domain::ids::ConsentId;
use yiwang_domain::{ErrorCode, Timestamp};
use yiwang_store::applications::assist::ConsentRow;

use super::applications::{AnswersIn, CaseOut, UploadOut, idempotency_key, upload_for};
use crate::services::assist;
use crate::services::submit::submit as submit_case;
use yiwang_kit::api::{ApiErrors, List};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path};
use yiwang_kit::state::AppState;

/// A consent request as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct ConsentOut {
    /// Its id.
    pub id: String,
    /// The item.
    pub item_id: String,
    /// Its name.
    pub item_name: String,
    /// The citizen's masked name.
    pub citizen_name: String,
    /// The masked mobile the code went to.
    pub phone: String,
    /// `awaiting_code`, `locked`, `code_expired`, `granted`, `lapsed`, `used`, `cancelled`.
    pub state: String,
    /// Until when the code works (`awaiting_code`) or the consent holds (`granted`), RFC 3339.
    pub until: Option<String>,
    /// The case submitted under it (`used`).
    pub case_id: Option<String>,
    /// When the code was sent (RFC 3339).
    pub created_at: String,
}

async fn out(app: &AppState, c: &ConsentRow) -> Result<ConsentOut, Error> {
    let citizen = assist::citizen(app, c.account_id).await?;
    let state = c.state(Timestamp::now());
    let until = match state {
        ConsentState::AwaitingCode { until } | ConsentState::Granted { until } => {
            Some(until.rfc3339())
        }
        _ => None,
    };
    Ok(ConsentOut {
        id: c.id.to_string(),
        item_id: c.item_id.to_string(),
        item_name: c.item_name.clone(),
        citizen_name: citizen.name,
        phone: citizen.phone,
        state: state.as_str().to_owned(),
        until,
        case_id: c.case_id.map(|id| id.to_string()),
        created_at: c.created_at.rfc3339(),
    })
}

/// Whom and what for.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentIn {
    /// The citizen's ID number (their account must be real-name verified).
    pub id_number: String,
    /// The item to apply for (it must have an online form).
    pub item: String,
}

/// `POST /api/v1/assist`: sends the citizen a consent code naming the caller and the item.
#[utoipa::path(post, path = "/api/v1/assist", tag = "applications", request_body = ConsentIn,
    responses((status = 201, description = "Sends the citizen a consent code naming the caller and the item", body = ConsentOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn request(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<ConsentIn>,
) -> Result<Response, Error> {
    let r = assist::request(&app, &ctx, &body.id_number, &body.item).await?;
    let c = assist::own(&app, &ctx, r.id).await?;
    Ok((StatusCode::CREATED, axum::Json(out(&app, &c).await?)).into_response())
}

/// `GET /api/v1/assist`: the caller's latest requests (20), newest first.
#[utoipa::path(get, path = "/api/v1/assist", tag = "applications",
    responses((status = 200, description = "The caller's latest requests (20), newest first", body = List<ConsentOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn list(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let rows = assist::recent(&app, &ctx).await?;
    let mut items = Vec::with_capacity(rows.len());
    for c in &rows {
        items.push(out(&app, c).await?);
    }
    Ok(axum::Json(List {
        total: items.len() as i64,
        items,
    })
    .into_response())
}

/// `GET /api/v1/assist/{id}`: one of the caller's requests.
#[utoipa::path(get, path = "/api/v1/assist/{id}", tag = "applications", params(("id" = String, Path, description = "Consent id")),
    responses((status = 200, description = "One of the caller's requests", body = ConsentOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ConsentId>,
) -> Result<Response, Error> {
    let c = assist::own(&app, &ctx, id).await?;
    Ok(axum::Json(out(&app, &c).await?).into_response())
}

/// The code the citizen read out.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeIn {
    /// Six digits.
    pub code: String,
}

/// `POST /api/v1/assist/{id}/confirm`: the citizen's code; from now the caller may submit for
/// them (two hours, one application). Five wrong codes end the request.
#[utoipa::path(post, path = "/api/v1/assist/{id}/confirm", tag = "applications", request_body = CodeIn, params(("id" = String, Path, description = "Consent id")),
    responses((status = 200, description = "The citizen's code; from now the caller may submit for them (two hours, one application)", body = ConsentOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn confirm(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ConsentId>,
    Json(body): Json<CodeIn>,
) -> Result<Response, Error> {
    let c = assist::confirm(&app, &ctx, id, &body.code).await?;
    Ok(axum::Json(out(&app, &c).await?).into_response())
}

/// `POST /api/v1/assist/{id}/cancel`: ends an unused request.
#[utoipa::path(post, path = "/api/v1/assist/{id}/cancel", tag = "applications", params(("id" = String, Path, description = "Consent id")),
    responses((status = 204, description = "Ended"), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn cancel(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ConsentId>,
) -> Result<Response, Error> {
    assist::cancel(&app, &ctx, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/v1/assist/{id}/uploads`: a file for the citizen's application (as
/// `POST /api/v1/uploads`; the file is the citizen's).
#[utoipa::path(post, path = "/api/v1/assist/{id}/uploads", operation_id = "assisted_upload", tag = "applications", params(("id" = String, Path, description = "Consent id")),
    responses((status = 201, description = "A file for the citizen's application (as POST /api/v1/uploads; the file is the citizen's)", body = UploadOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn upload(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ConsentId>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let c = assist::own(&app, &ctx, id).await?;
    if !c.state(Timestamp::now()).is_granted() {
        return Err(Error::code(ErrorCode::ConsentNotGranted));
    }
    upload_for(&app, c.account_id, Some(c.id), multipart).await
}

/// `POST /api/v1/assist/{id}/application`: submits the citizen's application under the
/// consent, which it spends. A retry with the same `Idempotency-Key` returns the same case
/// with 200, even though the consent is spent by then.
#[utoipa::path(post, path = "/api/v1/assist/{id}/application", operation_id = "assisted_submit", tag = "applications", request_body = AnswersIn,
    params(("id" = String, Path, description = "Consent id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters, unique per submission")),
    responses((status = 201, body = CaseOut, description = "Created"), (status = 200, body = CaseOut, description = "The earlier submission with this key"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn submit(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<ConsentId>,
    Json(body): Json<AnswersIn>,
) -> Result<Response, Error> {
    let key = idempotency_key(&headers)?;
    let c = assist::own(&app, &ctx, id).await?;
    if let (Some(spent_on), Some(key)) = (c.case_id, key.as_deref())
        && let Some(case) = app.store.case_by_idempotency_key(c.account_id, key).await?
        && case.id == spent_on
    {
        return Ok((StatusCode::OK, axum::Json(CaseOut::from(&case))).into_response());
    }
    let g = assist::grant(&app, &ctx, id, c.item_id).await?;
    let s = submit_case(
        &app,
        &g.submitter(),
        &g.applying,
        body.form_version,
        &body.answers,
        key.as_deref(),
    )
    .await?;
    let status = if s.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(CaseOut::from(&s.case))).into_response())
}
