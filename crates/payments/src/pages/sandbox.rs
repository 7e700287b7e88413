//! The sandbox provider's own pages, as a real cashier looks: the order's amount and subject,
//! a QR code of the page itself (to pay "on a phone"), and 确认支付 / 取消支付; then back to
//! the merchant's return page. And the merchant's download of a day's statement.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use yiwang_domain::Timestamp;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

use crate::services::{payments, provider_error};
use crate::texts::*;

#[derive(Template)]
#[template(path = "sandbox/cashier.html")]
struct CashierPage {
    l: Layout,
    trade_no: String,
    subject: String,
    amount: String,
    open: bool,
    qr: String,
}

/// `GET /sandbox/pay/{trade_no}`: the cashier page.
pub async fn cashier(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: http::HeaderMap,
    Path(trade_no): Path<String>,
) -> Result<Response, Error> {
    let o = app
        .store
        .sandbox_order(&trade_no)
        .await?
        .ok_or_else(Error::not_found)?;
    let url = yiwang_kit::respond::absolute(&app, &headers, &format!("/sandbox/pay/{trade_no}"));
    html(&CashierPage {
        l: Layout::new(&app, &ctx, ctx.t().sandbox_title(), Section::Other).await,
        open: o.state_at(Timestamp::now()) == "created",
        trade_no: o.trade_no,
        subject: o.subject,
        amount: o.amount.to_string(),
        qr: yiwang_kit::qr::svg(&url)?,
    })
}

/// The payer's choice.
#[derive(Debug, Default, Deserialize)]
pub struct ActForm {
    #[serde(default)]
    action: String,
}

/// `POST /sandbox/pay/{trade_no}`: pay or cancel, then back to the merchant.
pub async fn act(
    State(app): State<AppState>,
    Path(trade_no): Path<String>,
    Form(f): Form<ActForm>,
) -> Result<Response, Error> {
    let o = app
        .store
        .sandbox_order(&trade_no)
        .await?
        .ok_or_else(Error::not_found)?;
    let p = payments(&app)?;
    p.sandbox.payer_acts(&trade_no, f.action == "pay").await?;
    Ok(see_other(&o.return_url))
}

/// `GET /sandbox/statements/{day}`: the statement file of a day (`YYYY-MM-DD`, with or without
/// `.csv`).
pub async fn statement(
    State(app): State<AppState>,
    Path(day): Path<String>,
) -> Result<Response, Error> {
    let day = crate::services::reconcile::day(day.trim_end_matches(".csv"))?;
    let p = payments(&app)?;
    let text = p.provider.statement(day).await.map_err(provider_error)?;
    Ok((
        [
            (
                http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"sandbox-{day}.csv\""),
            ),
        ],
        text,
    )
        .into_response())
}
