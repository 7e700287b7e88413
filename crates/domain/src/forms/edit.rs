//! Editing a form definition one step at a time, as the console's builder does: finding a
//! question by its key (`spouse_name`, or `members.name` for a member of a group), the path
//! its check errors carry, moving things up and down, and new questions that are valid as
//! they are (a new choice already has two options), so that every small edit can be saved
//! and checked whole.

use super::{ChoiceOption, Field, FieldKind, FileType, FormDef, Label};
use crate::region::RegionLevel;

/// Where a question sits in a definition: a top-level field, or a member of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldAt {
    /// Index of the section.
    pub section: usize,
    /// Index of the field in the section.
    pub field: usize,
    /// Index of the member, when the question is inside a group.
    pub member: Option<usize>,
}

impl FieldAt {
    /// The path [`FormDef::check`] reports this question's problems under:
    /// `sections[0].fields[2]` or `sections[0].fields[2].kind.fields[1]`.
    pub fn path(&self) -> String {
        let top = format!("sections[{}].fields[{}]", self.section, self.field);
        match self.member {
            Some(m) => format!("{top}.kind.fields[{m}]"),
            None => top,
        }
    }

    /// The group that holds this member (itself for a top-level field).
    pub fn top(&self) -> FieldAt {
        FieldAt {
            member: None,
            ..*self
        }
    }
}

impl FormDef {
    /// Finds a question by its locator: a top-level key, or `group.member`.
    pub fn locate(&self, locator: &str) -> Option<FieldAt> {
        let (top, member) = match locator.split_once('.') {
            Some((g, m)) => (g, Some(m)),
            None => (locator, None),
        };
        for (s, section) in self.sections.iter().enumerate() {
            if let Some(f) = section.fields.iter().position(|f| f.key == top) {
                let member = match (member, &section.fields[f].kind) {
                    (None, _) => None,
                    (Some(m), FieldKind::Group { fields, .. }) => {
                        Some(fields.iter().position(|g| g.key == m)?)
                    }
                    (Some(_), _) => return None,
                };
                return Some(FieldAt {
                    section: s,
                    field: f,
                    member,
                });
            }
        }
        None
    }

    /// The question at a place found by [`FormDef::locate`].
    pub fn field_at(&self, at: FieldAt) -> Option<&Field> {
        let top = self.sections.get(at.section)?.fields.get(at.field)?;
        match (at.member, &top.kind) {
            (None, _) => Some(top),
            (Some(m), FieldKind::Group { fields, .. }) => fields.get(m),
            (Some(_), _) => None,
        }
    }

    /// The question at a place, to change it.
    pub fn field_at_mut(&mut self, at: FieldAt) -> Option<&mut Field> {
        let top = self
            .sections
            .get_mut(at.section)?
            .fields
            .get_mut(at.field)?;
        let Some(m) = at.member else {
            return Some(top);
        };
        match &mut top.kind {
            FieldKind::Group { fields, .. } => fields.get_mut(m),
            _ => None,
        }
    }

    /// The list a question sits in (its section's fields, or its group's members), to add,
    /// move or remove questions there.
    pub fn siblings_mut(&mut self, at: FieldAt) -> Option<&mut Vec<Field>> {
        let fields = &mut self.sections.get_mut(at.section)?.fields;
        match at.member {
            None => Some(fields),
            Some(_) => match &mut fields.get_mut(at.field)?.kind {
                FieldKind::Group { fields, .. } => Some(fields),
                _ => None,
            },
        }
    }
}

/// Moves `list[i]` one place towards the start (`up`) or the end. Returns whether it moved
/// (the first cannot go up, the last cannot go down).
pub fn shift<T>(list: &mut [T], i: usize, up: bool) -> bool {
    let j = if up {
        i.checked_sub(1)
    } else {
        i.checked_add(1)
    };
    match j {
        Some(j) if i < list.len() && j < list.len() => {
            list.swap(i, j);
            true
        }
        _ => false,
    }
}

/// The names of the kinds of question, in the order the builder offers them.
pub const KIND_NAMES: [&str; 12] = [
    "text",
    "number",
    "date",
    "choice",
    "multi_choice",
    "id_number",
    "phone",
    "credit_code",
    "bank_card",
    "address",
    "file",
    "group",
];

fn label(zh: &str, en: &str) -> Label {
    Label {
        zh: zh.to_owned(),
        en: Some(en.to_owned()),
    }
}

