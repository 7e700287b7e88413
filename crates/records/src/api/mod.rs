//! The source systems' API (SVC-3): pushing records natively (`POST /api/v1/records`) or as
//! FHIR R4 (`POST /api/v1/fhir/Immunization`, `POST /api/v1/fhir` with a `Bundle` of type
//! `batch`), and reading back what the source wrote.

pub mod push;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(push::native, push::immunization, push::bundle, push::read_back))]
pub struct Api;
