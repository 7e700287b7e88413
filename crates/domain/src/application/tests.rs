//! What an approval records, what a certificate states and for how long.

use serde_json::json;
use time::macros::date;

use super::*;

/// A benefit form: the applicant says why the job ended; the approver records the monthly
/// amount and the months; the certificate states all three and runs for the months.
fn benefit() -> ItemForm {
    serde_json::from_value(json!({
        "form": { "sections": [{ "key": "job", "title": { "zh": "失业情况" }, "fields": [
            { "key": "separation_reason", "label": { "zh": "为什么没了工作" },
              "kind": { "type": "choice", "options": [
                  { "value": "dismissed", "label": { "zh": "被单位辞退", "en": "Dismissed" } }] },
              "required": true }
        ] }] },
        "workflow": { "steps": [{ "name": { "zh": "核定待遇" }, "role": "dept_admin" }] },
        "decision": { "key": "benefit", "title": { "zh": "核定失业保险待遇" }, "fields": [
            { "key": "monthly_amount", "label": { "zh": "每月失业保险金" },
              "kind": { "type": "number", "min": 1, "max": 20000, "decimals": 2 }, "required": true },
            { "key": "benefit_months", "label": { "zh": "领取期限" },
              "kind": { "type": "number", "min": 1, "max": 24, "decimals": 0 }, "required": true }
        ] },
        "certificate": { "type": "unemployment_benefit", "name": { "zh": "失业保险金领取核定结果" },
            "fields": ["separation_reason", "monthly_amount", "benefit_months"],
            "labels": { "separation_reason": { "zh": "失业原因" } },
            "valid_months": "benefit_months" }
    }))
    .unwrap()
}

fn paths(e: FieldErrors) -> Vec<String> {
    e.iter().map(|f| f.field.to_string()).collect()
}

#[test]
fn a_benefit_decided_with_its_months_is_a_valid_bundle() {
    assert_eq!(benefit().check(), Ok(()));
}

#[test]
fn a_question_is_not_a_certificate_line_without_a_label_of_its_own() {
    let mut b = benefit();
    b.certificate.as_mut().unwrap().labels.clear();
    assert_eq!(
        paths(b.check().unwrap_err()),
        ["certificate.labels.separation_reason.zh"]
    );
    assert_eq!(
        b.certificate_label("monthly_amount").unwrap().zh,
        "每月失业保险金"
    );
    assert!(reads_as_question("为什么没了工作") && reads_as_question("办过失业登记吗"));
    assert!(!reads_as_question("失业原因") && !reads_as_question("是否属于免予核查经济困难的人员"));
}

#[test]
fn the_certificate_runs_for_the_months_the_approver_recorded() {
    let b = benefit();
    let spec = b.certificate.as_ref().unwrap();
    let decided = |months: &str| {
        let mut a = Answers::new();
        a.insert("benefit_months".into(), json!(months));
        a
    };
    assert_eq!(
        spec.valid_until(date!(2026 - 03 - 15), &decided("12")),
        Some(date!(2027 - 03 - 14))
    );
    assert_eq!(
        spec.valid_until(date!(2026 - 01 - 31), &decided("1")),
        Some(date!(2026 - 02 - 28))
    );
    assert_eq!(
        spec.valid_until(date!(2026 - 11 - 01), &decided("24")),
        Some(date!(2028 - 10 - 31))
    );
    // Years, as before: the same date, or 28 February for 29 February.
    let years = CertificateSpec {
        valid_years: Some(1),
        valid_months: None,
        ..spec.clone()
    };
    assert_eq!(
        years.valid_until(date!(2028 - 02 - 29), &Answers::new()),
        Some(date!(2029 - 02 - 28))
    );
}

#[test]
fn what_the_approver_records_is_checked_like_answers() {
    let b = benefit();
    let today = date!(2026 - 03 - 15);
    let given = json!({ "monthly_amount": "1850", "benefit_months": "30" });
    let e = b
        .decision_answers(given.as_object().unwrap(), today)
        .unwrap_err();
    assert_eq!(paths(e), ["decision.benefit_months"]);
    let given = json!({ "monthly_amount": "1850", "benefit_months": "12", "other": "x" });
    let clean = b
        .decision_answers(given.as_object().unwrap(), today)
        .unwrap();
    assert_eq!(clean.get("benefit_months"), Some(&json!("12")));
    assert!(clean.get("other").is_none());
}

#[test]
fn decision_fields_are_typed_answers_under_keys_of_their_own() {
    let mut b = benefit();
    let d = b.decision.as_mut().unwrap();
    d.fields[0].key = "separation_reason".into();
    d.fields[1].kind = crate::forms::FieldKind::Number {
        min: None,
        max: None,
        decimals: 1,
        unit: None,
    };
    let found = paths(b.check().unwrap_err());
    assert!(
        found.contains(&"decision.fields[0].key".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"certificate.valid_months".to_owned()),
        "{found:?}"
    );
    // Nobody approves an instant item by hand, so none of its decision fields may be required.
    let mut instant = benefit();
    instant.instant = true;
    assert!(
        paths(instant.check().unwrap_err()).contains(&"decision.fields[0].required".to_owned())
    );
}

/// Every certificate of the demo's forms states its lines with labels, not questions, and a
/// decision paid for months has a certificate that ends with them.
#[test]
fn the_demo_certificates_read_as_certificates() {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../../../../seed/forms/demo_forms.json")).unwrap();
    let mut months = 0;
    for e in doc["forms"].as_array().unwrap() {
        let b =
            ItemForm::from_seed(e, |_| Some(crate::ids::ItemId::generate().to_string())).unwrap();
        assert_eq!(b.check(), Ok(()), "{}", e["item"]);
        let Some(c) = &b.certificate else { continue };
        for key in &c.fields {
            let label = &b.certificate_label(key).unwrap().zh;
            assert!(
                !reads_as_question(label),
                "{}: {key} reads {label}",
                e["item"]
            );
        }
        if let Some(key) = &c.valid_months {
            months += 1;
            assert!(b.decision_field(key).is_some(), "{}", e["item"]);
        }
    }
    assert!(months >= 1, "the unemployment benefit runs for its months");
}
