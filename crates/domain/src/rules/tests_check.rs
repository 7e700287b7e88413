//! The console's side: reading the rule-set text box and vetting it against the form.

use serde_json::json;

use super::tests::rules;
use super::*;
use crate::forms::FormDef;

fn form() -> FormDef {
    serde_json::from_value(json!({"sections": [
        {"key": "main", "title": {"zh": "申请信息"}, "fields": [
            {"key": "area", "label": {"zh": "面积"},
             "kind": {"type": "number", "decimals": 2}},
            {"key": "start", "label": {"zh": "开始日期"}, "kind": {"type": "date"}},
            {"key": "name", "label": {"zh": "姓名"}, "kind": {"type": "text", "max_len": 20}},
            {"key": "use", "label": {"zh": "用途"}, "kind": {"type": "choice", "options": [
                {"value": "home", "label": {"zh": "自住"}},
                {"value": "shop", "label": {"zh": "经营"}}]}},
            {"key": "home", "label": {"zh": "住址"},
             "kind": {"type": "address", "level": "township"}},
            {"key": "members", "label": {"zh": "家庭成员"}, "kind": {"type": "group", "max": 5,
             "fields": [{"key": "member_name", "label": {"zh": "姓名"},
                         "kind": {"type": "text", "max_len": 20}}]}}
        ]}
    ]}))
    .unwrap()
}

fn errors(set: serde_json::Value) -> Vec<(String, FieldCode)> {
    match rules(set).check(&form()) {
        Ok(()) => Vec::new(),
        Err(e) => e.iter().map(|e| (e.field.to_string(), e.code)).collect(),
    }
}

fn rule(key: &str, test: serde_json::Value) -> serde_json::Value {
    let mut r = json!({"key": key, "label": {"zh": "规则"}});
    if let (Some(r), Some(t)) = (r.as_object_mut(), test.as_object()) {
        r.extend(t.clone());
    }
    r
}

#[test]
fn a_sound_rule_set_passes_the_check() {
    let set = json!({"rules": [
        rule("adult", json!({"test": "age", "min": 16})),
        rule("local", json!({"test": "region", "within": ["511602"]})),
        rule("home", json!({"test": "region", "field": "home", "within": ["511602000000"]})),
        rule("small", json!({"test": "field", "field": "area", "op": "le", "value": "120.5"})),
        rule("later", json!({"test": "field", "field": "start", "op": "gt",
                             "value": "2026-01-01"})),
        rule("own_use", json!({"test": "field", "field": "use", "op": "in", "values": ["home"]})),
        rule("family", json!({"test": "field", "field": "members", "op": "present"})),
        rule("nurse", json!({"test": "holds_certificate", "cert_type": "nurse_practice"})),
        rule("once", json!({"test": "no_open_case"})),
    ]});
    assert_eq!(errors(set), []);
}

#[test]
fn bad_and_repeated_keys_and_labels_are_reported_with_their_paths() {
    let mut long = rule("long", json!({"test": "no_open_case"}));
    long["label"]["zh"] = json!("长".repeat(201));
    let set = json!({"rules": [
        rule("adult", json!({"test": "age", "min": 16})),
        rule("Adult", json!({"test": "age", "min": 16})),
        rule("adult", json!({"test": "age", "min": 18})),
        {"key": "blank", "label": {"zh": "  "}, "test": "no_open_case"},
        long,
    ]});
    assert_eq!(
        errors(set),
        [
            ("rules[1].key".to_owned(), FieldCode::InvalidKey),
            ("rules[2].key".to_owned(), FieldCode::DuplicateKey),
            ("rules[3].label.zh".to_owned(), FieldCode::Required),
            ("rules[4].label.zh".to_owned(), FieldCode::TooLong),
        ]
    );
}

#[test]
fn field_rules_must_name_a_top_level_field_that_can_be_compared_that_way() {
    let set = json!({"rules": [
        rule("a", json!({"test": "field", "field": "nope", "op": "present"})),
        rule("b", json!({"test": "field", "field": "member_name", "op": "present"})),
        rule("c", json!({"test": "field", "field": "name", "op": "lt", "value": "x"})),
        rule("d", json!({"test": "field", "field": "home", "op": "eq", "value": "x"})),
        rule("e", json!({"test": "field", "field": "use", "op": "in"})),
        rule("f", json!({"test": "field", "field": "area", "op": "eq"})),
        rule("g", json!({"test": "field", "field": "area", "op": "ge", "value": "12,5"})),
        rule("h", json!({"test": "field", "field": "start", "op": "ge", "value": "2026-02-30"})),
        rule("i", json!({"test": "field", "field": "use", "op": "not_in",
                         "values": ["home", "farm"]})),
    ]});
    assert_eq!(
        errors(set),
        [
            ("rules[0].field".to_owned(), FieldCode::UnknownField),
            ("rules[1].field".to_owned(), FieldCode::UnknownField),
            ("rules[2].op".to_owned(), FieldCode::InvalidChoice),
            ("rules[3].op".to_owned(), FieldCode::InvalidChoice),
            ("rules[4].values".to_owned(), FieldCode::Required),
            ("rules[5].value".to_owned(), FieldCode::Required),
            ("rules[6].value".to_owned(), FieldCode::InvalidNumber),
            ("rules[7].value".to_owned(), FieldCode::InvalidDate),
            ("rules[8].values[1]".to_owned(), FieldCode::InvalidChoice),
        ]
    );
}

