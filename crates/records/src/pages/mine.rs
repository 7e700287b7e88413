//! The citizen's records (我的档案): the list by person and date, one record with its earlier
//! versions, and the download as a signed document.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use yiwang_domain::forms::FormDef;
use yiwang_domain::ids::RecordId;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Path;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

use super::{RecordView, view};
use crate::services::read;
use crate::texts::*;

/// One person's records on the list.
pub struct Group {
    /// The child's name, or `None` for the citizen's own.
    child: Option<String>,
    /// The records, newest first.
    records: Vec<RecordView>,
}

#[derive(Template)]
#[template(path = "records/list.html")]
struct ListPage {
    l: Layout,
    verified: bool,
    groups: Vec<Group>,
}

async fn schemas(app: &AppState) -> Result<HashMap<String, FormDef>, Error> {
    Ok(app
        .store
        .record_types()
        .await?
        .into_iter()
        .map(|t| (t.code, t.schema))
        .collect())
}

/// `GET /account/records`.
pub async fn list(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let mine = read::mine(&app, &ctx).await?;
    let lang = ctx.t().lang();
    let schemas = schemas(&app).await?;
    let groups = mine
        .groups
        .iter()
        .map(|g| Group {
            child: g.child.as_deref().map(|n| yiwang_kit::zh::display(n, lang)),
            records: g
                .records
                .iter()
                .map(|r| view(r, schemas.get(&r.record_type), lang))
                .collect(),
        })
        .collect();
    let l = Layout::new(&app, &ctx, ctx.t().rec_title(), Section::Mine).await;
    html(&ListPage {
        l,
        verified: mine.verified,
        groups,
    })
}

#[derive(Template)]
#[template(path = "records/record.html")]
struct RecordPage {
    l: Layout,
    r: RecordView,
    child: Option<String>,
    earlier: Vec<RecordView>,
}

/// `GET /account/records/{id}`: the record in plain words and its earlier versions.
pub async fn record(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<RecordId>,
) -> Result<Response, Error> {
    let (record, history, child) = read::one(&app, &ctx, id).await?;
    let lang = ctx.t().lang();
    let schemas = schemas(&app).await?;
    let schema = schemas.get(&record.record_type);
    let r = view(&record, schema, lang);
    let earlier = history
        .iter()
        .filter(|h| h.id != record.id)
        .map(|h| view(h, schema, lang))
        .collect();
    let l = Layout::new(&app, &ctx, r.kind.clone(), Section::Mine).await;
    html(&RecordPage {
        l,
        r,
        child: child.map(|n| yiwang_kit::zh::display(&n, lang)),
        earlier,
    })
}

/// `GET /account/records/{id}/download`: the record as a signed JSON document.
pub async fn download(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<RecordId>,
) -> Result<Response, Error> {
    let doc = read::download(&app, &ctx, id).await?;
    let body = serde_json::to_vec_pretty(&doc).map_err(|e| Error::Internal(e.to_string()))?;
    let short = id.to_string();
    let short = &short[short.len().saturating_sub(8)..];
    Ok((
        [
            (CONTENT_TYPE, "application/json".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"record-{short}.json\""),
            ),
        ],
        body,
    )
        .into_response())
}
