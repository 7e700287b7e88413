//! The data steward's console: the department's datasets, a new draft, the editor (fields,
//! resources — a link or an uploaded file —, column types of datastore resources, publish).

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{RawQuery, State};
use axum::response::Response;
use yiwang_domain::auth::Permission;
use yiwang_domain::ids::{DataResourceId, DepartmentId};
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_kit::console::{NavLink, departments_granted, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};
use yiwang_store::opendata::DatasetFields;

use super::{DatasetView, field_type_name, group_name, note_name};
use crate::rules::{FREQUENCIES, GROUPS};
use crate::services::catalog;
use crate::services::steward::{self, ResourceInput};
use crate::texts::*;

type Pairs = Vec<(String, String)>;

fn get<'a>(p: &'a Pairs, k: &str) -> &'a str {
    p.iter()
        .find(|(a, _)| a == k)
        .map_or("", |(_, v)| v.as_str())
}

/// The dataset form's values as typed (kept on an error).
#[derive(Debug, Default, Clone)]
pub struct DatasetForm {
    department: String,
    name: String,
    title: String,
    notes: String,
    license_id: String,
    tags: String,
    groups: Vec<String>,
    frequency: String,
    temporal_start: String,
    temporal_end: String,
    region: String,
    contact: String,
    version: String,
    revision: String,
}

impl DatasetForm {
    fn from_pairs(p: &Pairs) -> DatasetForm {
        DatasetForm {
            department: get(p, "department").into(),
            name: get(p, "name").into(),
            title: get(p, "title").into(),
            notes: get(p, "notes").into(),
            license_id: get(p, "license_id").into(),
            tags: get(p, "tags").into(),
            groups: p
                .iter()
                .filter(|(k, _)| k == "groups")
                .map(|(_, v)| v.clone())
                .collect(),
            frequency: get(p, "frequency").into(),
            temporal_start: get(p, "temporal_start").into(),
            temporal_end: get(p, "temporal_end").into(),
            region: get(p, "region").into(),
            contact: get(p, "contact").into(),
            version: get(p, "version").into(),
            revision: get(p, "revision").into(),
        }
    }

    fn from_fields(f: &DatasetFields, revision: i64) -> DatasetForm {
        DatasetForm {
            department: String::new(),
            name: f.name.clone(),
            title: f.title.clone(),
            notes: f.notes.clone(),
            license_id: f.license_id.clone(),
            tags: f.tags.join(", "),
            groups: f.groups.clone(),
            frequency: f.frequency.clone(),
            temporal_start: f.temporal_start.clone().unwrap_or_default(),
            temporal_end: f.temporal_end.clone().unwrap_or_default(),
            region: f.region.clone().unwrap_or_default(),
            contact: f.contact.clone(),
            version: f.version.clone(),
            revision: revision.to_string(),
        }
    }

    fn fields(&self) -> DatasetFields {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        DatasetFields {
            name: self.name.clone(),
            title: self.title.clone(),
            notes: self.notes.clone(),
            license_id: self.license_id.clone(),
            tags: vec![self.tags.clone()],
            groups: self.groups.clone(),
            frequency: self.frequency.clone(),
            temporal_start: opt(&self.temporal_start),
            temporal_end: opt(&self.temporal_end),
            region: opt(&self.region),
            contact: self.contact.clone(),
            version: self.version.clone(),
        }
    }
}

/// A choice in a list of options.
pub struct Choice {
    value: String,
    label: String,
    selected: bool,
}

fn choices(items: impl Iterator<Item = (String, String)>, current: &[String]) -> Vec<Choice> {
    items
        .map(|(value, label)| Choice {
            selected: current.contains(&value),
            value,
            label,
        })
        .collect()
}

/// A line of the list of datasets.
pub struct Line {
    name: String,
    title: String,
    org: String,
    state: &'static str,
    modified: String,
}

#[derive(Template)]
#[template(path = "console/data/home.html")]
struct HomePage {
    l: Layout,
    nav: Vec<NavLink>,
    lines: Vec<Line>,
    departments: Vec<Choice>,
    licences: Vec<Choice>,
    frequencies: Vec<Choice>,
    groups: Vec<Choice>,
    f: DatasetForm,
    errors: FormErrors,
    asked: bool,
}

async fn granted(app: &AppState, ctx: &Ctx) -> Result<Vec<DepartmentId>, Error> {
    departments_granted(app, ctx, Permission::PublishData).await
}

