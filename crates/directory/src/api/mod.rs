//! The directory's JSON API: regions and departments for anyone (`public`), and department
//! administration for staff (`admin`).

pub mod admin;
pub mod public;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    public::regions,
    public::region,
    public::departments,
    public::department,
    admin::create_department,
    admin::update_department,
))]
pub struct Api;
