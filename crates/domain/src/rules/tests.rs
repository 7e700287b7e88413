//! Instant approval as the product describes it: who passes, who goes to a person, and what
//! the trace shows.

use serde_json::json;
use time::Date;
use time::macros::date;

use super::value::{Decimal, compare, equal};
use super::*;
use crate::identity::id_number::check_char;

const TODAY: Date = date!(2026 - 11 - 22);
const ITEM: &str = "0190a0b2-7c1e-7000-8000-000000000001";
const OTHER_ITEM: &str = "0190a0b2-7c1e-7000-8000-000000000002";

/// A valid ID number from 17 digits (region 6, birth date 8, sequence 3).
pub(super) fn id(first17: &str) -> ResidentId {
    let c = check_char(first17.as_bytes()) as char;
    ResidentId::parse(&format!("{first17}{c}"), TODAY).unwrap()
}

pub(super) fn rules(json: serde_json::Value) -> RuleSet {
    serde_json::from_value(json).unwrap()
}

/// Everything an application brings, with sensible defaults that each test changes.
struct Case {
    answers: Answers,
    id: Option<ResidentId>,
    certificates: Vec<HeldCertificate>,
    open_cases: Vec<String>,
}

impl Case {
    fn new() -> Case {
        Case {
            answers: Answers::new(),
            // Born 1990-05-01 in 广安区.
            id: Some(id("51160219900501123")),
            certificates: Vec::new(),
            open_cases: Vec::new(),
        }
    }

    fn answer(mut self, key: &str, value: serde_json::Value) -> Case {
        self.answers.insert(key.to_owned(), value);
        self
    }

    fn run(&self, set: &RuleSet) -> Trace {
        evaluate(
            set,
            &Facts {
                today: TODAY,
                item: ITEM,
                answers: &self.answers,
                applicant_id: self.id.as_ref(),
                certificates: &self.certificates,
                open_cases: &self.open_cases,
            },
        )
    }
}

fn one(test: serde_json::Value) -> RuleSet {
    let mut rule = json!({"key": "r", "label": {"zh": "规则"}});
    if let (Some(r), Some(t)) = (rule.as_object_mut(), test.as_object()) {
        r.extend(t.clone());
    }
    rules(json!({ "rules": [rule] }))
}

fn input<'t>(trace: &'t Trace, name: &str) -> &'t Input {
    trace.results[0]
        .inputs
        .iter()
        .find(|i| i.name == name)
        .unwrap()
}

#[test]
fn an_applicant_under_16_fails_the_age_rule_and_the_trace_shows_the_masked_id_number_and_age() {
    let set = one(json!({"test": "age", "min": 16}));
    let mut case = Case::new();
    case.id = Some(id("51160220101123002")); // turns 16 tomorrow
    let trace = case.run(&set);
    assert!(!trace.passed);
    assert_eq!(trace.results[0].outcome, Outcome::Fail);
    let shown = input(&trace, "id_number");
    assert_eq!(shown.source, Source::IdNumber);
    assert!(shown.value.starts_with("511") && shown.value.contains("****"));
    assert!(!shown.value.contains("20101123"));
    assert_eq!(input(&trace, "birth_date").value, "2010-11-23");
    assert_eq!(input(&trace, "age").value, "15");
    assert_eq!(input(&trace, "min").source, Source::Rule);

    case.id = Some(id("51160220101122002")); // 16 today
    assert!(case.run(&set).passed);
}

#[test]
fn age_bounds_are_inclusive_and_a_missing_id_number_goes_to_a_person() {
    let set = one(json!({"test": "age", "min": 18, "max": 36}));
    let mut case = Case::new();
    assert!(case.run(&set).passed, "36 on 2026-11-22");
    case.id = Some(id("51160219890501123"));
    assert_eq!(case.run(&set).results[0].outcome, Outcome::Fail);
    case.id = None;
    let trace = case.run(&set);
    assert_eq!(trace.results[0].outcome, Outcome::Unknown);
    assert!(!trace.passed);
}

