//! Catalogue-wide curation in the staff console (CAT-1, FIND-1), for platform admins: importing
//! and exporting the whole catalogue, editing the search synonyms and ordering the life-event
//! checklists.

use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::catalog::{Audience, LifeStage};
use yiwang_domain::{ErrorCode, FieldCode, FieldErrors};
use yiwang_store::catalog::import::CatalogImportReport;

use super::{form_refusal, with_status};
use crate::api::catalog::file_response;
use crate::catalog::CatalogOf;
use crate::services::catalog::{self as svc, Format};
use crate::texts::*;
use yiwang_index::snapshot::Step;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

// ---------------------------------------------------------------------------------------
// Shared pieces

fn root(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}

// ---------------------------------------------------------------------------------------
// Import and export

/// The import form's choices, kept to show them again.
#[derive(Default)]
pub struct ImportForm {
    format: String,
    partial: bool,
}

#[derive(Template)]
#[template(path = "console/catalog_import.html")]
struct ImportPage {
    l: Layout,
    nav: Vec<NavLink>,
    f: ImportForm,
    errors: FormErrors,
    report: Option<CatalogImportReport>,
}

async fn import_page(
    app: &AppState,
    ctx: &Ctx,
    f: ImportForm,
    errors: FormErrors,
    report: Option<CatalogImportReport>,
) -> ImportPage {
    let l = Layout::new(app, ctx, ctx.t().catalog_io_title(), Section::Console).await;
    ImportPage {
        nav: nav(app, ctx, "/console/catalog"),
        l,
        f,
        errors,
        report,
    }
}

/// `GET /console/catalog`: the import form and the export links.
pub async fn catalog(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    ctx.principal
        .require(Permission::ImportCatalog, &root(&app))?;
    let f = ImportForm {
        format: "csv".to_owned(),
        partial: false,
    };
    html(&import_page(&app, &ctx, f, FormErrors::default(), None).await)
}

fn multipart_error(e: MultipartError) -> Error {
    if e.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
        Error::code(ErrorCode::PayloadTooLarge)
    } else {
        Error::code(ErrorCode::InvalidBody)
    }
}

/// `POST /console/catalog/import` (multipart: `format`, `partial`, `file`): imports and shows
/// the report; a refused file is answered 422 with every bad line.
pub async fn import(
    State(app): State<AppState>,
    ctx: Ctx,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let mut multipart = multipart.map_err(|_| Error::code(ErrorCode::UnsupportedMediaType))?;
    let mut f = ImportForm::default();
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("format") => f.format = field.text().await.map_err(multipart_error)?,
            Some("partial") => f.partial = true,
            Some("file") => file = Some(field.bytes().await.map_err(multipart_error)?),
            _ => {}
        }
    }
    let mut e = FieldErrors::new();
    let format = Format::parse(&f.format).ok();
    if format.is_none() {
        e.add("format", FieldCode::InvalidChoice);
    }
    let text = match file.as_deref() {
        None | Some([]) => {
            e.add("file", FieldCode::Required);
            None
        }
        Some(bytes) => e.check(
            "file",
            std::str::from_utf8(bytes).map_err(|_| FieldCode::InvalidCharacters),
        ),
    };
    let (Some(format), Some(text)) = (format, text) else {
        let errors = FormErrors::from_fields(&e, ctx.t());
        return html_invalid(&import_page(&app, &ctx, f, errors, None).await);
    };
    let report = svc::import(&app, &ctx, format, text, f.partial).await?;
    let refused = report.refused();
    let page = import_page(&app, &ctx, f, FormErrors::default(), Some(report)).await;
    if refused {
        html_invalid(&page)
    } else {
        html(&page)
    }
}

async fn export(app: &AppState, ctx: &Ctx, format: Format) -> Result<Response, Error> {
    Ok(file_response(svc::export(app, ctx, format).await?, format))
}

/// `GET /console/catalog/export.csv`.
pub async fn export_csv(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    export(&app, &ctx, Format::Csv).await
}

/// `GET /console/catalog/export.json`.
pub async fn export_json(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    export(&app, &ctx, Format::Json).await
}

// ---------------------------------------------------------------------------------------
// Search synonyms

/// The synonym form.
#[derive(Deserialize, Default)]
pub struct AliasesForm {
    #[serde(default)]
    aliases: String,
}

/// What the last save did (after the redirect).
#[derive(Deserialize, Default)]
pub struct AliasesSaved {
    added: Option<u64>,
    changed: Option<u64>,
    removed: Option<u64>,
}

#[derive(Template)]
#[template(path = "console/aliases.html")]
struct AliasesPage {
    l: Layout,
    nav: Vec<NavLink>,
    text: String,
    saved: Option<String>,
    errors: FormErrors,
}

impl AliasesPage {
    fn errs(&self, field: &str) -> Vec<&str> {
        self.errors.all(field)
    }
}

async fn aliases_page(
    app: &AppState,
    ctx: &Ctx,
    text: String,
    saved: Option<String>,
    errors: FormErrors,
) -> AliasesPage {
    let l = Layout::new(app, ctx, ctx.t().console_aliases(), Section::Console).await;
    AliasesPage {
        nav: nav(app, ctx, "/console/aliases"),
        l,
        text,
        saved,
        errors,
    }
}

