//! Finding sections and fields by key, for pages, rules and the answer checks.

use super::{Field, FormDef, Section};

impl FormDef {
    /// The section with this key.
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The top-level field with this key (group members are not top-level: their keys are
    /// unique only within their group).
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields().find(|(_, f)| f.key == key).map(|(_, f)| f)
    }

    /// Every top-level field with its section, in form order.
    pub fn fields(&self) -> impl Iterator<Item = (&Section, &Field)> {
        self.sections
            .iter()
            .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
    }
}
