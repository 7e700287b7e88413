//! The online application builder in the staff console (APP-1, APP-5): an item's editors see
//! its versions, start a draft, edit it without code one small change at a time — sections
//! and questions here and in `fields`, review steps and the certificate in `workflow`,
//! instant-approval rules and their dry run in `rules` — preview it as applicants will see
//! it and publish it after a confirmation page (`publish`).
//!
//! Every change is one small post carrying the draft's revision: the page applies it to a copy
//! of the draft and saves the whole bundle through `services::forms::update_draft`, which
//! checks everything and refuses a draft someone else saved in between. A refused change
//! changes nothing; the page is drawn again with what was typed and every problem next to its
//! input (`view::Problems`).

use crate::texts::*;

mod dry_run;
mod field_inputs;
mod field_post;
mod fields;
mod outline;
mod publish;
mod rule;
mod rules;
mod view;
mod workflow;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{Field, FieldKind, KIND_NAMES};
use yiwang_domain::ids::ItemId;
use yiwang_domain::{ErrorCode, FieldCode, FieldErrors};

use crate::services::forms::{self as svc, Editing};
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::{Error, status_of};
use yiwang_kit::extract::Query;
use yiwang_kit::i18n::Tr;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::Layout;
use yiwang_kit::views::layout::Section as NavSection;

pub use fields::{field_form, field_save};
pub use outline::outline_save;
pub use publish::{preview, preview_section, publish, publish_form};
pub use rule::{rule_form, rule_save};
pub use rules::{dry_run, dry_run_form, rules, rules_save};
use view::{Filler, Input, Posted, Problems, Refused, label, label_from};
pub use workflow::{workflow, workflow_save};

// ---------------------------------------------------------------------------------------
// Shared pieces

/// The item and its versions, if the caller may edit its forms.
async fn load(app: &AppState, ctx: &Ctx, id: ItemId) -> Result<Editing, Error> {
    svc::editing(app, ctx, id).await
}

/// The item whose online form the caller edits, with every version, loaded from the path's
/// `{id}`: not found unless they may edit its department's forms. The builder's pages extract
/// it instead of an id they would load themselves.
pub struct Edited(Editing);

impl axum::extract::FromRequestParts<AppState> for Edited {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        app: &AppState,
    ) -> Result<Edited, Error> {
        let params = axum::extract::RawPathParams::from_request_parts(parts, app)
            .await
            .map_err(|_| Error::not_found())?;
        let id: ItemId = params
            .iter()
            .find(|(k, _)| *k == "id")
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(Error::not_found)?;
        let ctx = Ctx::from_request_parts(parts, app).await?;
        Ok(Edited(load(app, &ctx, id).await?))
    }
}

/// The draft's bundle and revision; editing pages need a draft (started on the overview).
fn draft(e: &Editing) -> Result<(ItemForm, i64), Error> {
    e.draft()
        .map(|d| (d.bundle.clone(), d.created_at.millis()))
        .ok_or_else(|| Error::code(ErrorCode::NotFound))
}

/// Saves a changed draft, or says why not: the problems found while reading the post (at
/// their paths in `bundle`), else those of the whole bundle, or a conflict.
async fn save(
    app: &AppState,
    ctx: &Ctx,
    e: &Editing,
    bundle: &ItemForm,
    revision: i64,
    read: FieldErrors,
) -> Result<Result<i64, Refused>, Error> {
    if !read.is_empty() {
        let mut fields = read;
        if let Err(more) = bundle.check() {
            for f in more.iter() {
                fields.add_path(f.field.to_string(), f.code);
            }
        }
        return Ok(Err(Refused {
            fields,
            code: ErrorCode::ValidationFailed,
        }));
    }
    match svc::update_draft(app, ctx, e.item.row.id, bundle, revision).await {
        Ok(r) => Ok(Ok(r)),
        Err(Error::Domain(d))
            if d.code == ErrorCode::ValidationFailed || d.code == ErrorCode::Conflict =>
        {
            Ok(Err(Refused {
                fields: d.fields,
                code: d.code,
            }))
        }
        Err(e) => Err(e),
    }
}

