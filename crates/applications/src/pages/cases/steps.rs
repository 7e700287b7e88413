//! The steps an applicant takes from the progress page: withdrawing (with a confirmation
//! step), asking for a person to review an automatic decision (APP-5), rating (APP-7).

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::CaseId;
use yiwang_domain::workflow::Action;

use crate::services::{act, ratings};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::state::AppState;
use yiwang_kit::views::html;

use super::progress::{Forms, RateForm, progress_page, refused};
use super::{me, own_case};
use crate::texts::*;

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
    Path(id): Path<CaseId>,
    Form(f): Form<WithdrawForm>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    if f.confirm != "yes" {
        let case = own_case(&app, account, id).await?;
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
    match act::applicant_act(&app, account, id, action, None).await {
        Ok(c) => Ok(yiwang_kit::respond::see_other(&format!(
            "/account/cases/{}?done=withdrawn",
            c.id
        ))),
        Err(e) => {
            let forms = Forms {
                withdraw_reason: f.reason,
                ..Forms::default()
            };
            refused(&app, &ctx, id, e, forms).await
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
    Path(id): Path<CaseId>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let action = Action::RequestHumanReview {
        reason: f.reason.clone(),
    };
    match act::applicant_act(&app, account, id, action, None).await {
        Ok(c) => Ok(yiwang_kit::respond::see_other(&format!(
            "/account/cases/{}?done=review",
            c.id
        ))),
        Err(e) => {
            let forms = Forms {
                review_reason: f.reason,
                ..Forms::default()
            };
            refused(&app, &ctx, id, e, forms).await
        }
    }
}

/// `POST /account/cases/{id}/rating` (APP-7 好差评): once per closed case.
pub async fn rate(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CaseId>,
    Form(f): Form<RateForm>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let result = match f.input() {
        Ok(input) => ratings::rate(&app, account, id, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(yiwang_kit::respond::see_other(&format!(
            "/account/cases/{id}?done=rated"
        ))),
        Err(Error::Domain(d)) if d.code == ErrorCode::Conflict => {
            let case = own_case(&app, account, id).await?;
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
            refused(&app, &ctx, id, e, forms).await
        }
    }
}
