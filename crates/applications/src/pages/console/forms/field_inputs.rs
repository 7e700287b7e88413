//! The inputs of one question's editor, drawn from the saved question (or the refused post):
//! its words, its kind's settings, when it is shown (an earlier choice and its values) and
//! where it is filled from.

use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{
    AccountValue, ChoiceOption, Field, FieldAt, FieldKind, FileType, Prefill,
};
use yiwang_domain::region::RegionLevel;

use super::kind_options;
use super::view::{Filler, Input, label};
use crate::texts::*;
use yiwang_kit::i18n::Tr;

/// Bytes in the MB the editor types file sizes in.
pub(super) const MIB: u64 = 1024 * 1024;

fn num<T: ToString>(v: Option<T>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

pub(super) fn options_text(options: &[ChoiceOption]) -> String {
    options
        .iter()
        .map(|o| match &o.label.en {
            Some(en) => format!("{} | {} | {en}", o.value, o.label.zh),
            None => format!("{} | {}", o.value, o.label.zh),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn prefill_value(p: &Option<Prefill>) -> String {
    match p {
        None => String::new(),
        Some(Prefill::Account { value }) => format!("account:{}", value.as_str()),
        Some(Prefill::Certificate { .. }) => "certificate".to_owned(),
    }
}

/// The inputs of the question's own settings.
pub(super) fn inputs(
    t: Tr,
    b: &ItemForm,
    at: FieldAt,
    f: &Field,
    fill: &Filler,
    lang: yiwang_domain::Lang,
) -> Vec<Input> {
    let mut v = vec![
        fill.line("key", t.fb_key(), f.key.clone())
            .hint(t.fb_key_hint()),
        fill.line("label.zh", t.fb_label_zh(), f.label.zh.clone()),
        fill.line(
            "label.en",
            t.fb_label_en(),
            f.label.en.clone().unwrap_or_default(),
        ),
        fill.area(
            "hint.zh",
            t.fb_hint_zh(),
            f.hint.as_ref().map(|h| h.zh.clone()).unwrap_or_default(),
        ),
        fill.area(
            "hint.en",
            t.fb_hint_en(),
            f.hint
                .as_ref()
                .and_then(|h| h.en.clone())
                .unwrap_or_default(),
        ),
        fill.check("required", t.fb_required(), f.required),
        fill.select(
            "kind",
            t.fb_kind_label(),
            f.kind.name(),
            kind_options(t, at.member.is_none()),
        )
        .hint(t.fb_kind_hint()),
    ];
    match &f.kind {
        FieldKind::Text { max_len, multiline } => {
            v.push(fill.line("kind.max_len", t.fb_max_len(), max_len.to_string()));
            v.push(fill.check("kind.multiline", t.fb_multiline(), *multiline));
        }
        FieldKind::Number {
            min,
            max,
            decimals,
            unit,
        } => {
            v.push(fill.line("kind.min", t.fb_min(), num(*min)));
            v.push(fill.line("kind.max", t.fb_max(), num(*max)));
            v.push(fill.line("kind.decimals", t.fb_decimals(), decimals.to_string()));
            v.push(fill.line(
                "kind.unit.zh",
                t.fb_unit_zh(),
                unit.as_ref().map(|u| u.zh.clone()).unwrap_or_default(),
            ));
            v.push(fill.line(
                "kind.unit.en",
                t.fb_unit_en(),
                unit.as_ref().and_then(|u| u.en.clone()).unwrap_or_default(),
            ));
        }
        FieldKind::Date {
            past_only,
            future_only,
        } => {
            v.push(fill.check("kind.past_only", t.fb_past_only(), *past_only));
            v.push(fill.check("kind.future_only", t.fb_future_only(), *future_only));
        }
        FieldKind::Choice { options } => {
            v.push(
                fill.area("kind.options", t.fb_options(), options_text(options))
                    .hint(t.fb_options_hint()),
            );
        }
        FieldKind::MultiChoice { options, min, max } => {
            v.push(
                fill.area("kind.options", t.fb_options(), options_text(options))
                    .hint(t.fb_options_hint()),
            );
            v.push(fill.line("kind.min", t.fb_min_picks(), min.to_string()));
            v.push(
                fill.line("kind.max", t.fb_max_picks(), max.to_string())
                    .hint(t.fb_zero_no_limit()),
            );
        }
        FieldKind::IdNumber | FieldKind::Phone | FieldKind::CreditCode | FieldKind::BankCard => {}
        FieldKind::Address { level } => {
            let levels = [
                RegionLevel::County,
                RegionLevel::Township,
                RegionLevel::Community,
            ];
            v.push(
                fill.select(
                    "kind.level",
                    t.fb_level(),
                    level.as_str(),
                    levels
                        .iter()
                        .map(|l| (l.as_str().to_owned(), t.fb_level_name(*l).to_owned()))
                        .collect(),
                ),
            );
        }
        FieldKind::File {
            accept,
            max_bytes,
            max_files,
        } => {
            let kinds = FileType::ALL
                .iter()
                .map(|k| (k.as_str().to_owned(), k.as_str().to_uppercase()))
                .collect();
            let saved: Vec<String> = accept.iter().map(|k| k.as_str().to_owned()).collect();
            v.push(fill.checks("kind.accept", t.fb_accept(), &saved, kinds));
            v.push(fill.line(
                "kind.max_bytes",
                t.fb_max_mb(),
                max_bytes.div_ceil(MIB).to_string(),
            ));
            v.push(fill.line("kind.max_files", t.fb_max_files(), max_files.to_string()));
        }
        FieldKind::Group { min, max, .. } => {
            v.push(fill.line("kind.min", t.fb_min_entries(), min.to_string()));
            v.push(fill.line("kind.max", t.fb_max_entries(), max.to_string()));
        }
    }
    // Conditions may name an earlier choice: in the form, or earlier in the same entry.
    let mut choices: Vec<&Field> = Vec::new();
    'form: for (s, section) in b.form.sections.iter().enumerate() {
        for (j, g) in section.fields.iter().enumerate() {
            if (s, j) == (at.section, at.field) {
                if let (Some(m), FieldKind::Group { fields, .. }) = (at.member, &g.kind) {
                    choices.extend(fields.iter().take(m));
                }
                break 'form;
            }
            choices.push(g);
        }
    }
    let choices: Vec<&Field> = choices
        .into_iter()
        .filter(|c| {
            matches!(
                c.kind,
                FieldKind::Choice { .. } | FieldKind::MultiChoice { .. }
            )
        })
        .collect();
    let mut fields = vec![(String::new(), t.fb_always_shown().to_owned())];
    fields.extend(choices.iter().map(|c| {
        (
            c.key.clone(),
            format!("{}（{}）", label(&c.label, lang), c.key),
        )
    }));
    let values_hint = choices
        .iter()
        .map(|c| match &c.kind {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => format!(
                "{}: {}",
                c.key,
                options
                    .iter()
                    .map(|o| o.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => String::new(),
        })
        .collect::<Vec<_>>()
        .join("；");
    let cond = f.visible_if.as_ref();
    v.push(fill.select(
        "visible_if.field",
        t.fb_visible_if(),
        cond.map_or("", |c| c.field.as_str()),
        fields,
    ));
    v.push(
        fill.line(
            "visible_if.any_of",
            t.fb_visible_values(),
            cond.map(|c| c.any_of.join(", ")).unwrap_or_default(),
        )
        .hint(format!("{}{values_hint}", t.fb_visible_values_hint())),
    );
    if at.member.is_none() {
        let mut sources = vec![(String::new(), t.fb_prefill_none().to_owned())];
        sources.extend(AccountValue::ALL.iter().map(|a| {
            (
                format!("account:{}", a.as_str()),
                t.fb_prefill_account(*a).to_owned(),
            )
        }));
        sources.push((
            "certificate".to_owned(),
            t.fb_prefill_certificate().to_owned(),
        ));
        let (cert_type, cert_field) = match &f.prefill {
            Some(Prefill::Certificate { cert_type, field }) => (cert_type.clone(), field.clone()),
            _ => Default::default(),
        };
        v.push(fill.select(
            "prefill",
            t.fb_prefill(),
            &prefill_value(&f.prefill),
            sources,
        ));
        v.push(fill.line("prefill.cert_type", t.fb_prefill_cert_type(), cert_type));
        v.push(fill.line("prefill.field", t.fb_prefill_cert_field(), cert_field));
    }
    v
}
