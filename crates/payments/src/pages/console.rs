//! The finance officer's console: recent bills and payments to look at, making a bill, a
//! bill's attempts, ledger postings and refunds, and the daily reconciliation with its CSV.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use yiwang_domain::Timestamp;
use yiwang_domain::ids::{BillId, PaymentId};
use yiwang_domain::payments::{AttemptState, Fen};
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

use super::BillView;
use crate::services::bills::{self, BillInput, ItemInput};
use crate::services::reconcile::{self, LineView};
use crate::services::refunds;
use crate::texts::*;

/// A line of the recent-bills list.
pub struct Recent {
    id: String,
    code: String,
    title: String,
    unit: String,
    amount: String,
    state: &'static str,
}

#[derive(Template)]
#[template(path = "console/payments/home.html")]
struct HomePage {
    l: Layout,
    nav: Vec<NavLink>,
    units: Vec<(String, String)>,
    recent: Vec<Recent>,
    flagged: Vec<(String, String, &'static str)>,
    f: NewBillForm,
    errors: FormErrors,
}

/// The new-bill form (one line; the API takes several).
#[derive(Debug, Default, Deserialize)]
pub struct NewBillForm {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    payer_name: String,
    #[serde(default)]
    payer_phone: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    due_on: String,
    #[serde(default)]
    late_fee_bp: String,
}

async fn home_page(
    app: &AppState,
    ctx: &Ctx,
    f: NewBillForm,
    errors: FormErrors,
) -> Result<HomePage, Error> {
    let t = ctx.t();
    let mut units = Vec::new();
    for u in app.store.pay_units().await? {
        if bills::may_manage(ctx, &u)? {
            units.push((u.code.clone(), format!("{} {}", u.code, u.name)));
        }
    }
    let mut recent = Vec::new();
    for b in app.store.recent_bills(None, 50).await? {
        if !units.iter().any(|(c, _)| *c == b.unit) {
            continue;
        }
        let s = bills::standing(app, b).await?;
        let v = BillView::new(&s, t);
        recent.push(Recent {
            id: v.id,
            code: v.code,
            title: v.title,
            unit: v.unit,
            amount: v.amount,
            state: v.state,
        });
    }
    let flagged = app
        .store
        .flagged_attempts(50)
        .await?
        .into_iter()
        .map(|a| {
            let why = if a.flag.as_deref() == Some("duplicate") {
                t.pay_flag_duplicate()
            } else {
                t.pay_flag_amount()
            };
            (a.bill_id.to_string(), a.amount.to_string(), why)
        })
        .collect();
    Ok(HomePage {
        l: Layout::new(app, ctx, t.pay_console(), Section::Console).await,
        nav: nav(app, ctx, "/console/payments"),
        units,
        recent,
        flagged,
        f,
        errors,
    })
}

/// `GET /console/payments`.
pub async fn home(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(&home_page(&app, &ctx, NewBillForm::default(), FormErrors::default()).await?)
}

/// `POST /console/payments/bills`: makes a one-line bill.
pub async fn create_bill(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<NewBillForm>,
) -> Result<Response, Error> {
    let amount = match Fen::parse_yuan(&f.amount) {
        Ok(a) => serde_json::Number::from(a.get()),
        Err(c) => {
            let e = yiwang_domain::Error::field("amount", c);
            return html_invalid(
                &home_page(&app, &ctx, f, FormErrors::from_error(&e, ctx.t())).await?,
            );
        }
    };
    let input =
        BillInput {
            unit: f.unit.clone(),
            external_ref: None,
            payer_name: f.payer_name.clone(),
            payer_phone: Some(f.payer_phone.clone()),
            title: f.title.clone(),
            items: vec![ItemInput {
                name: f.title.clone(),
                amount_fen: amount,
            }],
            due_on: f.due_on.clone(),
            late_fee_bp: f.late_fee_bp.trim().parse().unwrap_or(
                if f.late_fee_bp.trim().is_empty() {
                    0
                } else {
                    1000
                },
            ),
        };
    match bills::create(&app, &ctx, &input).await {
        Ok((row, _)) => Ok(see_other(&format!("/console/payments/bills/{}", row.id))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&home_page(&app, &ctx, f, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// An attempt on the bill page.
pub struct AttemptLine {
    id: String,
    state: &'static str,
    amount: String,
    trade_no: String,
    at: String,
    refundable: bool,
}

#[derive(Template)]
#[template(path = "console/payments/bill.html")]
struct BillPage {
    l: Layout,
    nav: Vec<NavLink>,
    b: BillView,
    payer: String,
    attempts: Vec<AttemptLine>,
    postings: Vec<(String, String, String, String)>,
    refunds: Vec<(String, String, String)>,
    errors: FormErrors,
}

async fn bill_page(
    app: &AppState,
    ctx: &Ctx,
    id: BillId,
    errors: FormErrors,
) -> Result<BillPage, Error> {
    let bill = bills::visible(app, ctx, id).await?;
    let payer = crate::services::receipts::masked(&bill.payer_name);
    let s = bills::standing(app, bill).await?;
    let t = ctx.t();
    let attempts = app
        .store
        .attempts_of_bill(id)
        .await?
        .into_iter()
        .map(|a| AttemptLine {
            id: a.id.to_string(),
            state: match a.state {
                AttemptState::Succeeded => t.pay_paid(),
                AttemptState::Closed => t.pay_closed(),
                AttemptState::Pending => t.pay_pending(),
            },
            amount: a.amount.to_string(),
            trade_no: a.trade_no.unwrap_or_default(),
            at: a.created_at.display_minutes(),
            refundable: a.state == AttemptState::Succeeded,
        })
        .collect();
    let postings = app
        .store
        .postings(id)
        .await?
        .into_iter()
        .map(|p| {
            (
                p.created_at.display_minutes(),
                p.kind.as_str().to_owned(),
                p.amount.to_string(),
                p.trade_no.unwrap_or_default(),
            )
        })
        .collect();
    let refunds = app
        .store
        .refunds_of_bill(id)
        .await?
        .into_iter()
        .map(|r| (r.amount.to_string(), r.state.as_str().to_owned(), r.reason))
        .collect();
    Ok(BillPage {
        l: Layout::new(app, ctx, t.pay_bill(), Section::Console).await,
        nav: nav(app, ctx, "/console/payments"),
        b: BillView::new(&s, t),
        payer,
        attempts,
        postings,
        refunds,
        errors,
    })
}

/// `GET /console/payments/bills/{id}`.
pub async fn bill(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<BillId>,
) -> Result<Response, Error> {
    html(&bill_page(&app, &ctx, id, FormErrors::default()).await?)
}

/// `POST /console/payments/bills/{id}/cancel`.
pub async fn cancel_bill(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<BillId>,
) -> Result<Response, Error> {
    bills::cancel(&app, &ctx, id).await?;
    Ok(see_other(&format!("/console/payments/bills/{id}")))
}

/// The refund form.
#[derive(Debug, Default, Deserialize)]
pub struct RefundForm {
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
}

/// `POST /console/payments/attempts/{id}/refund`.
pub async fn refund(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<PaymentId>,
    Form(f): Form<RefundForm>,
) -> Result<Response, Error> {
    let a = app.store.attempt(id).await?.ok_or_else(Error::not_found)?;
    match refunds::request(&app, &ctx, id, &f.amount, &f.reason).await {
        Ok(_) => Ok(see_other(&format!("/console/payments/bills/{}", a.bill_id))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&bill_page(&app, &ctx, a.bill_id, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// A day in the address or a form.
#[derive(Debug, Default, Deserialize)]
pub struct DayForm {
    #[serde(default)]
    day: Option<String>,
}

/// A line of the reconciliation: the line, its kind and outcome in words, and two texts.
type ReconcileLine = (LineView, &'static str, &'static str, String, String);

#[derive(Template)]
#[template(path = "console/payments/reconcile.html")]
struct ReconcilePage {
    l: Layout,
    nav: Vec<NavLink>,
    day: String,
    lines: Option<Vec<ReconcileLine>>,
    balanced: bool,
    resolved: usize,
}

fn kind_name(t: yiwang_kit::i18n::Tr, k: &str) -> &'static str {
    match k {
        "refund" => t.pay_refund(),
        _ => t.pay_kind_pay(),
    }
}

fn finding_name(t: yiwang_kit::i18n::Tr, f: &str) -> &'static str {
    match f {
        "matched" => t.pay_matched(),
        "only_provider" => t.pay_only_provider(),
        "only_ours" => t.pay_only_ours(),
        _ => t.pay_amount_differs(),
    }
}

async fn reconcile_view(
    app: &AppState,
    ctx: &Ctx,
    day: time::Date,
    lines: Option<Vec<LineView>>,
    resolved: usize,
) -> Result<Response, Error> {
    let t = ctx.t();
    let lines = match lines {
        Some(l) => Some(l),
        None => reconcile::kept(app, ctx, day).await?.map(|(l, _)| l),
    };
    let y = |v: Option<i64>| v.map(|f| Fen(f).to_string()).unwrap_or_else(|| "—".into());
    let balanced = lines
        .as_ref()
        .is_some_and(|l| l.iter().all(|x| x.finding == "matched"));
    let lines = lines.map(|ls| {
        ls.into_iter()
            .map(|l| {
                let name = finding_name(t, &l.finding);
                let kind = kind_name(t, &l.kind);
                let (o, th) = (y(l.ours), y(l.theirs));
                (l, kind, name, o, th)
            })
            .collect()
    });
    html(&ReconcilePage {
        l: Layout::new(app, ctx, t.pay_reconcile(), Section::Console).await,
        nav: nav(app, ctx, "/console/payments"),
        day: day.to_string(),
        lines,
        balanced,
        resolved,
    })
}

fn day_or_yesterday(d: Option<&str>) -> Result<time::Date, Error> {
    match d.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => reconcile::day(d),
        None => Ok(Timestamp::now().beijing_date() - time::Duration::days(1)),
    }
}

/// `GET /console/payments/reconcile?day=`: the kept report of a day.
pub async fn reconcile_page(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DayForm>,
) -> Result<Response, Error> {
    let day = day_or_yesterday(q.day.as_deref())?;
    reconcile_view(&app, &ctx, day, None, 0).await
}

/// `POST /console/payments/reconcile`: runs a day.
pub async fn reconcile_run(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<DayForm>,
) -> Result<Response, Error> {
    let day = day_or_yesterday(f.day.as_deref())?;
    let lines = reconcile::run(&app, &ctx, day).await?;
    reconcile_view(&app, &ctx, day, Some(lines), 0).await
}

/// `POST /console/payments/reconcile/resolve`: records what the provider has and we do not.
pub async fn reconcile_resolve(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<DayForm>,
) -> Result<Response, Error> {
    let day = day_or_yesterday(f.day.as_deref())?;
    let n = reconcile::resolve(&app, &ctx, day).await?;
    reconcile_view(&app, &ctx, day, None, n).await
}

/// `GET /console/payments/reconcile.csv?day=`: the kept report as CSV.
pub async fn reconcile_csv(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DayForm>,
) -> Result<Response, Error> {
    let day = day_or_yesterday(q.day.as_deref())?;
    let (lines, _) = reconcile::kept(&app, &ctx, day)
        .await?
        .ok_or_else(Error::not_found)?;
    Ok((
        [
            (
                http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"reconciliation-{day}.csv\""),
            ),
        ],
        reconcile::csv(&lines, ctx.t()),
    )
        .into_response())
}
