//! The records' pages: the citizen's (`mine.rs`) and the console's (`console.rs`), with the
//! view of a record in plain words they share.

pub mod console;
pub mod mine;

use serde_json::Value;
use yiwang_domain::Lang;
use yiwang_domain::forms::{FieldKind, FormDef, Label};
use yiwang_domain::records::headline;
use yiwang_store::records::Record;

/// A staff-written label in the reader's language.
pub(crate) fn label_text(label: &Label, lang: Lang) -> String {
    match (lang, &label.en) {
        (Lang::En, Some(en)) if !en.trim().is_empty() => en.clone(),
        _ => yiwang_kit::zh::display(&label.zh, lang),
    }
}

/// A record as a line of a list or the head of its page.
pub struct RecordView {
    /// The version's id.
    pub id: String,
    /// The type in the reader's words.
    pub kind: String,
    /// What it says in one line (vaccine and dose, conclusion …).
    pub headline: String,
    /// When it happened.
    pub date: String,
    /// Who sent it: the source system and its department.
    pub from: String,
    /// When a correction of it arrived, for the current version of a corrected record.
    pub corrected_on: Option<String>,
    /// Its fields in plain words: (label, value).
    pub fields: Vec<(String, String)>,
    /// The version number.
    pub version: i64,
    /// Whether a correction replaced it.
    pub superseded: bool,
}

/// The record in the reader's words, the fields labelled by its type's schema.
pub(crate) fn view(r: &Record, schema: Option<&FormDef>, lang: Lang) -> RecordView {
    let kind = match (lang, &r.type_en) {
        (Lang::En, Some(en)) => en.clone(),
        _ => yiwang_kit::zh::display(&r.type_zh, lang),
    };
    let mut fields = Vec::new();
    if let Some(schema) = schema {
        for f in schema.sections.iter().flat_map(|s| &s.fields) {
            let Some(v) = r.data.get(&f.key) else {
                continue;
            };
            let text = match (&f.kind, v) {
                (FieldKind::Choice { options }, Value::String(s)) => options
                    .iter()
                    .find(|o| o.value == *s)
                    .map_or_else(|| s.clone(), |o| label_text(&o.label, lang)),
                (FieldKind::MultiChoice { options, .. }, Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|s| {
                        options
                            .iter()
                            .find(|o| o.value == s)
                            .map_or_else(|| s.to_owned(), |o| label_text(&o.label, lang))
                    })
                    .collect::<Vec<_>>()
                    .join("、"),
                (FieldKind::Number { unit: Some(u), .. }, Value::String(s)) => {
                    format!("{s} {}", label_text(u, lang))
                }
                (_, Value::String(s)) => yiwang_kit::zh::display(s, lang),
                (_, other) => other.to_string(),
            };
            fields.push((label_text(&f.label, lang), text));
        }
    }
    RecordView {
        id: r.id.to_string(),
        kind,
        headline: yiwang_kit::zh::display(&headline(&r.record_type, &r.data), lang),
        date: r.date.clone(),
        from: format!(
            "{} · {}",
            yiwang_kit::zh::department(&r.department_name, lang),
            yiwang_kit::zh::display(&r.source_name, lang)
        ),
        corrected_on: (r.version > 1).then(|| r.received_at.beijing_date().to_string()),
        fields,
        version: r.version,
        superseded: r.superseded_at.is_some(),
    }
}
