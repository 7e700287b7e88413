//! After submitting: the confirmation with the receipt number, and reading back an uploaded
//! file as a download (its own file so the headers that keep it safe sit in one place).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::HeaderValue;
use http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
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

/// `Content-Disposition: attachment` named by the platform, never by the uploader: 附件-<the
/// last eight characters of the file's id>.<the extension of its sniffed type>, with an ASCII
/// fallback. A name the uploader typed (`scan.bat`, `invoice.pdf.exe`) would otherwise be
/// what the downloader's computer opens the bytes as.
fn attachment(id: UploadId, file_type: Option<FileType>) -> String {
    let ext = file_type.map_or("bin", |t| match t {
        FileType::Jpeg => "jpg",
        other => other.as_str(),
    });
    let id = id.to_string();
    let short = &id[id.len() - 8..];
    // "附件-" percent-encoded (RFC 5987).
    format!(
        "attachment; filename=\"attachment-{short}.{ext}\"; filename*=UTF-8''%E9%99%84%E4%BB%B6-{short}.{ext}"
    )
}

/// `GET /uploads/{id}`: an uploaded file, to its applicant, to staff handling its case or to
/// the staff member whose consent covers its application; always as a download of its
/// sniffed type under a name the platform gives it, never cached.
pub async fn file(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<UploadId>,
) -> Result<Response, Error> {
    let (upload, bytes) = uploads::read(&app, &ctx, id).await?;
    let kind = FileType::parse(&upload.file_type);
    let mime = kind.map_or("application/octet-stream", FileType::mime);
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_str(&attachment(upload.id, kind)).map_err(Error::internal)?,
    );
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}