fn option_lists(
    app: &AppState,
    t: yiwang_kit::i18n::Tr,
    f: &DatasetForm,
) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    (
        choices(
            catalog::licences(app)
                .all()
                .iter()
                .map(|l| (l.id.to_owned(), l.title.to_owned())),
            std::slice::from_ref(&f.license_id),
        ),
        choices(
            FREQUENCIES
                .iter()
                .map(|(c, a, b, e)| ((*c).to_owned(), t.pick(a, b, e).to_owned())),
            std::slice::from_ref(&f.frequency),
        ),
        choices(
            GROUPS
                .iter()
                .map(|(c, ..)| ((*c).to_owned(), group_name(t, c))),
            &f.groups,
        ),
    )
}

async fn home_page(
    app: &AppState,
    ctx: &Ctx,
    f: DatasetForm,
    errors: FormErrors,
) -> Result<HomePage, Error> {
    let t = ctx.t();
    let mine = granted(app, ctx).await?;
    let lines = catalog::load(app, false)
        .await?
        .iter()
        .filter(|e| mine.contains(&e.d.department))
        .map(|e| Line {
            name: e.d.fields.name.clone(),
            title: e.d.fields.title.clone(),
            org: e.org.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
            state: DatasetView::new(t, e).state,
            modified: e.d.modified_at.beijing_date().to_string(),
        })
        .collect();
    let mut departments = Vec::new();
    for d in &mine {
        let dept = app.store.department(*d).await?;
        departments.push((d.to_string(), dept.name));
    }
    let (licences, frequencies, groups) = option_lists(app, t, &f);
    Ok(HomePage {
        l: Layout::new(app, ctx, t.data_console(), Section::Console).await,
        nav: nav(app, ctx, "/console/data"),
        lines,
        departments: choices(departments.into_iter(), std::slice::from_ref(&f.department)),
        licences,
        frequencies,
        groups,
        f,
        errors,
        asked: false,
    })
}

/// `GET /console/data` (`?stats=asked` after "update the statistics now").
pub async fn home(
    State(app): State<AppState>,
    ctx: Ctx,
    RawQuery(q): RawQuery,
) -> Result<Response, Error> {
    let f = DatasetForm {
        license_id: "cc-by-4.0".into(),
        frequency: "annual".into(),
        ..Default::default()
    };
    let mut page = home_page(&app, &ctx, f, FormErrors::default()).await?;
    page.asked = q.as_deref() == Some("stats=asked");
    html(&page)
}

/// `POST /console/data-stats`: "update the statistics now" enqueues the statistics job.
pub async fn refresh_stats(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    crate::services::stats::request_refresh(&app, &ctx).await?;
    Ok(see_other("/console/data?stats=asked"))
}

/// `POST /console/data/{name}/unpublish`: back to draft.
pub async fn unpublish(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
) -> Result<Response, Error> {
    steward::unpublish(&app, &ctx, &name).await?;
    Ok(see_other(&format!("/console/data/{name}")))
}