/// A refused change's page, with the status that says why (422 or 409).
fn refused_page<T: Template>(page: &T, code: ErrorCode) -> Result<Response, Error> {
    let mut res = yiwang_kit::views::html(page)?;
    *res.status_mut() = status_of(code);
    Ok(res)
}

/// The builder's address for an item.
fn base(id: ItemId) -> String {
    format!("/console/items/{id}/form")
}

/// The kinds of question, named for staff.
fn kind_options(t: Tr, with_group: bool) -> Vec<(String, String)> {
    KIND_NAMES
        .iter()
        .filter(|k| with_group || **k != "group")
        .map(|k| ((*k).to_owned(), t.fb_kind(k).to_owned()))
        .collect()
}

/// A new question from `{prefix}.key`, `{prefix}.label.zh|en` and `{prefix}.kind`; an unknown
/// kind is reported at `at.kind`.
fn new_field(p: &Posted, prefix: &str, at: &str, errors: &mut FieldErrors) -> Field {
    let kind = p.text(&format!("{prefix}.kind"));
    let label = label_from(p, &format!("{prefix}.label"));
    let key = p.text(&format!("{prefix}.key"));
    Field::new(&key, label.clone(), &kind).unwrap_or_else(|| {
        errors.add_path(format!("{at}.kind"), FieldCode::InvalidChoice);
        Field {
            key,
            label,
            hint: None,
            kind: FieldKind::Phone,
            required: false,
            visible_if: None,
            prefill: None,
        }
    })
}

fn nth(arg: &str) -> Result<usize, Error> {
    arg.parse().map_err(|_| Error::code(ErrorCode::NotFound))
}

// ---------------------------------------------------------------------------------------
// Overview: versions and the draft's outline

struct VersionRow {
    version: i64,
    state: &'static str,
    by: String,
    at: String,
}

struct FieldRow {
    locator: String,
    label: String,
    key: String,
    kind: &'static str,
    required: bool,
    conditional: bool,
}

struct SectionView {
    index: usize,
    title: String,
    key: String,
    rename: Vec<Input>,
    fields: Vec<FieldRow>,
    add: Vec<Input>,
    last: bool,
}

struct Outline {
    revision: i64,
    version: i64,
    sections: Vec<SectionView>,
    add_section: Vec<Input>,
    steps: usize,
    rules: usize,
    instant: bool,
    certificate: bool,
    /// The fee, in yuan (`None`: the item charges nothing).
    fee: Option<String>,
}

#[derive(Template)]
#[template(path = "console/forms/overview.html")]
struct OverviewPage {
    l: Layout,
    nav: Vec<NavLink>,
    base: String,
    item_id: ItemId,
    item_name: String,
    versions: Vec<VersionRow>,
    outline: Option<Outline>,
    problems: Problems,
    saved: bool,
    published: Option<i64>,
}

/// Query of the builder pages.
#[derive(Deserialize, Default)]
pub struct Notice {
    saved: Option<String>,
    published: Option<i64>,
}

