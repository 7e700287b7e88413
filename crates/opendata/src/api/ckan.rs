//! The CKAN Action API (read side). One handler takes every action at `/api/3/action/{name}`
//! and `/api/action/{name}` (what ckanapi posts to), by GET with a query string or POST with
//! a JSON object or a form, and answers `{"help", "success": true, "result"}` or
//! `{"help", "success": false, "error": {"__type", …}}` with CKAN's status: 404 Not Found
//! Error, 409 Validation Error (and Search Query Error), 403 Authorization Error, 400 Bad
//! request. Only published datasets exist here; absurd paging is an empty page or a
//! Validation Error, never a failure.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use yiwang_kit::state::AppState;

use super::{dicts, form_pairs, pairs_to_map};
use crate::rules::{GROUPS, org_name};
use crate::services::catalog::{self, Entry, FACETS, Search};
use crate::services::datastore::{self, Problem, SearchIn};

/// A CKAN error: its status, `__type` and the rest of the error object.
pub struct CkanError {
    status: StatusCode,
    kind: &'static str,
    body: Map<String, Value>,
}

impl CkanError {
    fn not_found(what: &str) -> CkanError {
        let mut body = Map::new();
        body.insert("message".into(), json!(format!("Not found: {what}")));
        CkanError {
            status: StatusCode::NOT_FOUND,
            kind: "Not Found Error",
            body,
        }
    }

    /// A Validation Error naming its field, as CKAN lists them.
    pub fn invalid(field: &str, message: impl Into<String>) -> CkanError {
        let mut body = Map::new();
        body.insert(field.into(), json!([message.into()]));
        CkanError {
            status: StatusCode::CONFLICT,
            kind: "Validation Error",
            body,
        }
    }

    fn search_query(message: String) -> CkanError {
        let mut body = Map::new();
        body.insert("message".into(), json!(message));
        CkanError {
            status: StatusCode::CONFLICT,
            kind: "Search Query Error",
            body,
        }
    }

    fn not_authorized(message: String) -> CkanError {
        let mut body = Map::new();
        body.insert("message".into(), json!(message));
        CkanError {
            status: StatusCode::FORBIDDEN,
            kind: "Authorization Error",
            body,
        }
    }

    fn bad_request(message: String) -> CkanError {
        let mut body = Map::new();
        body.insert("message".into(), json!(message));
        CkanError {
            status: StatusCode::BAD_REQUEST,
            kind: "Bad request",
            body,
        }
    }

    fn failed() -> CkanError {
        let mut body = Map::new();
        body.insert("message".into(), json!("Internal server error"));
        CkanError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            kind: "Internal Error",
            body,
        }
    }
}

impl From<yiwang_kit::error::Error> for CkanError {
    fn from(e: yiwang_kit::error::Error) -> Self {
        tracing::warn!(error = ?e, "ckan action failed");
        CkanError::failed()
    }
}

impl From<yiwang_store::Error> for CkanError {
    fn from(e: yiwang_store::Error) -> Self {
        CkanError::from(yiwang_kit::error::Error::from(e))
    }
}

impl From<Problem> for CkanError {
    fn from(p: Problem) -> Self {
        match p {
            Problem::NotFound => CkanError::not_found("Resource"),
            Problem::Invalid(field, m) => CkanError::invalid(field, m),
            Problem::NotAuthorized(m) => CkanError::not_authorized(m),
            Problem::Failed(e) => CkanError::from(e),
        }
    }
}

type Answer = Result<Value, CkanError>;

fn reply(status: StatusCode, body: Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json;charset=utf-8"),
    );
    r
}

/// `GET|POST /api/3/action/{name}` and `/api/action/{name}`.
#[utoipa::path(get, path = "/api/3/action/{name}", tag = "opendata",
    params(("name" = String, Path, description = "The action: status_show, package_list, package_search, package_show, organization_list, organization_show, group_list, group_show, tag_list, license_list, resource_show, resource_search, datastore_search, datastore_search_sql; its parameters as CKAN takes them, in the query (or as a JSON object in a POST)")),
    responses((status = 200, description = "CKAN's envelope: {help, success: true, result}"),
              (status = 400, description = "Bad request (an unknown action, a body that is not JSON)"),
              (status = 403, description = "Authorization Error (SQL beyond the safe SELECT)"),
              (status = 404, description = "Not Found Error"),
              (status = 409, description = "Validation Error or Search Query Error")))]
pub async fn action(
    State(app): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let base = yiwang_kit::respond::absolute(&app, &headers, "");
    let help = format!("{base}/api/3/action/help_show?name={name}");
    let answer = match params(&headers, query.as_deref(), &body) {
        Ok(p) => run(&app, &base, &name, &p).await,
        Err(e) => Err(e),
    };
    match answer {
        Ok(result) => reply(
            StatusCode::OK,
            json!({"help": help, "success": true, "result": result}),
        ),
        Err(e) => {
            let mut err = e.body;
            err.insert("__type".into(), json!(e.kind));
            reply(
                e.status,
                json!({"help": help, "success": false, "error": err}),
            )
        }
    }
}

