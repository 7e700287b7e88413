//! Applications in the JSON API (APP-1…7, CERT-2, 3): an item's form, drafts, uploads,
//! submission with an `Idempotency-Key` header, the applicant's cases and their steps, the
//! staff queue and staff steps, tracking by receipt number, and certificate verification.
//! Every handler calls the same services as the pages.

use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use yiwang_domain::forms::Answers;
use yiwang_domain::ids::{AccountId, ConsentId};
use yiwang_domain::ids::{CaseId, DepartmentId};
use yiwang_domain::ids::{CertificateId, ItemId};
use yiwang_domain::paging::Page;
use yiwang_domain::workflow::{Action, CaseState};
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_store::applications::cases::CaseRow;
use yiwang_store::applications::history::EventActor;
use yiwang_store::applications::queue::QueueFilter;

use crate::services::certificates::{self, Verdict};
use crate::services::submit::{Submitter, submit as submit_case};
use crate::services::{self as svc, act, uploads};
use yiwang_kit::api::Paging;
use yiwang_kit::api::{ApiErrors, List};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path, Query};
use yiwang_kit::state::AppState;

fn citizen(ctx: &Ctx) -> Result<AccountId, Error> {
    ctx.principal
        .citizen()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))
}

/// The `Idempotency-Key` header, if sent.
pub(super) fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Error> {
    match headers.get("idempotency-key") {
        Some(v) => Ok(Some(
            v.to_str()
                .map_err(|_| Error::field("idempotency_key", FieldCode::InvalidCharacters))?
                .to_owned(),
        )),
        None => Ok(None),
    }
}

/// A case as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct CaseOut {
    /// Case id.
    pub id: String,
    /// Receipt number (办件编号).
    pub receipt: String,
    /// Item id.
    pub item_id: String,
    /// Item name.
    pub item_name: String,
    /// Handling department id.
    pub department_id: String,
    /// Its name.
    pub department_name: String,
    /// `submitted`, `returned`, `under_review`, `approved`, `denied`, `completed`, `withdrawn`.
    pub state: String,
    /// Current review step (from 0).
    pub step: u32,
    /// Last day of the time limit (YYYY-MM-DD), while the clock runs.
    pub due_on: Option<String>,
    /// Why the clock is stopped, if it is.
    pub paused: Option<String>,
    /// Decided by the instant-approval rules.
    pub auto_decided: bool,
    /// When submitted (RFC 3339).
    pub submitted_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// Send this back with a staff step (someone else's change in between is a conflict).
    pub revision: i64,
}

impl From<&CaseRow> for CaseOut {
    fn from(c: &CaseRow) -> Self {
        CaseOut {
            id: c.id.to_string(),
            receipt: c.receipt.clone(),
            item_id: c.item_id.to_string(),
            item_name: c.item_name.clone(),
            department_id: c.department_id.to_string(),
            department_name: c.department_name.clone(),
            state: c.state.as_str().to_owned(),
            step: c.step,
            due_on: c.due_on.map(|d| d.to_string()),
            paused: c.paused.map(|p| p.as_str().to_owned()),
            auto_decided: c.auto_decided,
            submitted_at: c.submitted_at.rfc3339(),
            updated_at: c.updated_at.rfc3339(),
            revision: c.revision,
        }
    }
}

/// An item's current online form.
#[derive(Serialize, ToSchema)]
pub struct FormOut {
    /// The item.
    pub item_id: String,
    /// The form version to send back with drafts and the submission.
    pub version: i64,
    /// Sections and questions (see `FormDef` in the docs: field kinds, limits, conditions).
    #[schema(value_type = Object)]
    pub form: serde_json::Value,
    /// Decided instantly by rules when they all pass (秒批).
    pub instant: bool,
    /// The certificate an approval yields: `{type, name, fields, valid_years}`, or null.
    #[schema(value_type = Option<Object>)]
    pub certificate: serde_json::Value,
}

/// `GET /api/v1/items/{id}/form`.
#[utoipa::path(get, path = "/api/v1/items/{id}/form", tag = "applications", params(("id" = String, Path, description = "Item id")),
    responses((status = 200, description = "The item's current online form", body = FormOut), ApiErrors))]
