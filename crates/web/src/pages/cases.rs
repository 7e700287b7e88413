//! The applicant's cases (APP-3, APP-6, APP-7): the list, the progress page with its timeline and due day, withdrawing, supplementing after a return, asking for a person to review an automatic decision, rating, and following a case by receipt number and verification code without logging in.

use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use yiwang_domain::forms::{Answers, Field, FieldKind, Label};
use yiwang_domain::ids::{AccountId, CaseId};
use yiwang_domain::paging::Page;
use yiwang_domain::workflow::{
    Action, CaseState, EventKind, PauseKind, RatingInput, RatingLevel, may_rate,
};
use yiwang_domain::{ErrorCode, Lang};
use yiwang_store::applications::cases::CaseRow;
use yiwang_store::applications::history::EventActor;

use crate::error::Error;
use crate::extract::{Form, Path, Query};
use crate::i18n::Tr;
use crate::pipeline::Ctx;
use crate::services::applications::{self as apps, act, ratings, uploads};
use crate::state::AppState;
use crate::views::layout::Section;
use crate::views::{FormErrors, Layout, Pager, html};

fn me(ctx: &Ctx) -> Result<AccountId, Error> {
    ctx.principal
        .account()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))
}

/// The applicant's own case; anyone else's (or an unknown id) is "not found".
async fn own_case(app: &AppState, account: AccountId, id: &str) -> Result<CaseRow, Error> {
    let id: CaseId = id.parse().map_err(|_| Error::not_found())?;
    app.store
        .case(id)
        .await?
        .filter(|c| c.account_id == account)
        .ok_or_else(Error::not_found)
}

/// A staff-written label in the reader's language.
pub(crate) fn label_text(label: &Label, lang: Lang) -> String {
    match (lang, &label.en) {
        (Lang::En, Some(en)) if !en.trim().is_empty() => en.clone(),
        _ => crate::zh::display(&label.zh, lang),
    }
}

/// Where the clock stands, in plain words: (label, value).
fn clock_text(c: &CaseRow, t: Tr) -> (&'static str, String) {
    if c.state.is_final() || c.state == CaseState::Approved {
        let day = c.decided_at.unwrap_or(c.updated_at).beijing_date();
        return (t.mycase_decided_on(), day.to_string());
    }
    match (c.paused, c.due_on) {
        (Some(PauseKind::Correction), _) => (t.mycase_due(), t.mycase_paused().to_owned()),
        (Some(_), _) => (t.mycase_due(), t.mycase_paused_other().to_owned()),
        (None, Some(d)) => (t.mycase_due(), d.to_string()),
        (None, None) if c.accepted_on.is_none() && c.limit_days.is_some() => {
            (t.mycase_due(), t.mycase_not_started().to_owned())
        }
        (None, None) => (t.mycase_due(), t.mycase_no_limit().to_owned()),
    }
}

// ---------------------------------------------------------------------------------------
// The list

/// The query parameters of the list.
#[derive(Deserialize, Default)]
pub struct PageQuery {
    page: Option<i64>,
}

/// One case in the list.
pub struct CaseLine {
    id: String,
    item: String,
    receipt: String,
    state: &'static str,
    returned: bool,
    clock_label: &'static str,
    clock: String,
    submitted: String,
}

#[derive(Template)]
#[template(path = "cases/list.html")]
struct ListPage {
    l: Layout,
    cases: Vec<CaseLine>,
    pager: Pager,
}

/// `GET /account/cases`: the applicant's cases, newest first.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let page = Page::new(q.page, None, 20)?;
    let (rows, total) = app.store.cases_of(me(&ctx)?, page).await?;
    let lang = ctx.prefs.lang;
    let cases = rows
        .iter()
        .map(|c| {
            let (clock_label, clock) = clock_text(c, t);
            CaseLine {
                id: c.id.to_string(),
                item: crate::zh::display(&c.item_name, lang),
                receipt: c.receipt.clone(),
                state: t.mycase_state_name(c.state),
                returned: c.state == CaseState::Returned,
                clock_label,
                clock,
                submitted: c.submitted_at.display_minutes(),
            }
        })
        .collect();
    let l = Layout::new(&app, &ctx, t.cases_title(), Section::Mine).await;
    html(&ListPage {
        l,
        cases,
        pager: Pager::new("/account/cases", page, total),
    })
}

