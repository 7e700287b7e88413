//! Inquiries' machine interfaces: Open311 GeoReport v2 (`/open311/v2/…`).

pub mod open311;