fn outline(t: Tr, ctx: &Ctx, b: &ItemForm, revision: i64, version: i64, fill: &Filler) -> Outline {
    let lang = ctx.prefs.lang;
    let n = b.form.sections.len();
    let sections = b
        .form
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = format!("sections[{i}]");
            SectionView {
                index: i,
                title: label(&s.title, lang),
                key: s.key.clone(),
                rename: vec![
                    fill.line(&format!("{at}.key"), t.fb_key(), s.key.clone())
                        .hint(t.fb_key_hint()),
                    fill.line(
                        &format!("{at}.title.zh"),
                        t.fb_title_zh(),
                        s.title.zh.clone(),
                    ),
                    fill.line(
                        &format!("{at}.title.en"),
                        t.fb_title_en(),
                        s.title.en.clone().unwrap_or_default(),
                    ),
                ],
                fields: s
                    .fields
                    .iter()
                    .map(|f| FieldRow {
                        locator: f.key.clone(),
                        label: label(&f.label, lang),
                        key: f.key.clone(),
                        kind: t.fb_kind(f.kind.name()),
                        required: f.required,
                        conditional: f.visible_if.is_some(),
                    })
                    .collect(),
                add: new_field_inputs(t, fill, &format!("{at}.new"), true),
                last: i + 1 == n,
            }
        })
        .collect();
    let mut add_section = vec![
        fill.line("new_section.key", t.fb_key(), String::new())
            .hint(t.fb_key_hint()),
        fill.line("new_section.title.zh", t.fb_title_zh(), String::new()),
        fill.line("new_section.title.en", t.fb_title_en(), String::new()),
    ];
    add_section.extend(new_field_inputs(t, fill, "new_section.field", true));
    Outline {
        revision,
        version,
        sections,
        add_section,
        steps: b.workflow.steps.len(),
        rules: b.rules.as_ref().map_or(0, |r| r.rules.len()),
        instant: b.instant,
        certificate: b.certificate.is_some(),
        fee: b
            .fee
            .as_ref()
            .map(|f| format!("{} {}", f.title, yiwang_domain::payments::Fen(f.amount_fen))),
    }
}

/// The inputs of a new question: key, Chinese label, kind.
fn new_field_inputs(t: Tr, fill: &Filler, prefix: &str, with_group: bool) -> Vec<Input> {
    vec![
        fill.line(&format!("{prefix}.key"), t.fb_new_key(), String::new())
            .hint(t.fb_key_hint()),
        fill.line(
            &format!("{prefix}.label.zh"),
            t.fb_new_label(),
            String::new(),
        ),
        fill.select(
            &format!("{prefix}.kind"),
            t.fb_new_kind(),
            "text",
            kind_options(t, with_group),
        ),
    ]
}

async fn overview_page(
    app: &AppState,
    ctx: &Ctx,
    e: &Editing,
    problems: Problems,
    posted: Option<&Posted>,
    notice: Notice,
) -> Result<OverviewPage, Error> {
    let t = ctx.t();
    let fill = Filler {
        posted,
        problems: &problems,
        boxes: false,
    };
    let current = e.current().map(|v| v.version);
    let versions = e
        .versions
        .iter()
        .map(|v| VersionRow {
            version: v.version,
            state: if v.published_at.is_none() {
                t.fb_state_draft()
            } else if Some(v.version) == current {
                t.fb_state_current()
            } else {
                t.fb_state_older()
            },
            by: v.created_by.clone(),
            at: v.published_at.unwrap_or(v.created_at).display_minutes(),
        })
        .collect();
    let outline = e
        .draft()
        .map(|d| outline(t, ctx, &d.bundle, d.created_at.millis(), d.version, &fill));
    let l = Layout::new(app, ctx, t.fb_title(), NavSection::Console).await;
    Ok(OverviewPage {
        nav: nav(app, ctx, "/console/items"),
        l,
        base: base(e.item.row.id),
        item_id: e.item.row.id,
        item_name: yiwang_kit::zh::display(&e.item.row.name, ctx.prefs.lang),
        versions,
        outline,
        saved: notice.saved.is_some(),
        published: notice.published,
        problems,
    })
}

/// `GET /console/items/{id}/form`: the versions (draft, current, older) and, when a draft is
/// being edited, its sections and questions with the forms that change them.
pub async fn overview(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
    Query(notice): Query<Notice>,
) -> Result<Response, Error> {
    let page = overview_page(&app, &ctx, &e, Problems::default(), None, notice).await?;
    yiwang_kit::views::html(&page)
}

/// `POST /console/items/{id}/form/draft`: starts the draft from the current version (or a
/// one-question form for an item without one); an existing draft is kept.
pub async fn start(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
) -> Result<Response, Error> {
    svc::start_draft(&app, &ctx, e.item.row.id).await?;
    Ok(see_other(&base(e.item.row.id)))
}
