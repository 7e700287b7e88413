//! The inquiries' JSON API for apps and mini-programs (INQ-1…4): the categories, asking with
//! an `Idempotency-Key`, the asker's inquiries with their history and the verdict, and a
//! staff member's step on an inquiry. The same use cases as the pages.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use yiwang_domain::FieldCode;
use yiwang_domain::ids::InquiryId;
use yiwang_domain::inquiry::{Action, Channel, Verdict};
use yiwang_domain::paging::Page;
use yiwang_store::inquiries::InquiryRow;

use crate::services::submit::{self, AskInput, Asker};
use crate::services::{act, read};
use yiwang_kit::api::{ApiErrors, List, Paging};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path, Query};
use yiwang_kit::state::AppState;

/// A category.
#[derive(Serialize, ToSchema)]
pub struct CategoryOut {
    /// Its code (the Open311 `service_code`).
    pub code: String,
    /// Its name in Chinese.
    pub name: String,
    /// Its group (城市管理, 交通出行 …).
    pub group: String,
    /// What belongs in it.
    pub description: String,
    /// Whether it may be asked anonymously (never a petition).
    pub allow_anonymous: bool,
    /// Whether answers may be published (never for reports and petitions).
    pub allow_public: bool,
}

/// `GET /api/v1/inquiry-categories`: the categories one may ask in.
#[utoipa::path(get, path = "/api/v1/inquiry-categories", tag = "inquiries",
    responses((status = 200, description = "The active categories in order", body = Vec<CategoryOut>), ApiErrors))]
pub async fn categories(State(app): State<AppState>) -> Result<Response, Error> {
    let out: Vec<CategoryOut> = app
        .store
        .inquiry_categories()
        .await?
        .into_iter()
        .filter(|c| c.active)
        .map(|c| CategoryOut {
            code: c.code,
            name: c.name.zh,
            group: c.group.zh,
            description: c.description.zh,
            allow_anonymous: c.allow_anonymous,
            allow_public: c.allow_public,
        })
        .collect();
    Ok(axum::Json(out).into_response())
}

/// An inquiry as the API shows it to its asker.
#[derive(Serialize, ToSchema)]
pub struct InquiryOut {
    /// Its id.
    pub id: String,
    /// Its receipt number (受理编号).
    pub receipt: String,
    /// Its kind.
    pub kind: String,
    /// Its category code.
    pub category: String,
    /// `web`, `app`, `phone` or `open311`.
    pub channel: String,
    /// Its title.
    pub title: String,
    /// The question.
    pub body: String,
    /// Its region code.
    pub region: String,
    /// `dispatch`, `assigned`, `handling`, `paused`, `reply_review`, `replied`, `review`,
    /// `closed` or `merged`.
    pub state: String,
    /// The department handling it.
    pub department: Option<String>,
    /// The day the current limit ends (Beijing time).
    pub due_on: Option<String>,
    /// The answer.
    pub reply: Option<String>,
    /// The day of the answer.
    pub replied_on: Option<String>,
    /// Changes with every step.
    pub revision: i64,
    /// When it was asked (RFC 3339).
    pub created_at: String,
}