/// `POST /console/data`: a new draft.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let f = DatasetForm::from_pairs(&p);
    let dept: DepartmentId = match f.department.parse() {
        Ok(d) => d,
        Err(_) => {
            let e = yiwang_domain::Error::field("department", FieldCode::UnknownDepartment);
            let errors = FormErrors::from_error(&e, ctx.t());
            return html_invalid(&home_page(&app, &ctx, f, errors).await?);
        }
    };
    match steward::create(&app, &ctx, dept, f.fields()).await {
        Ok(d) => Ok(see_other(&format!("/console/data/{}", d.fields.name))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&home_page(&app, &ctx, f, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// A datastore column on the editor.
pub struct Column {
    resource: String,
    name: String,
    field_type: String,
    type_name: &'static str,
}

#[derive(Template)]
#[template(path = "console/data/edit.html")]
struct EditPage {
    l: Layout,
    nav: Vec<NavLink>,
    d: DatasetView,
    licences: Vec<Choice>,
    frequencies: Vec<Choice>,
    groups: Vec<Choice>,
    types: Vec<(&'static str, &'static str)>,
    columns: Vec<Column>,
    history: Vec<(String, &'static str)>,
    f: DatasetForm,
    errors: FormErrors,
}

async fn edit_page(
    app: &AppState,
    ctx: &Ctx,
    name: &str,
    f: Option<DatasetForm>,
    errors: FormErrors,
) -> Result<EditPage, Error> {
    let t = ctx.t();
    let d = steward::editable(app, ctx, name).await?;
    let entries = catalog::load(app, false).await?;
    let e = entries
        .iter()
        .find(|e| e.d.id == d.id)
        .ok_or_else(Error::not_found)?;
    let f = f.unwrap_or_else(|| DatasetForm::from_fields(&d.fields, d.revision));
    let mut columns = Vec::new();
    for r in e.resources.iter().filter(|r| r.datastore_active) {
        for c in app.store.datastore_fields(r.id).await? {
            columns.push(Column {
                resource: r.id.to_string(),
                type_name: field_type_name(t, &c.field_type),
                name: c.name,
                field_type: c.field_type,
            });
        }
    }
    let history = app
        .store
        .dataset_versions(d.id)
        .await?
        .into_iter()
        .map(|v| (v.at.beijing_date().to_string(), note_name(t, &v.note)))
        .collect();
    let (licences, frequencies, groups) = option_lists(app, t, &f);
    Ok(EditPage {
        l: Layout::new(app, ctx, d.fields.title.clone(), Section::Console).await,
        nav: nav(app, ctx, "/console/data"),
        d: DatasetView::new(t, e),
        licences,
        frequencies,
        groups,
        types: crate::table::TYPES
            .iter()
            .map(|ty| (*ty, field_type_name(t, ty)))
            .collect(),
        columns,
        history,
        f,
        errors,
    })
}

/// `GET /console/data/{name}`.
pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
) -> Result<Response, Error> {
    html(&edit_page(&app, &ctx, &name, None, FormErrors::default()).await?)
}

async fn or_invalid(
    app: &AppState,
    ctx: &Ctx,
    name: &str,
    f: Option<DatasetForm>,
    r: Result<String, Error>,
) -> Result<Response, Error> {
    match r {
        Ok(to) => Ok(see_other(&to)),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&edit_page(app, ctx, name, f, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/data/{name}`: saves the fields.
pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let f = DatasetForm::from_pairs(&p);
    let revision = f
        .revision
        .parse()
        .map_err(|_| Error::code(ErrorCode::Conflict))?;
    let r = steward::edit(&app, &ctx, &name, revision, f.fields())
        .await
        .map(|d| format!("/console/data/{}", d.fields.name));
    or_invalid(&app, &ctx, &name, Some(f), r).await
}

/// `POST /console/data/{name}/publish`.
pub async fn publish(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
) -> Result<Response, Error> {
    steward::publish(&app, &ctx, &name).await?;
    Ok(see_other(&format!("/console/data/{name}")))
}

/// `POST /console/data/{name}/links`: adds a link.
pub async fn add_link(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let input = ResourceInput {
        name: get(&p, "resource_name").into(),
        description: get(&p, "resource_description").into(),
        format: get(&p, "format").into(),
        url: get(&p, "url").into(),
    };
    let r = steward::add_link(&app, &ctx, &name, input)
        .await
        .map(|_| format!("/console/data/{name}"));
    or_invalid(&app, &ctx, &name, None, r).await
}

/// `POST /console/data/{name}/files` (multipart: `resource_name`, `resource_description`,
/// `file`): uploads a file; a CSV file goes into the datastore.
pub async fn add_file(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let mut multipart = multipart.map_err(|_| Error::code(ErrorCode::InvalidBody))?;
    let mut input = ResourceInput::default();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Error::code(ErrorCode::PayloadTooLarge))?
    {
        let key = field.name().unwrap_or("").to_owned();
        if key == "file" {
            let file_name = field.file_name().unwrap_or("").to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| Error::code(ErrorCode::PayloadTooLarge))?;
            file = Some((file_name, bytes.to_vec()));
        } else {
            let v = field
                .text()
                .await
                .map_err(|_| Error::code(ErrorCode::InvalidBody))?;
            match key.as_str() {
                "resource_name" => input.name = v,
                "resource_description" => input.description = v,
                _ => {}
            }
        }
    }
    let r = match file {
        Some((file_name, bytes)) => {
            if input.name.trim().is_empty() {
                input.name = file_name.clone();
            }
            steward::add_file(&app, &ctx, &name, input, &file_name, &bytes)
                .await
                .map(|_| format!("/console/data/{name}"))
        }
        None => Err(Error::field("file", FieldCode::Required)),
    };
    or_invalid(&app, &ctx, &name, None, r).await
}

/// `POST /console/data/{name}/resources/{id}/columns`: sets a column's type.
pub async fn set_column(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((name, id)): Path<(String, DataResourceId)>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let r = steward::set_column_type(&app, &ctx, id, get(&p, "column"), get(&p, "field_type"))
        .await
        .map(|_| format!("/console/data/{name}"));
    or_invalid(&app, &ctx, &name, None, r).await
}
