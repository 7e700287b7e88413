//! The catalogue and search in the JSON API (CAT, FIND-1): search, items, guides and life
//! events for apps; item publishing, imports, exports, aliases and checklists for admins.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use yiwang_domain::catalog::{ItemInput, LifeStage};
use yiwang_domain::ids::ItemId;
use yiwang_domain::paging::Page;
use yiwang_store::catalog::ItemRow;
use yiwang_store::catalog::aliases::AliasChanges;
use yiwang_store::catalog::import::CatalogImportReport;

use crate::catalog::CatalogOf;
use crate::services::browse::BrowseQuery;
use crate::services::catalog::{self as svc, Format};
use crate::services::search::{self, Ask, Results};
use yiwang_index::Snapshot;
use yiwang_kit::api::{ApiErrors, List};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path, Query};
use yiwang_kit::state::AppState;

/// A search.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// What to look for (up to 100 characters; Simplified or Traditional, everyday words).
    #[serde(default)]
    pub q: String,
    /// Only this kind: `item`, `department`, `region` or `inquiry` (answers on the public board).
    pub kind: Option<String>,
    /// Only this department's results (its id).
    pub department: Option<String>,
    /// Only results in this region's subtree (its code).
    pub region: Option<String>,
    /// Only items with this label: `no_visit`, `one_visit`, `instant`, `fully_online`,
    /// `by_post`, `cross_region`.
    pub tag: Option<String>,
    /// The searcher's region code: its results rank first.
    pub near: Option<String>,
    /// At most this many results, 1–50 (default 10).
    pub limit: Option<usize>,
    /// Results to skip (default 0).
    pub offset: Option<usize>,
}

/// Searches everything the platform publishes. Results are best first; every result has a
/// `kind`. An empty query finds nothing.
#[utoipa::path(get, path = "/api/v1/search", tag = "catalogue", params(SearchQuery), responses((status = 200, description = "Searches everything the platform publishes", body = Results), ApiErrors))]
pub async fn search(
    State(app): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> Result<Response, Error> {
    let found = search::find(
        &app,
        &Ask {
            q: &q.q,
            kind: q.kind.as_deref(),
            department: q.department.as_deref(),
            region: q.region.as_deref(),
            tag: q.tag.as_deref(),
            near: q.near.as_deref(),
            offset: q.offset.unwrap_or(0),
            limit: q.limit.unwrap_or(10),
        },
    )?;
    Ok(axum::Json(search::results(found)).into_response())
}

/// An item in lists.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemSummary {
    /// Id.
    pub id: String,
    /// National item code, if any.
    pub code: Option<String>,
    /// Name.
    pub name: String,
    /// Type code (`1` 行政许可, `20` 公共服务 …).
    pub item_type: String,
    /// Implementing department's id.
    pub department: String,
    /// Its name.
    pub department_name: String,
    /// Implementing region's code.
    pub region: String,
    /// Level: `province`, `city`, `county`, `township`, `community`.
    pub level: String,
    /// Labels.
    pub tags: Vec<String>,
    /// Topics.
    pub topics: Vec<String>,
    /// `person`, `legal`.
    pub subjects: Vec<String>,
    /// Main item it belongs to.
    pub parent: Option<String>,
    /// Whether it is a main item grouping variants.
    pub is_group: bool,
    /// `active` or `withdrawn`.
    pub status: String,
    /// Current version.
    pub version: i64,
    /// The guide page.
    pub url: String,
    /// Where to apply online, when the item is online-enabled.
    pub online_url: Option<String>,
}

impl From<&ItemRow> for ItemSummary {
    fn from(r: &ItemRow) -> ItemSummary {
        ItemSummary {
            id: r.id.to_string(),
            code: r.code.clone(),
            name: r.name.clone(),
            item_type: r.item_type.as_str().to_owned(),
            department: r.department.to_string(),
            department_name: r.department_name.clone(),
            region: r.region.to_string(),
            level: r.level.as_str().to_owned(),
            tags: r.tags.iter().map(|t| t.as_str().to_owned()).collect(),
            topics: r.topics.iter().map(|t| t.as_str().to_owned()).collect(),
            subjects: r.subjects.iter().map(|t| t.as_str().to_owned()).collect(),
            parent: r.parent.map(|p| p.to_string()),
            is_group: r.is_group,
            status: r.status.as_str().to_owned(),
            version: r.version,
            url: format!("/items/{}", r.id),
            online_url: r.online_url.clone(),
        }
    }
}

