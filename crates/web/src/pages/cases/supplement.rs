//! Supplementing a returned case: its own form over the case's stored answers, not the
//! draft-based section pages, since a case's answers replace wholesale and go back to review.

use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;
use serde_json::Value;
use yiwang_domain::forms::{Answers, Field, FieldKind};
use yiwang_domain::workflow::{Action, CaseState, EventKind};
use yiwang_domain::{ErrorCode, Lang};
use yiwang_store::applications::cases::CaseRow;

use crate::error::Error;
use crate::extract::Path;
use crate::pipeline::Ctx;
use crate::services::applications::{act, uploads};
use crate::state::AppState;
use crate::views::layout::Section;
use crate::views::{FormErrors, Layout, html};

use super::{label_text, me, own_case};

/// One option of a choice field as shown.
pub struct OptionView {
    value: String,
    label: String,
    checked: bool,
}

/// One question of the supplement form.
pub struct InputView {
    key: String,
    label: String,
    hint: String,
    kind: &'static str,
    value: String,
    region: String,
    /// For an address: what the region list is called, and its choices (code, name, picked).
    region_label: &'static str,
    regions: Vec<(String, String, bool)>,
    detail: String,
    options: Vec<OptionView>,
    files: Vec<(String, String)>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "cases/supplement.html")]
struct SupplementPage {
    l: Layout,
    id: String,
    item: String,
    receipt: String,
    missing: Vec<String>,
    return_note: String,
    inputs: Vec<InputView>,
    errors: FormErrors,
}

fn value_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().map(|x| value_text(Some(x))).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

async fn input_views(
    app: &AppState,
    fields: &[&Field],
    answers: &Answers,
    errors: &FormErrors,
    t: crate::i18n::Tr,
    lang: Lang,
) -> Result<Vec<InputView>, Error> {
    let owned: Vec<Field> = fields.iter().map(|f| (*f).clone()).collect();
    let choices = crate::pages::apply::region_choices(app, &owned, lang).await?;
    let mut out = Vec::new();
    for field in fields {
        let current = answers.get(&field.key);
        let mut v = InputView {
            key: field.key.clone(),
            label: label_text(&field.label, lang),
            hint: field
                .hint
                .as_ref()
                .map(|h| label_text(h, lang))
                .unwrap_or_default(),
            kind: "text",
            value: value_text(current),
            region: String::new(),
            region_label: "",
            regions: Vec::new(),
            detail: String::new(),
            options: Vec::new(),
            files: Vec::new(),
            error: errors.get(&field.key).map(str::to_owned),
        };
        match &field.kind {
            FieldKind::Text {
                multiline: true, ..
            } => v.kind = "textarea",
            FieldKind::Text { .. } | FieldKind::IdNumber => v.kind = "text",
            FieldKind::Phone => v.kind = "tel",
            FieldKind::Number { .. } => v.kind = "number",
            FieldKind::Date { .. } => v.kind = "date",
            FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => {
                let picked = strings(current);
                v.kind = if matches!(field.kind, FieldKind::Choice { .. }) {
                    "radio"
                } else {
                    "checkbox"
                };
                v.options = options
                    .iter()
                    .map(|o| OptionView {
                        value: o.value.clone(),
                        label: label_text(&o.label, lang),
                        checked: picked.contains(&o.value),
                    })
                    .collect();
            }
            FieldKind::Address { level } => {
                v.kind = "address";
                v.region = value_text(current.and_then(|c| c.get("region")));
                v.detail = value_text(current.and_then(|c| c.get("detail")));
                v.region_label = crate::pages::apply::region_label(t, *level);
                v.regions = choices
                    .get(level)
                    .into_iter()
                    .flatten()
                    .map(|(code, name)| (code.clone(), name.clone(), *code == v.region))
                    .collect();
            }
            FieldKind::File { .. } => {
                v.kind = "file";
                for id in strings(current) {
                    let name = match id.parse() {
                        Ok(uid) => app
                            .store
                            .upload(uid)
                            .await?
                            .map(|u| u.name)
                            .unwrap_or_else(|| id.clone()),
                        Err(_) => id.clone(),
                    };
                    v.files.push((id, name));
                }
            }
            FieldKind::Group { .. } => v.kind = "group",
        }
        out.push(v);
    }
    Ok(out)
}

