//! Inquiries' machine interfaces: the JSON API under `/api/v1` (`json.rs`) and Open311
//! GeoReport v2 under `/open311/v2` (`open311.rs`).

pub mod json;
pub mod open311;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    json::categories,
    json::ask,
    json::mine,
    json::my_inquiry,
    json::verdict,
    json::step,
))]
pub struct Api;
