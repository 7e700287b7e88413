//! Checks a form definition before the console saves it, so that no submission ever meets a
//! form its checks cannot handle (a condition on a later field, a choice without options). All
//! problems are reported at once, at paths such as `sections[2].fields[1].key`.

use std::collections::HashSet;

use super::values::MAX_DECIMALS;
use super::{AccountValue, ChoiceOption, Condition, Field, FieldKind, FormDef, Label, Prefill};
use crate::{FieldCode, FieldErrors};

/// Longest title, question, option or unit, in characters.
const MAX_LABEL: usize = 200;
/// Help under a question may say more than the question itself.
const MAX_HINT: usize = 1000;
/// More options than this belong in a region picker or a search, not a list.
const MAX_OPTIONS: usize = 100;
/// Longest text answer a form may allow, in characters.
const MAX_TEXT: u32 = 2000;
/// Largest upload: 20 MiB, what a phone photo or a scanned PDF needs.
pub(super) const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Most files one upload field takes.
const MAX_FILES: u32 = 10;
/// Most entries of a repeatable group.
pub(super) const MAX_ENTRIES: u32 = 50;

impl FormDef {
    /// Checks a definition written by staff: keys well-formed and unique, labels present and
    /// short, limits within the platform's bounds, conditions pointing at an earlier choice
    /// field and at its options, prefills fitting their field. Every problem is reported.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.sections.is_empty() {
            errors.add("sections", FieldCode::Required);
        }
        let mut section_keys = HashSet::new();
        let mut field_keys = HashSet::new();
        let mut earlier: Vec<&Field> = Vec::new();
        for (i, section) in self.sections.iter().enumerate() {
            let at = format!("sections[{i}]");
            check_key(&section.key, &mut section_keys, &at, &mut errors);
            check_label(
                &section.title,
                MAX_LABEL,
                &format!("{at}.title"),
                &mut errors,
            );
            if section.fields.is_empty() {
                errors.add_path(format!("{at}.fields"), FieldCode::Required);
            }
            for (j, field) in section.fields.iter().enumerate() {
                let at = format!("{at}.fields[{j}]");
                check_key(&field.key, &mut field_keys, &at, &mut errors);
                let place = Place {
                    form: &earlier,
                    entry: &[],
                    in_group: false,
                };
                check_field(field, &at, &place, &mut errors);
                earlier.push(field);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// What a field can see when it is checked: the top-level fields before it and, for a group
/// member, the members before it in the same entry.
struct Place<'d> {
    form: &'d [&'d Field],
    entry: &'d [Field],
    in_group: bool,
}

impl<'d> Place<'d> {
    /// The field a condition names, looked up the way the answer checks look it up: an earlier
    /// member of the same entry first, then an earlier top-level field.
    fn earlier(&self, key: &str) -> Option<&'d Field> {
        self.entry
            .iter()
            .find(|f| f.key == key)
            .or_else(|| self.form.iter().copied().find(|f| f.key == key))
    }
}

fn check_field(field: &Field, at: &str, place: &Place, errors: &mut FieldErrors) {
    check_label(&field.label, MAX_LABEL, &format!("{at}.label"), errors);
    if let Some(hint) = &field.hint {
        check_label(hint, MAX_HINT, &format!("{at}.hint"), errors);
    }
    check_kind(&field.kind, &format!("{at}.kind"), place, errors);
    if let Some(cond) = &field.visible_if {
        check_condition(cond, &format!("{at}.visible_if"), place, errors);
    }
    if let Some(prefill) = &field.prefill {
        check_prefill(
            prefill,
            &field.kind,
            &format!("{at}.prefill"),
            place,
            errors,
        );
    }
}

