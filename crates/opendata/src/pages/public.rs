//! The readers' pages: `/data` (search with facets and counts), `/data/{name}` (a dataset;
//! `.ttl` and `.jsonld` give its DCAT description), a resource's page with a preview of its
//! first rows, and the download.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use yiwang_domain::ids::DataResourceId;
use yiwang_domain::paging::Page;
use yiwang_files::FileStore;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, Pager, html};

use super::{DatasetView, ResourceView, field_type_name, group_name, urlencode};
use crate::services::catalog::{self, Clause, Entry, FACETS, Search};
use crate::texts::*;

/// The catalogue's query: words, the facets chosen, the page.
#[derive(Debug, Default, Deserialize)]
pub struct CatalogueQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    groups: Option<String>,
    #[serde(default)]
    tags: Option<String>,
    #[serde(default)]
    res_format: Option<String>,
    #[serde(default)]
    license_id: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    page: Option<i64>,
}

impl CatalogueQuery {
    fn chosen(&self) -> Vec<(&'static str, &str)> {
        [
            ("organization", &self.organization),
            ("groups", &self.groups),
            ("tags", &self.tags),
            ("res_format", &self.res_format),
            ("license_id", &self.license_id),
            ("region", &self.region),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect()
    }

    /// The address of this query with `field` set to `value` (or removed), back to page 1.
    fn with(&self, field: &str, value: Option<&str>) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", urlencode(&self.q)));
        }
        for (k, v) in self.chosen() {
            if k != field {
                parts.push(format!("{k}={}", urlencode(v)));
            }
        }
        if let Some(v) = value {
            parts.push(format!("{field}={}", urlencode(v)));
        }
        if parts.is_empty() {
            "/data".into()
        } else {
            format!("/data?{}", parts.join("&"))
        }
    }
}

/// A facet value's link.
pub struct FacetLink {
    label: String,
    count: usize,
    href: String,
    on: &'static str,
}

/// A facet with its values.
pub struct FacetGroup {
    title: &'static str,
    active: bool,
    links: Vec<FacetLink>,
}

#[derive(Template)]
#[template(path = "data/catalogue.html")]
struct CataloguePage {
    l: Layout,
    q: String,
    count: String,
    chosen: Vec<(String, String)>,
    facets: Vec<FacetGroup>,
    results: Vec<DatasetView>,
    pager: Pager,
}

fn facet_label(t: yiwang_kit::i18n::Tr, entries: &[Entry], field: &str, v: &str) -> String {
    match field {
        "organization" => entries
            .iter()
            .find(|e| e.org_name() == v)
            .and_then(|e| e.org.as_ref())
            .map_or(v.to_owned(), |o| o.name.clone()),
        "groups" => group_name(t, v),
        "license_id" => entries
            .iter()
            .find_map(|e| e.licence.as_ref().filter(|l| l.id == v))
            .map_or(v.to_owned(), |l| l.title.clone()),
        "region" => entries
            .iter()
            .find(|e| e.d.fields.region.as_deref() == Some(v))
            .and_then(|e| e.region_name.clone())
            .unwrap_or_else(|| v.to_owned()),
        _ => v.to_owned(),
    }
}

/// `GET /data`.
pub async fn catalogue(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(cq): Query<CatalogueQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let entries = catalog::load(&app, true).await?;
    let s = Search {
        words: cq.q.split_whitespace().map(str::to_owned).collect(),
        clauses: cq
            .chosen()
            .iter()
            .map(|(k, v)| Clause::Is((*k).into(), (*v).into()))
            .collect(),
        sort: Vec::new(),
    };
    let found = catalog::find(&entries, &s);
    let facet_title = |f: &str| match f {
        "organization" => t.facet_organization(),
        "groups" => t.facet_groups(),
        "tags" => t.facet_tags(),
        "res_format" => t.facet_res_format(),
        "license_id" => t.facet_license_id(),
        _ => t.facet_region(),
    };
    let chosen = cq.chosen();
    let facets = FACETS
        .iter()
        .map(|f| {
            let current = chosen.iter().find(|(k, _)| k == f).map(|(_, v)| *v);
            FacetGroup {
                title: facet_title(f),
                active: current.is_some(),
                links: catalog::facet(&found, f)
                    .into_iter()
                    .take(20)
                    .map(|(v, n)| FacetLink {
                        label: facet_label(t, &entries, f, &v),
                        count: n,
                        on: if current == Some(v.as_str()) {
                            "true"
                        } else {
                            "false"
                        },
                        href: cq.with(f, Some(&v)),
                    })
                    .collect(),
            }
        })
        .collect();
    let page = Page::new(cq.page, Some(20), 20)?;
    let results = found
        .iter()
        .skip(((page.page.max(1) - 1) * 20) as usize)
        .take(20)
        .map(|e| DatasetView::new(t, e))
        .collect();
    let base = cq.with("", None);
    html(&CataloguePage {
        l: Layout::new(&app, &ctx, t.data_title(), Section::Other).await,
        q: cq.q.clone(),
        count: t.data_count().replacen("{}", &found.len().to_string(), 1),
        chosen: chosen
            .iter()
            .map(|(k, v)| (facet_label(t, &entries, k, v), cq.with(k, None)))
            .collect(),
        facets,
        results,
        pager: Pager::new(&base, page, found.len() as i64),
    })
}

