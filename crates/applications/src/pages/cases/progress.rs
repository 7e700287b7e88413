//! The applicant's progress page (APP-6): timeline, due day, decision and rating, drawn again
//! with the refusal when one of the page's steps fails.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use yiwang_domain::ids::CaseId;
use yiwang_domain::workflow::{CaseState, EventKind, RatingInput, RatingLevel, may_rate};
use yiwang_domain::{ErrorCode, Lang};
use yiwang_store::applications::cases::CaseRow;
use yiwang_store::applications::history::EventActor;

use crate::services as apps;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html};

use super::{clock_text, label_text, me, own_case};
use crate::texts::*;

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
pub(super) struct Forms {
    pub(super) confirm_withdraw: bool,
    pub(super) withdraw_reason: String,
    pub(super) review_reason: String,
    pub(super) rating: RateForm,
    pub(super) error: Option<String>,
    pub(super) errors: FormErrors,
    pub(super) notice: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "cases/progress.html")]
pub(super) struct ProgressPage {
    l: Layout,
    /// The staff member who submitted it for the applicant (帮办代办).
    assisted: Option<String>,
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
    /// The item needs one visit (最多跑一次) and the case is open: the applicant may book it
    /// (SVC-2, `/bookings?case=`).
    book_visit: bool,
    /// The fee billed for the case (SVC-1): what for, how much, whether paid, and the
    /// applicant's bill page.
    fee: Option<FeeLine>,
    rules: Vec<RuleLine>,
    levels: Vec<(&'static str, &'static str)>,
    indicators: Vec<(&'static str, &'static str, String)>,
    f: Forms,
}

/// The fee of a case, as its progress page shows it.
struct FeeLine {
    title: String,
    amount: String,
    paid: bool,
    href: String,
}

/// The case's fee bill, read from the payments' rows (the bill is made by the payments
/// capability when the case is accepted; paid or not comes from the ledger).
async fn fee_line(
    app: &AppState,
    case: yiwang_domain::ids::CaseId,
    lang: Lang,
) -> Result<Option<FeeLine>, Error> {
    let Some(id) = app.store.bill_of_case(case).await? else {
        return Ok(None);
    };
    let Some(bill) = app.store.bill(id).await? else {
        return Ok(None);
    };
    let (paid_in, _) = app.store.paid_and_refunded(id).await?;
    Ok(Some(FeeLine {
        title: yiwang_kit::zh::display(&bill.title, lang),
        amount: bill.amount.to_string(),
        paid: paid_in.get() > 0,
        href: format!("/account/payments/{id}"),
    }))
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
                department: yiwang_kit::zh::department(&e.department_name, lang),
                note: match e.kind {
                    // The rating's note is the level as written; show it in the reader's words.
                    EventKind::Rated => RatingLevel::parse(&text("level"))
                        .map(|l| t.rating_level(l).to_owned())
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

pub(super) async fn progress_page(
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
        .map(|c| {
            (
                c.id.to_string(),
                yiwang_kit::zh::display(&c.type_name, lang),
            )
        })
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
    let book_visit = case.state.is_open()
        && app.store.item(case.item_id).await?.guide.visits
            == Some(yiwang_domain::catalog::guide::Visits::One);
    let fee = fee_line(app, case.id, lang).await?;
    let r = &f.rating;
    let assisted = case.assisted_by.map(|_| {
        let submitted = events.iter().find(|e| e.kind == EventKind::Submitted);
        match submitted.map(|e| (&e.actor, &e.department_name)) {
            Some((EventActor::Staff(_, name), _)) if !name.is_empty() => name.clone(),
            _ => t.mycase_actor_staff().to_owned(),
        }
    });
    Ok(ProgressPage {
        assisted,
        l: Layout::new(app, ctx, t.mycase_progress_title(), Section::Mine).await,
        id: case.id.to_string(),
        item: yiwang_kit::zh::display(&case.item_name, lang),
        code: apps::verification_code(app, &case.receipt),
        receipt: case.receipt.clone(),
        book_visit,
        fee,
        state: t.mycase_state_name(case.state),
        returned: case.state == CaseState::Returned,
        clock_label,
        clock,
        limit: case.limit_days,
        department: yiwang_kit::zh::department(&case.department_name, lang),
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
            level: t.rating_level(r.level),
            comment: r.comment,
        }),
        certs,
        rules,
        levels: RatingLevel::ALL
            .iter()
            .map(|l| (l.as_str(), t.rating_level(*l)))
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
    Path(id): Path<CaseId>,
    Query(q): Query<ProgressQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let case = own_case(&app, me(&ctx)?, id).await?;
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
pub(super) async fn refused(
    app: &AppState,
    ctx: &Ctx,
    id: CaseId,
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

/// The rating form (APP-7): `level` (1–5), `comment`, and the optional 1–5 indicators
/// `efficiency`, `guide_accuracy`, `convenience`, `usability`. Who rates is the session.
#[derive(Deserialize, Default, Clone)]
pub struct RateForm {
    #[serde(default)]
    pub(super) level: String,
    #[serde(default)]
    pub(super) comment: String,
    #[serde(default)]
    pub(super) efficiency: String,
    #[serde(default)]
    pub(super) guide_accuracy: String,
    #[serde(default)]
    pub(super) convenience: String,
    #[serde(default)]
    pub(super) usability: String,
}

impl RateForm {
    pub(super) fn input(&self) -> Result<RatingInput, Error> {
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
