//! After submitting: the confirmation with the receipt number, and reading back an uploaded
//! file as a download (its own file so the headers that keep it safe sit in one place).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::forms::FileType;
use yiwang_domain::ids::CaseId;
use yiwang_domain::ids::UploadId;

use crate::services::{self as apps, uploads};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Path;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

use super::me;
use crate::texts::*;

#[derive(Template)]
#[template(path = "apply/done.html")]
struct DonePage {
    l: Layout,
    item_name: String,
    receipt: String,
    code: String,
    instant: bool,
    limit: Option<String>,
    progress_href: String,
    clear_prefix: String,
    script: String,
}

/// `GET /account/cases/{id}/done`: the receipt number and query code, and what
/// happens next. Only the applicant's own case.
pub async fn done(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CaseId>,
) -> Result<Response, Error> {
    let account = me(&ctx)?;
    let case = app
        .store
        .case(id)
        .await?
        .filter(|c| c.account_id == account)
        .ok_or_else(Error::not_found)?;
    let t = ctx.t();
    let l = Layout::new(&app, &ctx, t.apply_done_title(), Section::Mine).await;
    html(&DonePage {
        item_name: yiwang_kit::zh::display(&case.item_name, ctx.prefs.lang),
        code: apps::verification_code(&app, &case.receipt),
        instant: case.auto_decided,
        limit: case.limit_days.map(|d| t.apply_done_limit(d)),
        progress_href: format!("/account/cases/{}", case.id),
        clear_prefix: format!("yw-apply:{}:", case.item_id),
        script: app.assets.url("apply.js").to_owned(),
        receipt: case.receipt,
        l,
    })
}

// ---------------------------------------------------------------------------------------
// Uploaded files

/// `GET /uploads/{id}`: an uploaded file, to its applicant, to staff handling its case or to
/// the staff member whose consent covers its application; always as a download of its
/// sniffed type under a name the platform gives it, never cached.
pub async fn file(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<UploadId>,
) -> Result<Response, Error> {
    let (upload, bytes) = uploads::read(&app, &ctx, id).await?;
    Ok(yiwang_kit::respond::download(
        bytes,
        FileType::parse(&upload.file_type),
        &upload.id.to_string(),
    ))
}