/// Paging and filters of the item list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemsQuery {
    /// Page, from 1.
    pub page: Option<i64>,
    /// Items per page, 1–100 (default 50).
    pub per_page: Option<i64>,
    /// Department id.
    pub department: Option<String>,
    /// Topic.
    pub topic: Option<String>,
    /// `person` or `legal`.
    pub subject: Option<String>,
    /// Type code.
    #[serde(rename = "type")]
    pub item_type: Option<String>,
    /// Level.
    pub level: Option<String>,
    /// Region subtree.
    pub region: Option<String>,
    /// Label.
    pub tag: Option<String>,
}

/// Lists the active items (main items are reached through their variants), filtered.
#[utoipa::path(get, path = "/api/v1/items", tag = "catalogue", params(ItemsQuery), responses((status = 200, description = "Lists the active items (main items are reached through their variants), filtered", body = List<ItemSummary>), ApiErrors))]
pub async fn items(
    State(app): State<AppState>,
    Query(q): Query<ItemsQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, q.per_page, 100)?;
    let filters = BrowseQuery::from_parts(
        q.department.unwrap_or_default(),
        q.topic.unwrap_or_default(),
        q.subject.unwrap_or_default(),
        q.item_type.unwrap_or_default(),
        q.level.unwrap_or_default(),
        q.region.unwrap_or_default(),
        q.tag.unwrap_or_default(),
    )
    .filters()?;
    let b =
        app.catalog()?
            .snapshot()
            .browse(&filters, page.offset() as usize, page.limit() as usize);
    Ok(axum::Json(List {
        total: b.total as i64,
        items: b
            .items
            .iter()
            .map(|r| ItemSummary::from(r.as_ref()))
            .collect(),
    })
    .into_response())
}

/// An item with its guide.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemOut {
    /// The row.
    #[serde(flatten)]
    pub item: ItemSummary,
    /// The replacement of a withdrawn item.
    pub replaced_by: Option<String>,
    /// Why it was withdrawn.
    pub withdrawn_reason: Option<String>,
    /// The guide: conditions, materials (name, form, copies, required, source), steps,
    /// statutory and promised working days, fees, legal basis, place, hours, phone, visits,
    /// channels, FAQ, policies, consultation and complaint contacts. A field that is `null`
    /// has not been filled in by the department.
    #[schema(value_type = Object)]
    pub guide: serde_json::Value,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// One item with its current guide. Withdrawn items are returned too (with `status`).
#[utoipa::path(get, path = "/api/v1/items/{id}", tag = "catalogue", params(("id" = String, Path, description = "Item id")), responses((status = 200, description = "One item with its current guide", body = ItemOut), ApiErrors))]
pub async fn item(State(app): State<AppState>, Path(id): Path<ItemId>) -> Result<Response, Error> {
    let item = app.catalog()?.item(id).await?;
    let guide = serde_json::to_value(&item.guide).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(axum::Json(ItemOut {
        item: ItemSummary::from(&item.row),
        replaced_by: item.row.replaced_by.map(|r| r.to_string()),
        withdrawn_reason: item.row.withdrawn_reason.clone(),
        guide,
        updated_at: item.row.updated_at.rfc3339(),
    })
    .into_response())
}

/// A life stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct StageOut {
    /// Stable name (`birth`, `school`, … `start`, `close`).
    pub stage: String,
    /// `person` or `enterprise`.
    pub audience: String,
    /// Its steps, in order (empty in the list of stages).
    pub steps: Vec<StepOut>,
    /// How many steps.
    pub count: usize,
}

/// A step of a stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepOut {
    /// The item.
    pub item: ItemSummary,
    /// Why or when.
    pub note: Option<String>,
}

