//! The translation core: every word the platform shows, in Simplified Chinese, Traditional
//! Chinese and English.
//!
//! Pages call `t.some_key()` on a [`Tr`]. The kit's own texts (the page frame, error pages,
//! words every page uses) are defined here with `messages!`; each capability defines its
//! texts as a trait on [`Tr`] with [`texts!`](crate::texts), in its own crate. Either way a key
//! carries all three texts, so a missing translation is a compile error, not a blank on a
//! page. Error and field codes and the domain's classifications are translated here too, by
//! exhaustive `match`es.

mod catalog_names;
mod codes;
mod common;

pub use catalog_names::Of;

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

/// What capability texts build on: a value that gives the translator (implemented by [`Tr`]).
pub trait Words: Copy {
    /// The translator.
    fn tr(self) -> Tr;
}

impl Words for Tr {
    fn tr(self) -> Tr {
        self
    }
}

/// Defines a capability's UI texts as a trait on [`Tr`]:
/// `texts! { pub trait ApplyTexts { key: "简体", "繁體", "English"; … } }`. Each key becomes a
/// method with all three texts (bring the trait into scope where pages use them), and
/// `ALL_MESSAGES` lists them for [`check_texts`] in the capability's tests.
#[macro_export]
macro_rules! texts {
    ($(#[$meta:meta])* $vis:vis trait $name:ident { $($key:ident: $hans:literal, $hant:literal, $en:literal;)* }) => {
        $(#[$meta])*
        $vis trait $name: $crate::i18n::Words {
            $(
                #[doc = $en]
                fn $key(self) -> &'static str {
                    $crate::i18n::Words::tr(self).pick($hans, $hant, $en)
                }
            )*
        }

        impl $name for $crate::i18n::Tr {}

        /// Every key with its three texts, for tests.
        #[cfg(test)]
        pub const ALL_MESSAGES: &[(&str, [&str; 3])] = &[$((stringify!($key), [$hans, $hant, $en]),)*];
    };
}

/// Checks a list of texts: none blank, every English text translated, no Simplified-only
/// character in a Traditional text, and no sequence that is wrong in Traditional text in
/// context (`yiwang_domain::zh::WRONG_IN_TRADITIONAL`: 髮 for 發, 里 for 裡, 默認, 信息 …).
/// Each capability's tests call it over its texts.
pub fn check_texts<'a>(all: impl IntoIterator<Item = &'a (&'a str, [&'a str; 3])>) {
    // Characters that differ between the scripts must not leak from Simplified into
    // Traditional texts.
    const SIMPLIFIED_ONLY: &str = "们个这说时对为会从门问题页码关开发经过还进里东业务号认证员应";
    for (key, texts) in all {
        for t in texts {
            assert!(!t.trim().is_empty(), "{key} has a blank text");
        }
        // English must not be a copy of the Chinese (a forgotten translation).
        assert_ne!(texts[0], texts[2], "{key} is not translated to English");
        for c in texts[1].chars() {
            assert!(
                !SIMPLIFIED_ONLY.contains(c),
                "{key}: simplified {c} in traditional text {:?}",
                texts[1]
            );
        }
        let wrong = yiwang_domain::zh::wrong_in_traditional(texts[1]);
        assert!(
            wrong.is_empty(),
            "{key}: {wrong:?} (found, write instead) in traditional text {:?}",
            texts[1]
        );
    }
}

/// Defines the kit's own UI texts: `key: "简体", "繁體", "English";`. Generates one method per
/// key on [`Tr`] and the list of keys for the completeness test.
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
    use super::Tr;
    use yiwang_domain::Lang;

    #[test]
    fn every_kit_text_is_translated() {
        super::check_texts(super::common::ALL_MESSAGES);
    }

    /// The names of codes and classifications are `match`es, not `messages!`: every value of
    /// every one goes through the same checks.
    #[test]
    fn every_name_of_a_code_or_classification_passes_the_checks() {
        use yiwang_domain::audit::AuditAction;
        use yiwang_domain::auth::Role;
        use yiwang_domain::catalog::{
            Audience, Channel, ItemStatus, ItemType, LifeStage, MaterialSource, Subject, Tag,
            Topic, Visits,
        };
        use yiwang_domain::enterprise::AgentRole;
        use yiwang_domain::region::RegionLevel;
        use yiwang_domain::workflow::RatingLevel;
        use yiwang_domain::{ErrorCode, FieldCode};
        let mut all: Vec<(String, [&str; 3])> = Vec::new();
        macro_rules! names {
            ($($method:ident: $ty:ty),* $(,)?) => {$(
                for v in <$ty>::ALL {
                    let [a, b, c] = Lang::ALL.map(|l| Tr(l).$method(v));
                    all.push((format!("{}({v:?})", stringify!($method)), [a, b, c]));
                }
            )*};
        }
        names!(
            error: ErrorCode, field: FieldCode, role: Role, agent_role: AgentRole,
            level: RegionLevel, audit_action: AuditAction, rating_level: RatingLevel,
            item_type: ItemType, tag: Tag, subject: Subject, topic: Topic,
            life_stage: LifeStage, life_stage_desc: LifeStage, audience: Audience,
            visits: Visits, channel: Channel, material_source: MaterialSource,
            item_status: ItemStatus,
        );
        let all: Vec<(&str, [&str; 3])> = all.iter().map(|(k, t)| (k.as_str(), *t)).collect();
        super::check_texts(&all);
    }
}