// ---------------------------------------------------------------------------------------
// The progress page

/// One entry of the timeline.
pub struct EventLine {
    when: String,
    what: &'static str,
    who: String,
    department: String,
    note: String,
    missing: Vec<String>,
    legal_basis: String,
    tracking: String,
}

/// One rule of an instant-approval trace.
pub struct RuleLine {
    label: String,
    outcome: &'static str,
    passed: bool,
}

/// The applicant's rating as shown.
pub struct RatingView {
    level: &'static str,
    comment: String,
}

/// What the page's forms had typed in, and what went wrong.
#[derive(Default)]
struct Forms {
    confirm_withdraw: bool,
    withdraw_reason: String,
    review_reason: String,
    rating: RateForm,
    error: Option<String>,
    errors: FormErrors,
    notice: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "cases/progress.html")]
struct ProgressPage {
    l: Layout,
    id: String,
    item: String,
    receipt: String,
    code: String,
    state: &'static str,
    returned: bool,
    clock_label: &'static str,
    clock: String,
    limit: Option<u32>,
    department: String,
    missing: Vec<String>,
    return_note: String,
    denial: Option<(String, String)>,
    delivery: Option<&'static str>,
    tracking: String,
    events: Vec<EventLine>,
    may_withdraw: bool,
    may_review: bool,
    may_rate: bool,
    rating: Option<RatingView>,
    certs: Vec<(String, String)>,
    rules: Vec<RuleLine>,
    levels: Vec<(&'static str, &'static str)>,
    indicators: Vec<(&'static str, &'static str, String)>,
    f: Forms,
}

