//! Check your answers and submit (GOV.UK pattern): every answer with a link to change it,
//! all problems at once, and submission exactly once per idempotency key.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use yiwang_domain::forms::{Answers, Ctx as FormCtx, Field, FieldKind, FormDef};
use yiwang_domain::{ErrorCode, Lang};

use crate::services::facts;
use crate::services::submit::{self as submitting, Submitter};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

use super::{
    ApplyPath, AssistBanner, Filling, dom_id, file_names, is_shown, load, part, render, strings,
    text, today,
};
use crate::services::assist;
use crate::texts::*;

/// Names for showing answers: uploads by id, regions by code.
#[derive(Default)]
pub(super) struct Names {
    files: HashMap<String, String>,
    regions: HashMap<String, String>,
}

/// An answer as lines of text: choice labels, file names, region names.
pub(super) fn display_lines(f: &Field, v: &Value, lang: Lang, names: &Names) -> Vec<String> {
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
                yiwang_kit::zh::display(&region, lang),
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
    /// Where 修改 goes; none for an answer filled from the account or a certificate, which
    /// cannot be changed here.
    href: Option<String>,
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
    assisting: Option<AssistBanner>,
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
                    href: format!("{base}/{section}?from=check#{}", dom_id(&e.field)),
                    message: format!("{label}：{}", t.field(e.code)),
                }
            })
            .collect(),
    };
    let all_fields: Vec<Field> = def.fields().map(|(_, f)| f.clone()).collect();
    let mut names = Names {
        files: file_names(
            app,
            fill.account,
            &yiwang_domain::forms::file_ids(&all_fields, answers),
        )
        .await?,
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
            let href = format!("{base}/{}?from=check", s.key);
            let mut rows = Vec::new();
            for (j, f) in s.fields.iter().enumerate() {
                if !is_shown(&s.fields, j, answers, None) {
                    continue;
                }
                let prefilled = fill.prefills.iter().any(|(k, _, _)| *k == f.key);
                let field_href = (!prefilled).then(|| format!("{href}#{}", dom_id(&f.key)));
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
                            href: Some(format!("{href}#{}", dom_id(&format!("{}[{i}]", f.key)))),
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
        item_name: yiwang_kit::zh::display(&fill.a.item.name, lang),
        tasks_href: base.clone(),
        sections,
        problems,
        general,
        action: format!("{base}/submit"),
        form_version: fill.a.form.version,
        idempotency_key: yiwang_crypto::random::token().map_err(Error::internal)?,
        assisting: fill.banner(),
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
    Path(p): Path<ApplyPath>,
) -> Result<Response, Error> {
    let fill = load(&app, &ctx, &p).await?;
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
    Path(p): Path<ApplyPath>,
    Form(f): Form<SubmitForm>,
) -> Result<Response, Error> {
    if let Some(consent) = &p.consent {
        // A second click after the first assisted submission spent the consent: its slip.
        let row = assist::own(&app, &ctx, *consent).await?;
        if row.case_id.is_some() {
            return Ok(yiwang_kit::respond::see_other(&format!(
                "/console/assist/{consent}"
            )));
        }
    }
    let fill = load(&app, &ctx, &p).await?;
    let done_href = |case: yiwang_domain::ids::CaseId| match &fill.assisting {
        Some(s) => format!("/console/assist/{}", s.consent.id),
        None => format!("/account/cases/{case}/done"),
    };
    let key = f.idempotency_key.trim();
    if !key.is_empty()
        && let Some(done) = app.store.case_by_idempotency_key(fill.account, key).await?
    {
        // A second click that arrives after the first submission finished: the same case.
        return Ok(yiwang_kit::respond::see_other(&done_href(done.id)));
    }
    if fill.saved_at == 0 {
        // Nothing saved and no earlier submission with this key: start from the task list.
        return Ok(yiwang_kit::respond::see_other(&fill.base()));
    }
    let version = f.form_version.trim().parse().unwrap_or(0);
    let who = match &fill.assisting {
        Some(s) => assist::submitter(&s.consent),
        None => Submitter {
            applicant: fill.account,
            assisted_by: None,
            consent: None,
        },
    };
    let key = (!key.is_empty()).then_some(key);
    match submitting::submit(&app, &who, &fill.a, version, &fill.answers, key).await {
        Ok(s) => Ok(yiwang_kit::respond::see_other(&done_href(s.case.id))),
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
            render(yiwang_kit::error::status_of(e.code), &page)
        }
        Err(e) => Err(e),
    }
}