#[test]
fn regions_ages_certificates_and_items_are_checked() {
    let set = json!({"rules": [
        rule("a", json!({"test": "region", "within": ["511602", "51160", "abc"]})),
        rule("b", json!({"test": "region", "field": "name", "within": ["51"]})),
        rule("c", json!({"test": "region", "field": "office", "within": []})),
        rule("d", json!({"test": "age", "min": 60, "max": 18})),
        rule("e", json!({"test": "age"})),
        rule("f", json!({"test": "holds_certificate", "cert_type": "Nurse"})),
        rule("g", json!({"test": "no_open_case", "items": ["0190A0B2-7C1E-7000-8000-000000000001"]})),
    ]});
    assert_eq!(
        errors(set),
        [
            ("rules[0].within[1]".to_owned(), FieldCode::UnknownRegion),
            ("rules[0].within[2]".to_owned(), FieldCode::UnknownRegion),
            ("rules[1].field".to_owned(), FieldCode::InvalidChoice),
            ("rules[2].field".to_owned(), FieldCode::UnknownField),
            ("rules[2].within".to_owned(), FieldCode::Required),
            ("rules[3].max".to_owned(), FieldCode::OutOfRange),
            ("rules[4].min".to_owned(), FieldCode::Required),
            ("rules[5].cert_type".to_owned(), FieldCode::InvalidKey),
            ("rules[6].items[0]".to_owned(), FieldCode::UnknownItem),
        ]
    );
}

#[test]
fn at_most_fifty_rules() {
    let many: Vec<_> = (0..51)
        .map(|i| rule(&format!("r{i}"), json!({"test": "no_open_case"})))
        .collect();
    assert_eq!(
        errors(json!({ "rules": many })),
        [("rules".to_owned(), FieldCode::TooMany)]
    );
}

#[test]
fn a_json_mistake_in_the_text_box_is_reported_with_its_line() {
    let text = "{\"rules\": [\n  {\"key\": \"adult\", \"label\": {\"zh\": \"成年\"},\n   \"test\": \"age\", \"min\": 16,}\n]}";
    let e = parse_rule_set(text).unwrap_err();
    let first = e.iter().next().unwrap();
    assert_eq!(
        (first.field.as_ref(), first.code, first.line),
        ("rules", FieldCode::InvalidLine, Some(3))
    );
}

#[test]
fn a_misspelt_limit_or_unknown_test_is_refused_rather_than_ignored() {
    for text in [
        r#"{"rules": [{"key": "a", "label": {"zh": "成年"}, "test": "age", "min_age": 16}]}"#,
        r#"{"rules": [{"key": "a", "label": {"zh": "成年"}, "test": "vibes"}]}"#,
        r#"{"rules": [{"key": "a", "label": {"zh": "成年"}, "test": "field", "field": "area",
            "op": "le", "value": 12.5}]}"#,
        r#"{"rules": [], "extra": 1}"#,
    ] {
        assert!(parse_rule_set(text).is_err(), "{text}");
    }
}

#[test]
fn the_stored_json_reads_back_as_the_same_rule_set() {
    let text = r#"{"rules": [
        {"key": "adult", "label": {"zh": "申请人年满16周岁", "en": "Aged 16 or over"},
         "test": "age", "min": 16},
        {"key": "small", "label": {"zh": "面积不超过120平方米"},
         "test": "field", "field": "area", "op": "le", "value": 120}
    ]}"#;
    let set = parse_rule_set(text).unwrap();
    assert_eq!(
        set.rules[1].test,
        Test::Field {
            field: "area".into(),
            op: Op::Le,
            value: Some("120".into()),
            values: Vec::new(),
        }
    );
    let stored = serde_json::to_string(&set).unwrap();
    assert!(stored.contains(r#""test":"age","min":16"#), "{stored}");
    assert_eq!(parse_rule_set(&stored).unwrap(), set);
}
