//! Reading the datastore: `datastore_search` (filters, words, columns, order, paging) and
//! `datastore_search_sql` (the safe SELECT of [`crate::sql`]), both over one published
//! resource. Rows are read in file order and typed by their column's type; `_id` is the row's
//! number in the file, as CKAN numbers rows from 1.

use serde_json::{Map, Value};
use yiwang_domain::ids::DataResourceId;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::opendata::{FieldRow, ResourceRow};

use crate::sql::{self, Cond, Lit, Op, Select};
use crate::table::typed;

/// What went wrong, in CKAN's terms.
#[derive(Debug)]
pub enum Problem {
    /// No such (published) resource, or not in the datastore.
    NotFound,
    /// Bad input: the field and the message.
    Invalid(&'static str, String),
    /// Not allowed (a write, a function).
    NotAuthorized(String),
    /// The platform failed.
    Failed(Error),
}

impl From<yiwang_store::Error> for Problem {
    fn from(e: yiwang_store::Error) -> Self {
        Problem::Failed(Error::from(e))
    }
}

impl From<Error> for Problem {
    fn from(e: Error) -> Self {
        Problem::Failed(e)
    }
}

/// A published resource in the datastore, with its columns.
pub struct Table {
    /// The resource.
    pub resource: ResourceRow,
    /// Its columns.
    pub fields: Vec<FieldRow>,
}

/// The published, datastore-active resource with this id.
pub async fn table(app: &AppState, id: &str) -> Result<Table, Problem> {
    let id: DataResourceId = id.parse().map_err(|_| Problem::NotFound)?;
    let resource = app
        .store
        .data_resource(id)
        .await?
        .ok_or(Problem::NotFound)?;
    let dataset = app
        .store
        .dataset(&resource.dataset.to_string())
        .await?
        .ok_or(Problem::NotFound)?;
    if !dataset.published() || !resource.datastore_active {
        return Err(Problem::NotFound);
    }
    let fields = app.store.datastore_fields(id).await?;
    Ok(Table { resource, fields })
}

/// The `fields` list CKAN answers: `_id` first.
pub fn fields_json(fields: &[FieldRow]) -> Vec<Value> {
    let mut out = vec![serde_json::json!({"id": "_id", "type": "int"})];
    out.extend(
        fields
            .iter()
            .map(|f| serde_json::json!({"id": f.name, "type": f.field_type})),
    );
    out
}

fn record(fields: &[FieldRow], no: i64, cells: &[String], keep: &[usize]) -> Map<String, Value> {
    let mut m = Map::new();
    if keep.contains(&usize::MAX) {
        m.insert("_id".into(), Value::from(no));
    }
    for &i in keep.iter().filter(|i| **i != usize::MAX) {
        if let (Some(f), Some(c)) = (fields.get(i), cells.get(i)) {
            m.insert(f.name.clone(), typed(&f.field_type, c));
        }
    }
    m
}

fn index_of(fields: &[FieldRow], name: &str) -> Option<usize> {
    if name == "_id" {
        return Some(usize::MAX);
    }
    fields.iter().position(|f| f.name == name)
}

fn cell_equals(field_type: &str, cell: &str, v: &Value) -> bool {
    match v {
        Value::String(s) => cell == s || typed(field_type, cell) == typed(field_type, s),
        Value::Number(n) => cell.parse::<f64>().ok() == n.as_f64(),
        Value::Null => cell.is_empty(),
        Value::Bool(b) => cell == b.to_string(),
        _ => false,
    }
}

/// A `datastore_search` request.
#[derive(Debug, Default)]
pub struct SearchIn {
    /// `{column: value or [values]}`.
    pub filters: Map<String, Value>,
    /// Words any cell must contain, or per column.
    pub q: Option<Value>,
    /// The columns to return (all when empty).
    pub fields: Vec<String>,
    /// `col [asc|desc], …`.
    pub sort: Option<String>,
    /// At most this many (default 100, at most 32,000).
    pub limit: usize,
    /// Skip this many.
    pub offset: usize,
}

/// The answer: total matching, the records of the page, the columns returned.
pub struct SearchOut {
    /// How many rows match.
    pub total: usize,
    /// The page.
    pub records: Vec<Value>,
    /// The columns.
    pub fields: Vec<Value>,
}

/// Searches a table.
pub async fn search(app: &AppState, t: &Table, s: &SearchIn) -> Result<SearchOut, Problem> {
    let fields = &t.fields;
    let mut filters = Vec::new();
    for (k, v) in &s.filters {
        let i = index_of(fields, k)
            .ok_or_else(|| Problem::Invalid("filters", format!("field \"{k}\" not in table")))?;
        let vals = match v {
            Value::Array(a) => a.clone(),
            v => vec![v.clone()],
        };
        filters.push((i, vals));
    }
    let mut keep: Vec<usize> = Vec::new();
    if s.fields.is_empty() {
        keep.push(usize::MAX);
        keep.extend(0..fields.len());
    } else {
        for f in &s.fields {
            keep.push(index_of(fields, f).ok_or_else(|| {
                Problem::Invalid("fields", format!("field \"{f}\" not in table"))
            })?);
        }
    }
    let mut order = Vec::new();
    if let Some(sort) = &s.sort {
        for part in sort.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, dir) = part
                .rsplit_once(' ')
                .filter(|(_, d)| d.eq_ignore_ascii_case("asc") || d.eq_ignore_ascii_case("desc"))
                .unwrap_or((part, "asc"));
            let name = name.trim().trim_matches('"');
            let i = index_of(fields, name).ok_or_else(|| {
                Problem::Invalid("sort", format!("field \"{name}\" not in table"))
            })?;
            order.push((i, dir.eq_ignore_ascii_case("desc")));
        }
    }
    let words: Vec<(Option<usize>, String)> = match &s.q {
        None => Vec::new(),
        Some(Value::String(q)) => q
            .split_whitespace()
            .map(|w| (None, w.to_lowercase()))
            .collect(),
        Some(Value::Object(m)) => {
            let mut v = Vec::new();
            for (k, q) in m {
                let i = index_of(fields, k)
                    .ok_or_else(|| Problem::Invalid("q", format!("field \"{k}\" not in table")))?;
                v.push((Some(i), q.as_str().unwrap_or_default().to_lowercase()));
            }
            v
        }
        Some(other) => vec![(None, other.to_string().to_lowercase())],
    };
    let id = t.resource.id;
    // No condition and file order: read only the page.
    if filters.is_empty() && words.is_empty() && order.is_empty() {
        let total = app.store.datastore_count(id).await? as usize;
        let rows = if s.limit == 0 {
            Vec::new()
        } else {
            app.store
                .datastore_rows(
                    id,
                    s.offset.min(i64::MAX as usize) as i64,
                    Some(s.limit as i64),
                )
                .await?
        };
        return Ok(SearchOut {
            total,
            records: rows
                .iter()
                .map(|(no, cells)| Value::Object(record(fields, *no, cells, &keep)))
                .collect(),
            fields: selected_fields(fields, &keep),
        });
    }
    let cell = |cells: &[String], no: i64, i: usize| -> String {
        if i == usize::MAX {
            no.to_string()
        } else {
            cells.get(i).cloned().unwrap_or_default()
        }
    };
    let mut rows: Vec<(i64, Vec<String>)> = app
        .store
        .datastore_rows(id, 0, None)
        .await?
        .into_iter()
        .filter(|(no, cells)| {
            filters.iter().all(|(i, vals)| {
                let ty = fields.get(*i).map_or("int", |f| f.field_type.as_str());
                vals.iter()
                    .any(|v| cell_equals(ty, &cell(cells, *no, *i), v))
            }) && words.iter().all(|(i, w)| match i {
                Some(i) => cell(cells, *no, *i).to_lowercase().contains(w),
                None => cells.iter().any(|c| c.to_lowercase().contains(w)),
            })
        })
        .collect();
    if !order.is_empty() {
        rows.sort_by(|a, b| {
            for (i, desc) in &order {
                let ty = fields.get(*i).map_or("int", |f| f.field_type.as_str());
                let o = compare(ty, &cell(&a.1, a.0, *i), &cell(&b.1, b.0, *i));
                let o = if *desc { o.reverse() } else { o };
                if o.is_ne() {
                    return o;
                }
            }
            a.0.cmp(&b.0)
        });
    }
    let total = rows.len();
    Ok(SearchOut {
        total,
        records: rows
            .iter()
            .skip(s.offset)
            .take(s.limit)
            .map(|(no, cells)| Value::Object(record(fields, *no, cells, &keep)))
            .collect(),
        fields: selected_fields(fields, &keep),
    })
}

