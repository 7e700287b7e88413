//! The OpenAPI document of the JSON API under `/api/v1`, for apps, mini-programs, kiosks and
//! other government systems: the platform's description, tags and security schemes, with each
//! capability's paths merged in (`<capability>::api::Api`). A test checks that no API route is
//! missing from it and that it is valid OpenAPI.

use std::sync::OnceLock;

use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use utoipa::OpenApi;
use yiwang_kit::api::Security;
use yiwang_kit::error::{ErrorBody, ErrorDetail, FieldDetail};

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(title = "Yiwang API", version = "1", description = "One-stop government services: accounts, directory, search and administration. Errors always have the shape {\"error\": {\"code\", \"message\", \"fields\", \"request_id\"}}; codes are stable."),
    components(schemas(ErrorBody, ErrorDetail, FieldDetail)),
    modifiers(&Security),
    tags(
        (name = "auth", description = "Registration, tokens and password reset"),
        (name = "me", description = "The caller's own account"),
        (name = "directory", description = "Regions and departments"),
        (name = "catalogue", description = "Search, service items, guides and life events"),
        (name = "admin", description = "Staff administration"),
        (name = "applications", description = "Online applications, cases, tracking and certificates"),
        (name = "inquiries", description = "Questions, complaints, suggestions and petitions: asking, following, verdicts and staff steps"),
        (name = "payments", description = "Bills of collecting units (SVC-1): creating them and seeing where they stand"),
        (name = "bookings", description = "Appointments at service halls and hospitals: places, slots, booking exactly once, the waiting list, cancelling, check-in"),
        (name = "records", description = "Personal records pushed by source systems: native JSON and FHIR R4 Immunization (single or Bundle batch), read-back of what a source wrote"),
        (name = "opendata", description = "Open data: the CKAN Action API (read side) at /api/3/action/{name} and /api/action/{name}, GET or POST"),
        (name = "local", description = "Local life: places, vetted merchants and events by region and category, nearest first when a position is given"),
    )
)]
pub struct ApiDoc;

/// The whole document: the platform's part with every capability's paths merged in.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(yiwang_accounts::api::Api::openapi());
    doc.merge(yiwang_directory::api::Api::openapi());
    doc.merge(yiwang_catalogue::api::Api::openapi());
    doc.merge(yiwang_applications::api::Api::openapi());
    doc.merge(yiwang_inquiries::api::Api::openapi());
    doc.merge(yiwang_console::api::Api::openapi());
    doc.merge(yiwang_payments::api::Api::openapi());
    doc.merge(yiwang_opendata::api::Api::openapi());
    doc.merge(yiwang_local::api::Api::openapi());
    doc.merge(yiwang_bookings::api::Api::openapi());
    doc.merge(yiwang_records::api::Api::openapi());
    doc.merge(yiwang_portals::api::Api::openapi());
    doc
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi_json() -> Response {
    static DOC: OnceLock<String> = OnceLock::new();
    let json = DOC.get_or_init(|| document().to_json().unwrap_or_else(|_| "{}".into()));
    ([(CONTENT_TYPE, "application/json")], json.as_str()).into_response()
}
