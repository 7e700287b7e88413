//! An inquiry's photos and files, to its asker and to the staff who may work on it: shown
//! inline only as the image type sniffed when they arrived, never cached.

use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::response::{IntoResponse, Response};
use yiwang_domain::forms::FileType;
use yiwang_domain::ids::{InquiryId, UploadId};
use yiwang_files::FileStore;

use crate::services::read;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Path;
use yiwang_kit::state::AppState;

async fn serve(app: &AppState, inquiry: InquiryId, file: UploadId) -> Result<Response, Error> {
    let f = app
        .store
        .inquiry_file(file)
        .await?
        .filter(|f| f.inquiry_id == inquiry)
        .ok_or_else(Error::not_found)?;
    let bytes = app
        .part::<FileStore>()?
        .get(&f.storage_key)
        .await
        .map_err(Error::internal)?
        .ok_or_else(Error::not_found)?;
    let kind = FileType::parse(&f.file_type);
    let image = matches!(kind, Some(FileType::Jpeg | FileType::Png));
    let mime = kind.map_or("application/octet-stream", FileType::mime);
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_static(if image { "inline" } else { "attachment" }),
    );
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(res)
}

/// `GET /inquiries/{id}/files/{file}`: a file of the caller's own inquiry.
pub async fn mine(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(InquiryId, UploadId)>,
) -> Result<Response, Error> {
    read::mine(&app, &ctx, id).await?;
    serve(&app, id, file).await
}

/// `GET /console/inquiries/{id}/files/{file}`: a file of an inquiry the staff member may
/// work on.
pub async fn staff(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(InquiryId, UploadId)>,
) -> Result<Response, Error> {
    read::for_staff(&app, &ctx, id).await?;
    serve(&app, id, file).await
}