fn stage_out(snapshot: &Snapshot, stage: LifeStage, with_steps: bool) -> StageOut {
    let steps = snapshot.checklists.get(&stage).cloned().unwrap_or_default();
    StageOut {
        stage: stage.as_str().to_owned(),
        audience: stage.audience().as_str().to_owned(),
        count: steps.len(),
        steps: if with_steps {
            steps
                .iter()
                .map(|s| StepOut {
                    item: ItemSummary::from(s.item.as_ref()),
                    note: s.note.clone(),
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// Every life stage of a person and of an enterprise, in life order.
#[utoipa::path(get, path = "/api/v1/life-events", tag = "catalogue", responses((status = 200, description = "Every life stage of a person and of an enterprise, in life order", body = Vec<StageOut>), ApiErrors))]
pub async fn life_events(State(app): State<AppState>) -> Result<Response, Error> {
    let snapshot = app.catalog()?.snapshot();
    let out: Vec<StageOut> = LifeStage::ALL
        .into_iter()
        .map(|s| stage_out(&snapshot, s, false))
        .collect();
    Ok(axum::Json(out).into_response())
}

/// One stage's checklist, in order.
#[utoipa::path(get, path = "/api/v1/life-events/{stage}", tag = "catalogue", params(("stage" = String, Path, description = "Stage name")), responses((status = 200, description = "One stage's checklist, in order", body = StageOut), ApiErrors))]
pub async fn life_event(
    State(app): State<AppState>,
    Path(stage): Path<LifeStage>,
) -> Result<Response, Error> {
    Ok(axum::Json(stage_out(&app.catalog()?.snapshot(), stage, true)).into_response())
}

// ---------------------------------------------------------------------------------------
// Administration

/// An item as an editor writes it (the console's form fields): lists are one entry per line,
/// materials `名称 | 形式 | 份数 | 必需 | 来源`, FAQ `问题 | 回答`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemBody {
    /// The fields (`name`, `code`, `item_type`, `department`, `region`, `parent`, `tags`,
    /// `topics`, `subjects`, `online_url`, `conditions`, `materials`, `steps`,
    /// `statutory_days`, `promised_days`, `fees`, `legal_basis`, `place`, `hours`, `phone`,
    /// `visits`, `channels`, `faq`, `policies`, `consult`, `complaint`, `note`).
    #[schema(value_type = Object)]
    pub item: ItemInput,
    /// Create a main item grouping variants (creation only).
    #[serde(default)]
    pub is_group: bool,
    /// The version the edit started from (edits only).
    pub version: Option<i64>,
}

/// What a publish returns.
#[derive(Debug, Serialize, ToSchema)]
pub struct Published {
    /// The item's id.
    pub id: String,
    /// Its new version.
    pub version: i64,
}

/// Creates an item (department admins for their department; platform admins anywhere).
#[utoipa::path(post, path = "/api/v1/admin/items", tag = "admin", request_body = ItemBody, responses((status = 201, description = "Creates an item (department admins for their department; platform admins anywhere)", body = Published), ApiErrors))]
pub async fn create_item(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<ItemBody>,
) -> Result<Response, Error> {
    let id = svc::create_item(&app, &ctx, &body.item, body.is_group).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Published {
            id: id.to_string(),
            version: 1,
        }),
    )
        .into_response())
}

/// Publishes a new version of an item; `version` must be the current one (else 409).
#[utoipa::path(put, path = "/api/v1/admin/items/{id}", tag = "admin", params(("id" = String, Path, description = "Item id")), request_body = ItemBody, responses((status = 200, description = "Publishes a new version of an item; version must be the current one (else 409)", body = Published), ApiErrors))]
pub async fn update_item(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
    Json(body): Json<ItemBody>,
) -> Result<Response, Error> {
    let version = body
        .version
        .ok_or_else(|| Error::field("version", yiwang_domain::FieldCode::Required))?;
    let v = svc::update_item(&app, &ctx, id, &body.item, version).await?;
    Ok(axum::Json(Published {
        id: id.to_string(),
        version: v,
    })
    .into_response())
}

/// A withdrawal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawBody {
    /// Why (shown on the item's page).
    pub reason: String,
    /// The item replacing it, if any.
    pub replacement: Option<String>,
    /// The version the decision was made on.
    pub version: i64,
}

/// Withdraws an item: it leaves lists and search; its page says so and links the replacement.
#[utoipa::path(post, path = "/api/v1/admin/items/{id}/withdraw", tag = "admin", params(("id" = String, Path, description = "Item id")), request_body = WithdrawBody, responses((status = 204, description = "Withdraws an item: it leaves lists and search; its page says so and links the replacement"), ApiErrors))]
pub async fn withdraw_item(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ItemId>,
    Json(body): Json<WithdrawBody>,
) -> Result<Response, Error> {
    let replacement = svc::optional_item("replacement", body.replacement.as_deref().unwrap_or(""))?;
    svc::withdraw_item(&app, &ctx, id, replacement, &body.reason, body.version).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Import options.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// `csv` (national columns) or `json` (with guides).
    pub format: String,
    /// Import the good lines and skip the bad ones (default: all or nothing).
    #[serde(default)]
    pub partial: bool,
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    /// Whether anything was imported (false: the file was refused as a whole).
    pub imported: bool,
    /// The report: added, changed, unchanged, departments and groups added, bad lines.
    #[schema(value_type = Object)]
    pub report: CatalogImportReport,
}

