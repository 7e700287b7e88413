//! The applications' JSON API: forms, drafts, submissions, cases, tracking and certificates
//! (`applications`), the form builder for staff (`forms`), and assisted handling (`assist`).

pub mod applications;
pub mod assist;
pub mod forms;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    applications::form,
    applications::get_draft,
    applications::put_draft,
    applications::submit,
    applications::upload,
    applications::my_cases,
    applications::my_case,
    applications::my_case_action,
    applications::queue,
    applications::case_action,
    applications::track,
    applications::verify,
    applications::my_certificates,
    applications::revoke,
    applications::rotate_key,
    forms::versions,
    forms::save_draft,
    forms::publish,
    forms::dry_run,
    assist::request,
    assist::list,
    assist::show,
    assist::confirm,
    assist::cancel,
    assist::upload,
    assist::submit,
))]
pub struct Api;
