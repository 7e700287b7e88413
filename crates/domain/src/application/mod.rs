//! What an item needs to be applied for online: its form, its workflow, its instant-approval
//! rules and the certificate it issues — versioned together, because an application keeps the
//! version it was filled with (APP-1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::FieldCode;
use crate::FieldErrors;
use crate::forms::{Answers, FieldKind, FormDef, Label, Section};
use crate::rules::RuleSet;
use crate::workflow::Workflow;

/// The fee an item charges (SVC-1): when a case is accepted (受理), a bill for it goes to the
/// applicant, paid by its bill code like any other and shown on the case's progress page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeSpec {
    /// The collecting unit (执收单位编码) the money goes to; it must exist when saved.
    pub unit: String,
    /// What the bill says it is for, e.g. 不动产登记费 (2–60 characters).
    pub title: String,
    /// The amount in whole fen.
    pub amount_fen: i64,
    /// Days after acceptance to pay by (1–90).
    pub due_days: u32,
}

impl FeeSpec {
    /// Every problem at once, under `fee.…`.
    pub fn check(&self, errors: &mut FieldErrors) {
        if crate::account::check_plain_text(&self.unit, 1, 40).is_err() {
            errors.add("fee.unit", FieldCode::Required);
        }
        if let Err(c) = crate::account::check_plain_text(&self.title, 2, 60) {
            errors.add("fee.title", c);
        }
        if let Err(c) = crate::payments::Fen::positive(self.amount_fen) {
            errors.add("fee.amount", c);
        }
        if !(1..=90).contains(&self.due_days) {
            errors.add("fee.due_days", FieldCode::OutOfRange);
        }
    }
}

/// The certificate an approved application yields (CERT-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSpec {
    /// Type code, `[a-z][a-z0-9_]{0,39}`; other items' forms prefill from it.
    #[serde(rename = "type")]
    pub cert_type: String,
    /// Its name (营业执照, 护士执业证书…).
    pub name: Label,
    /// The lines of the certificate: keys of top-level questions or of decision fields,
    /// copied into the certificate's data.
    pub fields: Vec<String>,
    /// Years of validity; `None` = does not expire (unless `valid_months` says otherwise).
    #[serde(default)]
    pub valid_years: Option<u32>,
    /// The certificate's own label for a line, by key. A question is not a certificate's
    /// label (为什么没了工作 reads 失业原因 on the certificate); a line without one here shows
    /// the question's or decision field's label.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Label>,
    /// The decision field whose whole number of months is how long the certificate is valid
    /// (a benefit paid for that many months from the decision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_months: Option<String>,
}

impl CertificateSpec {
    /// The last day a certificate issued on `issued` is valid, if it expires: the same date
    /// `valid_years` later (28 February for one issued on 29 February); or, with
    /// `valid_months`, the day before the same date that many months later, as a period is
    /// stated (12 months from 15 March 2026 run to 14 March 2027; from 31 January, one month
    /// runs to the end of February). `decision` holds the approval's decision fields.
    pub fn valid_until(&self, issued: Date, decision: &Answers) -> Option<Date> {
        if let Some(key) = &self.valid_months {
            let months: u32 = decision.get(key)?.as_str()?.parse().ok()?;
            return months_later_period_end(issued, months);
        }
        let years = i32::try_from(self.valid_years?).ok()?;
        issued
            .replace_year(issued.year() + years)
            .or_else(|_| (issued - Duration::days(1)).replace_year(issued.year() + years))
            .ok()
    }
}

/// The last day of a period of `months` months starting on `start`.
fn months_later_period_end(start: Date, months: u32) -> Option<Date> {
    let index =
        start.year() * 12 + i32::from(u8::from(start.month())) - 1 + i32::try_from(months).ok()?;
    let year = index.div_euclid(12);
    let month = time::Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
    let last = month.length(year);
    if start.day() > last {
        // The same date does not exist (31 January + 1 month): the month's last day ends it.
        return Date::from_calendar_date(year, month, last).ok();
    }
    Some(Date::from_calendar_date(year, month, start.day()).ok()? - Duration::days(1))
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
    /// What the approving reviewer records with the approval (核定: an amount, a number of
    /// months, a start date): text, number, date or choice fields, never asked of the
    /// applicant. A certificate may state them and run for a number of months among them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Section>,
    /// What the applicant's identity must be before the platform approves by itself or
    /// issues a certificate (default: verified by a provider or in person). Below it the case
    /// goes to a person, with the reason shown.
    #[serde(default)]
    pub identity: crate::identity::Required,
    /// The fee billed once the case is accepted, if the item charges one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<FeeSpec>,
}

