//! Vetting a rule set against the item's form before the console saves it, so a rule can never
//! refer to a field that is not there or compare an answer in a way that means nothing.

use std::collections::HashSet;

use super::value::{Decimal, parse_date};
use super::{MAX_LABEL_CHARS, MAX_RULES, Op, RuleSet, Test};
use crate::account::check_plain_text;
use crate::forms::{Field, FieldKind, FormDef, Label};
use crate::ids::ItemId;
use crate::region::RegionCode;
use crate::{FieldCode, FieldErrors};

/// The oldest age a rule may name.
const MAX_AGE: u32 = 150;

impl RuleSet {
    /// Checks the rule set against the form it will judge. Errors name their place as a path
    /// (`rules[2].key`, `rules[0].within[1]`); a kind of field that cannot be compared this
    /// way is [`FieldCode::InvalidChoice`] on the rule's `op` (or on `field` for a region test).
    /// Region codes are checked for shape only; whether they exist is the region table's
    /// business.
    pub fn check(&self, form: &FormDef) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.rules.len() > MAX_RULES {
            errors.add("rules", FieldCode::TooMany);
        }
        let fields: Vec<&Field> = form.sections.iter().flat_map(|s| &s.fields).collect();
        let find = |key: &str| fields.iter().copied().find(|f| f.key == key);
        let mut keys = HashSet::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let mut at = At {
                errors: &mut errors,
                rule: i,
            };
            if !is_key(&rule.key) {
                at.add("key", FieldCode::InvalidKey);
            } else if !keys.insert(rule.key.as_str()) {
                at.add("key", FieldCode::DuplicateKey);
            }
            check_label(&mut at, &rule.label);
            match &rule.test {
                Test::Field {
                    field,
                    op,
                    value,
                    values,
                } => match find(field) {
                    None => at.add("field", FieldCode::UnknownField),
                    Some(f) => check_field_test(&mut at, &f.kind, *op, value.as_deref(), values),
                },
                Test::Age { min, max } => match (min, max) {
                    (None, None) => at.add("min", FieldCode::Required),
                    (Some(m), _) if *m > MAX_AGE => at.add("min", FieldCode::OutOfRange),
                    (_, Some(m)) if *m > MAX_AGE => at.add("max", FieldCode::OutOfRange),
                    (Some(lo), Some(hi)) if lo > hi => at.add("max", FieldCode::OutOfRange),
                    _ => {}
                },
                Test::Region { field, within } => {
                    if let Some(key) = field {
                        match find(key).map(|f| &f.kind) {
                            None => at.add("field", FieldCode::UnknownField),
                            Some(FieldKind::Address { .. }) => {}
                            Some(_) => at.add("field", FieldCode::InvalidChoice),
                        }
                    }
                    if within.is_empty() {
                        at.add("within", FieldCode::Required);
                    }
                    for (j, code) in within.iter().enumerate() {
                        if RegionCode::parse(code).is_err() {
                            at.add(&format!("within[{j}]"), FieldCode::UnknownRegion);
                        }
                    }
                }
                Test::HoldsCertificate { cert_type } => {
                    if !is_key(cert_type) {
                        at.add("cert_type", FieldCode::InvalidKey);
                    }
                }
                Test::NoOpenCase { items } => {
                    for (j, item) in items.iter().enumerate() {
                        // Only the canonical spelling, since open cases are matched as text.
                        let canonical = item
                            .parse::<ItemId>()
                            .is_ok_and(|id| id.to_string() == *item);
                        if !canonical {
                            at.add(&format!("items[{j}]"), FieldCode::UnknownItem);
                        }
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Records errors at paths under one rule.
struct At<'e> {
    errors: &'e mut FieldErrors,
    rule: usize,
}

impl At<'_> {
    fn add(&mut self, part: &str, code: FieldCode) {
        self.errors
            .add_path(format!("rules[{}].{part}", self.rule), code);
    }
}

/// `[a-z][a-z0-9_]{0,39}`: the shape of rule keys and certificate type codes.
fn is_key(s: &str) -> bool {
    let b = s.as_bytes();
    (1..=40).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
}

fn check_label(at: &mut At, label: &Label) {
    if let Err(code) = check_plain_text(&label.zh, 1, MAX_LABEL_CHARS) {
        at.add("label.zh", code);
    }
    if let Some(en) = &label.en
        && let Err(code) = check_plain_text(en, 0, MAX_LABEL_CHARS)
    {
        at.add("label.en", code);
    }
}

/// How a kind of field may be compared.
#[derive(PartialEq)]
enum Comparable {
    /// Numbers and dates: every operator.
    Ordered,
    /// One text or choice: equality and lists.
    Scalar,
    /// A multiple choice: lists only.
    List,
    /// Addresses, files and groups: answered or not.
    Presence,
}

fn comparable(kind: &FieldKind) -> Comparable {
    match kind {
        FieldKind::Number { .. } | FieldKind::Date { .. } => Comparable::Ordered,
        FieldKind::Text { .. }
        | FieldKind::Choice { .. }
        | FieldKind::IdNumber
        | FieldKind::Phone
        | FieldKind::CreditCode
        | FieldKind::BankCard => Comparable::Scalar,
        FieldKind::MultiChoice { .. } => Comparable::List,
        FieldKind::Address { .. } | FieldKind::File { .. } | FieldKind::Group { .. } => {
            Comparable::Presence
        }
    }
}

fn check_field_test(at: &mut At, kind: &FieldKind, op: Op, value: Option<&str>, values: &[String]) {
    let can = comparable(kind);
    let allowed = match op {
        Op::Present | Op::Absent => true,
        Op::Lt | Op::Le | Op::Gt | Op::Ge => can == Comparable::Ordered,
        Op::Eq | Op::Ne => matches!(can, Comparable::Ordered | Comparable::Scalar),
        Op::In | Op::NotIn => can != Comparable::Presence,
    };
    if !allowed {
        at.add("op", FieldCode::InvalidChoice);
        return;
    }
    match op {
        Op::Present | Op::Absent => {}
        Op::In | Op::NotIn => {
            if values.is_empty() {
                at.add("values", FieldCode::Required);
            }
            for (j, v) in values.iter().enumerate() {
                if let Err(code) = check_value(kind, v) {
                    at.add(&format!("values[{j}]"), code);
                }
            }
        }
        _ => match value.map(|v| check_value(kind, v)) {
            None => at.add("value", FieldCode::Required),
            Some(Err(code)) => at.add("value", code),
            Some(Ok(())) => {}
        },
    }
}

/// A value a rule compares with must be one the field could hold.
fn check_value(kind: &FieldKind, v: &str) -> Result<(), FieldCode> {
    if v.trim().is_empty() {
        return Err(FieldCode::Required);
    }
    match kind {
        FieldKind::Number { .. } => Decimal::parse(v).map(drop).ok_or(FieldCode::InvalidNumber),
        FieldKind::Date { .. } => parse_date(v).map(drop).ok_or(FieldCode::InvalidDate),
        FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => {
            if options.iter().any(|o| o.value == v) {
                Ok(())
            } else {
                Err(FieldCode::InvalidChoice)
            }
        }
        _ => Ok(()),
    }
}