#[derive(Template)]
#[template(path = "data/dataset.html")]
struct DatasetPage {
    l: Layout,
    d: DatasetView,
    history: Vec<(String, String)>,
}

/// `GET /data/{name}` (and `{name}.ttl`, `{name}.jsonld`).
pub async fn dataset(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let (name, format) = match name.rsplit_once('.') {
        Some((n, f @ ("ttl" | "jsonld"))) => (n.to_owned(), Some(f)),
        _ => (name, None),
    };
    let entries = catalog::load(&app, true).await?;
    let e = entries
        .iter()
        .find(|e| e.d.fields.name == name)
        .ok_or_else(Error::not_found)?;
    if let Some(f) = format {
        let base = yiwang_kit::respond::absolute(&app, &headers, "");
        return Ok(crate::api::dcat::render(
            &app,
            &base,
            std::slice::from_ref(e),
            true,
            f,
        ));
    }
    let history = app
        .store
        .dataset_versions(e.d.id)
        .await?
        .into_iter()
        .map(|v| {
            (
                v.at.beijing_date().to_string(),
                super::note_name(t, &v.note).to_owned(),
            )
        })
        .collect();
    html(&DatasetPage {
        l: Layout::new(&app, &ctx, e.d.fields.title.clone(), Section::Other).await,
        d: DatasetView::new(t, e),
        history,
    })
}

#[derive(Template)]
#[template(path = "data/resource.html")]
struct ResourcePage {
    l: Layout,
    d: DatasetView,
    r: ResourceView,
    caption: String,
    preview_title: String,
    columns: Vec<(String, &'static str)>,
    rows: Vec<Vec<String>>,
}

/// How many rows the resource page shows.
const PREVIEW_ROWS: i64 = 20;

async fn published(app: &AppState, name: &str, id: DataResourceId) -> Result<Entry, Error> {
    let entries = catalog::load(app, true).await?;
    entries
        .iter()
        .find(|e| e.d.fields.name == name && e.resources.iter().any(|r| r.id == id))
        .cloned()
        .ok_or_else(Error::not_found)
}

/// `GET /data/{name}/resources/{id}`: the resource with a preview of its first rows.
pub async fn resource(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((name, id)): Path<(String, DataResourceId)>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let e = published(&app, &name, id).await?;
    let r = e
        .resources
        .iter()
        .find(|r| r.id == id)
        .ok_or_else(Error::not_found)?;
    let (mut columns, mut rows, mut total) = (Vec::new(), Vec::new(), 0);
    if r.datastore_active {
        let fields = app.store.datastore_fields(id).await?;
        total = app.store.datastore_count(id).await?;
        rows = app
            .store
            .datastore_rows(id, 0, Some(PREVIEW_ROWS))
            .await?
            .into_iter()
            .map(|(_, cells)| cells)
            .collect();
        columns = fields
            .iter()
            .map(|f| (f.name.clone(), field_type_name(t, &f.field_type)))
            .collect();
    }
    let shown = (rows.len() as i64).to_string();
    html(&ResourcePage {
        l: Layout::new(&app, &ctx, r.name.clone(), Section::Other).await,
        caption: t
            .data_preview_caption()
            .replacen("{}", &r.name, 1)
            .replacen("{}", &total.to_string(), 1),
        preview_title: t.data_preview().replacen("{}", &shown, 1),
        r: ResourceView::new(&e, r),
        d: DatasetView::new(t, &e),
        columns,
        rows,
    })
}

/// `GET /data/{name}/resources/{id}/download`: the file (counted), or a redirect to a link.
pub async fn download(
    State(app): State<AppState>,
    Path((name, id)): Path<(String, DataResourceId)>,
) -> Result<Response, Error> {
    let e = published(&app, &name, id).await?;
    let r = e
        .resources
        .iter()
        .find(|r| r.id == id)
        .ok_or_else(Error::not_found)?;
    app.store.count_data_download(id).await?;
    let Some(key) = &r.file_key else {
        return Ok(Redirect::to(&r.url).into_response());
    };
    let bytes = app
        .part::<FileStore>()?
        .get(key)
        .await
        .map_err(Error::internal)?
        .ok_or_else(Error::not_found)?;
    let (ct, ext) = match r.format.as_str() {
        "CSV" => ("text/csv", "csv"),
        "JSON" => ("application/json", "json"),
        "GeoJSON" => ("application/geo+json", "geojson"),
        "PDF" => ("application/pdf", "pdf"),
        "XLSX" => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => ("application/octet-stream", "bin"),
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(ct));
    if let Ok(v) = header::HeaderValue::from_str(&format!("attachment; filename=\"{id}.{ext}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
