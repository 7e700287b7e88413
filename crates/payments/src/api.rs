//! The bills API for collecting units' systems (a system client tied to one unit, with the
//! `finance_officer` role) and finance officers' scripts: create a bill (idempotent on the
//! unit's `external_ref`), read one with where it stands.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use yiwang_domain::ids::BillId;
use yiwang_kit::api::ApiErrors;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path};
use yiwang_kit::state::AppState;

use crate::services::bills::{self, BillInput};

/// A bill as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct BillOut {
    /// Its id.
    pub id: String,
    /// The bill code (20 digits) to print on the notice.
    pub code: String,
    /// The collecting unit.
    pub unit: String,
    /// The unit's reference.
    pub external_ref: Option<String>,
    /// The title.
    pub title: String,
    /// The amount in fen.
    pub amount_fen: i64,
    /// Due date.
    pub due_on: String,
    /// `open` or `cancelled`.
    pub state: String,
    /// Whether it is paid.
    pub paid: bool,
    /// Paid in, in fen (from the ledger).
    pub paid_fen: i64,
    /// Refunded, in fen.
    pub refunded_fen: i64,
    /// Whether it is tied to a payer's account.
    pub has_account: bool,
}

fn out(s: &bills::Standing) -> BillOut {
    BillOut {
        id: s.bill.id.to_string(),
        code: s.bill.code.clone(),
        unit: s.bill.unit.clone(),
        external_ref: s.bill.external_ref.clone(),
        title: s.bill.title.clone(),
        amount_fen: s.bill.amount.get(),
        due_on: s.bill.due_on.to_string(),
        state: s.bill.state.as_str().into(),
        paid: s.paid,
        paid_fen: s.paid_in.get(),
        refunded_fen: s.refunded.get(),
        has_account: s.bill.payer_account.is_some(),
    }
}

/// Creates a bill.
#[utoipa::path(post, path = "/api/v1/bills", tag = "payments", request_body = BillInput,
    responses((status = 201, body = BillOut, description = "Created"), (status = 200, body = BillOut, description = "The bill already made for this external_ref"), ApiErrors),
    security(("bearer" = [])))]
pub async fn create_bill(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(input): Json<BillInput>,
) -> Result<Response, Error> {
    let (row, created) = bills::create(&app, &ctx, &input).await?;
    let s = bills::standing(&app, row).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(out(&s))).into_response())
}

/// One bill and where it stands.
#[utoipa::path(get, path = "/api/v1/bills/{id}", tag = "payments",
    params(("id" = String, Path, description = "The bill's id")),
    responses((status = 200, body = BillOut, description = "The bill"), ApiErrors),
    security(("bearer" = [])))]
pub async fn bill(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<BillId>,
) -> Result<Response, Error> {
    let row = bills::visible(&app, &ctx, id).await?;
    let s = bills::standing(&app, row).await?;
    Ok(axum::Json(out(&s)).into_response())
}

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(create_bill, bill))]
pub struct Api;