/// `GET /console/aliases`: the whole list as text.
pub async fn aliases(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AliasesSaved>,
) -> Result<Response, Error> {
    ctx.principal
        .require(Permission::CurateCatalog, &root(&app))?;
    let saved = match (q.added, q.changed, q.removed) {
        (Some(a), Some(c), Some(r)) => Some(ctx.t().aliases_saved(a, c, r)),
        _ => None,
    };
    let text = svc::aliases_text(&app).await?;
    html(&aliases_page(&app, &ctx, text, saved, FormErrors::default()).await)
}

/// `POST /console/aliases`: replaces the list; bad lines are shown with their numbers.
pub async fn set_aliases(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<AliasesForm>,
) -> Result<Response, Error> {
    match svc::set_aliases(&app, &ctx, &f.aliases).await {
        Ok(c) => Ok(see_other(&format!(
            "/console/aliases?added={}&changed={}&removed={}",
            c.added, c.changed, c.removed
        ))),
        Err(e) => {
            let (errors, code) = form_refusal(e, ctx.t())?;
            let page = aliases_page(&app, &ctx, f.aliases, None, errors).await;
            Ok(with_status(html_invalid(&page)?, code))
        }
    }
}

// ---------------------------------------------------------------------------------------
// Life events

/// A stage with how many items its checklist has.
pub struct StageRow {
    stage: LifeStage,
    steps: usize,
    current: bool,
}

/// The stage being edited.
pub struct StageEditor {
    stage: LifeStage,
    text: String,
    steps: Vec<Step>,
    saved: Option<String>,
}

/// One page for both the list of stages and, when one is chosen, its editor.
#[derive(Template)]
#[template(path = "console/life_events.html")]
struct LifeEventsPage {
    l: Layout,
    nav: Vec<NavLink>,
    groups: Vec<(&'static str, Vec<StageRow>)>,
    editor: Option<StageEditor>,
    errors: FormErrors,
}

impl LifeEventsPage {
    fn errs(&self, field: &str) -> Vec<&str> {
        self.errors.all(field)
    }
}

async fn life_events_page(
    app: &AppState,
    ctx: &Ctx,
    editor: Option<StageEditor>,
    errors: FormErrors,
) -> Result<LifeEventsPage, Error> {
    let t = ctx.t();
    let snapshot = app.catalog()?.snapshot();
    let current = editor.as_ref().map(|e| e.stage);
    let groups = [Audience::Person, Audience::Enterprise]
        .into_iter()
        .map(|a| {
            let rows = LifeStage::of(a)
                .into_iter()
                .map(|stage| StageRow {
                    stage,
                    steps: snapshot.checklists.get(&stage).map_or(0, Vec::len),
                    current: current == Some(stage),
                })
                .collect();
            (t.audience(a), rows)
        })
        .collect();
    let title = match current {
        Some(s) => format!("{} · {}", t.console_life_events(), t.life_stage(s)),
        None => t.console_life_events().to_owned(),
    };
    let l = Layout::new(app, ctx, title, Section::Console).await;
    Ok(LifeEventsPage {
        nav: nav(app, ctx, "/console/life-events"),
        l,
        groups,
        editor,
        errors,
    })
}

fn steps_of(app: &AppState, stage: LifeStage) -> Result<Vec<Step>, Error> {
    Ok(app
        .catalog()?
        .snapshot()
        .checklists
        .get(&stage)
        .cloned()
        .unwrap_or_default())
}

/// `GET /console/life-events`: every stage with its number of steps.
pub async fn life_events(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    ctx.principal
        .require(Permission::CurateCatalog, &root(&app))?;
    html(&life_events_page(&app, &ctx, None, FormErrors::default()).await?)
}

/// How many steps the last save kept (after the redirect).
#[derive(Deserialize, Default)]
pub struct ChecklistSaved {
    saved: Option<usize>,
}

/// `GET /console/life-events/{stage}`: the checklist as text, and as the public sees it.
pub async fn life_event(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(stage): Path<LifeStage>,
    Query(q): Query<ChecklistSaved>,
) -> Result<Response, Error> {
    ctx.principal
        .require(Permission::CurateCatalog, &root(&app))?;
    let editor = StageEditor {
        stage,
        text: svc::checklist_text(&app.catalog()?.snapshot(), stage),
        steps: steps_of(&app, stage)?,
        saved: q.saved.map(|n| ctx.t().checklist_saved(n)),
    };
    html(&life_events_page(&app, &ctx, Some(editor), FormErrors::default()).await?)
}

/// The checklist form.
#[derive(Deserialize, Default)]
pub struct ChecklistForm {
    #[serde(default)]
    items: String,
}

/// `POST /console/life-events/{stage}`: replaces the checklist; bad lines are shown with
/// their numbers and nothing changes.
pub async fn set_life_event(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(stage): Path<LifeStage>,
    Form(f): Form<ChecklistForm>,
) -> Result<Response, Error> {
    match svc::set_checklist(&app, &ctx, stage, &f.items).await {
        Ok(n) => Ok(see_other(&format!(
            "/console/life-events/{}?saved={n}",
            stage.as_str()
        ))),
        Err(e) => {
            let (errors, code) = form_refusal(e, ctx.t())?;
            let editor = StageEditor {
                stage,
                text: f.items,
                steps: steps_of(&app, stage)?,
                saved: None,
            };
            let page = life_events_page(&app, &ctx, Some(editor), errors).await?;
            Ok(with_status(html_invalid(&page)?, code))
        }
    }
}
