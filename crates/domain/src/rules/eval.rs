//! Running a rule set on one application's facts.

use serde_json::Value;

use super::value::{Answer, compare, equal, show_date};
use super::{Facts, Input, Op, Outcome, Rule, RuleResult, RuleSet, Source, Test, Trace};
use crate::region::RegionCode;

/// Evaluates every rule (none is skipped after a failure, so the trace shows all that stands in
/// the way). The application passes when the set is not empty and every rule passes: an empty
/// rule set never approves anything.
pub fn evaluate(set: &RuleSet, facts: &Facts) -> Trace {
    let results: Vec<RuleResult> = set.rules.iter().map(|r| evaluate_rule(r, facts)).collect();
    let passed = !results.is_empty() && results.iter().all(|r| r.outcome == Outcome::Pass);
    Trace { passed, results }
}

fn evaluate_rule(rule: &Rule, facts: &Facts) -> RuleResult {
    let mut inputs = Vec::new();
    let outcome = match &rule.test {
        Test::Field {
            field,
            op,
            value,
            values,
        } => field_test(facts, field, *op, value.as_deref(), values, &mut inputs),
        Test::Age { min, max } => age_test(facts, *min, *max, &mut inputs),
        Test::Region { field, within } => region_test(facts, field.as_deref(), within, &mut inputs),
        Test::HoldsCertificate { cert_type } => certificate_test(facts, cert_type, &mut inputs),
        Test::NoOpenCase { items } => open_case_test(facts, items, &mut inputs),
    };
    RuleResult {
        key: rule.key.clone(),
        label: rule.label.clone(),
        outcome,
        inputs,
    }
}

fn input(name: impl Into<String>, value: impl Into<String>, source: Source) -> Input {
    Input {
        name: name.into(),
        value: value.into(),
        source,
    }
}

fn outcome(holds: bool) -> Outcome {
    if holds { Outcome::Pass } else { Outcome::Fail }
}

fn field_test(
    facts: &Facts,
    field: &str,
    op: Op,
    value: Option<&str>,
    values: &[String],
    inputs: &mut Vec<Input>,
) -> Outcome {
    let answer = Answer::of(facts.answers.get(field));
    inputs.push(input(field, answer.shown(), Source::Answer));
    if let Some(v) = value {
        inputs.push(input("value", v, Source::Rule));
    }
    if !values.is_empty() {
        inputs.push(input("values", values.join(","), Source::Rule));
    }
    let listed = |a: &str| values.iter().any(|v| equal(a, v));
    match (op, &answer) {
        (Op::Present, a) => outcome(!matches!(a, Answer::Missing)),
        (Op::Absent, a) => outcome(matches!(a, Answer::Missing)),
        (_, Answer::Missing) => Outcome::Unknown,
        (Op::In, Answer::One(a)) => outcome(listed(a)),
        (Op::NotIn, Answer::One(a)) => outcome(!listed(a)),
        (Op::In, Answer::Many(picked)) => outcome(picked.iter().any(|a| listed(a))),
        (Op::NotIn, Answer::Many(picked)) => outcome(!picked.iter().any(|a| listed(a))),
        (_, Answer::One(a)) => {
            let Some(v) = value else {
                return Outcome::Unknown;
            };
            match op {
                Op::Eq => outcome(equal(a, v)),
                Op::Ne => outcome(!equal(a, v)),
                _ => match compare(a, v) {
                    None => Outcome::Unknown,
                    Some(ord) => outcome(match op {
                        Op::Lt => ord.is_lt(),
                        Op::Le => ord.is_le(),
                        Op::Gt => ord.is_gt(),
                        _ => ord.is_ge(),
                    }),
                },
            }
        }
        // Ordering or equality on a list, an address or group entries means nothing.
        _ => Outcome::Unknown,
    }
}

fn age_test(facts: &Facts, min: Option<u32>, max: Option<u32>, inputs: &mut Vec<Input>) -> Outcome {
    let Some(id) = facts.applicant_id else {
        inputs.push(input("id_number", "", Source::IdNumber));
        return Outcome::Unknown;
    };
    let age = id.age_on(facts.today);
    inputs.push(input("id_number", id.masked(), Source::IdNumber));
    inputs.push(input(
        "birth_date",
        show_date(id.birth_date()),
        Source::IdNumber,
    ));
    inputs.push(input("age", age.to_string(), Source::IdNumber));
    if let Some(m) = min {
        inputs.push(input("min", m.to_string(), Source::Rule));
    }
    if let Some(m) = max {
        inputs.push(input("max", m.to_string(), Source::Rule));
    }
    outcome(min.is_none_or(|m| age >= m) && max.is_none_or(|m| age <= m))
}

fn region_test(
    facts: &Facts,
    field: Option<&str>,
    within: &[String],
    inputs: &mut Vec<Input>,
) -> Outcome {
    let code = match field {
        None => {
            let Some(id) = facts.applicant_id else {
                inputs.push(input("id_number", "", Source::IdNumber));
                return Outcome::Unknown;
            };
            inputs.push(input("id_number", id.masked(), Source::IdNumber));
            inputs.push(input("region", id.region_code(), Source::IdNumber));
            RegionCode::parse(id.region_code()).ok()
        }
        Some(f) => {
            let region = facts
                .answers
                .get(f)
                .and_then(|a| a.get("region"))
                .and_then(Value::as_str)
                .unwrap_or_default();
            inputs.push(input(format!("{f}.region"), region, Source::Answer));
            RegionCode::parse(region).ok()
        }
    };
    inputs.push(input("within", within.join(","), Source::Rule));
    let Some(code) = code else {
        return Outcome::Unknown;
    };
    let inside = within
        .iter()
        .filter_map(|w| RegionCode::parse(w).ok())
        .any(|w| w.contains(&code));
    outcome(inside)
}

fn certificate_test(facts: &Facts, cert_type: &str, inputs: &mut Vec<Input>) -> Outcome {
    inputs.push(input("cert_type", cert_type, Source::Rule));
    let mut held = facts
        .certificates
        .iter()
        .filter(|c| c.cert_type == cert_type);
    let state = match (held.clone().any(|c| c.valid), held.next().is_some()) {
        (true, _) => "valid",
        (false, true) => "not_valid",
        (false, false) => "none",
    };
    inputs.push(input("certificate", state, Source::Wallet));
    outcome(state == "valid")
}

fn open_case_test(facts: &Facts, items: &[String], inputs: &mut Vec<Input>) -> Outcome {
    let this = [facts.item.to_owned()];
    let items = if items.is_empty() { &this[..] } else { items };
    inputs.push(input("items", items.join(","), Source::Rule));
    let blocking: Vec<&str> = facts
        .open_cases
        .iter()
        .filter(|c| items.contains(c))
        .map(String::as_str)
        .collect();
    inputs.push(input("open_cases", blocking.join(","), Source::Cases));
    outcome(blocking.is_empty())
}
