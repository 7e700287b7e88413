//! The appointments' JSON API under `/api/v1` (`json.rs`): places and their slots, booking
//! with an `Idempotency-Key`, one's bookings and cancelling, the counter's check-in, and the
//! booking rules.

pub mod json;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    json::places,
    json::slots,
    json::book,
    json::mine,
    json::cancel,
    json::check_in,
    json::set_rules,
))]
pub struct Api;
