//! What an item needs to be applied for online: its form, its workflow, its instant-approval
//! rules and the certificate it issues — versioned together, because an application keeps the
//! version it was filled with (APP-1).

use serde::{Deserialize, Serialize};

use crate::FieldCode;
use crate::FieldErrors;
use crate::forms::{FormDef, Label};
use crate::rules::RuleSet;
use crate::workflow::Workflow;

/// The certificate an approved application yields (CERT-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSpec {
    /// Type code, `[a-z][a-z0-9_]{0,39}`; other items' forms prefill from it.
    #[serde(rename = "type")]
    pub cert_type: String,
    /// Its name (营业执照, 护士执业证书…).
    pub name: Label,
    /// Form fields (top-level keys) copied into the certificate's data.
    pub fields: Vec<String>,
    /// Years of validity; `None` = does not expire.
    #[serde(default)]
    pub valid_years: Option<u32>,
}

/// One version of an item's online application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemForm {
    /// The questions.
    pub form: FormDef,
    /// The review steps after acceptance.
    pub workflow: Workflow,
    /// Whether submissions are decided by the rules (秒批).
    #[serde(default)]
    pub instant: bool,
    /// The instant-approval rules.
    #[serde(default)]
    pub rules: Option<RuleSet>,
    /// The certificate issued on approval, if any.
    #[serde(default)]
    pub certificate: Option<CertificateSpec>,
    /// What the applicant's identity must be before the platform approves by itself or
    /// issues a certificate (default: verified by a provider or in person). Below it the case
    /// goes to a person, with the reason shown.
    #[serde(default)]
    pub identity: crate::identity::Required,
}

/// Whether `k` is a well-formed certificate type code (`[a-z][a-z0-9_]{0,39}`).
pub fn valid_key(k: &str) -> bool {
    let mut b = k.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_lowercase())
        && k.len() <= 40
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
}

impl ItemForm {
    /// Every file id the answers name, in every section of the form, in form order.
    pub fn file_ids(&self, answers: &crate::forms::Answers) -> Vec<String> {
        self.form
            .sections
            .iter()
            .flat_map(|s| crate::forms::file_ids(&s.fields, answers))
            .collect()
    }

    /// Every problem of the bundle at once: the form's, the workflow's (`workflow.…`), the
    /// rules' (`rules.…`), and the certificate's fields, which must be top-level questions.
    /// An instant item needs at least one rule.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut absorb = |prefix: &str, r: Result<(), FieldErrors>| {
            if let Err(e) = r {
                for f in e.iter() {
                    let path = if prefix.is_empty() {
                        f.field.to_string()
                    } else {
                        format!("{prefix}.{}", f.field)
                    };
                    errors.add_path(path, f.code);
                }
            }
        };
        absorb("", self.form.check());
        absorb("workflow", self.workflow.check());
        if let Some(rules) = &self.rules {
            absorb("rules", rules.check(&self.form));
        }
        if self.instant && self.rules.as_ref().is_none_or(|r| r.rules.is_empty()) {
            errors.add("rules", FieldCode::Required);
        }
        if let Some(c) = &self.certificate {
            if !valid_key(&c.cert_type) {
                errors.add("certificate.type", FieldCode::InvalidKey);
            }
            if c.name.zh.trim().is_empty() {
                errors.add("certificate.name", FieldCode::Required);
            }
            if c.valid_years.is_some_and(|y| y == 0 || y > 100) {
                errors.add("certificate.valid_years", FieldCode::OutOfRange);
            }
            for (i, f) in c.fields.iter().enumerate() {
                let top_level = self
                    .form
                    .sections
                    .iter()
                    .any(|s| s.fields.iter().any(|q| &q.key == f));
                if !top_level {
                    errors.add_path(format!("certificate.fields[{i}]"), FieldCode::UnknownField);
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

impl ItemForm {
    /// What a new online application starts from when the item has none yet: one section
    /// asking the applicant's name (filled from their verified account), reviewed in one step,
    /// no rules, no certificate. Valid as it is, so the builder can save it at once.
    pub fn starter() -> ItemForm {
        let mut name = crate::forms::Field::new(
            "applicant_name",
            Label {
                zh: "申请人姓名".to_owned(),
                en: Some("Applicant's name".to_owned()),
            },
            "text",
        );
        if let Some(f) = name.as_mut() {
            f.required = true;
            f.prefill = Some(crate::forms::Prefill::Account {
                value: crate::forms::AccountValue::Name,
            });
        }
        ItemForm {
            form: FormDef {
                sections: vec![crate::forms::Section {
                    key: "applicant".to_owned(),
                    title: Label {
                        zh: "申请人信息".to_owned(),
                        en: Some("About you".to_owned()),
                    },
                    fields: name.into_iter().collect(),
                }],
            },
            workflow: Workflow::single_review(),
            instant: false,
            rules: None,
            certificate: None,
            identity: Default::default(),
        }
    }

    /// Reads one entry of a seed file of forms (`seed/forms/demo_forms.json`): `form`,
    /// `workflow`, `instant`, `rules`, `certificate`, where `no_open_case` rules name items by
    /// their name, turned into item ids by `id_of` (an unknown name becomes an empty id, which
    /// [`ItemForm::check`] refuses). Other keys of the entry (`item`, `department`) are ignored.
    pub fn from_seed(
        entry: &serde_json::Value,
        id_of: impl Fn(&str) -> Option<String>,
    ) -> Result<ItemForm, serde_json::Error> {
        let mut rules = entry.get("rules").cloned().unwrap_or_default();
        // `get_mut`, not indexing: indexing a rule without `items` would add `"items": null`.
        if let Some(list) = rules.get_mut("rules").and_then(|r| r.as_array_mut()) {
            for r in list {
                if let Some(items) = r.get_mut("items").and_then(|i| i.as_array_mut()) {
                    for i in items.iter_mut() {
                        let id = i.as_str().and_then(&id_of).unwrap_or_default();
                        *i = serde_json::Value::String(id);
                    }
                }
            }
        }
        let part = |k: &str| entry.get(k).cloned().unwrap_or_default();
        serde_json::from_value(serde_json::json!({
            "form": part("form"),
            "workflow": part("workflow"),
            "instant": entry.get("instant").cloned().unwrap_or(serde_json::Value::Bool(false)),
            "rules": rules,
            "certificate": part("certificate"),
        }))
    }
}