/// Whether `k` is a well-formed key (`[a-z][a-z0-9_]{0,39}`), as certificate type codes are.
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
    /// rules' (`rules.…`), the decision fields' (`decision.…`), and the certificate's: its
    /// lines must be top-level questions or decision fields, its labels name its lines, and
    /// `valid_months` a required whole-number decision field. An instant item needs at least
    /// one rule, and no decision field it must have (nobody approves it to fill one).
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
        if let Some(d) = &self.decision {
            self.check_decision(d, &mut errors);
        }
        if let Some(f) = &self.fee {
            f.check(&mut errors);
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
                if self.form.field(f).is_none() && self.decision_field(f).is_none() {
                    errors.add_path(format!("certificate.fields[{i}]"), FieldCode::UnknownField);
                }
            }
            for key in c.labels.keys().filter(|k| !c.fields.contains(k)) {
                errors.add_path(format!("certificate.labels.{key}"), FieldCode::UnknownField);
            }
            // A line's label reads as a certificate's: present, and not a question.
            for key in &c.fields {
                if let Some(label) = self.certificate_label(key)
                    && (label.zh.trim().is_empty() || reads_as_question(&label.zh))
                {
                    errors.add_path(format!("certificate.labels.{key}.zh"), FieldCode::Required);
                }
            }
            if let Some(key) = &c.valid_months {
                let months = self.decision_field(key).is_some_and(|f| {
                    f.required && matches!(f.kind, FieldKind::Number { decimals: 0, .. })
                });
                if !months || c.valid_years.is_some() {
                    errors.add("certificate.valid_months", FieldCode::InvalidChoice);
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

/// Whether a label asks something (为什么没了工作, 办过失业登记吗): right on a form, wrong as
/// a line of a certificate, which states.
pub fn reads_as_question(zh: &str) -> bool {
    const ASKING: &[&str] = &[
        "为什么",
        "什么",
        "哪",
        "怎么",
        "谁",
        "吗",
        "呢",
        "？",
        "?",
        "要不要",
        "有没有",
        "是不是",
        "多少",
    ];
    ASKING.iter().any(|w| zh.contains(w))
}

impl ItemForm {
    /// What a certificate line says its value is: the certificate's own label for it, else
    /// the question's or the decision field's.
    pub fn certificate_label(&self, key: &str) -> Option<&Label> {
        self.certificate
            .as_ref()
            .and_then(|c| c.labels.get(key))
            .or_else(|| self.form.field(key).map(|f| &f.label))
            .or_else(|| self.decision_field(key).map(|f| &f.label))
    }

    /// The decision field with this key.
    pub fn decision_field(&self, key: &str) -> Option<&crate::forms::Field> {
        self.decision.as_ref()?.fields.iter().find(|f| f.key == key)
    }

    /// Decision fields are checked as a form of one section (`decision.…` paths), and may
    /// only be answers a reviewer types or picks, under keys the form does not use.
    fn check_decision(&self, d: &Section, errors: &mut FieldErrors) {
        let alone = FormDef {
            sections: vec![d.clone()],
        };
        if let Err(e) = alone.check() {
            for f in e.iter() {
                errors.add_path(f.field.replacen("sections[0]", "decision", 1), f.code);
            }
        }
        for (j, f) in d.fields.iter().enumerate() {
            let at = format!("decision.fields[{j}]");
            let typed = matches!(
                f.kind,
                FieldKind::Text { .. }
                    | FieldKind::Number { .. }
                    | FieldKind::Date { .. }
                    | FieldKind::Choice { .. }
            );
            if !typed || f.prefill.is_some() {
                errors.add_path(format!("{at}.kind"), FieldCode::InvalidChoice);
            }
            if self.form.field(&f.key).is_some() {
                errors.add_path(format!("{at}.key"), FieldCode::DuplicateKey);
            }
            if self.instant && f.required {
                errors.add_path(format!("{at}.required"), FieldCode::InvalidChoice);
            }
        }
    }

    /// The decision fields' answers given with an approval, checked and cleaned as a form's
    /// answers are; errors at `decision.<key>`. An item without decision fields keeps none.
    pub fn decision_answers(&self, given: &Answers, today: Date) -> Result<Answers, FieldErrors> {
        use crate::forms::{Ctx, FileMeta, Files, Regions};
        /// Decision fields name no region and no upload.
        struct Nothing;
        impl Regions for Nothing {
            fn exists(&self, _: &crate::region::RegionCode) -> bool {
                false
            }
        }
        impl Files for Nothing {
            fn get(&self, _: &str) -> Option<FileMeta> {
                None
            }
        }
        let Some(d) = &self.decision else {
            return Ok(Answers::new());
        };
        let alone = FormDef {
            sections: vec![d.clone()],
        };
        let ctx = Ctx {
            today,
            regions: &Nothing,
            files: &Nothing,
        };
        alone.validate(given, &ctx).map_err(|e| {
            let mut out = FieldErrors::new();
            for f in e.iter() {
                out.add_path(format!("decision.{}", f.field), f.code);
            }
            out
        })
    }

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
            fee: None,
            decision: None,
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
            "decision": part("decision"),
            "fee": part("fee"),
        }))
    }
}

#[cfg(test)]
mod tests;
