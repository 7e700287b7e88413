//! The account pages: registration, login and password reset (`account`), the citizen's own
//! pages (`profile`: profile, real-name verification, password, messages, access log),
//! enterprises and their agents (`enterprises`), and the console's staff pages (`console`).

pub mod account;
pub mod console;
pub mod enterprises;
pub mod home_region;
pub mod notifications;
pub mod profile;

use yiwang_kit::i18n::Tr;
use yiwang_kit::views::FormErrors;

/// A form's errors as sentences that name their field ("新密码：密码至少8位。", "请填写当前密码。"),
/// so the error summary says which field each link goes to. `labels` gives the form's
/// fields by name; a field it does not list keeps the plain sentence.
pub(crate) fn named_errors(e: &yiwang_domain::Error, t: Tr, labels: &[(&str, &str)]) -> FormErrors {
    FormErrors::from_error_named(e, t, |field| {
        labels
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, label)| (*label).to_owned())
    })
}
