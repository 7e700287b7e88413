//! Answers the platform fills in (once only: from the account's identity or a certificate in
//! the wallet) stay as they were filled in, at every step — submission, supplement, through
//! the pages or the API. A posted value that differs is refused, one left out is filled.

use serde_json::Value;

use super::Answers;
use crate::{FieldCode, FieldErrors};

/// Puts each held value into `answers` under its key. A posted answer that says something else
/// is refused with [`FieldCode::PrefilledChanged`] on its field; an empty or missing one is
/// filled.
pub fn hold(
    answers: &mut Answers,
    held: impl IntoIterator<Item = (String, Value)>,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    for (key, value) in held {
        if let Some(given) = answers.get(&key)
            && !same(given, &value)
        {
            errors.add_path(key.clone(), FieldCode::PrefilledChanged);
        }
        answers.insert(key, value);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Whether a posted answer says what is held: strings compared without surrounding spaces
/// (and an ID number's `x` in either case); an empty answer counts as left out.
fn same(given: &Value, held: &Value) -> bool {
    match (given, held) {
        (Value::Null, _) => true,
        (Value::String(g), _) if g.trim().is_empty() => true,
        (Value::String(g), Value::String(h)) => g.trim().eq_ignore_ascii_case(h.trim()),
        (g, h) => g == h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answers(v: Value) -> Answers {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn held_values_stay_and_a_changed_one_is_refused() {
        let held = || {
            vec![
                ("name".to_owned(), json!("张三")),
                ("id_number".to_owned(), json!("51160219900101000X")),
            ]
        };
        let mut a =
            answers(json!({ "name": " 张三 ", "id_number": "51160219900101000x", "note": "hi" }));
        assert!(hold(&mut a, held()).is_ok());
        assert_eq!(a["name"], "张三");
        assert_eq!(a["note"], "hi");
        let mut a = answers(json!({ "note": "hi" }));
        assert!(hold(&mut a, held()).is_ok(), "left out: filled");
        assert_eq!(a["id_number"], "51160219900101000X");
        let mut a = answers(json!({ "name": "李四", "id_number": "" }));
        let e = hold(&mut a, held()).unwrap_err();
        let fields: Vec<_> = e.iter().map(|f| f.field.to_string()).collect();
        assert_eq!(fields, ["name"]);
        assert!(e.iter().all(|f| f.code == FieldCode::PrefilledChanged));
    }
}