fn check_kind(kind: &FieldKind, at: &str, place: &Place, errors: &mut FieldErrors) {
    let out_of_range = |errors: &mut FieldErrors, part: &str, bad: bool| {
        if bad {
            errors.add_path(format!("{at}.{part}"), FieldCode::OutOfRange);
        }
    };
    match kind {
        FieldKind::Text { max_len, .. } => {
            out_of_range(errors, "max_len", !(1..=MAX_TEXT).contains(max_len));
        }
        FieldKind::Number {
            min,
            max,
            decimals,
            unit,
        } => {
            out_of_range(errors, "decimals", *decimals > MAX_DECIMALS);
            out_of_range(
                errors,
                "min",
                matches!((min, max), (Some(lo), Some(hi)) if lo > hi),
            );
            if let Some(unit) = unit {
                check_label(unit, MAX_LABEL, &format!("{at}.unit"), errors);
            }
        }
        FieldKind::Date {
            past_only,
            future_only,
        } => {
            if *past_only && *future_only {
                errors.add_path(format!("{at}.future_only"), FieldCode::InvalidChoice);
            }
        }
        FieldKind::Choice { options } => check_options(options, at, errors),
        FieldKind::MultiChoice { options, min, max } => {
            let too_many_needed = *max > 0 && min > max || *min as usize > options.len();
            out_of_range(errors, "min", too_many_needed);
            check_options(options, at, errors);
        }
        FieldKind::IdNumber
        | FieldKind::Phone
        | FieldKind::CreditCode
        | FieldKind::BankCard
        | FieldKind::Address { .. } => {}
        FieldKind::File {
            accept,
            max_bytes,
            max_files,
        } => {
            out_of_range(
                errors,
                "max_bytes",
                !(1..=MAX_FILE_BYTES).contains(max_bytes),
            );
            out_of_range(errors, "max_files", !(1..=MAX_FILES).contains(max_files));
            if accept.is_empty() {
                errors.add_path(format!("{at}.accept"), FieldCode::Required);
            }
        }
        FieldKind::Group { fields, min, max } => {
            out_of_range(errors, "max", !(1..=MAX_ENTRIES).contains(max));
            out_of_range(errors, "min", min > max);
            check_members(fields, at, place, errors);
        }
    }
}

/// A group's members: keys unique within the group, no group inside a group (an entry of an
/// entry has no page to be filled on).
fn check_members(members: &[Field], at: &str, place: &Place, errors: &mut FieldErrors) {
    if members.is_empty() {
        errors.add_path(format!("{at}.fields"), FieldCode::Required);
    }
    if place.in_group {
        // Already refused as a nested group; its members are not worth checking.
        return;
    }
    let mut keys = HashSet::new();
    for (k, member) in members.iter().enumerate() {
        let at = format!("{at}.fields[{k}]");
        check_key(&member.key, &mut keys, &at, errors);
        if matches!(member.kind, FieldKind::Group { .. }) {
            errors.add_path(format!("{at}.kind"), FieldCode::InvalidChoice);
        }
        let inner = Place {
            form: place.form,
            entry: &members[..k],
            in_group: true,
        };
        check_field(member, &at, &inner, errors);
    }
}

fn check_options(options: &[ChoiceOption], at: &str, errors: &mut FieldErrors) {
    if options.is_empty() {
        errors.add_path(format!("{at}.options"), FieldCode::Required);
    } else if options.len() > MAX_OPTIONS {
        errors.add_path(format!("{at}.options"), FieldCode::TooMany);
    }
    let mut seen = HashSet::new();
    for (i, option) in options.iter().enumerate() {
        let at = format!("{at}.options[{i}]");
        if !is_option_value(&option.value) {
            errors.add_path(format!("{at}.value"), FieldCode::InvalidKey);
        } else if !seen.insert(option.value.as_str()) {
            errors.add_path(format!("{at}.value"), FieldCode::DuplicateKey);
        }
        check_label(&option.label, MAX_LABEL, &format!("{at}.label"), errors);
    }
}

