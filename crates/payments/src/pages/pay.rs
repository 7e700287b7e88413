//! The payer's pages: find a bill by code and name, pay it at the provider, come back to the
//! result (which asks the provider, so a lost notification does not leave the payer
//! waiting), the receipt with its QR code, the public check of a receipt, and 我的缴费.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use yiwang_domain::ids::{BillId, PaymentId};
use yiwang_domain::payments::{AttemptState, Fen};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

use super::BillView;
use crate::services::{bills, callback, pay, receipts};
use crate::texts::*;

#[derive(Template)]
#[template(path = "payments/find.html")]
struct FindPage {
    l: Layout,
    code: String,
    name: String,
    errors: FormErrors,
}

/// `GET /pay`: the bill code form (`?code=` fills it, as a scanned notice's QR code does).
pub async fn form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CodeQuery>,
) -> Result<Response, Error> {
    let l = Layout::new(&app, &ctx, ctx.t().pay_title(), Section::Services).await;
    html(&FindPage {
        l,
        code: q.code.unwrap_or_default(),
        name: String::new(),
        errors: FormErrors::default(),
    })
}

/// A code in the address.
#[derive(Debug, Default, Deserialize)]
pub struct CodeQuery {
    code: Option<String>,
}

/// The lookup form.
#[derive(Debug, Default, Deserialize)]
pub struct FindForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

#[derive(Template)]
#[template(path = "payments/bill.html")]
struct BillPage {
    l: Layout,
    b: BillView,
    code: String,
    name: String,
    key: String,
    receipts: Vec<(String, String)>,
    errors: FormErrors,
}

async fn bill_page(
    app: &AppState,
    ctx: &Ctx,
    bill: yiwang_store::payments::BillRow,
    name: String,
    errors: FormErrors,
) -> Result<BillPage, Error> {
    let id = bill.id;
    let code = bill.code.clone();
    let s = bills::standing(app, bill).await?;
    let t = ctx.t();
    let receipts = app
        .store
        .receipts_of_bill(id)
        .await?
        .into_iter()
        .map(|r| (r.id, r.number))
        .collect();
    Ok(BillPage {
        l: Layout::new(app, ctx, t.pay_bill(), Section::Services).await,
        b: BillView::new(&s, t),
        code,
        name,
        key: yiwang_domain::ids::JobId::generate().to_string(),
        receipts,
        errors,
    })
}

/// `POST /pay`: finds the bill for this code and payer.
pub async fn lookup(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<FindForm>,
) -> Result<Response, Error> {
    match bills::find(&app, &ctx, &f.code, &f.name).await {
        Ok(bill) => html(&bill_page(&app, &ctx, bill, f.name, FormErrors::default()).await?),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let t = ctx.t();
            html_invalid(&FindPage {
                l: Layout::new(&app, &ctx, t.pay_title(), Section::Services).await,
                code: f.code,
                name: f.name,
                errors: FormErrors::from_error(&e, t),
            })
        }
        Err(e) => Err(e),
    }
}

/// The pay button's form: the proof of the payer and the click's idempotency key.
#[derive(Debug, Default, Deserialize)]
pub struct StartForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    key: String,
}

