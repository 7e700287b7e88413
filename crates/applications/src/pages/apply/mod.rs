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
//!
//! Here: what every page starts from and the task list. Along the flow: `fields` (a question's
//! view model), `section`, `check` (check your answers, submit), `done` (confirmation, files).

use crate::texts::*;

mod check;
mod done;
pub(crate) mod errors;
mod fields;
mod preview;
mod section;

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use yiwang_domain::forms::{
    Answers, Condition, Ctx as FormCtx, Field, FieldKind, FormDef, Label, SectionStatus,
};
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::identity::phone::mask_mobile;
use yiwang_domain::ids::AccountId;
use yiwang_domain::ids::{ConsentId, ItemId};
use yiwang_domain::{ErrorCode, Lang, Timestamp};

use crate::services::facts::{self, Origin};
use crate::services::{self as apps, Applying, assist};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

use check::{Names, display_lines};
pub use check::{check, submit};
pub use done::{done, file};
pub(crate) use fields::{Builder, FieldView, region_choices};
pub use preview::{Draft, PreviewMark, preview_section, preview_tasks};
pub(crate) use section::{add_entry, read_post};
pub use section::{section_form, section_save};

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
        _ => yiwang_kit::zh::display(&l.zh, lang),
    }
}

/// The element id for a posted name or error path: `members[1].name` → `f-members-1-name`.
pub(crate) fn dom_id(path: &str) -> String {
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
pub(crate) fn is_shown(
    fields: &[Field],
    j: usize,
    form: &Answers,
    entry: Option<&Answers>,
) -> bool {
    let Some(cond) = &fields[j].visible_if else {
        return true;
    };
    let source = match entry {
        Some(e) if fields[..j].iter().any(|f| f.key == cond.field) => e,
        _ => form,
    };
    holds(cond, source.get(&cond.field))
}

/// The path of an applying page: `/items/{id}/apply…` for the citizen themself, or
/// `/console/assist/{consent}/items/{id}/apply…` for a staff member acting with the citizen's
/// consent (帮办代办). The same handlers serve both; [`load`] decides who is applying.
#[derive(Deserialize)]
pub struct ApplyPath {
    consent: Option<ConsentId>,
    id: ItemId,
    section: Option<String>,
}

impl ApplyPath {
    fn section(&self) -> &str {
        self.section.as_deref().unwrap_or_default()
    }
}

/// A staff member applying for a citizen, as the pages say it.
struct Assisting {
    consent: yiwang_store::applications::assist::ConsentRow,
    citizen: assist::Citizen,
}

/// The banner on every page filled for someone else.
pub(super) struct AssistBanner {
    name: String,
    phone: String,
    until: String,
}

/// Everything an applying page starts from.
struct Filling {
    /// The applicant.
    account: AccountId,
    /// Set when a staff member fills the form for the applicant.
    assisting: Option<Assisting>,
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
        match &self.assisting {
            Some(s) => format!(
                "/console/assist/{}/items/{}/apply",
                s.consent.id, self.a.item.id
            ),
            None => format!("/items/{}/apply", self.a.item.id),
        }
    }

    /// Where the browser keeps its unsaved copy: per consent when filling for someone else,
    /// so a shared counter computer never offers one citizen's answers to the next.
    fn store_prefix(&self) -> String {
        match &self.assisting {
            Some(s) => format!("yw-apply:{}:", s.consent.id),
            None => format!("yw-apply:{}:", self.a.item.id),
        }
    }

    fn assisted_by(&self) -> Option<AccountId> {
        self.assisting.as_ref().map(|s| s.consent.staff_id)
    }

    fn banner(&self) -> Option<AssistBanner> {
        self.assisting.as_ref().map(|s| AssistBanner {
            name: s.citizen.name.clone(),
            phone: s.citizen.phone.clone(),
            until: match s.consent.state(Timestamp::now()) {
                yiwang_domain::assist::ConsentState::Granted { until } => until.display_minutes(),
                _ => String::new(),
            },
        })
    }
}