fn check_condition(cond: &Condition, at: &str, place: &Place, errors: &mut FieldErrors) {
    let options = match place.earlier(&cond.field).map(|f| &f.kind) {
        None => {
            errors.add_path(format!("{at}.field"), FieldCode::UnknownField);
            return;
        }
        Some(FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. }) => options,
        Some(_) => {
            errors.add_path(format!("{at}.field"), FieldCode::InvalidChoice);
            return;
        }
    };
    if cond.any_of.is_empty() {
        // A condition that nothing satisfies hides the field for good: a mistake, not a wish.
        errors.add_path(format!("{at}.any_of"), FieldCode::Required);
    }
    for (k, value) in cond.any_of.iter().enumerate() {
        if !options.iter().any(|o| o.value == *value) {
            errors.add_path(format!("{at}.any_of[{k}]"), FieldCode::InvalidChoice);
        }
    }
}

/// Account values fill only the field kind that holds them; a certificate value fills any
/// single answer. A group entry has no one value to fill, so members take no prefill.
fn check_prefill(
    prefill: &Prefill,
    kind: &FieldKind,
    at: &str,
    place: &Place,
    errors: &mut FieldErrors,
) {
    if place.in_group {
        errors.add_path(at.to_owned(), FieldCode::InvalidChoice);
        return;
    }
    match prefill {
        Prefill::Account { value } => {
            let fits = matches!(
                (value, kind),
                (
                    AccountValue::Name | AccountValue::IssuingRegion,
                    FieldKind::Text { .. }
                ) | (AccountValue::IdNumber, FieldKind::IdNumber)
                    | (AccountValue::Phone, FieldKind::Phone)
                    | (AccountValue::BirthDate, FieldKind::Date { .. })
            ) || (*value == AccountValue::Sex && is_sex_choice(kind));
            if !fits {
                errors.add_path(at.to_owned(), FieldCode::InvalidChoice);
            }
        }
        Prefill::Certificate { cert_type, field } => {
            if matches!(kind, FieldKind::File { .. } | FieldKind::Group { .. }) {
                errors.add_path(at.to_owned(), FieldCode::InvalidChoice);
            }
            if !is_key(cert_type) {
                errors.add_path(format!("{at}.cert_type"), FieldCode::InvalidKey);
            }
            if !is_key(field) {
                errors.add_path(format!("{at}.field"), FieldCode::InvalidKey);
            }
        }
    }
}

/// A key's error goes to `{at}.key`; `seen` holds the keys of the same scope so far.
fn check_key<'k>(key: &'k str, seen: &mut HashSet<&'k str>, at: &str, errors: &mut FieldErrors) {
    if !is_key(key) {
        errors.add_path(format!("{at}.key"), FieldCode::InvalidKey);
    } else if !seen.insert(key) {
        errors.add_path(format!("{at}.key"), FieldCode::DuplicateKey);
    }
}

fn check_label(label: &Label, max: usize, at: &str, errors: &mut FieldErrors) {
    if label.zh.trim().is_empty() {
        errors.add_path(format!("{at}.zh"), FieldCode::Required);
    } else if let Err(code) = label_text(&label.zh, max) {
        errors.add_path(format!("{at}.zh"), code);
    }
    if let Some(en) = &label.en
        && let Err(code) = label_text(en, max)
    {
        errors.add_path(format!("{at}.en"), code);
    }
}

/// Labels are shown on every page of the form: no control characters or direction overrides
/// (which could make a label read differently from what staff approved).
fn label_text(s: &str, max: usize) -> Result<(), FieldCode> {
    if s.chars().count() > max {
        Err(FieldCode::TooLong)
    } else if s.chars().any(super::values::is_hidden_char) {
        Err(FieldCode::InvalidCharacters)
    } else {
        Ok(())
    }
}

/// `[a-z][a-z0-9_]{0,39}`: safe in a URL, a form field name and a JSON path alike.
pub(super) fn is_key(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && s.len() <= 40
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
}

/// `[a-z0-9_]{1,40}`.
fn is_option_value(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.bytes()
            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
}

/// A choice field that a sex read from the ID number can answer: options `male` and `female`.
fn is_sex_choice(kind: &FieldKind) -> bool {
    match kind {
        FieldKind::Choice { options } => {
            options.iter().any(|o| o.value == "male") && options.iter().any(|o| o.value == "female")
        }
        _ => false,
    }
}
