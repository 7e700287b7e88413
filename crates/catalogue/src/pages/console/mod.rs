//! The catalogue in the staff console: items (`items`), their versions and withdrawal
//! (`item_history`), import and export, search synonyms and life-event checklists (`catalog`).

pub mod catalog;
pub mod item_history;
pub mod items;

use axum::response::Response;
use yiwang_domain::ErrorCode;
use yiwang_kit::error::{Error, status_of};
use yiwang_kit::i18n::Tr;
use yiwang_kit::views::FormErrors;

/// A validation or conflict error as form errors (a conflict as the general message), with the
/// status to answer; any other error is returned as it is.
pub(crate) fn form_refusal(e: Error, t: Tr) -> Result<(FormErrors, ErrorCode), Error> {
    match e {
        Error::Domain(d)
            if d.code == ErrorCode::ValidationFailed || d.code == ErrorCode::Conflict =>
        {
            let mut errors = FormErrors::from_error(&d, t);
            if d.code == ErrorCode::Conflict {
                errors.general = Some(t.conflict_notice().to_owned());
            }
            Ok((errors, d.code))
        }
        e => Err(e),
    }
}

/// A response with the status of an error code (a refused form is still a page).
pub(crate) fn with_status(mut res: Response, code: ErrorCode) -> Response {
    *res.status_mut() = status_of(code);
    res
}