pub async fn form(State(app): State<AppState>, Path(id): Path<ItemId>) -> Result<Response, Error> {
    let a = svc::applying(&app, id).await?;
    Ok(axum::Json(FormOut {
        item_id: a.item.id.to_string(),
        version: a.form.version,
        form: serde_json::to_value(&a.form.bundle.form).map_err(Error::internal)?,
        instant: a.form.bundle.instant,
        certificate: serde_json::to_value(&a.form.bundle.certificate).map_err(Error::internal)?,
    })
    .into_response())
}

/// Answers sent with a draft or a submission.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswersIn {
    /// The form version the answers were filled on.
    pub form_version: i64,
    /// Answers by field key (strings; arrays for multiple choices and files; `{region,
    /// detail}` for addresses; arrays of objects for groups).
    #[schema(value_type = Object)]
    pub answers: Answers,
}

/// A saved draft.
#[derive(Serialize, ToSchema)]
pub struct DraftOut {
    /// The form version.
    pub form_version: i64,
    /// What was saved.
    #[schema(value_type = Object)]
    pub answers: Answers,
    /// Saves so far.
    pub revision: i64,
    /// Last save (RFC 3339).
    pub updated_at: String,
    /// When it is removed unless saved again (RFC 3339).
    pub expires_at: String,
}

