//! The console's JSON API: the audit log and background jobs (`admin`).

pub mod admin;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(admin::audit, admin::jobs, admin::retry_job))]
pub struct Api;
