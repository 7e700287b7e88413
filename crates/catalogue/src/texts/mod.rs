//! This capability's words, in three languages: traits on the kit's translator, brought into
//! scope with `use crate::texts::*` where pages and templates use them.

mod console;
mod home;
mod services;

pub use console::{CatalogueConsoleTexts, CatalogueConsoleWords};
pub use home::HomeTexts;
pub use services::ServiceTexts;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_translated() {
        yiwang_kit::i18n::check_texts(
            home::ALL_MESSAGES
                .iter()
                .chain(services::ALL_MESSAGES)
                .chain(console::ALL_MESSAGES),
        );
    }
}
