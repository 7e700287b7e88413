//! Reading a posted question editor into a `Field` over the saved one. Unreadable numbers and
//! choices are reported at the same paths as the definition check's problems
//! (`sections[0].fields[2].kind.min`), so both land on the same inputs.

use yiwang_domain::forms::{
    AccountValue, ChoiceOption, Condition, Field, FieldKind, FileType, Label, Prefill,
};
use yiwang_domain::region::RegionLevel;
use yiwang_domain::{FieldCode, FieldErrors};

use super::field_inputs::MIB;
use super::view::{Posted, label_from};

/// A whole number from an input; blank is `None`, anything else unreadable is reported.
fn number<T: std::str::FromStr>(
    p: &Posted,
    name: &str,
    at: &str,
    errors: &mut FieldErrors,
) -> Option<T> {
    let s = p.text(name);
    if s.is_empty() {
        return None;
    }
    let n = s.parse().ok();
    if n.is_none() {
        errors.add_path(format!("{at}.{name}"), FieldCode::InvalidNumber);
    }
    n
}

/// Reads the posted question over the saved one. A new kind starts from that kind's
/// everyday settings (the old kind's settings mean nothing to it).
pub(super) fn read_field(
    p: &Posted,
    old: &Field,
    at: &str,
    member: bool,
    errors: &mut FieldErrors,
) -> Field {
    let kind_name = p.text("kind");
    let n = |name: &str, e: &mut FieldErrors| number::<i64>(p, name, at, e);
    let kind = if kind_name != old.kind.name() {
        FieldKind::starter(&kind_name).unwrap_or_else(|| {
            errors.add_path(format!("{at}.kind"), FieldCode::InvalidChoice);
            old.kind.clone()
        })
    } else {
        let u32_of = |v: Option<i64>, e: &mut FieldErrors, name: &str| {
            v.map_or(0, |v| {
                u32::try_from(v).unwrap_or_else(|_| {
                    e.add_path(format!("{at}.{name}"), FieldCode::OutOfRange);
                    0
                })
            })
        };
        match &old.kind {
            FieldKind::Text { .. } => {
                let max = n("kind.max_len", errors);
                FieldKind::Text {
                    max_len: u32_of(max, errors, "kind.max_len"),
                    multiline: p.on("kind.multiline"),
                }
            }
            FieldKind::Number { .. } => {
                let unit = label_from(p, "kind.unit");
                FieldKind::Number {
                    min: n("kind.min", errors),
                    max: n("kind.max", errors),
                    decimals: number::<u8>(p, "kind.decimals", at, errors).unwrap_or(0),
                    unit: (!unit.zh.is_empty() || unit.en.is_some()).then_some(unit),
                }
            }
            FieldKind::Date { .. } => FieldKind::Date {
                past_only: p.on("kind.past_only"),
                future_only: p.on("kind.future_only"),
            },
            FieldKind::Choice { .. } => FieldKind::Choice {
                options: read_options(p),
            },
            FieldKind::MultiChoice { .. } => {
                let (lo, hi) = (n("kind.min", errors), n("kind.max", errors));
                FieldKind::MultiChoice {
                    options: read_options(p),
                    min: u32_of(lo, errors, "kind.min"),
                    max: u32_of(hi, errors, "kind.max"),
                }
            }
            FieldKind::IdNumber => FieldKind::IdNumber,
            FieldKind::Phone => FieldKind::Phone,
            FieldKind::CreditCode => FieldKind::CreditCode,
            FieldKind::BankCard => FieldKind::BankCard,
            FieldKind::Address { level } => FieldKind::Address {
                level: RegionLevel::parse(&p.text("kind.level")).unwrap_or(*level),
            },
            FieldKind::File { .. } => {
                let mut accept = Vec::new();
                for (k, v) in p.all("kind.accept").iter().enumerate() {
                    match FileType::parse(v) {
                        Some(t) => accept.push(t),
                        None => errors
                            .add_path(format!("{at}.kind.accept[{k}]"), FieldCode::InvalidChoice),
                    }
                }
                let mb = number::<u64>(p, "kind.max_bytes", at, errors).unwrap_or(0);
                let files = n("kind.max_files", errors);
                FieldKind::File {
                    accept,
                    max_bytes: mb.saturating_mul(MIB),
                    max_files: u32_of(files, errors, "kind.max_files"),
                }
            }
            FieldKind::Group { fields, .. } => {
                let (lo, hi) = (n("kind.min", errors), n("kind.max", errors));
                FieldKind::Group {
                    fields: fields.clone(),
                    min: u32_of(lo, errors, "kind.min"),
                    max: u32_of(hi, errors, "kind.max"),
                }
            }
        }
    };
    let hint = label_from(p, "hint");
    let cond_field = p.text("visible_if.field");
    let prefill = match p.text("prefill").as_str() {
        _ if member => None,
        "" => None,
        "certificate" => Some(Prefill::Certificate {
            cert_type: p.text("prefill.cert_type"),
            field: p.text("prefill.field"),
        }),
        other => match other.strip_prefix("account:").and_then(AccountValue::parse) {
            Some(value) => Some(Prefill::Account { value }),
            None => {
                errors.add_path(format!("{at}.prefill"), FieldCode::InvalidChoice);
                None
            }
        },
    };
    Field {
        key: p.text("key"),
        label: label_from(p, "label"),
        hint: (!hint.zh.is_empty() || hint.en.is_some()).then_some(hint),
        kind,
        required: p.on("required"),
        visible_if: (!cond_field.is_empty()).then(|| Condition {
            field: cond_field,
            any_of: split_list(&p.text("visible_if.any_of")),
        }),
        prefill,
    }
}