fn params(
    headers: &HeaderMap,
    query: Option<&str>,
    body: &[u8],
) -> Result<Map<String, Value>, CkanError> {
    let mut p = pairs_to_map(form_pairs(query.unwrap_or("")));
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(p);
    }
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if ct.starts_with("application/x-www-form-urlencoded") {
        let text = String::from_utf8_lossy(body);
        p.extend(pairs_to_map(form_pairs(&text)));
        return Ok(p);
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => {
            p.extend(m);
            Ok(p)
        }
        _ => Err(CkanError::bad_request(
            "Bad request - JSON Error: Request data JSON decoded to a non-dictionary".into(),
        )),
    }
}

fn text(p: &Map<String, Value>, key: &str) -> Option<String> {
    match p.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        Value::Array(a) => a.last().and_then(|v| v.as_str().map(str::to_owned)),
        v => Some(v.to_string()),
    }
}

/// A natural number parameter: absent → `default`; not a whole number ≥ 0 → Validation Error.
fn natural(p: &Map<String, Value>, key: &str, default: u64) -> Result<u64, CkanError> {
    let bad = || CkanError::invalid(key, "Invalid integer");
    match p.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Number(n)) => n.as_u64().ok_or_else(bad),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(default),
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.starts_with('-') {
                return Err(CkanError::invalid(key, "Must be a natural number"));
            }
            // Digits beyond u64 are still a number: an absurd page, answered empty.
            if s.bytes().all(|b| b.is_ascii_digit()) {
                Ok(s.parse().unwrap_or(u64::MAX))
            } else {
                Err(bad())
            }
        }
        _ => Err(bad()),
    }
}

fn boolean(p: &Map<String, Value>, key: &str) -> bool {
    match p.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => matches!(s.to_lowercase().as_str(), "true" | "1" | "yes" | "on"),
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        _ => false,
    }
}

/// A list parameter: a JSON list, a JSON-encoded list in a string, or one string.
fn list(p: &Map<String, Value>, key: &str) -> Vec<String> {
    match p.get(key) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(s)) if s.trim_start().starts_with('[') => {
            serde_json::from_str::<Vec<String>>(s).unwrap_or_default()
        }
        Some(Value::String(s)) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn required(p: &Map<String, Value>, key: &str) -> Result<String, CkanError> {
    text(p, key)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| CkanError::invalid(key, "Missing value"))
}

fn window<T: Clone>(items: &[T], offset: u64, limit: Option<u64>) -> Vec<T> {
    let start = usize::try_from(offset).unwrap_or(usize::MAX);
    let take = limit.map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX));
    items.iter().skip(start).take(take).cloned().collect()
}