#[test]
fn a_household_region_outside_guang_an_district_fails() {
    let set = one(json!({"test": "region", "within": ["511602"]}));
    let mut case = Case::new();
    assert!(case.run(&set).passed);
    case.id = Some(id("51162119900501123")); // 岳池县
    let trace = case.run(&set);
    assert_eq!(trace.results[0].outcome, Outcome::Fail);
    assert_eq!(input(&trace, "region").value, "511621");
    assert_eq!(input(&trace, "within").value, "511602");
}

#[test]
fn an_address_region_is_tested_against_the_listed_regions_by_prefix() {
    let set = one(json!({"test": "region", "field": "home", "within": ["511603", "5116020"]}));
    let set_city = one(json!({"test": "region", "field": "home", "within": ["511600000000"]}));
    let case = Case::new().answer(
        "home",
        json!({"region": "511602001", "detail": "建设路1号"}),
    );
    assert!(case.run(&set_city).passed);
    let trace = case.run(&set);
    assert_eq!(trace.results[0].outcome, Outcome::Fail);
    assert_eq!(input(&trace, "home.region").value, "511602001");
    assert_eq!(input(&trace, "home.region").source, Source::Answer);
    assert_eq!(
        Case::new().run(&set_city).results[0].outcome,
        Outcome::Unknown
    );
}

#[test]
fn holding_an_expired_certificate_does_not_pass() {
    let set = one(json!({"test": "holds_certificate", "cert_type": "nurse_practice"}));
    let mut case = Case::new();
    assert_eq!(case.run(&set).results[0].outcome, Outcome::Fail);
    assert_eq!(input(&case.run(&set), "certificate").value, "none");
    case.certificates.push(HeldCertificate {
        cert_type: "nurse_practice".into(),
        valid: false,
    });
    let trace = case.run(&set);
    assert_eq!(trace.results[0].outcome, Outcome::Fail);
    assert_eq!(input(&trace, "certificate").value, "not_valid");
    assert_eq!(input(&trace, "certificate").source, Source::Wallet);
    case.certificates.push(HeldCertificate {
        cert_type: "nurse_practice".into(),
        valid: true,
    });
    assert!(case.run(&set).passed);
}

#[test]
fn an_open_case_for_the_same_item_blocks_instant_approval() {
    let same = one(json!({"test": "no_open_case"}));
    let listed = one(json!({"test": "no_open_case", "items": [OTHER_ITEM]}));
    let mut case = Case::new();
    case.open_cases.push(OTHER_ITEM.into());
    assert!(case.run(&same).passed);
    assert!(!case.run(&listed).passed);
    case.open_cases.push(ITEM.into());
    let trace = case.run(&same);
    assert_eq!(trace.results[0].outcome, Outcome::Fail);
    assert_eq!(input(&trace, "open_cases").value, ITEM);
    assert_eq!(input(&trace, "open_cases").source, Source::Cases);
}

#[test]
fn every_rule_is_evaluated_even_after_one_fails() {
    let set = rules(json!({"rules": [
        {"key": "adult", "label": {"zh": "申请人年满60周岁"}, "test": "age", "min": 60},
        {"key": "local", "label": {"zh": "户籍在广安区"}, "test": "region", "within": ["511602"]},
        {"key": "area", "label": {"zh": "面积"}, "test": "field", "field": "area", "op": "le",
         "value": "120"},
    ]}));
    let trace = Case::new().run(&set);
    assert!(!trace.passed);
    let outcomes: Vec<_> = trace.results.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Fail, Outcome::Pass, Outcome::Unknown],
        "a missing answer is unknown"
    );
    assert_eq!(trace.results[1].label.zh, "户籍在广安区");
    let stopped: Vec<_> = trace.not_passed().map(|r| r.key.as_str()).collect();
    assert_eq!(stopped, ["adult", "area"]);
}

#[test]
fn an_empty_rule_set_never_approves() {
    let trace = Case::new().run(&RuleSet { rules: Vec::new() });
    assert!(!trace.passed);
    assert!(trace.results.is_empty());
}