/// A list typed with commas, 、 or spaces.
pub(super) fn split_list(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Options typed one a line: `value | 中文 | English`.
fn read_options(p: &Posted) -> Vec<ChoiceOption> {
    p.get("kind.options")
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.split(['|', '｜']).map(str::trim);
            let value = parts.next().unwrap_or_default().to_owned();
            let zh = parts.next().unwrap_or_default().to_owned();
            let en = parts.next().filter(|e| !e.is_empty()).map(str::to_owned);
            ChoiceOption {
                value,
                label: Label { zh, en },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::field_inputs::options_text;
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> Posted {
        Posted(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn options_are_typed_one_a_line_with_value_chinese_and_english() {
        let p = posted(&[(
            "kind.options",
            "married | 已婚 | Married\r\n\r\nsingle｜未婚\n",
        )]);
        let o = read_options(&p);
        assert_eq!(o.len(), 2);
        assert_eq!(
            (o[0].value.as_str(), o[0].label.zh.as_str()),
            ("married", "已婚")
        );
        assert_eq!(o[0].label.en.as_deref(), Some("Married"));
        assert_eq!(
            (o[1].value.as_str(), o[1].label.en.as_ref()),
            ("single", None)
        );
        assert_eq!(options_text(&o), "married | 已婚 | Married\nsingle | 未婚");
    }

    #[test]
    fn a_number_that_is_not_one_is_reported_at_its_path_and_a_new_kind_starts_afresh() {
        let old = Field::new(
            "area",
            Label {
                zh: "面积".into(),
                en: None,
            },
            "number",
        )
        .unwrap_or_else(|| unreachable!());
        let mut errors = FieldErrors::new();
        let f = read_field(
            &posted(&[
                ("key", "area"),
                ("label.zh", "面积"),
                ("kind", "number"),
                ("kind.min", "十"),
                ("kind.max", "120"),
            ]),
            &old,
            "sections[0].fields[1]",
            false,
            &mut errors,
        );
        assert_eq!(
            errors.iter().next().map(|e| e.field.to_string()).as_deref(),
            Some("sections[0].fields[1].kind.min")
        );
        assert!(matches!(
            f.kind,
            FieldKind::Number {
                min: None,
                max: Some(120),
                ..
            }
        ));
        let mut errors = FieldErrors::new();
        let f = read_field(
            &posted(&[
                ("key", "area"),
                ("label.zh", "面积"),
                ("kind", "choice"),
                ("kind.min", "x"),
            ]),
            &old,
            "p",
            false,
            &mut errors,
        );
        assert!(errors.is_empty(), "the old kind's settings are not read");
        assert!(matches!(f.kind, FieldKind::Choice { ref options } if options.len() == 2));
    }
}