async fn run(app: &AppState, base: &str, name: &str, p: &Map<String, Value>) -> Answer {
    match name {
        "status_show" => Ok(json!({
            "site_title": app.config.site_name,
            "site_description": "政府开放数据",
            "site_url": base,
            "ckan_version": "2.10.0",
            "error_emails_to": Value::Null,
            "locale_default": "zh_Hans_CN",
            "extensions": ["datastore", "dcat"],
        })),
        "site_read" => Ok(json!(true)),
        "license_list" => Ok(dicts::licences(&crate::services::catalog::licences(app))),
        "package_list" => {
            let entries = catalog::load(app, true).await?;
            let mut names: Vec<String> = entries.iter().map(|e| e.d.fields.name.clone()).collect();
            names.sort();
            let limit = p.get("limit").map(|_| natural(p, "limit", 0)).transpose()?;
            Ok(json!(window(&names, natural(p, "offset", 0)?, limit)))
        }
        "package_search" => package_search(app, base, p).await,
        "package_show" => {
            let id = required(p, "id")?;
            let entries = catalog::load(app, true).await?;
            let e = find_entry(&entries, &id).ok_or_else(|| CkanError::not_found("Dataset"))?;
            Ok(dicts::package(base, e))
        }
        "organization_list" | "group_list" => {
            let is_org = name == "organization_list";
            let entries = catalog::load(app, true).await?;
            let all = boolean(p, "all_fields");
            let limit = p.get("limit").map(|_| natural(p, "limit", 0)).transpose()?;
            let offset = natural(p, "offset", 0)?;
            let items: Vec<Value> = if is_org {
                let orgs = app.store.departments_under(&app.config.root_region).await?;
                orgs.iter()
                    .map(|o| {
                        let n = entries.iter().filter(|e| e.d.department == o.id).count();
                        if all {
                            dicts::organization(o, Some(n))
                        } else {
                            json!(org_name(&o.id))
                        }
                    })
                    .collect()
            } else {
                GROUPS
                    .iter()
                    .map(|(code, ..)| {
                        let n = entries
                            .iter()
                            .filter(|e| e.d.fields.groups.iter().any(|g| g == code))
                            .count();
                        if all {
                            dicts::group(code, Some(n))
                        } else {
                            json!(code)
                        }
                    })
                    .collect()
            };
            Ok(Value::Array(window(&items, offset, limit)))
        }
        "organization_show" | "group_show" => {
            let id = required(p, "id")?;
            let entries = catalog::load(app, true).await?;
            let (mut dict, mine): (Value, Vec<&Entry>) = if name == "organization_show" {
                let orgs = app.store.departments_under(&app.config.root_region).await?;
                let o = orgs
                    .iter()
                    .find(|o| org_name(&o.id) == id)
                    .ok_or_else(|| CkanError::not_found("Organization"))?;
                let mine: Vec<&Entry> = entries.iter().filter(|e| e.d.department == o.id).collect();
                (dicts::organization(o, Some(mine.len())), mine)
            } else {
                if !GROUPS.iter().any(|(c, ..)| *c == id) {
                    return Err(CkanError::not_found("Group"));
                }
                let mine: Vec<&Entry> = entries
                    .iter()
                    .filter(|e| e.d.fields.groups.contains(&id))
                    .collect();
                (dicts::group(&id, Some(mine.len())), mine)
            };
            if boolean(p, "include_datasets") {
                dict["packages"] =
                    Value::Array(mine.iter().map(|e| dicts::package(base, e)).collect());
            }
            Ok(dict)
        }
        "tag_list" => {
            let entries = catalog::load(app, true).await?;
            let q = text(p, "query").unwrap_or_default();
            let mut tags: Vec<String> = entries
                .iter()
                .flat_map(|e| e.d.fields.tags.iter().cloned())
                .filter(|t| t.contains(&q))
                .collect();
            tags.sort();
            tags.dedup();
            Ok(if boolean(p, "all_fields") {
                Value::Array(tags.iter().map(|t| dicts::tag(t)).collect())
            } else {
                json!(tags)
            })
        }
        "resource_show" => {
            let id = required(p, "id")?;
            let entries = catalog::load(app, true).await?;
            entries
                .iter()
                .find_map(|e| {
                    e.resources
                        .iter()
                        .find(|r| r.id.to_string() == id)
                        .map(|r| dicts::resource(base, e, r))
                })
                .ok_or_else(|| CkanError::not_found("Resource"))
        }
        "resource_search" => resource_search(app, base, p).await,
        "datastore_search" => datastore_search(app, p).await,
        "datastore_search_sql" => {
            let sql = required(p, "sql")?;
            let out = datastore::run_sql(app, &sql).await?;
            Ok(json!({"sql": sql, "records": out.records, "fields": out.fields}))
        }
        other => Err(CkanError::bad_request(format!(
            "Bad request - Action name not known: {other}"
        ))),
    }
}

fn find_entry<'a>(entries: &'a [Entry], id: &str) -> Option<&'a Entry> {
    entries
        .iter()
        .find(|e| e.d.fields.name == id || e.d.id.to_string() == id)
}

async fn package_search(app: &AppState, base: &str, p: &Map<String, Value>) -> Answer {
    let rows = natural(p, "rows", 10)?.min(1000);
    let start = natural(p, "start", 0)?;
    let mut s = Search::default()
        .with_q(&text(p, "q").unwrap_or_default())
        .map_err(CkanError::search_query)?;
    for fq in list(p, "fq_list").iter().chain(text(p, "fq").iter()) {
        s.clauses
            .extend(catalog::parse_fq(fq).map_err(CkanError::search_query)?);
    }
    if let Some(sort) = text(p, "sort") {
        s.sort = catalog::parse_sort(&sort).map_err(|m| CkanError::invalid("sort", m))?;
    }
    let entries = catalog::load(app, true).await?;
    let found = catalog::find(&entries, &s);
    let facet_limit = match p.get("facet.limit") {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(50),
        Some(Value::String(s)) => s.parse().unwrap_or(50),
        _ => 50,
    };
    let mut facets = Map::new();
    let mut search_facets = Map::new();
    for field in list(p, "facet.field") {
        if !FACETS.contains(&field.as_str()) {
            return Err(CkanError::search_query(format!(
                "Unknown facet field: {field}"
            )));
        }
        let mut counts = catalog::facet(&found, &field);
        if facet_limit >= 0 {
            counts.truncate(facet_limit as usize);
        }
        let display = |v: &str| -> String {
            match field.as_str() {
                "organization" => entries
                    .iter()
                    .find(|e| e.org_name() == v)
                    .and_then(|e| e.org.as_ref())
                    .map_or(v.to_owned(), |o| o.name.clone()),
                "groups" => GROUPS
                    .iter()
                    .find(|(c, ..)| *c == v)
                    .map_or(v.to_owned(), |g| g.1.to_owned()),
                _ => v.to_owned(),
            }
        };
        facets.insert(
            field.clone(),
            Value::Object(counts.iter().map(|(k, n)| (k.clone(), json!(n))).collect()),
        );
        search_facets.insert(
            field.clone(),
            json!({
                "title": field,
                "items": counts.iter().map(|(k, n)| json!({"name": k, "display_name": display(k), "count": n})).collect::<Vec<_>>(),
            }),
        );
    }
    let page = window(&found, start, Some(rows));
    Ok(json!({
        "count": found.len(),
        "sort": text(p, "sort").unwrap_or_else(|| "score desc, metadata_modified desc".into()),
        "facets": facets,
        "search_facets": search_facets,
        "results": page.iter().map(|e| dicts::package(base, e)).collect::<Vec<_>>(),
    }))
}

