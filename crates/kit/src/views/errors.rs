//! The friendly error page, in the reader's language.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use http::StatusCode;
use yiwang_domain::{Error as DomainError, ErrorCode};

use super::layout::Layout;
use crate::ctx::Ctx;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    l: Layout,
    heading: &'a str,
    message: &'a str,
    request_id: &'a str,
    show_reference: bool,
}

/// Renders the error page for a domain error.
pub fn page(app: &AppState, ctx: &Ctx, err: &DomainError, status: StatusCode) -> Response {
    let t = ctx.t();
    let (heading, message) = match err.code {
        ErrorCode::NotFound => (t.not_found_title(), t.not_found_body()),
        ErrorCode::Internal | ErrorCode::Unavailable => (t.error_title(), t.error(err.code)),
        ErrorCode::Forbidden => (t.forbidden_title(), t.error(err.code)),
        code => (t.error_title(), t.error(code)),
    };
    let l = Layout::offline(app, ctx, heading);
    let show_reference = status.is_server_error();
    let body = ErrorPage {
        l,
        heading,
        message,
        request_id: &ctx.request_id,
        show_reference,
    }
    .render()
    .unwrap_or_else(|_| {
        format!("<!doctype html><title>{status}</title><h1>{heading}</h1><p>{message}</p>")
    });
    (status, Html(body)).into_response()
}
