//! One page per section (APP-1): drawing it from the draft, and saving its multipart post
//! (uploads, removals, "add another", "save and come back later") back into the draft.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::response::Response;
use http::StatusCode;
use serde_json::Value;
use yiwang_domain::forms::{Answers, Ctx as FormCtx, Field, FieldKind, FormDef, pairs};
use yiwang_domain::ids::{AccountId, ConsentId};
use yiwang_domain::{ErrorCode, FieldErrors, Timestamp};
use yiwang_store::catalog::ItemRow;

use crate::services::{self as apps, assist, facts, uploads};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html};

use super::fields::{Builder, FieldView, region_choices};
use super::{
    ApplyPath, ApplyQuery, AssistBanner, Filling, PreviewMark, dom_id, file_names, is_shown, load,
    origin_text, render, text, today,
};
use crate::texts::*;

#[derive(Template)]
#[template(path = "apply/section.html")]
pub(super) struct SectionPage {
    l: Layout,
    assisting: Option<AssistBanner>,
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
    back_to_check: bool,
    store_key: String,
    store_prefix: String,
    saved_at: i64,
    now: i64,
    script: String,
    preview: Option<PreviewMark>,
}

/// How a section page is drawn: from which answers, with which errors and notices.
pub(super) struct SectionView<'a> {
    pub(super) answers: &'a Answers,
    pub(super) errors: FormErrors,
    pub(super) blanks: HashMap<String, usize>,
    pub(super) saved: bool,
    pub(super) saved_at: i64,
    /// Opened from the check page: saving returns there.
    pub(super) back_to_check: bool,
}

/// What a section page is drawn for: an applicant's filling, or the console's preview of a
/// draft (no account, nothing prefilled, nothing to save).
pub(super) struct Sheet<'a> {
    pub(super) def: &'a FormDef,
    pub(super) item: &'a ItemRow,
    pub(super) version: i64,
    /// The task list's address; sections are under it.
    pub(super) base: String,
    pub(super) account: Option<AccountId>,
    pub(super) prefills: &'a [(String, Value, facts::Origin)],
    pub(super) preview: Option<PreviewMark>,
    /// Set when a staff member fills the form for the applicant.
    pub(super) assisting: Option<AssistBanner>,
    /// Where the browser keeps its unsaved copy of each section.
    pub(super) store_prefix: String,
}

impl Filling {
    fn sheet(&self) -> Sheet<'_> {
        Sheet {
            def: self.def(),
            item: &self.a.item,
            version: self.a.form.version,
            base: self.base(),
            account: Some(self.account),
            prefills: &self.prefills,
            preview: None,
            assisting: self.banner(),
            store_prefix: self.store_prefix(),
        }
    }
}

pub(super) async fn section_page(
    app: &AppState,
    ctx: &Ctx,
    sheet: Sheet<'_>,
    key: &str,
    view: SectionView<'_>,
) -> Result<SectionPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let def = sheet.def;
    let at = def
        .sections
        .iter()
        .position(|s| s.key == key)
        .ok_or_else(Error::not_found)?;
    let section = &def.sections[at];
    let answers = view.answers;
    let names = match sheet.account {
        Some(account) => {
            file_names(
                app,
                account,
                &yiwang_domain::forms::file_ids(&section.fields, answers),
            )
            .await?
        }
        None => HashMap::new(),
    };
    let regions = region_choices(app, &section.fields, lang).await?;
    let builder = Builder {
        t,
        lang,
        errors: &view.errors,
        origins: sheet
            .prefills
            .iter()
            .map(|(k, _, o)| {
                (
                    k.as_str(),
                    origin_text(t, lang, o, sheet.assisting.is_some()),
                )
            })
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
    let base = sheet.base;
    let store_prefix = format!("{}{}:", sheet.store_prefix, key);
    let l = Layout::new(app, ctx, title.clone(), Section::Services).await;
    Ok(SectionPage {
        assisting: sheet.assisting,
        item_name: yiwang_kit::zh::display(&sheet.item.name, lang),
        title,
        position: t.apply_section_of(at + 1, def.sections.len()),
        multi_section: def.sections.len() > 1,
        action: match sheet.preview {
            Some(_) => format!("{base}/{key}"),
            // The token travels as the form's first field, never in the address: a page with
            // errors is drawn at this address.
            None => format!("{base}/{key}"),
        },
        tasks_href: base,
        form_version: sheet.version,
        fields,
        summary: view
            .errors
            .items
            .iter()
            .map(|(path, m)| (dom_id(path), m.clone()))
            .collect(),
        general: view.errors.general.clone(),
        saved: view.saved,
        back_to_check: view.back_to_check,
        store_key: format!("{store_prefix}{}", sheet.version),
        store_prefix,
        saved_at: view.saved_at,
        now: Timestamp::now().millis(),
        script: app.assets.url("apply.js").to_owned(),
        preview: sheet.preview,
        l,
    })
}