async fn resource_search(app: &AppState, base: &str, p: &Map<String, Value>) -> Answer {
    let queries = {
        let mut q = list(p, "query");
        if q.is_empty() {
            q = text(p, "query").into_iter().collect();
        }
        q
    };
    let mut terms = Vec::new();
    for q in &queries {
        let (field, term) = q
            .split_once(':')
            .ok_or_else(|| CkanError::invalid("query", "Search query must be field:term"))?;
        if !["name", "description", "format", "url", "id", "package_id"].contains(&field) {
            return Err(CkanError::invalid(
                "query",
                format!("Field \"{field}\" not recognised in resource_search."),
            ));
        }
        terms.push((field.to_owned(), term.to_lowercase()));
    }
    let entries = catalog::load(app, true).await?;
    let mut found: Vec<Value> = Vec::new();
    for e in entries.iter() {
        for r in &e.resources {
            let d = dicts::resource(base, e, r);
            if terms.iter().all(|(f, t)| {
                d[f.as_str()]
                    .as_str()
                    .is_some_and(|v| v.to_lowercase().contains(t))
            }) {
                found.push(d);
            }
        }
    }
    if let Some(order) = text(p, "order_by") {
        found.sort_by(|a, b| {
            a[order.as_str()]
                .to_string()
                .cmp(&b[order.as_str()].to_string())
        });
    }
    let limit = p.get("limit").map(|_| natural(p, "limit", 0)).transpose()?;
    let count = found.len();
    Ok(json!({"count": count, "results": window(&found, natural(p, "offset", 0)?, limit)}))
}

async fn datastore_search(app: &AppState, p: &Map<String, Value>) -> Answer {
    let id = text(p, "resource_id")
        .or_else(|| text(p, "id"))
        .filter(|s| !s.is_empty())
        .ok_or_else(|| CkanError::invalid("resource_id", "Missing value"))?;
    let limit = natural(p, "limit", 100)?.min(32_000);
    let offset = natural(p, "offset", 0)?;
    let filters = match p.get("filters") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(Value::String(s)) if s.trim().is_empty() => Map::new(),
        Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
            Ok(Value::Object(m)) => m,
            _ => return Err(CkanError::invalid("filters", "Not a JSON object")),
        },
        Some(_) => return Err(CkanError::invalid("filters", "Not a JSON object")),
    };
    let q = match p.get("q") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) if s.trim_start().starts_with('{') => Some(
            serde_json::from_str(s).map_err(|_| CkanError::invalid("q", "Not a JSON object"))?,
        ),
        Some(v) => Some(v.clone()),
    };
    let fields = match p.get("fields") {
        Some(Value::String(s)) if !s.trim_start().starts_with('[') => s
            .split(',')
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty())
            .collect(),
        _ => list(p, "fields"),
    };
    let table = datastore::table(app, &id).await?;
    let input = SearchIn {
        filters,
        q,
        fields,
        sort: text(p, "sort"),
        limit: usize::try_from(limit).unwrap_or(usize::MAX),
        offset: usize::try_from(offset).unwrap_or(usize::MAX),
    };
    let out = datastore::search(app, &table, &input).await?;
    let next = offset.saturating_add(limit);
    Ok(json!({
        "include_total": true,
        "resource_id": id,
        "fields": out.fields,
        "records_format": "objects",
        "records": out.records,
        "limit": limit,
        "offset": offset,
        "total": out.total,
        "_links": {
            "start": format!("/api/3/action/datastore_search?resource_id={id}&limit={limit}"),
            "next": format!("/api/3/action/datastore_search?resource_id={id}&limit={limit}&offset={next}"),
        },
    }))
}
