//! This capability's words, in three languages: traits on the kit's translator, brought into
//! scope with `use crate::texts::*` where pages and templates use them.

mod apply;
mod assist;
mod cases;
mod console_cases;
mod console_certificates;
mod console_forms;

pub use apply::{ApplyTexts, ApplyWords};
pub use assist::{AssistTexts, AssistWords};
pub use cases::{CaseTexts, CaseWords};
pub use console_cases::{ConsoleCaseTexts, ConsoleCaseWords};
pub use console_certificates::ConsoleCertTexts;
pub use console_forms::{FormBuilderTexts, FormBuilderWords};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_translated() {
        yiwang_kit::i18n::check_texts(
            apply::ALL_MESSAGES
                .iter()
                .chain(assist::ALL_MESSAGES)
                .chain(cases::ALL_MESSAGES)
                .chain(console_cases::ALL_MESSAGES)
                .chain(console_certificates::ALL_MESSAGES)
                .chain(console_forms::ALL_MESSAGES),
        );
    }
}
