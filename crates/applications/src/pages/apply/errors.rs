//! Error messages that name their question (GOV.UK error summary): "请填写申请人姓名", not
//! "请填写这一项" four times; unticked declarations say which ones.

use serde_json::Value;
use yiwang_domain::FieldCode;
use yiwang_domain::Lang;
use yiwang_domain::error::FieldErrors;
use yiwang_domain::forms::{Answers, Field, FieldKind};
use yiwang_kit::i18n::Tr;
use yiwang_kit::views::FormErrors;

use super::text;
use crate::texts::*;

/// The question an error path names: `key`, or `group[i].member` (with the entry's number).
fn question<'f>(
    fields: &'f [Field],
    path: &str,
) -> Option<(&'f Field, Option<(&'f Field, usize)>)> {
    match path.split_once('[') {
        Some((group, rest)) => {
            let (i, member) = rest.split_once("].")?;
            let g = fields.iter().find(|f| f.key == group)?;
            let FieldKind::Group {
                fields: members, ..
            } = &g.kind
            else {
                return None;
            };
            let member = member.split(['.', '[']).next()?;
            let m = members.iter().find(|f| f.key == member)?;
            Some((m, Some((g, i.parse::<usize>().ok()? + 1))))
        }
        None => {
            let key = path.split(['.', '[']).next()?;
            fields.iter().find(|f| f.key == key).map(|f| (f, None))
        }
    }
}

/// The sentence for one error on one question.
fn sentence(
    t: Tr,
    lang: Lang,
    f: &Field,
    label: &str,
    code: FieldCode,
    answer: Option<&Value>,
) -> String {
    match (&f.kind, code) {
        (FieldKind::MultiChoice { options, min, .. }, FieldCode::Required | FieldCode::TooFew)
            if *min as usize >= options.len() =>
        {
            // Declarations: every box must be ticked; say which are not.
            let ticked: Vec<&str> = answer
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let missing: Vec<String> = options
                .iter()
                .filter(|o| !ticked.contains(&o.value.as_str()))
                .map(|o| text(&o.label, lang))
                .collect();
            t.apply_err_tick(label, &missing)
        }
        (FieldKind::MultiChoice { min, .. }, FieldCode::Required | FieldCode::TooFew) => {
            t.apply_err_pick_at_least(label, (*min).max(1))
        }
        (FieldKind::Choice { .. }, FieldCode::Required) => t.apply_err_choose(label),
        (FieldKind::File { .. }, FieldCode::Required) => t.apply_err_upload(label),
        _ => t.field_named(code, label),
    }
}

/// The section's field errors as sentences naming their questions, for the fields and the
/// summary alike.
pub(crate) fn named(
    fields: &[Field],
    answers: &Answers,
    errors: &FieldErrors,
    t: Tr,
    lang: Lang,
) -> FormErrors {
    let mut out = FormErrors::from_fields(errors, t);
    for ((path, message), e) in out.items.iter_mut().zip(errors.iter()) {
        let Some((f, entry)) = question(fields, path) else {
            continue;
        };
        let label = match entry {
            Some((g, n)) => t.apply_entry_label(&text(&g.label, lang), n, &text(&f.label, lang)),
            None => text(&f.label, lang),
        };
        let answer = match entry {
            Some(_) => None,
            None => answers.get(&f.key),
        };
        let named = sentence(t, lang, f, &label, e.code, answer);
        *message = match e.line {
            Some(n) => format!("{}{named}", t.line_prefix(n)),
            None => named,
        };
    }
    out
}