/// `GET /items/{id}/apply/{section}`: the section's questions, filled with the draft.
/// `?add=<group>&n=<k>` offers `k` blank entries of that group ("add another").
pub async fn section_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(p): Path<ApplyPath>,
    Query(q): Query<ApplyQuery>,
) -> Result<Response, Error> {
    let fill = load(&app, &ctx, &p).await?;
    let section = p.section();
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
        back_to_check: q.from.as_deref() == Some("check"),
    };
    html(&section_page(&app, &ctx, fill.sheet(), section, view).await?)
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

/// For an "add another" press (`action=add_entry:<group>`) on a group of these fields: the
/// group and how many blank entries to offer now (those posted blank, and one more).
pub(crate) fn add_entry<'a>(
    fields: &[Field],
    posted: &'a Posted,
    answers: &Answers,
) -> Option<(&'a str, usize)> {
    let group = posted.action.strip_prefix("add_entry:")?;
    if !fields
        .iter()
        .any(|f| f.key == group && matches!(f.kind, FieldKind::Group { .. }))
    {
        return None;
    }
    let kept = answers
        .get(group)
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let blank = posted_entries(&posted.pairs, group).saturating_sub(kept);
    Some((group, (blank + 1).min(10)))
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
pub(crate) struct Posted {
    pub(crate) pairs: Vec<(String, String)>,
    pub(crate) action: String,
    pub(crate) form_version: i64,
    pub(crate) upload_errors: FieldErrors,
    /// Opened from the check page's 修改: saving goes back there.
    pub(crate) back_to_check: bool,
}

/// Reads the post. `consent`, when a staff member fills the form under the citizen's consent:
/// new files are uploaded under it, and file fields keep only the files it covers
/// (`assist::files`), so no other upload of the citizen's can be named into the application.
pub(crate) async fn read_post(
    app: &AppState,
    account: AccountId,
    consent: Option<(ConsentId, &HashSet<String>)>,
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
            let under = consent.map(|(id, _)| id);
            match uploads::receive(app, account, under, "file", &file_name, &bytes).await {
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
            "_return" => p.back_to_check = value == "check",
            _ if consent.is_some_and(|(_, covered)| {
                is_file_name(fields, &name) && !covered.contains(&value)
            }) => {}
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
    Path(p): Path<ApplyPath>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let multipart = multipart.map_err(|_| Error::code(ErrorCode::UnsupportedMediaType))?;
    let fill = load(&app, &ctx, &p).await?;
    let section = p.section().to_owned();
    let def = fill.def();
    let at = def
        .sections
        .iter()
        .position(|s| s.key == section)
        .ok_or_else(Error::not_found)?;
    let fields = &def.sections[at].fields;
    let covered = match &fill.assisting {
        Some(s) => Some((s.consent.id, assist::files(&app, &s.consent).await?)),
        None => None,
    };
    let consent = covered.as_ref().map(|(id, files)| (*id, files));
    let posted = read_post(&app, fill.account, consent, fields, multipart).await?;
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
        fill.assisted_by(),
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
                back_to_check: posted.back_to_check,
            };
            let page = section_page(&app, &ctx, fill.sheet(), &section, view).await?;
            return render(StatusCode::CONFLICT, &page);
        }
        Err(e) => return Err(e),
    }
    let saved_at = Timestamp::now().millis();
    let base = fill.base();
    let invalid = |errors: FieldErrors| SectionView {
        answers: &answers,
        errors: super::errors::named(fields, &answers, &errors, t, ctx.prefs.lang),
        blanks: HashMap::new(),
        saved: false,
        saved_at,
        back_to_check: posted.back_to_check,
    };
    if !posted.upload_errors.is_empty() {
        let page = section_page(
            &app,
            &ctx,
            fill.sheet(),
            &section,
            invalid(posted.upload_errors),
        )
        .await?;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    if posted.action == "later" {
        return Ok(yiwang_kit::respond::see_other(&format!("{base}?saved=1")));
    }
    if let Some((group, blanks)) = add_entry(fields, &posted, &answers) {
        return Ok(yiwang_kit::respond::see_other(&format!(
            "{base}/{section}?add={group}&n={blanks}{}#f-{group}",
            if posted.back_to_check {
                "&from=check"
            } else {
                ""
            }
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
        let page = section_page(&app, &ctx, fill.sheet(), &section, invalid(errors)).await?;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    // From the check page's 修改, back to the check page (GOV.UK "check your answers").
    let next = match def.sections.get(at + 1) {
        Some(s) if !posted.back_to_check => format!("{base}/{}", s.key),
        _ => format!("{base}/check"),
    };
    Ok(yiwang_kit::respond::see_other(&next))
}