/// `GET /api/v1/items/{id}/draft`: the caller's saved draft.
#[utoipa::path(get, path = "/api/v1/items/{id}/draft", tag = "applications", params(("id" = String, Path, description = "Item id")),
    responses((status = 200, description = "The caller's saved draft", body = DraftOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn get_draft(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
) -> Result<Response, Error> {
    let me = citizen(&ctx)?;
    let a = svc::applying(&app, id).await?;
    let d = svc::draft(&app, me, &a)
        .await?
        .ok_or_else(Error::not_found)?;
    Ok(axum::Json(DraftOut {
        form_version: d.form_version,
        answers: d.answers,
        revision: d.revision,
        updated_at: d.updated_at.rfc3339(),
        expires_at: d.expires_at.rfc3339(),
    })
    .into_response())
}

/// The saved revision.
#[derive(Serialize, ToSchema)]
pub struct Saved {
    /// Saves so far.
    pub revision: i64,
}

/// `PUT /api/v1/items/{id}/draft`: saves the answers typed so far (not checked yet).
#[utoipa::path(put, path = "/api/v1/items/{id}/draft", tag = "applications", request_body = AnswersIn, params(("id" = String, Path, description = "Item id")),
    responses((status = 200, description = "Saves the answers typed so far (not checked yet)", body = Saved), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn put_draft(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
    Json(body): Json<AnswersIn>,
) -> Result<Response, Error> {
    let me = citizen(&ctx)?;
    let a = svc::applying(&app, id).await?;
    let revision = svc::save_draft(&app, me, None, &a, body.form_version, &body.answers).await?;
    Ok(axum::Json(Saved { revision }).into_response())
}

/// `POST /api/v1/items/{id}/applications`: submits. With the same `Idempotency-Key` a retry
/// (double click, lost answer) returns the same case with 200 instead of 201; the same key
/// with different answers is `idempotency_key_reused`.
#[utoipa::path(post, path = "/api/v1/items/{id}/applications", tag = "applications", request_body = AnswersIn,
    params(("id" = String, Path, description = "Item id"), ("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters, unique per submission")),
    responses((status = 201, body = CaseOut, description = "Created"), (status = 200, body = CaseOut, description = "The earlier submission with this key"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn submit(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<ItemId>,
    Json(body): Json<AnswersIn>,
) -> Result<Response, Error> {
    let me = citizen(&ctx)?;
    let key = idempotency_key(&headers)?;
    let a = svc::applying(&app, id).await?;
    let who = Submitter {
        applicant: me,
        assisted_by: None,
        consent: None,
    };
    let s = submit_case(
        &app,
        &who,
        &a,
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

/// A stored upload.
#[derive(Serialize, ToSchema)]
pub struct UploadOut {
    /// Put this id in a file field's answer.
    pub id: String,
    /// The kind recognised from the content: `pdf`, `jpeg`, `png`, `ofd`.
    pub file_type: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// `POST /api/v1/uploads`: one file as `multipart/form-data` part `file` (at most 20 MiB;
/// PDF, JPEG, PNG or OFD recognised from the bytes).
#[utoipa::path(post, path = "/api/v1/uploads", tag = "applications",
    responses((status = 201, description = "One file as multipart/form-data part file (at most 20 MiB; PDF, JPEG, PNG or OFD recognised from the bytes)", body = UploadOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn upload(
    State(app): State<AppState>,
    ctx: Ctx,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let me = citizen(&ctx)?;
    upload_for(&app, me, None, multipart).await
}

/// Stores part `file` of a multipart body as an upload of `owner` (the applicant, also when a
/// staff member uploads for them with their consent, then named): 201 with its id.
pub(super) async fn upload_for(
    app: &AppState,
    owner: AccountId,
    consent: Option<ConsentId>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let mut multipart = multipart.map_err(|_| Error::code(ErrorCode::InvalidBody))?;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Error::code(ErrorCode::InvalidBody))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("").to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|_| Error::code(ErrorCode::PayloadTooLarge))?;
        let u = uploads::receive(app, owner, consent, "file", &name, &bytes).await?;
        return Ok((
            StatusCode::CREATED,
            axum::Json(UploadOut {
                id: u.id.to_string(),
                file_type: u.file_type,
                bytes: u.bytes,
            }),
        )
            .into_response());
    }
    Err(Error::field("file", FieldCode::Required))
}

/// `GET /api/v1/me/cases`: the caller's applications, newest first.
#[utoipa::path(get, path = "/api/v1/me/cases", tag = "applications", params(Paging),
    responses((status = 200, description = "The caller's applications, newest first", body = List<CaseOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn my_cases(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(p): Query<Paging>,
) -> Result<Response, Error> {
    let me = citizen(&ctx)?;
    let page = Page::new(p.page, p.per_page, 20)?;
    let (rows, total) = app.store.cases_of(me, page).await?;
    Ok(axum::Json(List {
        total,
        items: rows.iter().map(CaseOut::from).collect(),
    })
    .into_response())
}

/// One entry of a case's history.
#[derive(Serialize, ToSchema)]
pub struct EventOut {
    /// When (RFC 3339).
    pub at: String,
    /// What happened (`submitted`, `accepted`, `returned`…).
    pub kind: String,
    /// `applicant`, `staff` or `system`.
    pub actor: String,
    /// The staff member's name, for staff steps.
    pub staff_name: Option<String>,
    /// The state after.
    pub state: String,
    /// The department after.
    pub department_name: String,
    /// Why (return note, decision reasons).
    pub note: String,
    /// Details: `missing` (the one-time notice), `legal_basis`, `tracking`…
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

/// A case with its history.
#[derive(Serialize, ToSchema)]
pub struct CaseDetail {
    /// The case.
    pub case: CaseOut,
    /// The query code (查询码) that opens it with the receipt number without logging in.
    pub verification_code: String,
    /// Its history, oldest first.
    pub events: Vec<EventOut>,
}

async fn detail(app: &AppState, case: &CaseRow) -> Result<CaseDetail, Error> {
    let events = app
        .store
        .case_events(case.id)
        .await?
        .into_iter()
        .map(|e| {
            let (actor, staff_name) = match e.actor {
                EventActor::Applicant => ("applicant", None),
                EventActor::Staff(_, name) => ("staff", Some(name)),
                EventActor::System => ("system", None),
            };
            EventOut {
                at: e.at.rfc3339(),
                kind: e.kind.as_str().to_owned(),
                actor: actor.to_owned(),
                staff_name,
                state: e.to_state.as_str().to_owned(),
                department_name: e.department_name,
                note: e.note,
                detail: e.detail,
            }
        })
        .collect();
    Ok(CaseDetail {
        case: CaseOut::from(case),
        verification_code: svc::verification_code(app, &case.receipt),
        events,
    })
}

/// `GET /api/v1/me/cases/{id}`: one of the caller's cases with its history.
#[utoipa::path(get, path = "/api/v1/me/cases/{id}", tag = "applications", params(("id" = String, Path, description = "Case id")),
    responses((status = 200, description = "One of the caller's cases with its history", body = CaseDetail), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn my_case(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CaseId>,
) -> Result<Response, Error> {
    let me = citizen(&ctx)?;
    let case = app
        .store
        .case(id)
        .await?
        .filter(|c| c.account_id == me)
        .ok_or_else(Error::not_found)?;
    Ok(axum::Json(detail(&app, &case).await?).into_response())
}

/// An applicant's step.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicantStep {
    /// `withdraw`, `supplement` or `request_human_review`.
    pub action: String,
    /// Why (withdrawal, review request).
    #[serde(default)]
    pub reason: String,
    /// The corrected answers, for `supplement`.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub answers: Option<Answers>,
}

/// `POST /api/v1/me/cases/{id}/actions`: withdraw before a decision, supplement a returned
/// case, or ask a person to review an automatic decision.
#[utoipa::path(post, path = "/api/v1/me/cases/{id}/actions", tag = "applications", request_body = ApplicantStep, params(("id" = String, Path, description = "Case id")),
    responses((status = 200, description = "Withdraw before a decision, supplement a returned case, or ask a person to review an automatic decision", body = CaseOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn my_case_action(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CaseId>,
    Json(body): Json<ApplicantStep>,
) -> Result<Response, Error> {
    let me = citizen(&ctx)?;
    let action = match body.action.as_str() {
        "withdraw" => Action::Withdraw {
            reason: body.reason,
        },
        "supplement" => Action::Supplement,
        "request_human_review" => Action::RequestHumanReview {
            reason: body.reason,
        },
        _ => return Err(Error::field("action", FieldCode::InvalidChoice)),
    };
    let case = act::applicant_act(&app, me, id, action, body.answers.as_ref()).await?;
    Ok(axum::Json(CaseOut::from(&case)).into_response())
}

/// Queue filters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    /// Only this open state: `submitted`, `returned`, `under_review` or `approved` (default: all of them).
    pub state: Option<String>,
    /// `mine` (default): cases waiting for the caller (for any handler, or at a step of one
    /// of the caller's roles; a department admin sees all); `all`: every open case.
    pub show: Option<String>,
    /// Page number, from 1.
    pub page: Option<i64>,
    /// Items per page, 1–100.
    pub per_page: Option<i64>,
}

/// `GET /api/v1/cases`: the caller's departments' open cases, most urgent first.
#[utoipa::path(get, path = "/api/v1/cases", tag = "applications", params(QueueQuery),
    responses((status = 200, description = "The caller's departments' open cases, most urgent first", body = List<CaseOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn queue(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<QueueQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, q.per_page, 50)?;
    let states = match q.state.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => vec![CaseState::parse(s).ok_or_else(|| Error::code(ErrorCode::InvalidQuery))?],
        None => Vec::new(),
    };
    let waiting_for = match q.show.as_deref().map(str::trim) {
        None | Some("" | "mine") => svc::waiting_for_me(&ctx),
        Some("all") => Vec::new(),
        Some(_) => return Err(Error::code(ErrorCode::InvalidQuery)),
    };
    let filter = QueueFilter {
        departments: svc::handling_departments(&ctx),
        states,
        waiting_for,
        ..Default::default()
    };
    let (rows, total) = app.store.case_queue(&filter, page).await?;
    Ok(axum::Json(List {
        total,
        items: rows.iter().map(CaseOut::from).collect(),
    })
    .into_response())
}

/// A staff step.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffStep {
    /// The case's `revision` as last read: if someone acted since, the answer is 409.
    pub revision: i64,
    /// The step: `{"action": "accept"}`, `{"action": "return", "missing": [...], "note": ""}`,
    /// `{"action": "advance", "note": ""}`, `{"action": "approve", "note": ""}`,
    /// `{"action": "deny", "reason": "", "legal_basis": ""}`, `{"action": "deliver",
    /// "method": "counter|post|electronic", "tracking": null}`, `{"action": "transfer", "to":
    /// "<department id>", "reason": ""}`, `{"action": "pause", "kind":
    /// "expert_review|hearing|on_site_inspection", "note": ""}`, `{"action": "resume"}`.
    #[schema(value_type = Object)]
    pub step: Action,
    /// With an approval, what the approver records in the item's decision fields (核定), e.g.
    /// `{"monthly_amount": "1850", "months": "12"}`: checked like answers, errors at
    /// `decision.<key>`. Ignored with other steps and for items without decision fields.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub decision: yiwang_domain::forms::Answers,
}

/// `POST /api/v1/cases/{id}/actions`: a staff step on a case of the caller's department.
#[utoipa::path(post, path = "/api/v1/cases/{id}/actions", tag = "applications", request_body = StaffStep, params(("id" = String, Path, description = "Case id")),
    responses((status = 200, description = "A staff step on a case of the caller's department", body = CaseOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn case_action(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CaseId>,
    Json(body): Json<StaffStep>,
) -> Result<Response, Error> {
    let case = act::staff_act(&app, &ctx, id, body.revision, body.step, &body.decision).await?;
    Ok(axum::Json(CaseOut::from(&case)).into_response())
}

/// Receipt number and query code.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TrackQuery {
    /// The receipt number (办件编号).
    pub receipt: String,
    /// The six-digit query code (查询码).
    pub code: String,
}

/// Progress without personal data.
#[derive(Serialize, ToSchema)]
pub struct TrackOut {
    /// Receipt number.
    pub receipt: String,
    /// Item name.
    pub item_name: String,
    /// Handling department.
    pub department_name: String,
    /// State.
    pub state: String,
    /// Due day, while the clock runs.
    pub due_on: Option<String>,
    /// What happened when (kinds and times only).
    pub events: Vec<(String, String)>,
}

/// `GET /api/v1/track`: a case's progress by receipt number and query code, without
/// logging in; no personal data.
#[utoipa::path(get, path = "/api/v1/track", tag = "applications", params(TrackQuery),
    responses((status = 200, description = "A case's progress by receipt number and query code, without logging in; no personal data", body = TrackOut), ApiErrors))]
pub async fn track(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TrackQuery>,
) -> Result<Response, Error> {
    crate::services::throttle_track(&app, &ctx).await?;
    let case = svc::track(&app, &q.receipt, &q.code).await?;
    let events = app
        .store
        .case_events(case.id)
        .await?
        .into_iter()
        .map(|e| (e.at.rfc3339(), e.kind.as_str().to_owned()))
        .collect();
    Ok(axum::Json(TrackOut {
        receipt: case.receipt,
        item_name: case.item_name,
        department_name: case.department_name,
        state: case.state.as_str().to_owned(),
        due_on: case.due_on.map(|d| d.to_string()),
        events,
    })
    .into_response())
}

/// A token to verify.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyIn {
    /// The `YWC1.` token (from the QR code or the certificate file).
    pub token: String,
}

/// The verdict.
#[derive(Serialize, ToSchema)]
pub struct VerifyOut {
    /// `valid`, `revoked`, `expired` or `invalid`.
    pub status: String,
    /// What a verifier needs (the holder's name masked, none of the data), for genuine
    /// certificates; null for `invalid`.
    pub certificate: Option<certificates::Summary>,
    /// The signed payload of the token sent, for genuine certificates; null for `invalid`.
    /// Nothing the caller does not hold already: the token carries it (docs/CERTIFICATES.md),
    /// and the public page never gives a token out for a certificate number.
    #[schema(value_type = Option<Object>)]
    pub payload: Option<serde_json::Value>,
    /// When it was revoked (YYYY-MM-DD).
    pub revoked_on: Option<String>,
    /// Why.
    pub revoked_reason: Option<String>,
}

/// `POST /api/v1/certificates/verify`: checks a certificate's signature against the published
/// keys, then revocation and expiry.
#[utoipa::path(post, path = "/api/v1/certificates/verify", tag = "applications", request_body = VerifyIn,
    responses((status = 200, description = "Checks a certificate's signature against the published keys, then revocation and expiry", body = VerifyOut), ApiErrors))]
pub async fn verify(
    State(app): State<AppState>,
    Json(body): Json<VerifyIn>,
) -> Result<Response, Error> {
    if body.token.len() > 16 * 1024 {
        return Err(Error::field("token", FieldCode::TooLong));
    }
    let (status, payload, revoked) = match certificates::check(&app, &body.token).await? {
        Verdict::Valid(p) => ("valid", Some(p), None),
        Verdict::Revoked(p, on, why) => ("revoked", Some(p), Some((on, why))),
        Verdict::Expired(p) => ("expired", Some(p), None),
        Verdict::Invalid => ("invalid", None, None),
    };
    let certificate = payload.as_ref().map(certificates::Summary::of);
    let (revoked_on, revoked_reason) = revoked.unzip();
    let out = VerifyOut {
        status: status.to_owned(),
        certificate,
        payload,
        revoked_on,
        revoked_reason,
    };
    Ok(axum::Json(out).into_response())
}

/// A certificate in the wallet.
#[derive(Serialize, ToSchema)]
pub struct WalletOut {
    /// Certificate id.
    pub id: String,
    /// Type code.
    pub cert_type: String,
    /// Type name.
    pub type_name: String,
    /// Issuer.
    pub issuer: String,
    /// Issued on.
    pub issued_on: String,
    /// Expires on.
    pub expires_on: Option<String>,
    /// Not revoked and not expired.
    pub valid: bool,
    /// The signed token: verifiable offline (docs/CERTIFICATES.md).
    pub token: String,
}

/// `GET /api/v1/me/certificates`: the caller's certificates.
#[utoipa::path(get, path = "/api/v1/me/certificates", tag = "applications",
    responses((status = 200, description = "The caller's certificates", body = [WalletOut]), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn my_certificates(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let me = citizen(&ctx)?;
    let out: Vec<WalletOut> = certificates::wallet(&app, me)
        .await?
        .into_iter()
        .map(|c| WalletOut {
            id: c.row.id.to_string(),
            cert_type: c.row.cert_type,
            type_name: c.row.type_name,
            issuer: c.row.department_name,
            issued_on: c.row.issued_on,
            expires_on: c.row.expires_on,
            valid: c.valid,
            token: c.row.token,
        })
        .collect();
    Ok(axum::Json(out).into_response())
}

/// Why a certificate is revoked.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeIn {
    /// The reason, in plain words (shown to anyone who checks the certificate).
    pub reason: String,
}

/// `POST /api/v1/certificates/{id}/revoke`: staff of the issuing department revoke a
/// certificate; it then verifies as revoked and is on the published revocation list.
#[utoipa::path(post, path = "/api/v1/certificates/{id}/revoke", tag = "applications", request_body = RevokeIn, params(("id" = String, Path, description = "Certificate id")),
    responses((status = 200, description = "Staff of the issuing department revoke a certificate; it then verifies as revoked and is on the published revocation list", body = WalletOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn revoke(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CertificateId>,
    Json(body): Json<RevokeIn>,
) -> Result<Response, Error> {
    let c = certificates::revoke(&app, &ctx, id, &body.reason).await?;
    Ok(axum::Json(WalletOut {
        id: c.id.to_string(),
        cert_type: c.cert_type,
        type_name: c.type_name,
        issuer: c.department_name,
        issued_on: c.issued_on,
        expires_on: c.expires_on,
        valid: false,
        token: c.token,
    })
    .into_response())
}

/// The new signing key.
#[derive(Serialize, ToSchema)]
pub struct KeyOut {
    /// Its id, as certificates signed from now on carry it.
    pub kid: String,
}

/// `POST /api/v1/admin/departments/{id}/signing-key`: a new signing key for the department;
/// the old one is retired but stays published, so certificates it signed keep verifying.
#[utoipa::path(post, path = "/api/v1/admin/departments/{id}/signing-key", tag = "applications", params(("id" = String, Path, description = "Department id")),
    responses((status = 201, description = "A new signing key for the department; the old one is retired but stays published, so certificates it signed keep verifying", body = KeyOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn rotate_key(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DepartmentId>,
) -> Result<Response, Error> {
    let kid = certificates::rotate_key(&app, &ctx, id).await?;
    Ok((StatusCode::CREATED, axum::Json(KeyOut { kid })).into_response())
}