/// Imports a catalogue file sent as the request body (platform admins). Idempotent. A file
/// with bad lines is refused with 422 and every bad line, unless `partial=true`.
#[utoipa::path(post, path = "/api/v1/admin/catalog/import", tag = "admin", params(ImportQuery), request_body(content = String, content_type = "text/csv"), responses((status = 200, description = "Imports a catalogue file sent as the request body (platform admins)", body = ImportOut), (status = 422, description = "Imports a catalogue file sent as the request body (platform admins)", body = ImportOut), ApiErrors))]
pub async fn import(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ImportQuery>,
    body: axum::body::Bytes,
) -> Result<Response, Error> {
    let format = Format::parse(&q.format)?;
    let text = std::str::from_utf8(&body)
        .map_err(|_| Error::field("file", yiwang_domain::FieldCode::InvalidLine))?;
    let report = svc::import(&app, &ctx, format, text, q.partial).await?;
    let imported = !report.refused();
    let status = if imported {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, axum::Json(ImportOut { imported, report })).into_response())
}

/// Export options.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `csv` or `json`.
    pub format: String,
}

/// The whole catalogue as a file (platform admins); importing it back changes nothing.
#[utoipa::path(get, path = "/api/v1/admin/catalog/export", tag = "admin", params(ExportQuery), responses((status = 200, description = "The whole catalogue as a file (platform admins); importing it back changes nothing", body = String, content_type = "text/csv"), ApiErrors))]
pub async fn export(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ExportQuery>,
) -> Result<Response, Error> {
    let format = Format::parse(&q.format)?;
    let body = svc::export(&app, &ctx, format).await?;
    Ok(file_response(body, format))
}

/// A download of an exported catalogue.
pub fn file_response(body: String, format: Format) -> Response {
    let disposition = format!("attachment; filename=\"catalogue.{}\"", format.extension());
    let mut res = body.into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        http::HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = http::HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(CONTENT_DISPOSITION, v);
    }
    res
}

/// A text list (aliases, a checklist).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextBody {
    /// The list, one entry per line.
    pub text: String,
}

/// The search aliases as `phrase = words` lines.
#[utoipa::path(get, path = "/api/v1/admin/search-aliases", tag = "admin", responses((status = 200, description = "The search aliases as phrase = words lines", body = TextBody), ApiErrors))]
pub async fn aliases(State(app): State<AppState>) -> Result<Response, Error> {
    Ok(axum::Json(TextBody {
        text: svc::aliases_text(&app).await?,
    })
    .into_response())
}

/// Replaces the search aliases (platform admins); bad lines are reported with their numbers.
#[utoipa::path(put, path = "/api/v1/admin/search-aliases", tag = "admin", request_body = TextBody, responses((status = 200, description = "Replaces the search aliases (platform admins); bad lines are reported with their numbers", body = Object), ApiErrors))]
pub async fn set_aliases(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<TextBody>,
) -> Result<Response, Error> {
    let changes: AliasChanges = svc::set_aliases(&app, &ctx, &body.text).await?;
    Ok(axum::Json(changes).into_response())
}

/// Replaces a life stage's checklist (platform admins): `item | note` per line, the item by
/// id, national code or exact name.
#[utoipa::path(put, path = "/api/v1/admin/life-events/{stage}", tag = "admin", params(("stage" = String, Path, description = "Stage name")), request_body = TextBody, responses((status = 200, description = "Replaces a life stage's checklist (platform admins): item | note per line, the item by id, national code or exact name", body = StageOut), ApiErrors))]
pub async fn set_life_event(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(stage): Path<LifeStage>,
    Json(body): Json<TextBody>,
) -> Result<Response, Error> {
    svc::set_checklist(&app, &ctx, stage, &body.text).await?;
    Ok(axum::Json(stage_out(&app.catalog()?.snapshot(), stage, true)).into_response())
}
