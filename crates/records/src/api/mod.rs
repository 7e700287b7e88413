//! The source systems' API (SVC-3): pushing records natively (`POST /api/v1/records`) or as
//! FHIR R4 (`POST /api/v1/fhir/Immunization`, `POST /api/v1/fhir` with a `Bundle` of type
//! `batch`), and reading back what the source wrote; and the citizen's own records
//! (`GET /api/v1/me/records`).

pub mod mine;
pub mod push;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    push::native,
    push::immunization,
    push::bundle,
    push::read_back,
    mine::mine
))]
pub struct Api;
