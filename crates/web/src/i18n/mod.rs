//! Every word the platform shows, in Simplified Chinese, Traditional Chinese and English.
//!
//! Pages call `t.some_key()` on a [`Tr`]; the [`messages!`] table below defines each key with
//! all three texts, so a missing translation is a compile error, not a blank on a page.
//! Error and field codes from the domain are translated here too, by exhaustive `match`es.

mod apply_texts;
mod assist_texts;
mod cases_texts;
mod catalog;
mod catalog_names;
mod codes;
mod console_cases_texts;
mod console_certs_texts;
mod console_forms_texts;
mod console_texts;
mod services_texts;

use yiwang_domain::Lang;

/// A translator for one language. Cheap to copy into every view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr(pub Lang);

impl Tr {
    /// The language.
    pub fn lang(self) -> Lang {
        self.0
    }

    /// Picks one of three texts.
    pub fn pick(self, hans: &'static str, hant: &'static str, en: &'static str) -> &'static str {
        match self.0 {
            Lang::ZhHans => hans,
            Lang::ZhHant => hant,
            Lang::En => en,
        }
    }
}

/// Defines UI texts: `key: "简体", "繁體", "English";`. Generates one method per key on
/// [`Tr`] and the list of keys for the completeness test.
macro_rules! messages {
    ($($key:ident: $hans:literal, $hant:literal, $en:literal;)*) => {
        impl Tr {
            $(
                #[doc = $en]
                pub fn $key(self) -> &'static str {
                    self.pick($hans, $hant, $en)
                }
            )*
        }

        /// Every key with its three texts, for tests.
        #[cfg(test)]
        pub const ALL_MESSAGES: &[(&str, [&str; 3])] = &[$((stringify!($key), [$hans, $hant, $en]),)*];
    };
}
pub(crate) use messages;

#[cfg(test)]
mod tests {
    fn all_messages() -> impl Iterator<Item = &'static (&'static str, [&'static str; 3])> {
        super::catalog::ALL_MESSAGES
            .iter()
            .chain(super::services_texts::ALL_MESSAGES)
            .chain(super::console_texts::ALL_MESSAGES)
            .chain(super::apply_texts::ALL_MESSAGES)
            .chain(super::cases_texts::ALL_MESSAGES)
            .chain(super::console_cases_texts::ALL_MESSAGES)
            .chain(super::assist_texts::ALL_MESSAGES)
            .chain(super::console_certs_texts::ALL_MESSAGES)
            .chain(super::console_forms_texts::ALL_MESSAGES)
    }

    #[test]
    fn every_message_is_translated_and_not_blank() {
        for (key, texts) in all_messages() {
            for t in texts {
                assert!(!t.trim().is_empty(), "{key} has a blank text");
            }
            // English must not be a copy of the Chinese (a forgotten translation).
            assert_ne!(texts[0], texts[2], "{key} is not translated to English");
        }
    }

    #[test]
    fn traditional_texts_use_traditional_characters() {
        // Characters that differ between the scripts must not leak from Simplified into
        // Traditional texts.
        const SIMPLIFIED_ONLY: &str =
            "们个这说时对为会从门问题页码关开发经过还进里东业务号认证员应";
        for (key, texts) in all_messages() {
            for c in texts[1].chars() {
                assert!(
                    !SIMPLIFIED_ONLY.contains(c),
                    "{key}: simplified {c} in traditional text {:?}",
                    texts[1]
                );
            }
        }
    }
}