async fn load(app: &AppState, ctx: &Ctx, p: &ApplyPath) -> Result<Filling, Error> {
    let (account, a, assisting) = match &p.consent {
        Some(consent) => {
            let g = assist::grant(app, ctx, *consent, p.id).await?;
            let citizen = assist::citizen(app, g.consent.account_id).await?;
            (
                g.consent.account_id,
                g.applying,
                Some(Assisting {
                    consent: g.consent,
                    citizen,
                }),
            )
        }
        None => (me(ctx)?, apps::applying(app, p.id).await?, None),
    };
    let draft = apps::draft(app, account, &a).await?;
    let saved_at = draft.as_ref().map_or(0, |d| d.updated_at.millis());
    let mut answers = draft.map(|d| d.answers).unwrap_or_default();
    let prefills = facts::prefills(app, account, &a.form.bundle).await?;
    for (key, value, _) in &prefills {
        answers.insert(key.clone(), value.clone());
    }
    Ok(Filling {
        account,
        assisting,
        a,
        answers,
        saved_at,
        prefills,
    })
}

/// Where a prefilled answer came from, told to whoever fills the form (the citizen, or a
/// staff member filling it for them): the verified identity (name, ID number), the account's
/// mobile number (not part of the real-name data), or a certificate.
fn origin_text(t: Tr, lang: Lang, o: &Origin, assisting: bool) -> String {
    match o {
        Origin::Identity if assisting => t.assist_origin_identity().to_owned(),
        Origin::Identity => t.apply_origin_identity().to_owned(),
        Origin::AccountPhone if assisting => t.assist_origin_phone().to_owned(),
        Origin::AccountPhone => t.apply_origin_phone().to_owned(),
        Origin::Certificate { name, .. } => {
            let from = if assisting {
                t.assist_origin_certificate()
            } else {
                t.apply_origin_certificate()
            };
            format!("{from}{}", yiwang_kit::zh::display(name, lang))
        }
    }
}

/// Upload names by id, for the files these answers name.
pub(crate) async fn file_names(
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

fn part(v: Option<&Value>, name: &str) -> String {
    v.and_then(|v| v.get(name))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The strings of an answer: an array of strings, or one string.
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
    assisting: Option<AssistBanner>,
    preview: Option<PreviewMark>,
}

/// Query of the task list and section pages.
#[derive(Deserialize, Default)]
pub struct ApplyQuery {
    saved: Option<String>,
    /// `check` when opened from the check page's 修改.
    from: Option<String>,
    add: Option<String>,
    n: Option<String>,
}

/// `GET /items/{id}/apply`: the task list with each section's status and what was filled in
/// from data the government holds; a one-section form goes straight to its section.
pub async fn start(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(p): Path<ApplyPath>,
    Query(q): Query<ApplyQuery>,
) -> Result<Response, Error> {
    let fill = load(&app, &ctx, &p).await?;
    let def = fill.def();
    let saved = q.saved.is_some();
    if def.sections.len() == 1 {
        let url = format!(
            "{}/{}{}",
            fill.base(),
            def.sections[0].key,
            if saved { "?saved=1" } else { "" }
        );
        return Ok(yiwang_kit::respond::see_other(&url));
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
                origin: origin_text(t, lang, origin, fill.assisting.is_some()),
                link: match origin {
                    Origin::Certificate { id, .. } if fill.assisting.is_none() => {
                        Some(format!("/account/certificates/{id}"))
                    }
                    _ => None,
                },
            })
        })
        .collect();
    let l = Layout::new(&app, &ctx, t.apply_title(), Section::Services).await;
    html(&StartPage {
        l,
        item_name: yiwang_kit::zh::display(&fill.a.item.name, lang),
        department: yiwang_kit::zh::department(&fill.a.item.department_name, lang),
        all_complete: tasks.iter().all(|r| r.complete),
        tasks,
        check_href: format!("{}/check", fill.base()),
        prefilled,
        saved,
        assisting: fill.banner(),
        preview: None,
    })
}
