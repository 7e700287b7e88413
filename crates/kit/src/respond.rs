//! Responses every capability's pages send: a redirect after a post, the session cookie set
//! or cleared, and absolute addresses for links that leave the browser.

use axum::response::{IntoResponse, Redirect, Response};
use http::HeaderValue;
use http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE, X_CONTENT_TYPE_OPTIONS,
};
use yiwang_domain::forms::FileType;

use crate::cookies::{self, CookieSpec};
use crate::pipeline::SESSION_COOKIE;
use crate::state::AppState;

/// The absolute address of a path, for QR codes and share links that leave the browser: the
/// configured public address, else the request's host (only if it looks like a host name).
pub fn absolute(app: &AppState, headers: &http::HeaderMap, path: &str) -> String {
    if let Some(base) = &app.config.public_url {
        return format!("{}{path}", base.trim_end_matches('/'));
    }
    let host = headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if app.config.tls { "https" } else { "http" };
    format!("{scheme}://{host}{path}")
}

/// A 303 redirect (after a successful form post).
pub fn see_other(url: &str) -> Response {
    Redirect::to(url).into_response()
}

/// A redirect that also sets the session cookie (after login or registration).
pub fn with_session(app: &AppState, token: &str, url: &str) -> Response {
    let mut res = see_other(url);
    let c = cookies::set(&CookieSpec {
        name: SESSION_COOKIE,
        value: token,
        max_age: None,
        http_only: true,
        secure: app.config.tls,
    });
    if let Ok(v) = HeaderValue::from_str(&c) {
        res.headers_mut().append(SET_COOKIE, v);
    }
    res
}

/// A redirect that also deletes the session cookie (after logout).
pub fn without_session(app: &AppState, url: &str) -> Response {
    let mut res = see_other(url);
    let c = cookies::set(&CookieSpec {
        name: SESSION_COOKIE,
        value: "",
        max_age: Some(0),
        http_only: true,
        secure: app.config.tls,
    });
    if let Ok(v) = HeaderValue::from_str(&c) {
        res.headers_mut().append(SET_COOKIE, v);
    }
    res
}

/// Text made safe inside XML (Atom feeds, Open311's XML): the five markup characters as
/// entities, and the control characters XML 1.0 does not allow dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// A file as a download under a name the platform gives it (`attachment-{short}.{ext}`, and
/// "附件-…" for browsers that read RFC 5987 names): its sniffed type, never rendered in the
/// page's origin (`nosniff`), never cached. `id` is the file's id; its last eight characters
/// make the name. A name the uploader typed (`scan.bat`, `invoice.pdf.exe`) would otherwise
/// be what the downloader's computer opens the bytes as.
pub fn download(bytes: Vec<u8>, file_type: Option<FileType>, id: &str) -> Response {
    let mime = file_type.map_or("application/octet-stream", FileType::mime);
    let ext = file_type.map_or("bin", |t| match t {
        FileType::Jpeg => "jpg",
        other => other.as_str(),
    });
    let short = &id[id.len().saturating_sub(8)..];
    // "附件-" percent-encoded (RFC 5987).
    let disposition = format!(
        "attachment; filename=\"attachment-{short}.{ext}\"; filename*=UTF-8''%E9%99%84%E4%BB%B6-{short}.{ext}"
    );
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}
