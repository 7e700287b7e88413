//! What every capability's JSON API shares: the documented error responses, the list shape,
//! and the ways of authenticating, for the OpenAPI document the assembling crate builds from
//! every capability's handlers.

use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, IntoResponses, Modify, ToSchema};

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

/// Paging parameters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Paging {
    /// Page number, from 1.
    pub page: Option<i64>,
    /// Items per page, 1–100.
    pub per_page: Option<i64>,
}

/// A page of items.
#[derive(Debug, Serialize, ToSchema)]
pub struct List<T> {
    /// Items in all pages.
    pub total: i64,
    /// This page's items.
    pub items: Vec<T>,
}

/// Adds the two ways of calling the API (a bearer token, the session cookie) to the document.
pub struct Security;

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
