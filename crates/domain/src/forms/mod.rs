//! Application forms (APP-1): what an item's online form asks, in which sections, with which
//! checks, and what a filled-in form looks like.
//!
//! A [`FormDef`] is data, written by staff in the console and stored as JSON; the platform
//! never needs code to add a form. Answers are a JSON object keyed by field key (see
//! [`Answers`]); the same checks run for the web pages (which post flat `name=value` pairs,
//! turned into answers by [`pairs`]) and for the JSON API.

use serde::{Deserialize, Serialize};

/// A text in the staff's words: Chinese (Simplified; Traditional is derived for display) and
/// optionally English (Chinese is shown where it is missing).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Simplified Chinese.
    pub zh: String,
    /// English, if written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// One item's form: sections in order. Long forms show a task list of sections; a form with
/// one section is filled on one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDef {
    /// The sections, in the order they are filled.
    pub sections: Vec<Section>,
}

/// One step of the task list (e.g. 申请人信息, 婚姻状况, 上传材料).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Stable key, `[a-z][a-z0-9_]{0,39}`, unique in the form.
    pub key: String,
    /// Heading.
    pub title: Label,
    /// The questions, in order.
    pub fields: Vec<Field>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// Stable key, `[a-z][a-z0-9_]{0,39}`, unique in the whole form (group members are unique
    /// within their group); answers and rules refer to it.
    pub key: String,
    /// The question.
    pub label: Label,
    /// Help shown under the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Label>,
    /// What kind of answer, with its limits.
    pub kind: FieldKind,
    /// Whether an answer is needed (when the field is shown).
    #[serde(default)]
    pub required: bool,
    /// Shown only when this holds; a hidden field's answer is dropped on submission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Condition>,
    /// Where the platform can fill the answer from, so the applicant is not asked again for
    /// what the government holds (once-only, CERT-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<Prefill>,
}

/// The kinds of answer, each with its own limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text, at most `max_len` characters (1..=2000).
    Text {
        /// Character limit.
        max_len: u32,
        /// A multi-line box instead of one line.
        #[serde(default)]
        multiline: bool,
    },
    /// A number with at most `decimals` digits after the point, within the bounds. Kept as
    /// the decimal text the applicant wrote (normalised), never as a float.
    Number {
        /// Lowest allowed value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<i64>,
        /// Highest allowed value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<i64>,
        /// Digits allowed after the decimal point (0..=4).
        #[serde(default)]
        decimals: u8,
        /// Unit shown after the box (元, 平方米…).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Label>,
    },
    /// A calendar date `YYYY-MM-DD`.
    Date {
        /// Dates after today are refused (birth dates, past events).
        #[serde(default)]
        past_only: bool,
        /// Dates before today are refused (appointments, planned starts).
        #[serde(default)]
        future_only: bool,
    },
    /// Exactly one of the options.
    Choice {
        /// The options, in order.
        options: Vec<ChoiceOption>,
    },
    /// Any number of the options, within the bounds.
    MultiChoice {
        /// The options, in order.
        options: Vec<ChoiceOption>,
        /// Fewest to pick (when shown and answered or required).
        #[serde(default)]
        min: u32,
        /// Most to pick (0 = no limit).
        #[serde(default)]
        max: u32,
    },
    /// A resident ID number (GB 11643-1999), stored upper-case.
    IdNumber,
    /// A mainland mobile number.
    Phone,
    /// A unified social credit code (GB 32100-2015), stored upper-case.
    CreditCode,
    /// A bank card number (12–19 digits, Luhn check digit), stored as its digits.
    BankCard,
    /// A region from the region tree plus the rest of the address.
    Address {
        /// The deepest level the applicant must pick down to (county, street or community).
        level: crate::region::RegionLevel,
    },
    /// Uploaded files.
    File {
        /// Allowed kinds, sniffed from content (never trusted from the name).
        accept: Vec<FileType>,
        /// Largest file in bytes (at most 20 MiB).
        max_bytes: u64,
        /// Most files (1..=10).
        max_files: u32,
    },
    /// A repeatable group (family members, shareholders…): each entry answers `fields`.
    /// Groups do not nest.
    Group {
        /// The questions of one entry.
        fields: Vec<Field>,
        /// Fewest entries.
        #[serde(default)]
        min: u32,
        /// Most entries (1..=50).
        max: u32,
    },
}

/// One option of a choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// The stored value, `[a-z0-9_]{1,40}`.
    pub value: String,
    /// What the applicant reads.
    pub label: Label,
}

crate::stable_names! {
    /// File kinds an upload field may accept, recognised by their first bytes.
    pub enum FileType {
        /// PDF document.
        Pdf = "pdf",
        /// JPEG photo or scan.
        Jpeg = "jpeg",
        /// PNG image.
        Png = "png",
        /// OFD (the national fixed-layout document format: a ZIP container).
        Ofd = "ofd",
    }
}

/// When a field is shown: another field's answer (a field earlier in the form, or in the same
/// group entry) equals one of the values, or — for a multiple choice — includes one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// The key of the field it depends on.
    pub field: String,
    /// The values that make this field shown.
    pub any_of: Vec<String>,
}

/// A source that fills an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Prefill {
    /// The applicant's verified account: `name`, `id_number` or `phone`.
    Account {
        /// Which account value.
        value: AccountValue,
    },
    /// A valid certificate the applicant holds: certificate type code and the field in its
    /// data.
    Certificate {
        /// Certificate type code (e.g. `nurse_practice`).
        cert_type: String,
        /// Field of the certificate's data.
        field: String,
    },
}

crate::stable_names! {
    /// Values of the applicant's own verified account that a form may use.
    pub enum AccountValue {
        /// Real name.
        Name = "name",
        /// Resident ID number.
        IdNumber = "id_number",
        /// Mobile number.
        Phone = "phone",
        /// Date of birth, read from the ID number (GB 11643), never typed.
        BirthDate = "birth_date",
        /// Sex, read from the ID number: `male` or `female`.
        Sex = "sex",
        /// The six-digit code of the region where the ID number was issued.
        IssuingRegion = "issuing_region",
    }
}

/// Answers to a form: a JSON object keyed by field key. Text, number, date, ID number, phone
/// and single choice are strings; multiple choice is an array of values; an address is
/// `{"region": code, "detail": text}`; files are an array of file ids; a group is an array of
/// objects keyed by the group's field keys.
pub type Answers = serde_json::Map<String, serde_json::Value>;

/// Every file id the answers name for these fields, at the top level and in group entries (a
/// lone string is read as one id), in form order.
pub fn file_ids(fields: &[Field], answers: &Answers) -> Vec<String> {
    fn strings(v: Option<&serde_json::Value>) -> Vec<String> {
        match v {
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect(),
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }
    let mut ids = Vec::new();
    for f in fields {
        match &f.kind {
            FieldKind::File { .. } => ids.extend(strings(answers.get(&f.key))),
            FieldKind::Group { fields, .. } => {
                let entries = answers.get(&f.key).and_then(serde_json::Value::as_array);
                for e in entries.into_iter().flatten() {
                    for g in fields {
                        if matches!(g.kind, FieldKind::File { .. }) {
                            ids.extend(strings(e.get(&g.key)));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    ids
}

mod check;
mod edit;
mod filetype;
mod lookup;
pub mod pairs;
pub mod prefilled;
mod validate;
mod values;

pub use edit::{FieldAt, KIND_NAMES, shift};
pub use validate::{Ctx, FileMeta, Files, Regions, SectionStatus};

#[cfg(test)]
mod tests;