impl From<&InquiryRow> for InquiryOut {
    fn from(r: &InquiryRow) -> Self {
        InquiryOut {
            id: r.id.to_string(),
            receipt: r.receipt.clone(),
            kind: r.kind.as_str().to_owned(),
            category: r.category.clone(),
            channel: r.channel.as_str().to_owned(),
            title: r.title.clone(),
            body: r.body.clone(),
            region: r.region_code.clone(),
            state: r.state.as_str().to_owned(),
            department: r.department_name.clone(),
            due_on: r.due_on.map(|d| d.to_string()),
            reply: r.reply.clone(),
            replied_on: r.replied_on.map(|d| d.to_string()),
            revision: r.revision,
            created_at: r.created_at.rfc3339(),
        }
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Error> {
    match headers.get("idempotency-key") {
        Some(v) => Ok(Some(
            v.to_str()
                .map_err(|_| Error::field("idempotency_key", FieldCode::InvalidCharacters))?
                .to_owned(),
        )),
        None => Ok(None),
    }
}

/// `POST /api/v1/inquiries`: asks. With the same `Idempotency-Key` a retry returns the same
/// inquiry with 200; the same key with a different inquiry is `idempotency_key_reused`.
#[utoipa::path(post, path = "/api/v1/inquiries", tag = "inquiries", request_body = AskInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters, unique per inquiry")),
    responses((status = 201, body = InquiryOut, description = "Created"), (status = 200, body = InquiryOut, description = "The earlier inquiry with this key"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn ask(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Json(input): Json<AskInput>,
) -> Result<Response, Error> {
    let me = ctx.principal.citizen().ok_or_else(Error::forbidden)?;
    let key = idempotency_key(&headers)?;
    let asked = submit::submit(
        &app,
        &Asker::Citizen(me, Channel::App),
        &input,
        Vec::new(),
        key.as_deref(),
    )
    .await?;
    let status = if asked.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(InquiryOut::from(&asked.row))).into_response())
}

/// `GET /api/v1/me/inquiries`: the caller's inquiries, newest first.
#[utoipa::path(get, path = "/api/v1/me/inquiries", tag = "inquiries", params(Paging),
    responses((status = 200, description = "The caller's inquiries, newest first", body = List<InquiryOut>), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn mine(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(p): Query<Paging>,
) -> Result<Response, Error> {
    let me = ctx.principal.citizen().ok_or_else(Error::forbidden)?;
    let page = Page::new(p.page, p.per_page, 20)?;
    let (rows, total) = app.store.my_inquiries(me, page).await?;
    Ok(axum::Json(List {
        total,
        items: rows.iter().map(InquiryOut::from).collect(),
    })
    .into_response())
}

/// One step of an inquiry's history.
#[derive(Serialize, ToSchema)]
pub struct StepOut {
    /// When (RFC 3339).
    pub at: String,
    /// What happened (`submitted`, `routed`, `acknowledged`, `replied`, `rated` …).
    pub kind: String,
    /// The stage of the loop: `collect`, `report`, `handle`, `supervise`, `reply`.
    pub stage: String,
    /// The department concerned.
    pub department: Option<String>,
}

/// An inquiry with its history.
#[derive(Serialize, ToSchema)]
pub struct InquiryDetail {
    /// The inquiry.
    pub inquiry: InquiryOut,
    /// What happened, oldest first (the steps the asker is told of).
    pub history: Vec<StepOut>,
}

/// `GET /api/v1/me/inquiries/{id}`: one of the caller's inquiries with its history.
#[utoipa::path(get, path = "/api/v1/me/inquiries/{id}", tag = "inquiries", params(("id" = String, Path, description = "Inquiry id")),
    responses((status = 200, description = "One of the caller's inquiries", body = InquiryDetail), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn my_inquiry(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
) -> Result<Response, Error> {
    let row = read::mine(&app, &ctx, id).await?;
    let history = read::history(&app, id)
        .await?
        .into_iter()
        .filter(|e| e.kind.tells_submitter() || e.kind.as_str() == "submitted")
        .map(|e| StepOut {
            at: e.at.rfc3339(),
            kind: e.kind.as_str().to_owned(),
            stage: e.stage.as_str().to_owned(),
            department: e.department_name,
        })
        .collect();
    Ok(axum::Json(InquiryDetail {
        inquiry: InquiryOut::from(&row),
        history,
    })
    .into_response())
}

/// The asker's verdict on the answer.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictIn {
    /// `satisfied`, `basically_satisfied` or `unsatisfied` (which reopens the inquiry once).
    pub verdict: String,
    /// Why, up to 1000 characters (asked for when unsatisfied).
    #[serde(default)]
    pub reason: String,
}

/// `POST /api/v1/me/inquiries/{id}/verdict`: rates the answer within the verdict window.
#[utoipa::path(post, path = "/api/v1/me/inquiries/{id}/verdict", tag = "inquiries", request_body = VerdictIn,
    params(("id" = String, Path, description = "Inquiry id")),
    responses((status = 200, body = InquiryOut, description = "The inquiry after the verdict"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn verdict(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
    Json(body): Json<VerdictIn>,
) -> Result<Response, Error> {
    let row = read::mine(&app, &ctx, id).await?;
    let verdict = Verdict::parse(&body.verdict)
        .ok_or_else(|| Error::field("verdict", FieldCode::InvalidChoice))?;
    let after = act::asker_act(
        &app,
        &row,
        Action::Rate {
            verdict,
            reason: body.reason,
        },
        Vec::new(),
    )
    .await?;
    Ok(axum::Json(InquiryOut::from(&after)).into_response())
}

/// A staff member's step.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepIn {
    /// `route`, `merge`, `acknowledge`, `accept`, `decline`, `transfer`,
    /// `return_to_dispatch`, `add_helper`, `add_finding`, `pause`, `resume`, `extend`,
    /// `reply`, `approve_reply` or `reject_reply`.
    pub action: String,
    /// The department, for `route`, `transfer` and `add_helper`.
    #[serde(default)]
    pub department: Option<String>,
    /// The inquiry to merge into, for `merge`.
    #[serde(default)]
    pub into: Option<String>,
    /// The answer, finding or reason.
    #[serde(default)]
    pub text: String,
    /// The revision the step was decided on; a change since is `conflict`.
    #[serde(default)]
    pub revision: Option<i64>,
}

impl StepIn {
    fn action(&self) -> Result<Action, Error> {
        act::staff_action(
            &self.action,
            self.department.as_deref(),
            self.into.as_deref(),
            &self.text,
        )
    }
}

/// `POST /api/v1/inquiries/{id}/steps`: a staff member's step, in the strongest role they
/// hold on the inquiry that allows it.
#[utoipa::path(post, path = "/api/v1/inquiries/{id}/steps", tag = "inquiries", request_body = StepIn,
    params(("id" = String, Path, description = "Inquiry id")),
    responses((status = 200, body = InquiryOut, description = "The inquiry after the step"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn step(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
    Json(body): Json<StepIn>,
) -> Result<Response, Error> {
    let action = body.action()?;
    let after = act::staff_act(&app, &ctx, id, body.revision, action, Vec::new()).await?;
    Ok(axum::Json(InquiryOut::from(&after)).into_response())
}