fn selected_fields(fields: &[FieldRow], keep: &[usize]) -> Vec<Value> {
    let all = fields_json(fields);
    keep.iter()
        .filter_map(|i| {
            if *i == usize::MAX {
                all.first().cloned()
            } else {
                all.get(i + 1).cloned()
            }
        })
        .collect()
}

fn compare(ty: &str, a: &str, b: &str) -> std::cmp::Ordering {
    match ty {
        "int" | "numeric" => match (a.parse::<f64>(), b.parse::<f64>()) {
            (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            _ => a.cmp(b),
        },
        _ => a.cmp(b),
    }
}

/// The answer of `datastore_search_sql`: records and their columns.
pub struct SqlOut {
    /// The rows.
    pub records: Vec<Value>,
    /// The columns.
    pub fields: Vec<Value>,
}

/// Runs a query of the safe subset.
pub async fn run_sql(app: &AppState, text: &str) -> Result<SqlOut, Problem> {
    let q: Select = sql::parse(text).map_err(|e| match e {
        sql::Refused::NotAllowed(_) => Problem::NotAuthorized(e.to_string()),
        _ => Problem::Invalid("sql", e.to_string()),
    })?;
    let t = match table(app, &q.table).await {
        Ok(t) => t,
        Err(Problem::NotFound) => {
            return Err(Problem::Invalid(
                "sql",
                format!("relation \"{}\" does not exist", q.table),
            ));
        }
        Err(e) => return Err(e),
    };
    let fields = &t.fields;
    let unknown = |name: &str| Problem::Invalid("sql", format!("column \"{name}\" does not exist"));
    let mut names = Vec::new();
    if let Some(c) = &q.filter {
        columns_of(c, &mut names);
    }
    names.extend(q.order.iter().map(|(n, _)| n.clone()));
    if let sql::Columns::Some(cols) = &q.columns {
        names.extend(cols.iter().cloned());
    }
    for n in &names {
        if index_of(fields, n).is_none() {
            return Err(unknown(n));
        }
    }
    let rows = app.store.datastore_rows(t.resource.id, 0, None).await?;
    let get = |cells: &[String], no: i64, name: &str| -> (String, String) {
        match index_of(fields, name) {
            Some(usize::MAX) => ("int".into(), no.to_string()),
            Some(i) => (
                fields[i].field_type.clone(),
                cells.get(i).cloned().unwrap_or_default(),
            ),
            None => ("text".into(), String::new()),
        }
    };
    let mut rows: Vec<&(i64, Vec<String>)> = rows
        .iter()
        .filter(|(no, cells)| {
            q.filter
                .as_ref()
                .is_none_or(|c| eval(c, &|n: &str| get(cells, *no, n)))
        })
        .collect();
    rows.sort_by(|a, b| {
        for (name, desc) in &q.order {
            let (ty, x) = get(&a.1, a.0, name);
            let (_, y) = get(&b.1, b.0, name);
            let o = compare(&ty, &x, &y);
            let o = if *desc { o.reverse() } else { o };
            if o.is_ne() {
                return o;
            }
        }
        a.0.cmp(&b.0)
    });
    if let sql::Columns::Count = q.columns {
        return Ok(SqlOut {
            records: vec![serde_json::json!({ "count": rows.len() })],
            fields: vec![serde_json::json!({"id": "count", "type": "int8"})],
        });
    }
    let keep: Vec<usize> = match &q.columns {
        sql::Columns::Some(cols) => cols.iter().filter_map(|c| index_of(fields, c)).collect(),
        _ => std::iter::once(usize::MAX).chain(0..fields.len()).collect(),
    };
    let mut records: Vec<Value> = Vec::new();
    for (no, cells) in rows.into_iter().skip(q.offset as usize) {
        let r = Value::Object(record(fields, *no, cells, &keep));
        if q.distinct && records.contains(&r) {
            continue;
        }
        records.push(r);
        if q.limit.is_some_and(|l| records.len() as u64 >= l) || records.len() >= 32_000 {
            break;
        }
    }
    Ok(SqlOut {
        records,
        fields: selected_fields(fields, &keep),
    })
}

fn columns_of(c: &Cond, out: &mut Vec<String>) {
    match c {
        Cond::Cmp(n, ..) | Cond::IsNull(n, _) => out.push(n.clone()),
        Cond::Not(a) => columns_of(a, out),
        Cond::And(a, b) | Cond::Or(a, b) => {
            columns_of(a, out);
            columns_of(b, out);
        }
    }
}

fn eval(c: &Cond, get: &dyn Fn(&str) -> (String, String)) -> bool {
    match c {
        Cond::Not(a) => !eval(a, get),
        Cond::And(a, b) => eval(a, get) && eval(b, get),
        Cond::Or(a, b) => eval(a, get) || eval(b, get),
        Cond::IsNull(n, is_null) => get(n).1.is_empty() == *is_null,
        Cond::Cmp(n, op, lit) => {
            let (ty, v) = get(n);
            if v.is_empty() {
                return false;
            }
            let lit_text = match lit {
                Lit::Text(s) => s.clone(),
                Lit::Num(x) => x.to_string(),
            };
            let o = match lit {
                Lit::Num(x) => match v.parse::<f64>() {
                    Ok(y) => y.partial_cmp(x).unwrap_or(std::cmp::Ordering::Equal),
                    Err(_) => v.as_str().cmp(lit_text.as_str()),
                },
                Lit::Text(_) => compare(&ty, &v, &lit_text),
            };
            match op {
                Op::Eq => o.is_eq(),
                Op::Ne => o.is_ne(),
                Op::Lt => o.is_lt(),
                Op::Le => o.is_le(),
                Op::Gt => o.is_gt(),
                Op::Ge => o.is_ge(),
                Op::Like => sql::like(&v, &lit_text),
                Op::NotLike => !sql::like(&v, &lit_text),
            }
        }
    }
}