#[test]
fn field_tests_compare_answers_as_numbers_dates_choices_or_text() {
    let case = Case::new()
        .answer("area", json!("120.00"))
        .answer("start", json!("2026-12-01"))
        .answer("use", json!("home"))
        .answer("kinds", json!(["a", "b"]))
        .answer("name", json!("张三"));
    let table = [
        (
            json!({"field": "area", "op": "le", "value": "120"}),
            Outcome::Pass,
        ),
        (
            json!({"field": "area", "op": "lt", "value": 120}),
            Outcome::Fail,
        ),
        (
            json!({"field": "area", "op": "eq", "value": "120.0"}),
            Outcome::Pass,
        ),
        (
            json!({"field": "start", "op": "ge", "value": "2026-11-30"}),
            Outcome::Pass,
        ),
        (
            json!({"field": "start", "op": "lt", "value": "2026-12-01"}),
            Outcome::Fail,
        ),
        (
            json!({"field": "use", "op": "in", "values": ["home", "shop"]}),
            Outcome::Pass,
        ),
        (
            json!({"field": "use", "op": "not_in", "values": ["home"]}),
            Outcome::Fail,
        ),
        (
            json!({"field": "use", "op": "ne", "value": "shop"}),
            Outcome::Pass,
        ),
        (
            json!({"field": "kinds", "op": "in", "values": ["b", "c"]}),
            Outcome::Pass,
        ),
        (
            json!({"field": "kinds", "op": "not_in", "values": ["c"]}),
            Outcome::Pass,
        ),
        (
            json!({"field": "kinds", "op": "eq", "value": "a"}),
            Outcome::Unknown,
        ),
        (
            json!({"field": "name", "op": "gt", "value": "李四"}),
            Outcome::Unknown,
        ),
        (json!({"field": "name", "op": "present"}), Outcome::Pass),
        (json!({"field": "missing", "op": "present"}), Outcome::Fail),
        (json!({"field": "missing", "op": "absent"}), Outcome::Pass),
        (
            json!({"field": "missing", "op": "eq", "value": "x"}),
            Outcome::Unknown,
        ),
        (
            json!({"field": "missing", "op": "not_in", "values": ["x"]}),
            Outcome::Unknown,
        ),
    ];
    for (test, expected) in table {
        let mut t = test.clone();
        t["test"] = json!("field");
        assert_eq!(case.run(&one(t)).results[0].outcome, expected, "{test}");
    }
}

#[test]
fn an_id_number_typed_into_a_field_is_masked_in_the_trace() {
    let case = Case::new().answer("spouse_id", json!("11010519491231002X"));
    let trace = case.run(&one(
        json!({"test": "field", "field": "spouse_id", "op": "present"}),
    ));
    assert_eq!(input(&trace, "spouse_id").value, "110***********002X");
}

#[test]
fn decimals_compare_exactly_without_floats() {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let table = [
        ("12.50", "12.5", Some(Equal)),
        ("012", "12.000", Some(Equal)),
        ("-0", "0.0", Some(Equal)),
        ("-1.5", "-1.25", Some(Less)),
        ("-2", "1", Some(Less)),
        ("0.51", "0.6", Some(Less)),
        ("100", "99.999", Some(Greater)),
        (
            "99999999999999999999999.1",
            "99999999999999999999999",
            Some(Greater),
        ),
        ("0.1", "0.10000000000000000001", Some(Less)),
        ("12", "abc", None),
        ("1e3", "1000", None),
        ("12.", "12", None),
        (".5", "0.5", None),
        ("--1", "1", None),
        ("1,000", "1000", None),
    ];
    for (a, b, expected) in table {
        assert_eq!(compare(a, b), expected, "{a} vs {b}");
    }
    assert!(equal("12.50", "12.5"));
    assert!(!equal("abc", "ABC"));
    assert!(Decimal::parse(" 7 ").is_some());
}

#[test]
fn a_trace_round_trips_through_json_with_stable_names() {
    let trace = Case::new().run(&one(json!({"test": "age", "min": 16})));
    let stored = serde_json::to_value(&trace).unwrap();
    assert_eq!(stored["results"][0]["outcome"], "pass");
    assert_eq!(stored["results"][0]["inputs"][0]["source"], "id_number");
    let back: Trace = serde_json::from_value(stored).unwrap();
    assert_eq!(back, trace);
}
