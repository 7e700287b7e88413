//! Supplementing a returned case: every question of the form on one page over the case's
//! stored answers (not the draft-based section pages, since a case's answers replace wholesale
//! and go back to review), drawn and read back exactly as the section pages do — addresses
//! from the region list, group entries, files kept, removed or added.

use std::collections::HashMap;

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;
use serde_json::Value;
use yiwang_domain::ErrorCode;
use yiwang_domain::forms::{Answers, Field};
use yiwang_domain::ids::CaseId;
use yiwang_domain::workflow::{Action, CaseState, EventKind};
use yiwang_store::applications::cases::CaseRow;

use crate::pages::apply::{self, Builder, FieldView};
use crate::services::act;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Path;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html};

use super::{me, own_case};
use crate::texts::*;

#[derive(Template)]
#[template(path = "cases/supplement.html")]
struct SupplementPage {
    l: Layout,
    id: String,
    item: String,
    receipt: String,
    missing: Vec<String>,
    return_note: String,
    fields: Vec<FieldView>,
    /// For the browser's copy of what is typed (`apply.js`): the case's revision and last
    /// change, and the server's clock.
    revision: i64,
    updated_at: i64,
    now: i64,
    script: String,
    errors: FormErrors,
    /// The error summary: (element id, sentence naming the question), as on the section
    /// pages, so an error inside a group entry links to its field.
    summary: Vec<(String, String)>,
}

async fn supplement_page(
    app: &AppState,
    ctx: &Ctx,
    case: &CaseRow,
    answers: &Answers,
    errors: FormErrors,
    blanks: &HashMap<String, usize>,
) -> Result<SupplementPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let bundle = act::bundle_of(app, case).await?;
    let fields: Vec<Field> = bundle.form.fields().map(|(_, f)| f.clone()).collect();
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
    // The questions as the applicant first saw them: the same views as the section pages.
    let names = apply::file_names(
        app,
        case.account_id,
        &yiwang_domain::forms::file_ids(&fields, answers),
    )
    .await?;
    let regions = apply::region_choices(app, &fields, lang).await?;
    let builder = Builder {
        t,
        lang,
        errors: &errors,
        // Answers filled in from the account or a certificate stay as they were submitted.
        origins: fields
            .iter()
            .filter(|f| f.prefill.is_some() && answers.contains_key(&f.key))
            .map(|f| (f.key.as_str(), t.mycase_prefilled_kept().to_owned()))
            .collect(),
        files: &names,
        regions: &regions,
        blanks,
    };
    let views = fields
        .iter()
        .enumerate()
        .map(|(j, f)| {
            let shown = apply::is_shown(&fields, j, answers, None);
            builder.field(f, answers.get(&f.key), shown, answers, None)
        })
        .collect();
    Ok(SupplementPage {
        l: Layout::new(app, ctx, t.mycase_supplement_title(), Section::Mine).await,
        id: case.id.to_string(),
        item: yiwang_kit::zh::display(&case.item_name, lang),
        receipt: case.receipt.clone(),
        missing,
        return_note: returned.map(|e| e.note.clone()).unwrap_or_default(),
        fields: views,
        summary: errors
            .items
            .iter()
            .map(|(path, m)| (apply::dom_id(path), m.clone()))
            .collect(),
        errors,
        revision: case.revision,
        updated_at: case.updated_at.millis(),
        now: yiwang_domain::Timestamp::now().millis(),
        script: app.assets.url("apply.js").to_owned(),
    })
}

/// `GET /account/cases/{id}/supplement`: the one-time notice and the case's answers to
/// correct. Only while the case is returned.
pub async fn supplement_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CaseId>,
) -> Result<Response, Error> {
    let case = own_case(&app, me(&ctx)?, id).await?;
    if case.state != CaseState::Returned {
        return Ok(yiwang_kit::respond::see_other(&format!(
            "/account/cases/{}",
            case.id
        )));
    }
    let answers = app.store.case_answers(case.id).await?;
    let none = HashMap::new();
    html(&supplement_page(&app, &ctx, &case, &answers, FormErrors::default(), &none).await?)
}

/// `POST /account/cases/{id}/supplement` (multipart; the anti-forgery token is its first field): the corrected
/// answers (every top-level field; files kept by ticking their id, new ones uploaded under
/// the field's key) replace the old ones, and the case goes back to where it was returned.
pub async fn supplement(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CaseId>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let account = me(&ctx)?;
    let case = own_case(&app, account, id).await?;
    let multipart = multipart.map_err(|_| Error::code(ErrorCode::UnsupportedMediaType))?;
    let bundle = act::bundle_of(&app, &case).await?;
    let fields: Vec<Field> = bundle.form.fields().map(|(_, f)| f.clone()).collect();
    let posted = apply::read_post(&app, account, None, &fields, multipart).await?;
    let mut answers = app.store.case_answers(case.id).await?;
    let given = yiwang_domain::forms::pairs::answers_from_pairs(&bundle.form, None, &posted.pairs);
    for f in &fields {
        match given.get(&f.key) {
            Some(v) => answers.insert(f.key.clone(), v.clone()),
            None => answers.remove(&f.key),
        };
    }
    // "Add another" entry of a group: the page again, with what was typed and one more blank.
    if let Some((group, n)) = apply::add_entry(&fields, &posted, &answers) {
        let blanks = HashMap::from([(group.to_owned(), n)]);
        let page = supplement_page(&app, &ctx, &case, &answers, FormErrors::default(), &blanks);
        return html(&page.await?);
    }
    let lang = ctx.prefs.lang;
    if !posted.upload_errors.is_empty() {
        // Each error names its question and links to it, as on the section pages.
        let errors = apply::errors::named(&fields, &answers, &posted.upload_errors, t, lang);
        let page = supplement_page(&app, &ctx, &case, &answers, errors, &HashMap::new()).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response());
    }
    match act::applicant_act(&app, account, id, Action::Supplement, Some(&answers)).await {
        Ok(c) => Ok(yiwang_kit::respond::see_other(&format!(
            "/account/cases/{}?done=supplement",
            c.id
        ))),
        Err(Error::Domain(d)) => {
            let mut errors = apply::errors::named(&fields, &answers, &d.fields, t, lang);
            if d.fields.is_empty() {
                errors.general = Some(t.error(d.code).to_owned());
            }
            if d.code == ErrorCode::InvalidTransition {
                errors.general = Some(t.mycase_not_allowed().to_owned());
            }
            let status = yiwang_kit::error::status_of(d.code);
            let page =
                supplement_page(&app, &ctx, &case, &answers, errors, &HashMap::new()).await?;
            Ok((status, Html(page.render()?)).into_response())
        }
        Err(e) => Err(e),
    }
}
