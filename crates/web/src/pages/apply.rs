//! Applying online (APP-1, APP-2): the task list, one page per section with drafts kept on the
//! server, check your answers, submission exactly once, the confirmation with the receipt
//! number, and reading back an uploaded file.
//!
//! Names the section pages post (read back by `domain::forms::pairs`): a field's key
//! (`spouse_name`), `key.region` / `key.detail` for an address, `key[i].member` inside a
//! repeatable group, the ids of a file field's kept uploads as repeated `key` values, its new
//! files as file parts named `key`, `_remove=<upload id>` to drop one, `form_version`, and the
//! button `action=continue|later|add_entry:<group key>`. Element ids are `f-` and the name with
//! `[`, `.` turned into `-` and `]` dropped (`members[1].name` → `f-members-1-name`), so the
//! error summary links to the field of every error path.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Response};
use http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use http::{HeaderValue, StatusCode};
use serde::Deserialize;
use serde_json::Value;
use yiwang_domain::forms::{
    Answers, Condition, Ctx as FormCtx, Field, FieldKind, FileType, FormDef, Label, SectionStatus,
    pairs,
};
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::identity::phone::mask_mobile;
use yiwang_domain::ids::{AccountId, CaseId};
use yiwang_domain::region::RegionLevel;
use yiwang_domain::{ErrorCode, FieldErrors, Lang, Timestamp};

use crate::error::Error;
use crate::extract::{Form, Path, Query};
use crate::i18n::Tr;
use crate::pipeline::Ctx;
use crate::services::applications::facts::{self, Origin};
use crate::services::applications::submit::{self as submitting, Submitter};
use crate::services::applications::{self as apps, Applying, uploads};
use crate::state::AppState;
use crate::views::layout::Section;
use crate::views::{FormErrors, Layout, html};

// ---------------------------------------------------------------------------------------
// Shared helpers

fn me(ctx: &Ctx) -> Result<AccountId, Error> {
    ctx.principal
        .citizen()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))
}

fn today() -> time::Date {
    Timestamp::now().beijing_date()
}

/// A staff-written label in the reader's language (English where written, else Chinese).
fn text(l: &Label, lang: Lang) -> String {
    match lang {
        Lang::En => {
            l.en.clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| l.zh.clone())
        }
        _ => crate::zh::display(&l.zh, lang),
    }
}

/// The element id for a posted name or error path: `members[1].name` → `f-members-1-name`.
fn dom_id(path: &str) -> String {
    let mut s = String::with_capacity(path.len() + 2);
    s.push_str("f-");
    for c in path.chars() {
        match c {
            '[' | '.' => s.push('-'),
            ']' => {}
            c => s.push(c),
        }
    }
    s
}

fn render<T: Template>(status: StatusCode, page: &T) -> Result<Response, Error> {
    Ok((status, Html(page.render()?)).into_response())
}

fn status_text(t: Tr, s: SectionStatus) -> &'static str {
    match s {
        SectionStatus::NotStarted => t.apply_status_not_started(),
        SectionStatus::InProgress => t.apply_status_in_progress(),
        SectionStatus::Complete => t.apply_status_complete(),
    }
}

/// Whether a condition holds on an answer, as the submission check judges it.
fn holds(cond: &Condition, answer: Option<&Value>) -> bool {
    let listed = |v: &Value| cond.any_of.iter().any(|a| v.as_str() == Some(a));
    match answer {
        Some(Value::Array(picked)) => picked.iter().any(listed),
        Some(v) => listed(v),
        None => false,
    }
}

/// Whether `fields[j]` is shown on these answers; inside a group entry, a condition naming an
/// earlier member of the entry looks there, anything else at the form.
fn is_shown(fields: &[Field], j: usize, form: &Answers, entry: Option<&Answers>) -> bool {
    let Some(cond) = &fields[j].visible_if else {
        return true;
    };
    let source = match entry {
        Some(e) if fields[..j].iter().any(|f| f.key == cond.field) => e,
        _ => form,
    };
    holds(cond, source.get(&cond.field))
}

/// Everything an applying page starts from.
struct Filling {
    account: AccountId,
    a: Applying,
    /// The saved draft's answers with the prefilled values over them.
    answers: Answers,
    /// When the draft was last saved (0: never), for the browser's unsaved copy.
    saved_at: i64,
    prefills: Vec<(String, Value, Origin)>,
}

impl Filling {
    fn def(&self) -> &FormDef {
        &self.a.form.bundle.form
    }

    fn base(&self) -> String {
        format!("/items/{}/apply", self.a.item.id)
    }
}

async fn load(app: &AppState, ctx: &Ctx, item: &str) -> Result<Filling, Error> {
    let account = me(ctx)?;
    let a = apps::applying(app, item).await?;
    let draft = apps::draft(app, account, &a).await?;
    let saved_at = draft.as_ref().map_or(0, |d| d.updated_at.millis());
    let mut answers = draft.map(|d| d.answers).unwrap_or_default();
    let prefills = facts::prefills(app, account, &a.form.bundle).await?;
    for (key, value, _) in &prefills {
        answers.insert(key.clone(), value.clone());
    }
    Ok(Filling {
        account,
        a,
        answers,
        saved_at,
        prefills,
    })
}

