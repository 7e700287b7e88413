//! Answers from an HTML form post. Pages post flat `name=value` pairs; this turns them into
//! the same [`Answers`] the JSON API receives, so one check serves both. Names:
//!
//! - a single answer: `key=value` (the first pair counts);
//! - a multiple choice or a file field: `key=value` repeated, one pair per pick or file id;
//! - an address: `key.region` and `key.detail`;
//! - a group entry's member: `key[i].member` (and `key[i].member.region` …), where `i` is
//!   `0..=999`. Entries come out in index order with gaps closed; entries with nothing filled
//!   in (a blank row the page offered) are dropped; at most the group's `max` (and never more
//!   than 50) are kept.
//!
//! Blank values are left out, names that are not the form's are ignored, and no input makes
//! this panic: whatever arrives, the answer check decides.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::check::MAX_ENTRIES;
use super::{Answers, Field, FieldKind, FormDef};

/// Highest entry index read from a posted name; a page never offers more rows.
const MAX_INDEX: usize = 999;

/// The answers posted for one section (`Some(key)`, as a section page posts) or the whole
/// form (`None`). An unknown section gives no answers.
pub fn answers_from_pairs(
    def: &FormDef,
    section: Option<&str>,
    pairs: &[(String, String)],
) -> Answers {
    let fields: Vec<&Field> = match section {
        None => def.fields().map(|(_, f)| f).collect(),
        Some(key) => match def.section(key) {
            Some(s) => s.fields.iter().collect(),
            None => return Answers::new(),
        },
    };
    let mut posted = Posted::default();
    for (name, value) in pairs {
        posted.add(name, value);
    }
    build(&fields, &posted)
}

/// Puts a section's answers into the whole form's: each of the section's keys takes the new
/// answer, or is removed when the new answers lack it (a cleared field, an unticked box).
/// Keys that are not the section's are left alone, on both sides.
pub fn merge(into: &mut Answers, section_answers: Answers, def: &FormDef, section: &str) {
    let Some(section) = def.section(section) else {
        return;
    };
    let mut new = section_answers;
    for field in &section.fields {
        match new.remove(&field.key) {
            Some(v) => into.insert(field.key.clone(), v),
            None => into.remove(&field.key),
        };
    }
}

/// Posted values by name, in arrival order, blanks left out.
#[derive(Default)]
struct Posted<'p> {
    by_name: HashMap<&'p str, Vec<&'p str>>,
}

impl<'p> Posted<'p> {
    fn add(&mut self, name: &'p str, value: &'p str) {
        let values = self.by_name.entry(name).or_default();
        if !value.trim().is_empty() {
            values.push(value);
        }
    }

    fn first(&self, name: &str) -> Option<&'p str> {
        self.all(name).first().copied()
    }

    fn all(&self, name: &str) -> &[&'p str] {
        self.by_name
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The pairs named `key[i].rest`, as one `Posted` of `rest` names per index `i`.
    fn entries(&self, key: &str) -> BTreeMap<usize, Posted<'p>> {
        let mut entries: BTreeMap<usize, Posted<'p>> = BTreeMap::new();
        for (name, values) in &self.by_name {
            let Some((index, rest)) = entry_name(name, key) else {
                continue;
            };
            let entry = entries.entry(index).or_default();
            for value in values {
                entry.add(rest, value);
            }
        }
        entries
    }
}

/// Splits `key[12].rest` into `(12, "rest")`.
fn entry_name<'n>(name: &'n str, key: &str) -> Option<(usize, &'n str)> {
    let rest = name.strip_prefix(key)?.strip_prefix('[')?;
    let (index, rest) = rest.split_once("].")?;
    if index.is_empty() || index.len() > 3 || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let index: usize = index.parse().ok()?;
    (index <= MAX_INDEX && !rest.is_empty()).then_some((index, rest))
}

fn build(fields: &[&Field], posted: &Posted) -> Answers {
    let mut answers = Answers::new();
    for field in fields {
        if let Some(v) = answer(field, posted) {
            answers.insert(field.key.clone(), v);
        }
    }
    answers
}

fn answer(field: &Field, posted: &Posted) -> Option<Value> {
    let key = field.key.as_str();
    let text = |s: &str| Value::String(s.to_owned());
    match &field.kind {
        FieldKind::Text { .. }
        | FieldKind::Number { .. }
        | FieldKind::Date { .. }
        | FieldKind::Choice { .. }
        | FieldKind::IdNumber
        | FieldKind::Phone
        | FieldKind::CreditCode
        | FieldKind::BankCard => posted.first(key).map(text),
        FieldKind::MultiChoice { .. } | FieldKind::File { .. } => {
            let all = posted.all(key);
            (!all.is_empty()).then(|| Value::Array(all.iter().map(|s| text(s)).collect()))
        }
        FieldKind::Address { .. } => {
            let region = posted.first(&format!("{key}.region"));
            let detail = posted.first(&format!("{key}.detail"));
            if region.is_none() && detail.is_none() {
                return None;
            }
            let mut parts = Answers::new();
            parts.insert("region".into(), text(region.unwrap_or_default()));
            parts.insert("detail".into(), text(detail.unwrap_or_default()));
            Some(Value::Object(parts))
        }
        FieldKind::Group { fields, max, .. } => {
            let members: Vec<&Field> = fields
                .iter()
                // A group inside a group is refused by the definition check; reading one here
                // would only let names nest without bound.
                .filter(|f| !matches!(f.kind, FieldKind::Group { .. }))
                .collect();
            let limit = (*max).min(MAX_ENTRIES) as usize;
            let entries: Vec<Value> = posted
                .entries(key)
                .values()
                .map(|entry| build(&members, entry))
                .filter(|entry| !entry.is_empty())
                .take(limit)
                .map(Value::Object)
                .collect();
            (!entries.is_empty()).then_some(Value::Array(entries))
        }
    }
}