impl FieldKind {
    /// The kind's name as stored (`text`, `multi_choice`…), one of [`KIND_NAMES`].
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text { .. } => "text",
            FieldKind::Number { .. } => "number",
            FieldKind::Date { .. } => "date",
            FieldKind::Choice { .. } => "choice",
            FieldKind::MultiChoice { .. } => "multi_choice",
            FieldKind::IdNumber => "id_number",
            FieldKind::Phone => "phone",
            FieldKind::CreditCode => "credit_code",
            FieldKind::BankCard => "bank_card",
            FieldKind::Address { .. } => "address",
            FieldKind::File { .. } => "file",
            FieldKind::Group { .. } => "group",
        }
    }

    /// A new question's kind with everyday limits, valid as it is: 200 characters of text,
    /// whole numbers, two options 是/否 for a choice, PDF or photos up to 10 MiB (five files),
    /// an address down to the county, a group of up to ten entries asking a name. `None` for
    /// an unknown name.
    pub fn starter(name: &str) -> Option<FieldKind> {
        let yes_no = || {
            vec![
                ChoiceOption {
                    value: "yes".to_owned(),
                    label: label("是", "Yes"),
                },
                ChoiceOption {
                    value: "no".to_owned(),
                    label: label("否", "No"),
                },
            ]
        };
        Some(match name {
            "text" => FieldKind::Text {
                max_len: 200,
                multiline: false,
            },
            "number" => FieldKind::Number {
                min: None,
                max: None,
                decimals: 0,
                unit: None,
            },
            "date" => FieldKind::Date {
                past_only: false,
                future_only: false,
            },
            "choice" => FieldKind::Choice { options: yes_no() },
            "multi_choice" => FieldKind::MultiChoice {
                options: yes_no(),
                min: 0,
                max: 0,
            },
            "id_number" => FieldKind::IdNumber,
            "phone" => FieldKind::Phone,
            "credit_code" => FieldKind::CreditCode,
            "bank_card" => FieldKind::BankCard,
            "address" => FieldKind::Address {
                level: RegionLevel::County,
            },
            "file" => FieldKind::File {
                accept: vec![FileType::Pdf, FileType::Jpeg, FileType::Png],
                max_bytes: 10 * 1024 * 1024,
                max_files: 5,
            },
            "group" => FieldKind::Group {
                fields: vec![Field::new("name", label("姓名", "Name"), "text")?],
                min: 0,
                max: 10,
            },
            _ => return None,
        })
    }
}

impl Field {
    /// A new, optional question of a kind (see [`FieldKind::starter`]); `None` for an unknown
    /// kind name.
    pub fn new(key: &str, label: Label, kind: &str) -> Option<Field> {
        Some(Field {
            key: key.to_owned(),
            label,
            hint: None,
            kind: FieldKind::starter(kind)?,
            required: false,
            visible_if: None,
            prefill: None,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::forms::Section;

    fn form() -> FormDef {
        let q = |key: &str, kind: &str| Field::new(key, label("问题", "Question"), kind).unwrap();
        FormDef {
            sections: vec![
                Section {
                    key: "applicant".into(),
                    title: label("申请人", "Applicant"),
                    fields: vec![q("name", "text"), q("married", "choice")],
                },
                Section {
                    key: "family".into(),
                    title: label("家庭", "Family"),
                    fields: vec![q("members", "group"), q("proof", "file")],
                },
            ],
        }
    }

    #[test]
    fn every_new_kind_of_question_passes_the_definition_check() {
        for (i, kind) in KIND_NAMES.iter().enumerate() {
            let mut def = form();
            let f = Field::new(&format!("added{i}"), label("新问题", "New"), kind).unwrap();
            assert_eq!(f.kind.name(), *kind);
            def.sections[0].fields.push(f);
            assert_eq!(def.check(), Ok(()), "{kind}");
        }
        assert!(Field::new("x", label("x", "x"), "signature").is_none());
    }

    #[test]
    fn a_member_of_a_group_is_found_by_group_dot_member_with_the_path_its_errors_carry() {
        let def = form();
        let at = def.locate("members.name").unwrap();
        assert_eq!(at.path(), "sections[1].fields[0].kind.fields[0]");
        assert_eq!(def.field_at(at).unwrap().key, "name");
        assert_eq!(at.top().path(), "sections[1].fields[0]");
        let top = def.locate("proof").unwrap();
        assert_eq!(top.path(), "sections[1].fields[1]");
        assert!(def.locate("members.age").is_none());
        assert!(def.locate("proof.name").is_none(), "a file has no members");
        assert!(def.locate("nobody").is_none());
    }

    #[test]
    fn a_new_online_application_is_valid_before_anything_is_edited() {
        let starter = crate::application::ItemForm::starter();
        assert_eq!(starter.check(), Ok(()));
        assert_eq!(starter.form.sections[0].fields[0].key, "applicant_name");
    }

    #[test]
    fn moving_stops_at_either_end() {
        let mut v = vec![1, 2, 3];
        assert!(!shift(&mut v, 0, true));
        assert!(shift(&mut v, 0, false));
        assert_eq!(v, [2, 1, 3]);
        assert!(!shift(&mut v, 2, false));
        assert!(!shift(&mut v, 7, true));
        assert!(shift(&mut v, 2, true));
        assert_eq!(v, [2, 3, 1]);
    }
}