async fn supplement_page(
    app: &AppState,
    ctx: &Ctx,
    case: &CaseRow,
    answers: &Answers,
    errors: FormErrors,
) -> Result<SupplementPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let bundle = act::bundle_of(app, case).await?;
    let fields: Vec<&Field> = bundle.form.fields().map(|(_, f)| f).collect();
    let events = app.store.case_events(case.id).await?;
    let returned = events.iter().rev().find(|e| e.kind == EventKind::Returned);
    let missing = returned
        .and_then(|e| e.detail.get("missing").and_then(Value::as_array))
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    Ok(SupplementPage {
        l: Layout::new(app, ctx, t.mycase_supplement_title(), Section::Mine).await,
        id: case.id.to_string(),
        item: crate::zh::display(&case.item_name, lang),
        receipt: case.receipt.clone(),
        missing,
        return_note: returned.map(|e| e.note.clone()).unwrap_or_default(),
        inputs: input_views(app, &fields, answers, &errors, t, lang).await?,
        errors,
    })
}

/// `GET /account/cases/{id}/supplement`: the one-time notice and the case's answers to
/// correct. Only while the case is returned.
pub async fn supplement_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let case = own_case(&app, me(&ctx)?, &id).await?;
    if case.state != CaseState::Returned {
        return Ok(super::see_other(&format!("/account/cases/{}", case.id)));
    }
    let answers = app.store.case_answers(case.id).await?;
    html(&supplement_page(&app, &ctx, &case, &answers, FormErrors::default()).await?)
}

fn multipart_error(e: MultipartError) -> Error {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Error::code(ErrorCode::PayloadTooLarge)
    } else {
        Error::code(ErrorCode::InvalidBody)
    }
}

/// `POST /account/cases/{id}/supplement` (multipart; `?_csrf=` in the action): the corrected
/// answers (every top-level field; files kept by ticking their id, new ones uploaded under
/// the field's key) replace the old ones, and the case goes back to where it was returned.
pub async fn supplement(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let account = me(&ctx)?;
    let case = own_case(&app, account, &id).await?;
    let mut multipart = multipart.map_err(|_| Error::code(ErrorCode::UnsupportedMediaType))?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut errors = FormErrors::default();
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        if name == crate::pipeline::CSRF_FIELD {
            continue;
        }
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(multipart_error)?;
                if bytes.is_empty() {
                    continue;
                }
                match uploads::receive(&app, account, "file", &file_name, &bytes).await {
                    Ok(u) => pairs.push((name, u.id.to_string())),
                    Err(Error::Domain(d)) => {
                        let code = d.fields.iter().next().map(|f| f.code);
                        let message = match code {
                            Some(c) => t.field(c).to_owned(),
                            None => t.error(d.code).to_owned(),
                        };
                        errors.items.push((name, message));
                    }
                    Err(e) => return Err(e),
                }
            }
            None => {
                let text = field.text().await.map_err(multipart_error)?;
                pairs.push((name, text));
            }
        }
    }
    let bundle = act::bundle_of(&app, &case).await?;
    let posted = yiwang_domain::forms::pairs::answers_from_pairs(&bundle.form, None, &pairs);
    let mut answers = app.store.case_answers(case.id).await?;
    for (_, field) in bundle.form.fields() {
        if matches!(field.kind, FieldKind::Group { .. }) {
            continue;
        }
        match posted.get(&field.key) {
            Some(v) => {
                answers.insert(field.key.clone(), v.clone());
            }
            None => {
                answers.remove(&field.key);
            }
        }
    }
    if errors.any() {
        let page = supplement_page(&app, &ctx, &case, &answers, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    }
    match act::applicant_act(&app, account, &id, Action::Supplement, Some(&answers)).await {
        Ok(c) => Ok(super::see_other(&format!(
            "/account/cases/{}?done=supplement",
            c.id
        ))),
        Err(Error::Domain(d)) => {
            let mut errors = FormErrors::from_error(&d, t);
            if d.code == ErrorCode::InvalidTransition {
                errors.general = Some(t.mycase_not_allowed().to_owned());
            }
            let status = crate::error::status_of(d.code);
            let page = supplement_page(&app, &ctx, &case, &answers, errors).await?;
            Ok((status, Html(page.render()?)).into_response())
        }
        Err(e) => Err(e),
    }
}
