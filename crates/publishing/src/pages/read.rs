//! Reading government information (PUB-1, PUB-2): the columns with their latest, a column's
//! page, a document's page (with its QR code and share link; a withdrawn one says when and
//! why), and the pictures documents show.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use yiwang_domain::ids::{DocId, DocImageId};
use yiwang_domain::paging::Page;
use yiwang_domain::publishing::DocState;
use yiwang_files::FileStore;
use yiwang_store::publishing::{ColumnRow, DocRow, Listing};

use super::{Line, column_name, line, mark, zh};
use crate::services::docs;
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, Pager, html};

/// A column with its latest documents.
pub struct ColumnBlock {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its latest.
    pub lines: Vec<Line>,
}

/// The latest `n` of each column in `columns`, skipping empty ones.
pub async fn blocks(
    app: &AppState,
    t: Tr,
    columns: &[ColumnRow],
    n: u32,
) -> Result<Vec<ColumnBlock>, Error> {
    let mut out = Vec::new();
    for c in columns {
        let page = Page::new(Some(1), Some(i64::from(n)), n)?;
        let rows = app
            .store
            .published_docs(
                &Listing {
                    column: Some(&c.code),
                    without_bodies: true,
                    ..Listing::default()
                },
                page,
                false,
            )
            .await?;
        if !rows.is_empty() {
            out.push(ColumnBlock {
                code: c.code.clone(),
                name: column_name(c, t),
                lines: rows.iter().map(|r| line(r, t)).collect(),
            });
        }
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "news/index.html")]
struct IndexPage {
    l: Layout,
    blocks: Vec<ColumnBlock>,
}

/// `GET /news`: every top-level column with its five latest.
pub async fn index(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let columns: Vec<ColumnRow> = app
        .store
        .doc_columns()
        .await?
        .into_iter()
        .filter(|c| c.parent.is_none())
        .collect();
    let blocks = blocks(&app, t, &columns, 5).await?;
    let l = Layout::new(&app, &ctx, t.pub_title(), Section::News).await;
    html(&IndexPage { l, blocks })
}

#[derive(Deserialize)]
/// The page asked for.
pub struct PageQuery {
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "news/column.html")]
struct ColumnPage {
    l: Layout,
    code: String,
    children: Vec<(String, String)>,
    parent: Option<(String, String)>,
    lines: Vec<Line>,
    total: i64,
    pager: Pager,
}

/// `GET /news/c/{code}`: a column's documents, newest first, 20 to a page.
pub async fn column(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let columns = app.store.doc_columns().await?;
    let c = columns
        .iter()
        .find(|c| c.code == code)
        .ok_or_else(Error::not_found)?;
    let page = Page::new(q.page, None, 20)?;
    let (rows, total) = crate::services::lists::page(
        &app,
        &Listing {
            column: Some(&c.code),
            without_bodies: true,
            ..Listing::default()
        },
        page,
        true,
    )
    .await?;
    let children = columns
        .iter()
        .filter(|x| x.parent.as_deref() == Some(c.code.as_str()))
        .map(|x| (x.code.clone(), column_name(x, t)))
        .collect();
    let parent = c
        .parent
        .as_ref()
        .and_then(|p| columns.iter().find(|x| &x.code == p))
        .map(|x| (x.code.clone(), column_name(x, t)));
    let l = Layout::new(&app, &ctx, column_name(c, t), Section::News).await;
    html(&ColumnPage {
        l,
        code: c.code.clone(),
        children,
        parent,
        lines: rows.iter().map(|r| line(r, t)).collect(),
        total,
        pager: Pager::new(&format!("/news/c/{}", c.code), page, total),
    })
}