fn event_lines(
    events: &[yiwang_store::applications::history::CaseEvent],
    t: Tr,
    lang: Lang,
) -> Vec<EventLine> {
    events
        .iter()
        .map(|e| {
            let text = |k: &str| {
                e.detail
                    .get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            EventLine {
                when: e.at.display_minutes(),
                what: t.mycase_event_name(e.kind),
                who: match &e.actor {
                    EventActor::Applicant => t.mycase_actor_you().to_owned(),
                    EventActor::Staff(_, name) if !name.is_empty() => name.clone(),
                    EventActor::Staff(..) => t.mycase_actor_staff().to_owned(),
                    EventActor::System => t.mycase_actor_system().to_owned(),
                },
                department: crate::zh::display(&e.department_name, lang),
                note: match e.kind {
                    // The rating's note is the level as written; show it in the reader's words.
                    EventKind::Rated => RatingLevel::parse(&text("level"))
                        .map(|l| t.mycase_level_name(l).to_owned())
                        .unwrap_or_else(|| e.note.clone()),
                    _ => e.note.clone(),
                },
                missing: e
                    .detail
                    .get("missing")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                legal_basis: text("legal_basis"),
                tracking: text("tracking"),
            }
        })
        .collect()
}

async fn progress_page(
    app: &AppState,
    ctx: &Ctx,
    case: CaseRow,
    f: Forms,
) -> Result<ProgressPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let events = app.store.case_events(case.id).await?;
    let last = |k: EventKind| events.iter().rev().find(|e| e.kind == k);
    let (missing, return_note) = match (case.state, last(EventKind::Returned)) {
        (CaseState::Returned, Some(e)) => (
            e.detail
                .get("missing")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            e.note.clone(),
        ),
        _ => (Vec::new(), String::new()),
    };
    let denial = match (case.state, last(EventKind::Denied)) {
        (CaseState::Denied, Some(e)) => Some((
            e.note.clone(),
            e.detail
                .get("legal_basis")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        )),
        _ => None,
    };
    let rating = app.store.rating_of_case(case.id).await?;
    let certs = app
        .store
        .certificates_of_case(case.id)
        .await?
        .into_iter()
        .map(|c| (c.id.to_string(), crate::zh::display(&c.type_name, lang)))
        .collect();
    let rules = case
        .rule_trace
        .as_deref()
        .and_then(|j| serde_json::from_str::<yiwang_domain::rules::Trace>(j).ok())
        .map(|tr| {
            tr.results
                .iter()
                .map(|r| RuleLine {
                    label: label_text(&r.label, lang),
                    outcome: t.mycase_rule_outcome(r.outcome),
                    passed: r.outcome == yiwang_domain::rules::Outcome::Pass,
                })
                .collect()
        })
        .unwrap_or_default();
    let (clock_label, clock) = clock_text(&case, t);
    let r = &f.rating;
    Ok(ProgressPage {
        l: Layout::new(app, ctx, t.mycase_progress_title(), Section::Mine).await,
        id: case.id.to_string(),
        item: crate::zh::display(&case.item_name, lang),
        code: apps::verification_code(app, &case.receipt),
        receipt: case.receipt.clone(),
        state: t.mycase_state_name(case.state),
        returned: case.state == CaseState::Returned,
        clock_label,
        clock,
        limit: case.limit_days,
        department: crate::zh::display(&case.department_name, lang),
        missing,
        return_note,
        denial,
        delivery: case.delivery.map(|d| t.mycase_delivery_name(d)),
        tracking: case.tracking.clone().unwrap_or_default(),
        events: event_lines(&events, t, lang),
        may_withdraw: matches!(
            case.state,
            CaseState::Submitted | CaseState::Returned | CaseState::UnderReview
        ),
        may_review: case.auto_decided && case.state != CaseState::Withdrawn,
        may_rate: may_rate(case.state) && rating.is_none(),
        rating: rating.map(|r| RatingView {
            level: t.mycase_level_name(r.level),
            comment: r.comment,
        }),
        certs,
        rules,
        levels: RatingLevel::ALL
            .iter()
            .map(|l| (l.as_str(), t.mycase_level_name(*l)))
            .collect(),
        indicators: vec![
            (
                "efficiency",
                t.mycase_ind_efficiency(),
                r.efficiency.clone(),
            ),
            (
                "guide_accuracy",
                t.mycase_ind_guide(),
                r.guide_accuracy.clone(),
            ),
            (
                "convenience",
                t.mycase_ind_convenience(),
                r.convenience.clone(),
            ),
            ("usability", t.mycase_ind_usability(), r.usability.clone()),
        ],
        f,
    })
}

/// The query parameters of the progress page (which step just succeeded).
#[derive(Deserialize, Default)]
pub struct ProgressQuery {
    done: Option<String>,
}

/// `GET /account/cases/{id}` (APP-6): the applicant's own case with its full history.
pub async fn progress(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<ProgressQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let case = own_case(&app, me(&ctx)?, &id).await?;
    let notice = match q.done.as_deref() {
        Some("withdrawn") => Some(t.mycase_done_withdrawn()),
        Some("review") => Some(t.mycase_done_review()),
        Some("supplement") => Some(t.mycase_done_supplement()),
        Some("rated") => Some(t.mycase_done_rated()),
        _ => None,
    };
    html(
        &progress_page(
            &app,
            &ctx,
            case,
            Forms {
                notice,
                ..Forms::default()
            },
        )
        .await?,
    )
}

/// Renders the progress page again after a refused step, with the status of the refusal.
async fn refused(
    app: &AppState,
    ctx: &Ctx,
    id: &str,
    e: Error,
    mut f: Forms,
) -> Result<Response, Error> {
    let Error::Domain(d) = &e else { return Err(e) };
    let t = ctx.t();
    match d.code {
        ErrorCode::NotFound | ErrorCode::Unauthenticated | ErrorCode::Forbidden => return Err(e),
        ErrorCode::ValidationFailed => f.errors = FormErrors::from_error(d, t),
        ErrorCode::InvalidTransition => f.error = Some(t.mycase_not_allowed().to_owned()),
        code => f.error = Some(t.error(code).to_owned()),
    }
    let status = e.status();
    let case = own_case(app, me(ctx)?, id).await?;
    let page = progress_page(app, ctx, case, f).await?;
    Ok((status, Html(page.render()?)).into_response())
}