fn origin_text(t: Tr, lang: Lang, o: &Origin) -> String {
    match o {
        Origin::Account => t.apply_origin_account().to_owned(),
        Origin::Certificate { name, .. } => {
            format!(
                "{}{}",
                t.apply_origin_certificate(),
                crate::zh::display(name, lang)
            )
        }
    }
}

/// Upload names by id, for the files these answers name.
async fn file_names(
    app: &AppState,
    account: AccountId,
    ids: &[String],
) -> Result<HashMap<String, String>, Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(app
        .store
        .uploads_of(account, ids)
        .await?
        .into_iter()
        .map(|u| (u.id.to_string(), u.name))
        .collect())
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn part(v: Option<&Value>, name: &str) -> String {
    v.and_then(|v| v.get(name))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// File ids named anywhere in the fields' answers (top level and group entries).
fn file_ids_in(fields: &[Field], answers: &Answers) -> Vec<String> {
    let mut ids = Vec::new();
    for f in fields {
        match &f.kind {
            FieldKind::File { .. } => ids.extend(strings(answers.get(&f.key))),
            FieldKind::Group { fields, .. } => {
                let entries = answers.get(&f.key).and_then(Value::as_array);
                for e in entries.into_iter().flatten() {
                    for g in fields {
                        if matches!(g.kind, FieldKind::File { .. }) {
                            ids.extend(strings(e.get(&g.key)));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    ids
}

fn levels_in(fields: &[Field], out: &mut HashSet<RegionLevel>) {
    for f in fields {
        match &f.kind {
            FieldKind::Address { level } => {
                out.insert(*level);
            }
            FieldKind::Group { fields, .. } => levels_in(fields, out),
            _ => {}
        }
    }
}

/// The regions an address of each level may pick: those of that level under the
/// deployment's root region, named with the region above them.
async fn region_choices(
    app: &AppState,
    fields: &[Field],
    lang: Lang,
) -> Result<HashMap<RegionLevel, Vec<(String, String)>>, Error> {
    let mut levels = HashSet::new();
    levels_in(fields, &mut levels);
    let mut out = HashMap::new();
    if levels.is_empty() {
        return Ok(out);
    }
    let all = app.store.regions_under(&app.config.root_region).await?;
    let names: HashMap<String, &str> = all
        .iter()
        .map(|r| (r.code.as_str().to_owned(), r.name.as_str()))
        .collect();
    for level in levels {
        let list = all
            .iter()
            .filter(|r| r.level == level)
            .map(|r| {
                let above = r
                    .parent
                    .as_ref()
                    .and_then(|p| names.get(p.as_str()))
                    .filter(|_| level != RegionLevel::County);
                let name = match above {
                    Some(p) => format!("{p} {}", r.name),
                    None => r.name.clone(),
                };
                (r.code.as_str().to_owned(), crate::zh::display(&name, lang))
            })
            .collect();
        out.insert(level, list);
    }
    Ok(out)
}

fn region_label(t: Tr, level: RegionLevel) -> &'static str {
    match level {
        RegionLevel::Township => t.apply_address_township(),
        RegionLevel::Community => t.apply_address_community(),
        _ => t.apply_address_county(),
    }
}

fn accept_of(kinds: &[FileType]) -> (String, String) {
    let mut accept = Vec::new();
    let mut names = Vec::new();
    for k in kinds {
        let (ext, name) = match k {
            FileType::Pdf => (".pdf", "PDF"),
            FileType::Jpeg => (".jpg,.jpeg", "JPG"),
            FileType::Png => (".png", "PNG"),
            FileType::Ofd => (".ofd", "OFD"),
        };
        accept.push(format!("{ext},{}", k.mime()));
        names.push(name);
    }
    (accept.join(","), names.join(" / "))
}

// ---------------------------------------------------------------------------------------
// Task list

struct TaskRow {
    href: String,
    title: String,
    status: &'static str,
    complete: bool,
    id: String,
}

struct Prefilled {
    label: String,
    value: String,
    origin: String,
    link: Option<String>,
}

#[derive(Template)]
#[template(path = "apply/start.html")]
struct StartPage {
    l: Layout,
    item_name: String,
    department: String,
    tasks: Vec<TaskRow>,
    all_complete: bool,
    check_href: String,
    prefilled: Vec<Prefilled>,
    saved: bool,
}

/// Query of the task list and section pages.
#[derive(Deserialize, Default)]
pub struct ApplyQuery {
    saved: Option<String>,
    add: Option<String>,
    n: Option<String>,
}

/// `GET /items/{id}/apply`: the task list with each section's status and what was filled in
/// from data the government holds; a one-section form goes straight to its section.
pub async fn start(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(item): Path<String>,
    Query(q): Query<ApplyQuery>,
) -> Result<Response, Error> {
    let fill = load(&app, &ctx, &item).await?;
    let def = fill.def();
    let saved = q.saved.is_some();
    if def.sections.len() == 1 {
        let url = format!(
            "{}/{}{}",
            fill.base(),
            def.sections[0].key,
            if saved { "?saved=1" } else { "" }
        );
        return Ok(super::see_other(&url));
    }
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let (regions, files) = facts::lookups(&app, fill.account, &fill.answers).await?;
    let tasks: Vec<TaskRow> = def
        .sections
        .iter()
        .map(|s| {
            // Built here: the checks' context is not `Send`, so it must not live across an
            // await.
            let fctx = FormCtx {
                today: today(),
                regions: &regions,
                files: &files,
            };
            let status = def
                .section_status(&s.key, &fill.answers, &fctx)
                .unwrap_or(SectionStatus::NotStarted);
            TaskRow {
                href: format!("{}/{}", fill.base(), s.key),
                title: text(&s.title, lang),
                status: status_text(t, status),
                complete: status == SectionStatus::Complete,
                id: format!("task-{}", s.key),
            }
        })
        .collect();
    let prefilled = fill
        .prefills
        .iter()
        .filter_map(|(key, value, origin)| {
            let field = def.field(key)?;
            let shown = match value {
                Value::String(s) => match field.kind {
                    FieldKind::IdNumber => mask_id_number(s),
                    FieldKind::Phone => mask_mobile(s),
                    _ => s.clone(),
                },
                other => display_lines(field, other, lang, &Names::default()).join(" "),
            };
            Some(Prefilled {
                label: text(&field.label, lang),
                value: shown,
                origin: origin_text(t, lang, origin),
                link: match origin {
                    Origin::Certificate { id, .. } => Some(format!("/account/certificates/{id}")),
                    Origin::Account => None,
                },
            })
        })
        .collect();
    let l = Layout::new(&app, &ctx, t.apply_title(), Section::Services).await;
    html(&StartPage {
        l,
        item_name: crate::zh::display(&fill.a.item.name, lang),
        department: crate::zh::display(&fill.a.item.department_name, lang),
        all_complete: tasks.iter().all(|r| r.complete),
        tasks,
        check_href: format!("{}/check", fill.base()),
        prefilled,
        saved,
    })
}

// ---------------------------------------------------------------------------------------
// Section pages

struct Opt {
    value: String,
    label: String,
    checked: bool,
    id: String,
}

struct FileLink {
    id: String,
    name: String,
}

struct Entry {
    heading: String,
    fields: Vec<FieldView>,
}

/// One question as the section template draws it. `kind` is `line`, `area`, `choice`,
/// `multi`, `address`, `file` or `group`.
struct FieldView {
    name: String,
    id: String,
    label: String,
    hint: String,
    required: bool,
    error: Option<String>,
    shown: bool,
    cond_name: String,
    cond_values: String,
    origin: Option<String>,
    describedby: String,
    kind: &'static str,
    input_type: &'static str,
    inputmode: &'static str,
    autocomplete: &'static str,
    readonly: bool,
    value: String,
    unit: String,
    options: Vec<Opt>,
    region_label: String,
    region_error: Option<String>,
    detail_error: Option<String>,
    files: Vec<FileLink>,
    accept: String,
    entries: Vec<Entry>,
    can_add: bool,
}

/// What building a section's fields needs.
struct Builder<'a> {
    t: Tr,
    lang: Lang,
    errors: &'a FormErrors,
    origins: HashMap<&'a str, String>,
    files: &'a HashMap<String, String>,
    regions: &'a HashMap<RegionLevel, Vec<(String, String)>>,
    /// Blank entries to offer per group (1 unless "add another" asked for more).
    blanks: &'a HashMap<String, usize>,
}

impl Builder<'_> {
    fn error(&self, path: &str) -> Option<String> {
        self.errors.get(path).map(str::to_owned)
    }

    /// A top-level field, or a group member when `entry` is `Some((group key, index, entry))`.
    fn field(
        &self,
        f: &Field,
        value: Option<&Value>,
        shown: bool,
        form: &Answers,
        entry: Option<(&str, usize, &[Field])>,
    ) -> FieldView {
        let t = self.t;
        let name = match entry {
            Some((group, i, _)) => format!("{group}[{i}].{}", f.key),
            None => f.key.clone(),
        };
        let id = dom_id(&name);
        let (cond_name, cond_values) = match &f.visible_if {
            Some(c) => {
                let in_entry =
                    entry.is_some_and(|(_, _, members)| members.iter().any(|m| m.key == c.field));
                let n = match entry {
                    Some((group, i, _)) if in_entry => format!("{group}[{i}].{}", c.field),
                    _ => c.field.clone(),
                };
                (n, c.any_of.join(" "))
            }
            None => (String::new(), String::new()),
        };
        let origin = if entry.is_none() {
            self.origins.get(f.key.as_str()).cloned()
        } else {
            None
        };
        let mut hint = f
            .hint
            .as_ref()
            .map(|h| text(h, self.lang))
            .unwrap_or_default();
        let error = self.error(&name);
        let mut v = FieldView {
            id: id.clone(),
            label: text(&f.label, self.lang),
            hint: String::new(),
            required: f.required,
            error,
            shown,
            cond_name,
            cond_values,
            readonly: origin.is_some(),
            origin,
            describedby: String::new(),
            kind: "line",
            input_type: "text",
            inputmode: "",
            autocomplete: "off",
            value: value.and_then(Value::as_str).unwrap_or_default().to_owned(),
            unit: String::new(),
            options: Vec::new(),
            region_label: String::new(),
            region_error: None,
            detail_error: None,
            files: Vec::new(),
            accept: String::new(),
            entries: Vec::new(),
            can_add: false,
            name,
        };
        let opts = |options: &[yiwang_domain::forms::ChoiceOption], picked: &[String]| {
            options
                .iter()
                .map(|o| Opt {
                    id: format!("{id}-{}", o.value),
                    checked: picked.contains(&o.value),
                    value: o.value.clone(),
                    label: text(&o.label, self.lang),
                })
                .collect::<Vec<_>>()
        };
        match &f.kind {
            FieldKind::Text { multiline, .. } => {
                if *multiline {
                    v.kind = "area";
                }
            }
            FieldKind::Number { unit, decimals, .. } => {
                v.inputmode = if *decimals > 0 { "decimal" } else { "numeric" };
                v.unit = unit
                    .as_ref()
                    .map(|u| text(u, self.lang))
                    .unwrap_or_default();
            }
            FieldKind::Date { .. } => v.input_type = "date",
            FieldKind::IdNumber => {}
            FieldKind::Phone => {
                v.input_type = "tel";
                v.inputmode = "numeric";
                v.autocomplete = "tel";
            }
            FieldKind::Choice { options } => {
                v.kind = "choice";
                v.readonly = false;
                v.options = opts(options, &strings(value));
            }
            FieldKind::MultiChoice { options, .. } => {
                v.kind = "multi";
                v.readonly = false;
                v.options = opts(options, &strings(value));
            }
            FieldKind::Address { level } => {
                v.kind = "address";
                v.readonly = false;
                let region = part(value, "region");
                v.value = part(value, "detail");
                v.region_label = region_label(t, *level).to_owned();
                v.region_error = self.error(&format!("{}.region", v.name));
                v.detail_error = self.error(&format!("{}.detail", v.name));
                v.options = self
                    .regions
                    .get(level)
                    .map(|list| {
                        list.iter()
                            .map(|(code, label)| Opt {
                                id: String::new(),
                                checked: *code == region,
                                value: code.clone(),
                                label: label.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
            }
            FieldKind::File {
                accept,
                max_bytes,
                max_files,
            } => {
                v.kind = "file";
                v.readonly = false;
                v.value.clear();
                let (accept, kinds) = accept_of(accept);
                v.accept = accept;
                let mib = max_bytes.div_ceil(1024 * 1024).max(1);
                let limits = t.apply_file_hint(&kinds, mib, *max_files);
                hint = if hint.is_empty() {
                    limits
                } else {
                    format!("{hint} {limits}")
                };
                v.files = strings(value)
                    .into_iter()
                    .map(|id| FileLink {
                        name: self.files.get(&id).cloned().unwrap_or_else(|| id.clone()),
                        id,
                    })
                    .collect();
            }
            FieldKind::Group { fields, max, .. } => {
                v.kind = "group";
                v.readonly = false;
                let existing: Vec<Answers> = value
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(|e| e.as_object().cloned()).collect())
                    .unwrap_or_default();
                let max = (*max).min(50) as usize;
                let room = max.saturating_sub(existing.len());
                let blanks = self.blanks.get(&f.key).copied().unwrap_or(1).min(room);
                let empty = Answers::new();
                for i in 0..existing.len() + blanks {
                    let e = existing.get(i).unwrap_or(&empty);
                    let members = fields
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| !matches!(g.kind, FieldKind::Group { .. }))
                        .map(|(j, g)| {
                            let shown = is_shown(fields, j, form, Some(e));
                            self.field(g, e.get(&g.key), shown, form, Some((&f.key, i, fields)))
                        })
                        .collect();
                    v.entries.push(Entry {
                        heading: t.apply_entry(i + 1),
                        fields: members,
                    });
                }
                v.can_add = existing.len() + blanks < max;
            }
        }
        v.hint = hint;
        let mut describedby = Vec::new();
        if !v.hint.is_empty() {
            describedby.push(format!("{id}-hint"));
        }
        if v.origin.is_some() {
            describedby.push(format!("{id}-origin"));
        }
        if v.error.is_some() {
            describedby.push(format!("{id}-error"));
        }
        v.describedby = describedby.join(" ");
        v
    }
}

#[derive(Template)]
#[template(path = "apply/section.html")]
struct SectionPage {
    l: Layout,
    item_name: String,
    title: String,
    position: String,
    multi_section: bool,
    action: String,
    tasks_href: String,
    form_version: i64,
    fields: Vec<FieldView>,
    summary: Vec<(String, String)>,
    general: Option<String>,
    saved: bool,
    store_key: String,
    store_prefix: String,
    saved_at: i64,
    now: i64,
    script: String,
}

/// How a section page is drawn: from which answers, with which errors and notices.
struct SectionView<'a> {
    answers: &'a Answers,
    errors: FormErrors,
    blanks: HashMap<String, usize>,
    saved: bool,
    saved_at: i64,
}

async fn section_page(
    app: &AppState,
    ctx: &Ctx,
    fill: &Filling,
    key: &str,
    view: SectionView<'_>,
) -> Result<SectionPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let def = fill.def();
    let at = def
        .sections
        .iter()
        .position(|s| s.key == key)
        .ok_or_else(Error::not_found)?;
    let section = &def.sections[at];
    let answers = view.answers;
    let names = file_names(app, fill.account, &file_ids_in(&section.fields, answers)).await?;
    let regions = region_choices(app, &section.fields, lang).await?;
    let builder = Builder {
        t,
        lang,
        errors: &view.errors,
        origins: fill
            .prefills
            .iter()
            .map(|(k, _, o)| (k.as_str(), origin_text(t, lang, o)))
            .collect(),
        files: &names,
        regions: &regions,
        blanks: &view.blanks,
    };
    let fields = section
        .fields
        .iter()
        .enumerate()
        .map(|(j, f)| {
            let shown = is_shown(&section.fields, j, answers, None);
            builder.field(f, answers.get(&f.key), shown, answers, None)
        })
        .collect();
    let title = text(&section.title, lang);
    let base = fill.base();
    let store_prefix = format!("yw-apply:{}:{}:", fill.a.item.id, key);
    let l = Layout::new(app, ctx, title.clone(), Section::Services).await;
    Ok(SectionPage {
        item_name: crate::zh::display(&fill.a.item.name, lang),
        title,
        position: t.apply_section_of(at + 1, def.sections.len()),
        multi_section: def.sections.len() > 1,
        action: format!("{base}/{key}?_csrf={}", l.csrf),
        tasks_href: base,
        form_version: fill.a.form.version,
        fields,
        summary: view
            .errors
            .items
            .iter()
            .map(|(path, m)| (dom_id(path), m.clone()))
            .collect(),
        general: view.errors.general.clone(),
        saved: view.saved,
        store_key: format!("{store_prefix}{}", fill.a.form.version),
        store_prefix,
        saved_at: view.saved_at,
        now: Timestamp::now().millis(),
        script: app.assets.url("apply.js").to_owned(),
        l,
    })
}

/// `GET /items/{id}/apply/{section}`: the section's questions, filled with the draft.
/// `?add=<group>&n=<k>` offers `k` blank entries of that group ("add another").
pub async fn section_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((item, section)): Path<(String, String)>,
    Query(q): Query<ApplyQuery>,
) -> Result<Response, Error> {
    let fill = load(&app, &ctx, &item).await?;
    let mut blanks = HashMap::new();
    if let Some(group) = q.add {
        let n =
            q.n.and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(2)
                .clamp(1, 10);
        blanks.insert(group, n);
    }
    let view = SectionView {
        answers: &fill.answers,
        errors: FormErrors::default(),
        blanks,
        saved: q.saved.is_some(),
        saved_at: fill.saved_at,
    };
    html(&section_page(&app, &ctx, &fill, &section, view).await?)
}

fn multipart_error(e: MultipartError) -> Error {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Error::code(ErrorCode::PayloadTooLarge)
    } else {
        Error::code(ErrorCode::InvalidBody)
    }
}

/// Whether a posted name is a file field of the section: `key`, or `group[i].member`.
fn is_file_name(fields: &[Field], name: &str) -> bool {
    let is_file = |f: &Field| matches!(f.kind, FieldKind::File { .. });
    if let Some((group, rest)) = name.split_once('[') {
        let Some((_, member)) = rest.split_once("].") else {
            return false;
        };
        fields.iter().any(|f| match &f.kind {
            FieldKind::Group { fields, .. } if f.key == group => {
                fields.iter().any(|g| g.key == member && is_file(g))
            }
            _ => false,
        })
    } else {
        fields.iter().any(|f| f.key == name && is_file(f))
    }
}

/// How many distinct entries of a group were posted (blank ones included).
fn posted_entries(pairs: &[(String, String)], group: &str) -> usize {
    let prefix = format!("{group}[");
    pairs
        .iter()
        .filter_map(|(n, _)| n.strip_prefix(&prefix)?.split_once(']').map(|(i, _)| i))
        .collect::<HashSet<_>>()
        .len()
}

/// A section page's post, read part by part.
#[derive(Default)]
struct Posted {
    pairs: Vec<(String, String)>,
    action: String,
    form_version: i64,
    upload_errors: FieldErrors,
}

async fn read_post(
    app: &AppState,
    account: AccountId,
    fields: &[Field],
    mut multipart: Multipart,
) -> Result<Posted, Error> {
    let mut p = Posted::default();
    let mut remove = HashSet::new();
    while let Some(part) = multipart.next_field().await.map_err(multipart_error)? {
        let name = part.name().unwrap_or_default().to_owned();
        if let Some(file_name) = part.file_name().map(str::to_owned) {
            let bytes = part.bytes().await.map_err(multipart_error)?;
            if bytes.is_empty() || !is_file_name(fields, &name) {
                continue;
            }
            match uploads::receive(app, account, "file", &file_name, &bytes).await {
                Ok(u) => p.pairs.push((name, u.id.to_string())),
                Err(Error::Domain(e)) => {
                    let code = e
                        .fields
                        .iter()
                        .next()
                        .map_or(yiwang_domain::FieldCode::FileType, |f| f.code);
                    p.upload_errors.add_path(name, code);
                }
                Err(e) => return Err(e),
            }
            continue;
        }
        let value = part.text().await.map_err(multipart_error)?;
        match name.as_str() {
            "action" => p.action = value,
            "form_version" => p.form_version = value.trim().parse().unwrap_or(0),
            "_remove" => {
                remove.insert(value);
            }
            "_csrf" => {}
            _ => p.pairs.push((name, value)),
        }
    }
    p.pairs.retain(|(_, v)| !remove.contains(v));
    Ok(p)
}

/// `POST /items/{id}/apply/{section}` (multipart): stores new files, saves the section's
/// answers into the draft, then goes back to the task list ("later"), offers another group
/// entry ("add_entry:<group>"), or checks the section and goes on to the next one.
pub async fn section_save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((item, section)): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let multipart = multipart.map_err(|_| Error::code(ErrorCode::UnsupportedMediaType))?;
    let fill = load(&app, &ctx, &item).await?;
    let def = fill.def();
    let at = def
        .sections
        .iter()
        .position(|s| s.key == section)
        .ok_or_else(Error::not_found)?;
    let fields = &def.sections[at].fields;
    let posted = read_post(&app, fill.account, fields, multipart).await?;
    let mut answers = fill.answers.clone();
    let section_answers = pairs::answers_from_pairs(def, Some(&section), &posted.pairs);
    pairs::merge(&mut answers, section_answers, def, &section);
    for (key, value, _) in &fill.prefills {
        answers.insert(key.clone(), value.clone());
    }
    let t = ctx.t();
    match apps::save_draft(
        &app,
        fill.account,
        None,
        &fill.a,
        posted.form_version,
        &answers,
    )
    .await
    {
        Ok(_) => {}
        Err(Error::Domain(e)) if e.code == ErrorCode::FormChanged => {
            let errors = FormErrors {
                items: Vec::new(),
                general: Some(t.error(ErrorCode::FormChanged).to_owned()),
            };
            let view = SectionView {
                answers: &answers,
                errors,
                blanks: HashMap::new(),
                saved: false,
                saved_at: fill.saved_at,
            };
            let page = section_page(&app, &ctx, &fill, &section, view).await?;
            return render(StatusCode::CONFLICT, &page);
        }
        Err(e) => return Err(e),
    }
    let saved_at = Timestamp::now().millis();
    let base = fill.base();
    let invalid = |errors: FieldErrors| SectionView {
        answers: &answers,
        errors: FormErrors::from_fields(&errors, t),
        blanks: HashMap::new(),
        saved: false,
        saved_at,
    };
    if !posted.upload_errors.is_empty() {
        let page = section_page(&app, &ctx, &fill, &section, invalid(posted.upload_errors)).await?;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    if posted.action == "later" {
        return Ok(super::see_other(&format!("{base}?saved=1")));
    }
    if let Some(group) = posted.action.strip_prefix("add_entry:")
        && fields
            .iter()
            .any(|f| f.key == group && matches!(f.kind, FieldKind::Group { .. }))
    {
        let kept = answers
            .get(group)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let blank = posted_entries(&posted.pairs, group).saturating_sub(kept);
        return Ok(super::see_other(&format!(
            "{base}/{section}?add={group}&n={}#f-{group}",
            blank + 1
        )));
    }
    let (regions, files) = facts::lookups(&app, fill.account, &answers).await?;
    let errors = def.section_errors(
        &section,
        &answers,
        &FormCtx {
            today: today(),
            regions: &regions,
            files: &files,
        },
    );
    if !errors.is_empty() {
        let page = section_page(&app, &ctx, &fill, &section, invalid(errors)).await?;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let next = match def.sections.get(at + 1) {
        Some(s) => format!("{base}/{}", s.key),
        None => format!("{base}/check"),
    };
    Ok(super::see_other(&next))
}

// ---------------------------------------------------------------------------------------
// Check your answers and submit

/// Names for showing answers: uploads by id, regions by code.
#[derive(Default)]
struct Names {
    files: HashMap<String, String>,
    regions: HashMap<String, String>,
}

/// An answer as lines of text: choice labels, file names, region names.
fn display_lines(f: &Field, v: &Value, lang: Lang, names: &Names) -> Vec<String> {
    let label_of = |options: &[yiwang_domain::forms::ChoiceOption], value: &str| {
        options
            .iter()
            .find(|o| o.value == value)
            .map(|o| text(&o.label, lang))
            .unwrap_or_else(|| value.to_owned())
    };
    match &f.kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => strings(Some(v))
            .iter()
            .map(|s| label_of(options, s))
            .collect(),
        FieldKind::File { .. } => strings(Some(v))
            .into_iter()
            .map(|id| names.files.get(&id).cloned().unwrap_or(id))
            .collect(),
        FieldKind::Address { .. } => {
            let code = part(Some(v), "region");
            let region = names.regions.get(&code).cloned().unwrap_or(code);
            vec![format!(
                "{} {}",
                crate::zh::display(&region, lang),
                part(Some(v), "detail")
            )]
        }
        FieldKind::Number { unit, .. } => {
            let n = v.as_str().unwrap_or_default();
            let unit = unit.as_ref().map(|u| text(u, lang)).unwrap_or_default();
            vec![format!("{n} {unit}").trim().to_owned()]
        }
        FieldKind::Group { .. } => Vec::new(),
        _ => v
            .as_str()
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect(),
    }
}

struct SummaryRow {
    label: String,
    lines: Vec<String>,
    href: String,
}

struct SummarySection {
    title: String,
    rows: Vec<SummaryRow>,
}

struct Problem {
    href: String,
    message: String,
}

#[derive(Template)]
#[template(path = "apply/check.html")]
struct CheckPage {
    l: Layout,
    item_name: String,
    tasks_href: String,
    sections: Vec<SummarySection>,
    problems: Vec<Problem>,
    general: Option<String>,
    action: String,
    form_version: i64,
    idempotency_key: String,
}

/// The label of an error path (`members[1].name` → "成员姓名（第 2 项）") and its section.
fn path_label(def: &FormDef, path: &str, t: Tr, lang: Lang) -> Option<(String, String)> {
    let top = path.split(['[', '.']).next().unwrap_or(path);
    let (section, field) = def.fields().find(|(_, f)| f.key == top)?;
    let mut label = text(&field.label, lang);
    if let (FieldKind::Group { fields, .. }, Some(rest)) = (
        &field.kind,
        path.strip_prefix(top).and_then(|r| r.strip_prefix('[')),
    ) && let Some((i, member)) = rest.split_once("].")
    {
        let member = member.split('.').next().unwrap_or(member);
        if let (Ok(i), Some(m)) = (i.parse::<usize>(), fields.iter().find(|g| g.key == member)) {
            label = format!(
                "{label} {} · {}",
                t.apply_entry(i + 1),
                text(&m.label, lang)
            );
        }
    }
    Some((section.key.clone(), label))
}

async fn check_page(
    app: &AppState,
    ctx: &Ctx,
    fill: &Filling,
    general: Option<String>,
) -> Result<CheckPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let def = fill.def();
    let base = fill.base();
    let answers = &fill.answers;
    let (regions, files) = facts::lookups(app, fill.account, answers).await?;
    let checked = def.validate(
        answers,
        &FormCtx {
            today: today(),
            regions: &regions,
            files: &files,
        },
    );
    let problems = match checked {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .iter()
            .map(|e| {
                let (section, label) = path_label(def, &e.field, t, lang)
                    .unwrap_or_else(|| (String::new(), e.field.to_string()));
                Problem {
                    href: format!("{base}/{section}#{}", dom_id(&e.field)),
                    message: format!("{label}：{}", t.field(e.code)),
                }
            })
            .collect(),
    };
    let all_fields: Vec<Field> = def.fields().map(|(_, f)| f.clone()).collect();
    let mut names = Names {
        files: file_names(app, fill.account, &file_ids_in(&all_fields, answers)).await?,
        regions: HashMap::new(),
    };
    let mut codes = Vec::new();
    collect_regions(answers, &mut codes);
    if !codes.is_empty() {
        names.regions = app
            .store
            .region_names(&codes)
            .await?
            .into_iter()
            .map(|(c, n)| (c.as_str().to_owned(), n))
            .collect();
    }
    let not_answered = t.apply_not_answered();
    let sections = def
        .sections
        .iter()
        .map(|s| {
            let href = format!("{base}/{}", s.key);
            let mut rows = Vec::new();
            for (j, f) in s.fields.iter().enumerate() {
                if !is_shown(&s.fields, j, answers, None) {
                    continue;
                }
                let field_href = format!("{href}#{}", dom_id(&f.key));
                let label = text(&f.label, lang);
                let value = answers.get(&f.key);
                if let FieldKind::Group { fields, .. } = &f.kind {
                    let entries = value.and_then(Value::as_array).cloned().unwrap_or_default();
                    if entries.is_empty() {
                        rows.push(SummaryRow {
                            label: label.clone(),
                            lines: vec![not_answered.to_owned()],
                            href: field_href,
                        });
                    }
                    for (i, e) in entries.iter().enumerate() {
                        let empty = Answers::new();
                        let e = e.as_object().unwrap_or(&empty);
                        let lines = fields
                            .iter()
                            .enumerate()
                            .filter(|(k, _)| is_shown(fields, *k, answers, Some(e)))
                            .filter_map(|(_, g)| {
                                let v = e.get(&g.key)?;
                                let shown = display_lines(g, v, lang, &names).join("、");
                                Some(format!("{}：{shown}", text(&g.label, lang)))
                            })
                            .collect();
                        rows.push(SummaryRow {
                            label: format!("{label} {}", t.apply_entry(i + 1)),
                            lines,
                            href: format!("{href}#{}", dom_id(&format!("{}[{i}]", f.key))),
                        });
                    }
                    continue;
                }
                let lines = match value {
                    Some(v) => display_lines(f, v, lang, &names),
                    None => Vec::new(),
                };
                rows.push(SummaryRow {
                    label,
                    lines: if lines.iter().all(|l| l.trim().is_empty()) {
                        vec![not_answered.to_owned()]
                    } else {
                        lines
                    },
                    href: field_href,
                });
            }
            SummarySection {
                title: text(&s.title, lang),
                rows,
            }
        })
        .collect();
    let l = Layout::new(app, ctx, t.apply_check_title(), Section::Services).await;
    Ok(CheckPage {
        l,
        item_name: crate::zh::display(&fill.a.item.name, lang),
        tasks_href: base.clone(),
        sections,
        problems,
        general,
        action: format!("{base}/submit"),
        form_version: fill.a.form.version,
        idempotency_key: yiwang_crypto::random::token().map_err(Error::internal)?,
    })
}

fn collect_regions(answers: &Answers, out: &mut Vec<yiwang_domain::region::RegionCode>) {
    fn walk(v: &Value, out: &mut Vec<yiwang_domain::region::RegionCode>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    if k == "region"
                        && let Some(code) = v
                            .as_str()
                            .and_then(|s| yiwang_domain::region::RegionCode::parse(s).ok())
                    {
                        out.push(code);
                    }
                    walk(v, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    for v in answers.values() {
        walk(v, out);
    }
    out.truncate(200);
}

/// `GET /items/{id}/apply/check`: every answer per section with links to change it, and the
/// submit button — or, when something is missing or wrong, all of it at once with links.
pub async fn check(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(item): Path<String>,
) -> Result<Response, Error> {
    let fill = load(&app, &ctx, &item).await?;
    html(&check_page(&app, &ctx, &fill, None).await?)
}

/// The submit form of the check page.
#[derive(Deserialize, Default)]
pub struct SubmitForm {
    #[serde(default)]
    form_version: String,
    #[serde(default)]
    idempotency_key: String,
}

/// `POST /items/{id}/apply/submit`: submits the draft exactly once (the page's idempotency
/// key makes a double click or a retry land on the same case) and shows the confirmation.
pub async fn submit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(item): Path<String>,
    Form(f): Form<SubmitForm>,
) -> Result<Response, Error> {
    let fill = load(&app, &ctx, &item).await?;
    let key = f.idempotency_key.trim();
    if !key.is_empty()
        && let Some(done) = app.store.case_by_idempotency_key(fill.account, key).await?
    {
        // A second click that arrives after the first submission finished: the same case.
        return Ok(super::see_other(&format!("/account/cases/{}/done", done.id)));
    }
    if fill.saved_at == 0 {
        // Nothing saved and no earlier submission with this key: start from the task list.
        return Ok(super::see_other(&format!("/items/{item}/apply")));
    }
    let version = f.form_version.trim().parse().unwrap_or(0);
    let who = Submitter {
        applicant: fill.account,
        assisted_by: None,
    };
    let key = (!key.is_empty()).then_some(key);
    match submitting::submit(&app, &who, &fill.a, version, &fill.answers, key).await {
        Ok(s) => Ok(super::see_other(&format!(
            "/account/cases/{}/done",
            s.case.id
        ))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let general = e
                .fields
                .iter()
                .any(|f| f.field == "idempotency_key")
                .then(|| ctx.t().error(ErrorCode::InvalidBody).to_owned());
            let page = check_page(&app, &ctx, &fill, general).await?;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(Error::Domain(e))
            if matches!(
                e.code,
                ErrorCode::FormChanged | ErrorCode::IdempotencyKeyReused
            ) =>
        {
            let general = Some(ctx.t().error(e.code).to_owned());
            let page = check_page(&app, &ctx, &fill, general).await?;
            render(crate::error::status_of(e.code), &page)
        }
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------------------------------
// Confirmation

#[derive(Template)]
#[template(path = "apply/done.html")]
struct DonePage {
    l: Layout,
    item_name: String,
    receipt: String,
    code: String,
    instant: bool,
    limit: Option<String>,
    progress_href: String,
    clear_prefix: String,
    script: String,
}

/// `GET /account/cases/{id}/done`: the receipt number and verification code, and what
/// happens next. Only the applicant's own case.
pub async fn done(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let id: CaseId = id.parse().map_err(|_| Error::not_found())?;
    let case = app
        .store
        .case(id)
        .await?
        .filter(|c| c.account_id == account)
        .ok_or_else(Error::not_found)?;
    let t = ctx.t();
    let l = Layout::new(&app, &ctx, t.apply_done_title(), Section::Mine).await;
    html(&DonePage {
        item_name: crate::zh::display(&case.item_name, ctx.prefs.lang),
        code: apps::verification_code(&app, &case.receipt),
        instant: case.auto_decided,
        limit: case.limit_days.map(|d| t.apply_done_limit(d)),
        progress_href: format!("/account/cases/{}", case.id),
        clear_prefix: format!("yw-apply:{}:", case.item_id),
        script: app.assets.url("apply.js").to_owned(),
        receipt: case.receipt,
        l,
    })
}

// ---------------------------------------------------------------------------------------
// Uploaded files

/// `Content-Disposition: attachment` with an ASCII fallback name and the real one in
/// RFC 5987 encoding (Chinese file names survive).
fn attachment(name: &str, file_type: Option<FileType>) -> String {
    let ext = file_type.map_or("bin", |t| match t {
        FileType::Jpeg => "jpg",
        other => other.as_str(),
    });
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    if encoded.is_empty() {
        format!("attachment; filename=\"upload.{ext}\"")
    } else {
        format!("attachment; filename=\"upload.{ext}\"; filename*=UTF-8''{encoded}")
    }
}

/// `GET /uploads/{id}`: an uploaded file, to its uploader or to staff handling its case;
/// always as a download of its sniffed type, never cached.
pub async fn file(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let (upload, bytes) = uploads::read(&app, &ctx, &id).await?;
    let kind = FileType::parse(&upload.file_type);
    let mime = kind.map_or("application/octet-stream", FileType::mime);
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_str(&attachment(&upload.name, kind)).map_err(Error::internal)?,
    );
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}