#[derive(Template)]
#[template(path = "news/doc.html")]
struct DocPage {
    l: Layout,
    row: DocRow,
    column: (String, String),
    mark: &'static str,
    withdrawn: bool,
    published: String,
    corrected: String,
    withdrawn_on: String,
    share: String,
    policy: Vec<(&'static str, String)>,
    replaced_by: Option<(String, String)>,
    /// Each tag with its search query, encoded.
    tags: Vec<(String, String)>,
    /// A policy document's interpretations: (id, title).
    interpretations: Vec<(String, String)>,
    /// The policy documents an interpretation explains: (id, title).
    explains: Vec<(String, String)>,
    /// The service items a policy document governs: (id, name).
    items: Vec<(String, String)>,
}

/// `GET /news/{id}`: a document for readers. A withdrawn document keeps its address and says
/// when and why it was withdrawn, without its text.
pub async fn doc(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<DocId>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let row = docs::for_reader(&app, id).await?;
    let columns = app.store.doc_columns().await?;
    let column = columns
        .iter()
        .find(|c| c.code == row.column)
        .map(|c| (c.code.clone(), column_name(c, t)))
        .unwrap_or_default();
    let share = yiwang_kit::respond::absolute(&app, &headers, &format!("/news/{id}"));
    let policy = match &row.doc.policy {
        None => Vec::new(),
        Some(p) => {
            let mut v = vec![
                (t.pub_index_no(), p.index_no.clone()),
                (t.pub_category(), category_name(t, p.category).to_owned()),
                (t.pub_issuer(), zh(&p.issuer, t)),
                (t.pub_issued_on(), p.issued_on.to_string()),
            ];
            if !p.doc_no.is_empty() {
                v.insert(1, (t.pub_doc_no(), p.doc_no.clone()));
            }
            if let Some(e) = p.effective_on {
                v.push((t.pub_effective_on(), e.to_string()));
            }
            v.push((t.pub_validity(), validity_name(t, p.validity).to_owned()));
            v.push((t.pub_publicity(), publicity_name(t, p.publicity).to_owned()));
            v
        }
    };
    let replaced_by = match row.doc.policy.as_ref().map(|p| p.replaced_by.as_str()) {
        Some(r) if !r.is_empty() => app
            .store
            .doc_by_index_no(r)
            .await?
            .filter(|d| d.state == DocState::Published)
            .map(|d| (d.id.to_string(), d.doc.title)),
        _ => None,
    };
    let tags = row
        .doc
        .tags
        .iter()
        .map(|tag| (zh(tag, t), yiwang_kit::pipeline::percent_encode(tag)))
        .collect();
    let interpretations = match &row.doc.policy {
        Some(p) => app
            .store
            .docs_linked("policy", &p.index_no, 20)
            .await?
            .into_iter()
            .map(|d| (d.id.to_string(), zh(&d.doc.title, t)))
            .collect(),
        None => Vec::new(),
    };
    let mut explains = Vec::new();
    for n in &row.doc.interprets {
        if let Some(d) = app
            .store
            .doc_by_index_no(n)
            .await?
            .filter(|d| matches!(d.state, DocState::Published | DocState::Withdrawn))
        {
            explains.push((d.id.to_string(), zh(&d.doc.title, t)));
        }
    }
    let items = app
        .store
        .items_by_id(&row.doc.items)
        .await?
        .into_iter()
        .map(|i| (i.row.id.to_string(), zh(&i.row.name, t)))
        .collect();
    // Traditional readers read the words converted, the stored text being Simplified.
    let mut row = row;
    if t.lang() == yiwang_domain::Lang::ZhHant {
        row.doc.title = zh(&row.doc.title, t);
        row.doc.summary = zh(&row.doc.summary, t);
        row.body_html = zh(&row.body_html, t);
        row.withdrawn_reason = zh(&row.withdrawn_reason, t);
        row.correction_note = zh(&row.correction_note, t);
        row.doc.source = zh(&row.doc.source, t);
        row.doc.author = zh(&row.doc.author, t);
    }
    let l = Layout::new(&app, &ctx, row.doc.title.clone(), Section::News).await;
    html(&DocPage {
        tags,
        interpretations,
        explains,
        items,
        l,
        mark: mark(&row, t),
        withdrawn: row.state == DocState::Withdrawn,
        published: row
            .published_at
            .map(|p| p.display_minutes())
            .unwrap_or_default(),
        corrected: row
            .corrected_at
            .map(|p| p.display_minutes())
            .unwrap_or_default(),
        withdrawn_on: row
            .withdrawn_at
            .map(|p| p.beijing_date().to_string())
            .unwrap_or_default(),
        row,
        column,
        share,
        policy,
        replaced_by,
    })
}

/// `GET /news/{id}/qr.svg`: the QR code of a document's address, drawn once per browser (the
/// page links it rather than carrying it, so reading the page does not draw it each time).
pub async fn qr(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<DocId>,
) -> Result<Response, Error> {
    docs::for_reader(&app, id).await?;
    let share = yiwang_kit::respond::absolute(&app, &headers, &format!("/news/{id}"));
    Ok((
        [
            (http::header::CONTENT_TYPE, "image/svg+xml"),
            (http::header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        yiwang_kit::qr::svg(&share)?,
    )
        .into_response())
}

/// `GET /news/images/{id}`: a picture of a document, as the image type sniffed on upload.
pub async fn image(
    State(app): State<AppState>,
    Path(id): Path<DocImageId>,
) -> Result<Response, Error> {
    let img = app
        .store
        .doc_image(id)
        .await?
        .ok_or_else(Error::not_found)?;
    let bytes = app
        .part::<FileStore>()?
        .get(&img.file_key)
        .await
        .map_err(Error::internal)?
        .ok_or_else(Error::not_found)?;
    let mime = match img.content_type.as_str() {
        "image/png" => "image/png",
        _ => "image/jpeg",
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(
        http::header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(res)
}