/// `POST /pay/bills/{id}/start`: starts (or resumes) the payment and sends the payer to the
/// provider's page.
pub async fn start(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<BillId>,
    Form(f): Form<StartForm>,
) -> Result<Response, Error> {
    match pay::start(&app, &ctx, id, &f.code, &f.name, &f.key).await {
        Ok(s) => Ok(see_other(&s.pay_url)),
        Err(Error::Domain(e)) if e.code == yiwang_domain::ErrorCode::InvalidTransition => {
            let bill = bills::find(&app, &ctx, &f.code, &f.name)
                .await
                .or(Err(Error::Domain(e.clone())))?;
            let t = ctx.t();
            let errors = FormErrors {
                general: Some(t.pay_already_paid().into()),
                ..Default::default()
            };
            html_invalid(&bill_page(&app, &ctx, bill, f.name, errors).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "payments/result.html")]
struct ResultPage {
    l: Layout,
    state: &'static str,
    amount: String,
    receipt: Option<String>,
}

/// `GET /pay/attempts/{id}`: where the provider sends the payer back. Asks the provider (so
/// the result shows even when the notification is late or lost) and shows the outcome.
pub async fn returned(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<PaymentId>,
) -> Result<Response, Error> {
    let a = app.store.attempt(id).await?.ok_or_else(Error::not_found)?;
    if a.state == AttemptState::Pending {
        // A provider that cannot be reached leaves the page saying "confirming".
        if let Err(e) = pay::query(&app, id, "return").await {
            tracing::warn!(attempt = %id, error = ?e, "return-page query failed");
        }
    }
    let a = app.store.attempt(id).await?.ok_or_else(Error::not_found)?;
    let receipt = app.store.receipt_of_attempt(id).await?.map(|r| r.id);
    let t = ctx.t();
    let state = match a.state {
        AttemptState::Succeeded => "done",
        AttemptState::Closed => "closed",
        AttemptState::Pending => "pending",
    };
    html(&ResultPage {
        l: Layout::new(&app, &ctx, t.pay_title(), Section::Services).await,
        state,
        amount: a.amount.to_string(),
        receipt,
    })
}

#[derive(Template)]
#[template(path = "payments/receipt.html")]
struct ReceiptPage {
    l: Layout,
    number: String,
    title: String,
    unit: String,
    payer: String,
    amount: String,
    paid_at: String,
    trade_no: String,
    code: String,
    id: String,
    verify_url: String,
}

fn field(v: &serde_json::Value, k: &str) -> String {
    v[k].as_str().map(str::to_owned).unwrap_or_default()
}

/// A receipt's `paid_at` — signed as RFC 3339 in UTC (`2026-12-07T01:37:47.430Z`) — as pages
/// show times: Beijing time, `2026-12-07 09:37`. Anything else is shown as it is.
fn beijing(rfc3339: &str) -> String {
    let num = |from: usize, to: usize| rfc3339.get(from..to).and_then(|s| s.parse::<u16>().ok());
    let parsed = (|| {
        let b = rfc3339.as_bytes();
        if b.len() != 24 || b[10] != b'T' || b[23] != b'Z' {
            return None;
        }
        let month = time::Month::try_from(u8::try_from(num(5, 7)?).ok()?).ok()?;
        let date = time::Date::from_calendar_date(
            i32::from(num(0, 4)?),
            month,
            u8::try_from(num(8, 10)?).ok()?,
        )
        .ok()?;
        let at = time::Time::from_hms_milli(
            u8::try_from(num(11, 13)?).ok()?,
            u8::try_from(num(14, 16)?).ok()?,
            u8::try_from(num(17, 19)?).ok()?,
            num(20, 23)?,
        )
        .ok()?;
        let ms = time::PrimitiveDateTime::new(date, at)
            .assume_utc()
            .unix_timestamp_nanos()
            / 1_000_000;
        Some(yiwang_domain::Timestamp(i64::try_from(ms).ok()?).display_minutes())
    })();
    parsed.unwrap_or_else(|| rfc3339.to_owned())
}

/// A bill code in groups of four, as the notice prints it.
fn grouped(code: &str) -> String {
    yiwang_domain::payments::BillCode::parse(code)
        .map(|c| c.grouped())
        .unwrap_or_else(|_| code.to_owned())
}

/// `GET /pay/receipts/{id}`: the receipt, with the QR code that checks it.
pub async fn receipt(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<yiwang_domain::ids::JobId>,
) -> Result<Response, Error> {
    let r = app
        .store
        .receipt(&id.to_string())
        .await?
        .ok_or_else(Error::not_found)?;
    let v = receipts::verify(&app, &r.token)
        .await?
        .ok_or_else(|| Error::internal("stored receipt does not verify"))?
        .payload;
    let t = ctx.t();
    html(&ReceiptPage {
        l: Layout::new(&app, &ctx, t.pay_receipt(), Section::Mine).await,
        number: r.number,
        title: field(&v, "title"),
        unit: field(&v, "unit_name"),
        payer: field(&v, "payer"),
        amount: Fen(v["amount_fen"].as_i64().unwrap_or(0)).to_string(),
        paid_at: beijing(&field(&v, "paid_at")),
        trade_no: field(&v, "trade_no"),
        code: grouped(&field(&v, "bill_code")),
        id: id.to_string(),
        verify_url: format!("/pay/verify?t={}", r.token),
    })
}

/// `GET /pay/receipts/{id}/qr.svg`: the QR code of the receipt's check page.
pub async fn receipt_qr(
    State(app): State<AppState>,
    headers: http::HeaderMap,
    Path(id): Path<yiwang_domain::ids::JobId>,
) -> Result<Response, Error> {
    let r = app
        .store
        .receipt(&id.to_string())
        .await?
        .ok_or_else(Error::not_found)?;
    let url = yiwang_kit::respond::absolute(&app, &headers, &format!("/pay/verify?t={}", r.token));
    let svg = yiwang_kit::qr::svg(&url)?;
    Ok(([(http::header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
}

#[derive(Template)]
#[template(path = "payments/verify.html")]
struct VerifyPage {
    l: Layout,
    ok: bool,
    number: String,
    title: String,
    unit: String,
    payer: String,
    amount: String,
    paid_at: String,
}

/// The token to check.
#[derive(Debug, Default, Deserialize)]
pub struct VerifyQuery {
    t: Option<String>,
}

/// `GET /pay/verify?t=…`: anyone checks a receipt.
pub async fn verify(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<VerifyQuery>,
) -> Result<Response, Error> {
    let v = match q.t.as_deref() {
        Some(t) if t.len() < 4000 => receipts::verify(&app, t).await?,
        _ => None,
    };
    let t = ctx.t();
    let l = Layout::new(&app, &ctx, t.pay_verify_title(), Section::Other).await;
    let page = match v {
        Some(v) => VerifyPage {
            l,
            ok: true,
            number: field(&v.payload, "number"),
            title: field(&v.payload, "title"),
            unit: field(&v.payload, "unit_name"),
            payer: field(&v.payload, "payer"),
            amount: Fen(v.payload["amount_fen"].as_i64().unwrap_or(0)).to_string(),
            paid_at: beijing(&field(&v.payload, "paid_at")),
        },
        None => VerifyPage {
            l,
            ok: false,
            number: String::new(),
            title: String::new(),
            unit: String::new(),
            payer: String::new(),
            amount: String::new(),
            paid_at: String::new(),
        },
    };
    html(&page)
}

#[derive(Template)]
#[template(path = "payments/mine.html")]
struct MinePage {
    l: Layout,
    bills: Vec<BillView>,
    receipts: Vec<(String, String, String, String)>,
}

/// `GET /account/payments`: 我的缴费 — the bills tied to the account and its receipts.
pub async fn mine(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::not_found)?;
    let t = ctx.t();
    let mut views = Vec::new();
    for b in app.store.bills_of_account(me).await? {
        views.push(BillView::new(&bills::standing(&app, b).await?, t));
    }
    let receipts = app
        .store
        .receipts_of_account(me)
        .await?
        .into_iter()
        .map(|(r, title, amount)| (r.id, r.number, title, amount.to_string()))
        .collect();
    html(&MinePage {
        l: Layout::new(&app, &ctx, t.pay_mine(), Section::Mine).await,
        bills: views,
        receipts,
    })
}

/// `GET /account/payments/{id}`: one of the caller's bills, with the pay button.
pub async fn my_bill(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<BillId>,
) -> Result<Response, Error> {
    let me = ctx.principal.account();
    let bill = app
        .store
        .bill(id)
        .await?
        .filter(|b| b.payer_account.is_some() && b.payer_account == me)
        .ok_or_else(Error::not_found)?;
    html(&bill_page(&app, &ctx, bill, String::new(), FormErrors::default()).await?)
}

/// `POST /payments/notify/sandbox`: the provider's notification. Answers in the provider's
/// own terms (`success` / `fail`), never with the platform's error page.
pub async fn notify(
    State(app): State<AppState>,
    headers: http::HeaderMap,
    body: Bytes,
) -> Result<Response, Error> {
    let p = crate::services::payments(&app)?;
    let handled = matches!(
        callback::receive(&app, &headers, &body).await?,
        callback::Received::Handled
    );
    let (status, ct, text) = p.provider.answer(handled);
    Ok((status, [(http::header::CONTENT_TYPE, ct)], text).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_receipt_reads_in_beijing_time_with_its_code_grouped() {
        assert_eq!(
            super::beijing("2026-12-07T01:37:47.430Z"),
            "2026-12-07 09:37"
        );
        // Late evening in UTC is the next morning in Beijing.
        assert_eq!(
            super::beijing("2026-12-31T20:05:00.000Z"),
            "2027-01-01 04:05"
        );
        assert_eq!(super::beijing("not a time"), "not a time");
        assert_eq!(
            super::grouped("51160220261207000016"),
            "5116 0220 2612 0700 0016"
        );
    }
}
