//! The JSON API under `/api/v1` for apps, mini-programs, kiosks and other government systems.
//! Every route is documented in the OpenAPI document generated from these handlers
//! (`/api/v1/openapi.json`); a test checks that no API route is missing from it.

pub mod admin;
pub mod applications;
pub mod assist;
pub mod auth;
pub mod catalog;
pub mod directory;
pub mod forms;
pub mod me;

use std::sync::OnceLock;

use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

use crate::error::ErrorBody;

/// The documented error responses every endpoint may give.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum ApiErrors {
    /// Malformed JSON, query or paging.
    #[response(
        status = 400,
        description = "Malformed request (`malformed_json`, `invalid_query`, `invalid_paging`)"
    )]
    BadRequest(#[to_schema] ErrorBody),
    /// Not logged in, expired session, bad token or credentials.
    #[response(status = 401, description = "Authentication needed or failed")]
    Unauthorized(#[to_schema] ErrorBody),
    /// Not allowed, or the anti-forgery token is missing.
    #[response(status = 403, description = "Forbidden (`forbidden`, `csrf_failed`)")]
    Forbidden(#[to_schema] ErrorBody),
    /// No such thing (or not yours).
    #[response(status = 404, description = "Not found")]
    NotFound(#[to_schema] ErrorBody),
    /// Changed by someone else.
    #[response(status = 409, description = "Conflict")]
    Conflict(#[to_schema] ErrorBody),
    /// Body too large.
    #[response(status = 413, description = "Payload too large")]
    TooLarge(#[to_schema] ErrorBody),
    /// Not JSON.
    #[response(status = 415, description = "Unsupported media type")]
    MediaType(#[to_schema] ErrorBody),
    /// Invalid fields or body shape.
    #[response(
        status = 422,
        description = "Validation failed (`validation_failed`, `invalid_body`, `code_invalid`)"
    )]
    Invalid(#[to_schema] ErrorBody),
    /// Rate limited or locked; see `Retry-After`.
    #[response(
        status = 429,
        description = "Too many requests (`rate_limited`, `account_locked`)"
    )]
    TooMany(#[to_schema] ErrorBody),
}

/// A page of items.
#[derive(Debug, Serialize, ToSchema)]
pub struct List<T> {
    /// Items in all pages.
    pub total: i64,
    /// This page's items.
    pub items: Vec<T>,
}

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A token from POST /api/v1/auth/tokens, or issued to a system client",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("yw_session"))),
        );
    }
}

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(title = "Yiwang API", version = "1", description = "One-stop government services: accounts, directory, search and administration. Errors always have the shape {\"error\": {\"code\", \"message\", \"fields\", \"request_id\"}}; codes are stable."),
    paths(
        auth::request_code, auth::register, auth::issue_token, auth::revoke_current, auth::reset_password,
        me::me, me::change_password, me::verify_real_name, me::messages, me::read_message, me::access_log, me::enterprises, me::create_enterprise,
        directory::regions, directory::region, directory::departments, directory::department,
        catalog::search, catalog::items, catalog::item, catalog::life_events, catalog::life_event,
        catalog::create_item, catalog::update_item, catalog::withdraw_item, catalog::import, catalog::export,
        catalog::aliases, catalog::set_aliases, catalog::set_life_event,
        admin::create_department, admin::update_department, admin::audit, admin::jobs, admin::retry_job, admin::citizen,
        applications::form, applications::get_draft, applications::put_draft, applications::submit, applications::upload,
        applications::my_cases, applications::my_case, applications::my_case_action, applications::queue, applications::case_action,
        applications::track, applications::verify, applications::my_certificates, applications::revoke, applications::rotate_key,
        forms::versions, forms::save_draft, forms::publish, forms::dry_run,
        assist::request, assist::list, assist::show, assist::confirm, assist::cancel, assist::upload, assist::submit,
    ),
    components(schemas(ErrorBody, crate::error::ErrorDetail, crate::error::FieldDetail)),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Registration, tokens and password reset"),
        (name = "me", description = "The caller's own account"),
        (name = "directory", description = "Regions and departments"),
        (name = "catalogue", description = "Search, service items, guides and life events"),
        (name = "admin", description = "Staff administration"),
        (name = "applications", description = "Online applications, cases, tracking and certificates"),
    )
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
pub async fn openapi_json() -> Response {
    static DOC: OnceLock<String> = OnceLock::new();
    let json = DOC.get_or_init(|| ApiDoc::openapi().to_json().unwrap_or_else(|_| "{}".into()));
    ([(CONTENT_TYPE, "application/json")], json.as_str()).into_response()
}