/// The withdrawal form: an optional reason, and `confirm=yes` once the applicant confirmed.
#[derive(Deserialize, Default)]
pub struct WithdrawForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /account/cases/{id}/withdraw`: without `confirm=yes` shows the confirmation step on
/// the progress page; with it withdraws and goes back to the progress page.
pub async fn withdraw(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<WithdrawForm>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    if f.confirm != "yes" {
        let case = own_case(&app, account, &id).await?;
        let forms = Forms {
            confirm_withdraw: true,
            withdraw_reason: f.reason,
            ..Forms::default()
        };
        return html(&progress_page(&app, &ctx, case, forms).await?);
    }
    let action = Action::Withdraw {
        reason: f.reason.clone(),
    };
    match act::applicant_act(&app, account, &id, action, None).await {
        Ok(c) => Ok(super::see_other(&format!(
            "/account/cases/{}?done=withdrawn",
            c.id
        ))),
        Err(e) => {
            let forms = Forms {
                withdraw_reason: f.reason,
                ..Forms::default()
            };
            refused(&app, &ctx, &id, e, forms).await
        }
    }
}

/// The human-review request form.
#[derive(Deserialize, Default)]
pub struct ReviewForm {
    #[serde(default)]
    reason: String,
}

/// `POST /account/cases/{id}/review` (APP-5 fallback): asks for a person to review an
/// automatic decision.
pub async fn request_review(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let action = Action::RequestHumanReview {
        reason: f.reason.clone(),
    };
    match act::applicant_act(&app, account, &id, action, None).await {
        Ok(c) => Ok(super::see_other(&format!(
            "/account/cases/{}?done=review",
            c.id
        ))),
        Err(e) => {
            let forms = Forms {
                review_reason: f.reason,
                ..Forms::default()
            };
            refused(&app, &ctx, &id, e, forms).await
        }
    }
}

/// The rating form (APP-7): `level` (1–5), `comment`, and the optional 1–5 indicators
/// `efficiency`, `guide_accuracy`, `convenience`, `usability`. Who rates is the session.
#[derive(Deserialize, Default, Clone)]
pub struct RateForm {
    #[serde(default)]
    level: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    efficiency: String,
    #[serde(default)]
    guide_accuracy: String,
    #[serde(default)]
    convenience: String,
    #[serde(default)]
    usability: String,
}

impl RateForm {
    fn input(&self) -> Result<RatingInput, Error> {
        let mut e = yiwang_domain::FieldErrors::new();
        let level = RatingLevel::parse(self.level.trim());
        if level.is_none() {
            e.add("level", yiwang_domain::FieldCode::InvalidChoice);
        }
        let mut score = |field: &'static str, s: &str| -> Option<u8> {
            let s = s.trim();
            if s.is_empty() {
                return None;
            }
            match s.parse::<u8>() {
                Ok(n) => Some(n),
                Err(_) => {
                    e.add(field, yiwang_domain::FieldCode::OutOfRange);
                    None
                }
            }
        };
        let efficiency = score("efficiency", &self.efficiency);
        let guide_accuracy = score("guide_accuracy", &self.guide_accuracy);
        let convenience = score("convenience", &self.convenience);
        let usability = score("usability", &self.usability);
        let comment = self.comment.clone();
        Ok(e.finish(|| {
            Some(RatingInput {
                level: level?,
                comment,
                efficiency,
                guide_accuracy,
                convenience,
                usability,
            })
        })?)
    }
}

/// `POST /account/cases/{id}/rating` (APP-7 好差评): once per closed case.
pub async fn rate(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<RateForm>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let result = match f.input() {
        Ok(input) => ratings::rate(&app, account, &id, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(super::see_other(&format!("/account/cases/{id}?done=rated"))),
        Err(Error::Domain(d)) if d.code == ErrorCode::Conflict => {
            let case = own_case(&app, account, &id).await?;
            let forms = Forms {
                error: Some(ctx.t().mycase_rated_already().to_owned()),
                ..Forms::default()
            };
            let page = progress_page(&app, &ctx, case, forms).await?;
            Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response())
        }
        Err(e) => {
            let forms = Forms {
                rating: f,
                ..Forms::default()
            };
            refused(&app, &ctx, &id, e, forms).await
        }
    }
}

// ---------------------------------------------------------------------------------------
// Supplementing a returned case

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
    lang: Lang,
) -> Result<Vec<InputView>, Error> {
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
            FieldKind::Address { .. } => {
                v.kind = "address";
                v.region = value_text(current.and_then(|c| c.get("region")));
                v.detail = value_text(current.and_then(|c| c.get("detail")));
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
        inputs: input_views(app, &fields, answers, &errors, lang).await?,
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

// ---------------------------------------------------------------------------------------
// Tracking without logging in

#[derive(Template)]
#[template(path = "cases/track_form.html")]
struct TrackFormPage {
    l: Layout,
    receipt: String,
    code: String,
    errors: FormErrors,
}

/// One entry of the public timeline: what and when, nothing else.
pub struct TrackLine {
    day: String,
    what: &'static str,
    department: String,
}

#[derive(Template)]
#[template(path = "cases/tracked.html")]
struct TrackedPage {
    l: Layout,
    item: String,
    receipt: String,
    state: &'static str,
    clock_label: &'static str,
    clock: String,
    department: String,
    events: Vec<TrackLine>,
}

/// `GET /track`: the form asking for a receipt number and its verification code.
pub async fn track_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let l = Layout::new(&app, &ctx, ctx.t().mycase_track_title(), Section::Other).await;
    html(&TrackFormPage {
        l,
        receipt: String::new(),
        code: String::new(),
        errors: FormErrors::default(),
    })
}

/// The tracking form.
#[derive(Deserialize, Default)]
pub struct TrackForm {
    #[serde(default)]
    receipt: String,
    #[serde(default)]
    code: String,
}

/// `POST /track`: the case's progress without personal data (no names, notes or answers),
/// attempts limited per client address.
pub async fn track(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TrackForm>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let found = match apps::throttle_track(&app, &ctx).await {
        Ok(()) => apps::track(&app, &f.receipt, &f.code).await,
        Err(e) => Err(e),
    };
    let case = match found {
        Ok(c) => c,
        Err(Error::Domain(d)) => {
            let mut errors = FormErrors::from_error(&d, t);
            if d.code == ErrorCode::NotFound {
                errors.general = Some(t.mycase_track_not_found().to_owned());
            }
            let l = Layout::new(&app, &ctx, t.mycase_track_title(), Section::Other).await;
            let page = TrackFormPage {
                l,
                receipt: f.receipt,
                code: f.code,
                errors,
            };
            return Ok((crate::error::status_of(d.code), Html(page.render()?)).into_response());
        }
        Err(e) => return Err(e),
    };
    let lang = ctx.prefs.lang;
    let events = app.store.case_events(case.id).await?;
    let (clock_label, clock) = clock_text(&case, t);
    let l = Layout::new(&app, &ctx, t.mycase_track_title(), Section::Other).await;
    html(&TrackedPage {
        l,
        item: crate::zh::display(&case.item_name, lang),
        receipt: case.receipt.clone(),
        state: t.mycase_state_name(case.state),
        clock_label,
        clock,
        department: crate::zh::display(&case.department_name, lang),
        events: events
            .iter()
            .filter(|e| e.kind != EventKind::Rated)
            .map(|e| TrackLine {
                day: e.at.beijing_date().to_string(),
                what: t.mycase_event_name(e.kind),
                department: crate::zh::display(&e.department_name, lang),
            })
            .collect(),
    })
}
