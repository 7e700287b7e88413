//! Records: the native check, the FHIR mapping, supersession, reading rules — and properties
//! over many generated inputs (a small deterministic generator; the workspace has no
//! property-testing crate).

use serde_json::{Value, json};
use time::macros::date;

use super::access::{Reader, check_reason, guardian_sees, may_link, may_read};
use super::fhir::{ID_NUMBER_SYSTEM, batch_entries, immunization, native_path};
use super::*;
use crate::identity::id_number::check_char;

const TODAY: Date = date!(2026 - 12 - 06);

fn id(first17: &str) -> String {
    let c = check_char(first17.as_bytes()) as char;
    format!("{first17}{c}")
}

fn parent() -> String {
    id("51160219850312002")
}

fn child() -> String {
    id("51160220200601003")
}

fn immunization_json() -> Value {
    json!({
        "resourceType": "Immunization",
        "id": "imm-1",
        "identifier": [{"system": "urn:oid:2.16.156.1.clinic", "value": "HIS-2026-0001"}],
        "status": "completed",
        "vaccineCode": {"coding": [{"system": "urn:oid:2.16.156.10011.2.3.3.12", "code": "0201", "display": "乙肝疫苗"}], "text": "乙肝疫苗（酿酒酵母）"},
        "patient": {"identifier": {"system": ID_NUMBER_SYSTEM, "value": child()}, "display": "王小明"},
        "occurrenceDateTime": "2026-03-01T09:30:00+08:00",
        "lotNumber": "202511A",
        "location": {"display": "广安区北辰社区卫生服务中心"},
        "performer": [{"actor": {"display": "李护士"}}],
        "protocolApplied": [{"doseNumberPositiveInt": 2}]
    })
}

fn vaccination() -> FormDef {
    builtin_schema(VACCINATION).unwrap()
}

#[test]
fn the_builtin_schemas_are_valid_record_schemas() {
    for code in [VACCINATION, HEALTH_CHECK] {
        let s = builtin_schema(code).unwrap();
        check_schema(&s).unwrap();
    }
    assert!(builtin_schema("nope").is_none());
}

#[test]
fn a_fhir_immunization_maps_to_a_vaccination_in_plain_words() {
    let input = immunization(&immunization_json()).unwrap();
    assert_eq!(input.source_record_id, "HIS-2026-0001");
    assert_eq!(input.record_type, VACCINATION);
    assert_eq!(input.date, "2026-03-01");
    let clean = check_record(&input, &vaccination(), TODAY).unwrap();
    assert_eq!(clean.name.expose(), "王小明");
    assert_eq!(clean.data["vaccine"], "乙肝疫苗（酿酒酵母）");
    assert_eq!(
        clean.data["vaccine_code"],
        "urn:oid:2.16.156.10011.2.3.3.12|0201"
    );
    assert_eq!(clean.data["dose"], "2");
    assert_eq!(clean.data["lot"], "202511A");
    assert_eq!(clean.data["place"], "广安区北辰社区卫生服务中心");
    assert_eq!(clean.data["performer"], "李护士");
    assert_eq!(clean.data["status"], "completed");
    assert_eq!(
        headline(VACCINATION, &clean.data),
        "乙肝疫苗（酿酒酵母） 第2剂"
    );
}

#[test]
fn an_immunization_without_what_we_need_is_refused_at_each_path() {
    let mut r = immunization_json();
    let o = r.as_object_mut().unwrap();
    o.remove("vaccineCode");
    o.insert("status".into(), "entered-in-error".into());
    o.insert(
        "patient".into(),
        json!({"identifier": {"system": "urn:other", "value": "x"}}),
    );
    o.insert("occurrenceString".into(), "2026-03-01".into());
    let issues = immunization(&r).unwrap_err();
    let paths: Vec<&str> = issues.iter().map(|i| i.expression.as_str()).collect();
    assert!(paths.contains(&"Immunization.status"));
    assert!(paths.contains(&"Immunization.vaccineCode"));
    assert!(paths.contains(&"Immunization.patient.identifier.system"));
    assert!(paths.contains(&"Immunization.patient.display"));
    assert!(paths.contains(&"Immunization.occurrence[x]"), "{paths:?}");
    let outcome = super::fhir::operation_outcome(&issues, &|c| c.as_str().to_owned());
    assert_eq!(outcome["resourceType"], "OperationOutcome");
    assert_eq!(outcome["issue"][0]["severity"], "error");
}

#[test]
fn another_resource_or_a_bad_id_number_is_refused() {
    let patient = json!({"resourceType": "Patient"});
    assert_eq!(
        immunization(&patient).unwrap_err()[0].expression,
        "Immunization.resourceType"
    );
    let mut r = immunization_json();
    r["patient"]["identifier"]["value"] = "511602202006010030".into();
    let input = immunization(&r).unwrap();
    let errs = check_record(&input, &vaccination(), TODAY).unwrap_err();
    let field = errs.iter().next().unwrap().field.to_string();
    assert_eq!(field, "id_number");
    assert_eq!(native_path(&field), "Immunization.patient.identifier.value");
}

#[test]
fn a_date_in_the_future_or_a_partial_date_is_refused() {
    let mut r = immunization_json();
    r["occurrenceDateTime"] = "2026-03".into();
    assert!(immunization(&r).is_err());
    r["occurrenceDateTime"] = "2027-01-01".into();
    let input = immunization(&r).unwrap();
    let errs = check_record(&input, &vaccination(), TODAY).unwrap_err();
    assert_eq!(errs.get("date"), Some(FieldCode::DateInFuture));
}

#[test]
fn native_data_is_checked_by_the_types_schema_and_unknown_keys_are_named() {
    let input = RecordInput {
        source_record_id: "HC-1".into(),
        record_type: HEALTH_CHECK.into(),
        id_number: parent(),
        name: "王建国".into(),
        date: "2026-11-02".into(),
        data: json!({"place": "区人民医院体检中心", "height_cm": "abc", "colour": "blue"})
            .as_object()
            .unwrap()
            .clone(),
    };
    let errs = check_record(&input, &builtin_schema(HEALTH_CHECK).unwrap(), TODAY).unwrap_err();
    assert_eq!(errs.get("data.conclusion"), Some(FieldCode::Required));
    assert!(errs.get("data.height_cm").is_some());
    assert_eq!(errs.get("data.colour"), Some(FieldCode::UnknownField));
}

#[test]
fn a_repeat_changes_nothing_and_other_content_is_the_next_version() {
    assert_eq!(decide_push(None, "a"), PushOutcome::Created);
    assert_eq!(decide_push(Some((1, "a")), "a"), PushOutcome::Unchanged);
    assert_eq!(
        decide_push(Some((3, "a")), "b"),
        PushOutcome::Corrected { version: 4 }
    );
}

#[test]
fn a_schema_with_uploads_or_two_sections_is_not_a_record_schema() {
    let with_file: FormDef = serde_json::from_value(json!({"sections": [{"key": "s", "title": {"zh": "体检"}, "fields": [
        {"key": "scan", "label": {"zh": "扫描件"}, "kind": {"type": "file", "accept": ["pdf"], "max_bytes": 1000, "max_files": 1}}]}]}))
    .unwrap();
    assert!(check_schema(&with_file).is_err());
}

#[test]
fn a_guardian_must_be_verified_and_the_child_a_minor() {
    use crate::identity::Assurance::*;
    let p = ResidentId::parse(&parent(), TODAY).unwrap();
    let c = ResidentId::parse(&child(), TODAY).unwrap();
    assert!(may_link(Some(Provider), &p, &c, TODAY).is_ok());
    assert!(may_link(Some(SelfDeclared), &p, &c, TODAY).is_err());
    assert!(may_link(None, &p, &c, TODAY).is_err());
    assert!(
        may_link(Some(InPerson), &c, &p, TODAY).is_err(),
        "a parent is no child"
    );
    assert!(may_link(Some(InPerson), &p, &p, TODAY).is_err());
    assert!(guardian_sees(&c, Some(InPerson), TODAY));
    // On the child's 18th birthday the records become theirs alone.
    assert!(!guardian_sees(&c, Some(InPerson), date!(2038 - 06 - 01)));
    assert!(guardian_sees(&c, Some(InPerson), date!(2038 - 05 - 31)));
}

#[test]
fn staff_read_only_with_a_reason_and_sources_only_what_they_wrote() {
    assert!(check_reason("核对接种史以便补种").is_ok());
    assert!(check_reason("看看").is_err());
    assert!(check_reason("").is_err());
    assert!(may_read(Reader::Staff {
        in_scope: true,
        reason_given: true
    }));
    assert!(!may_read(Reader::Staff {
        in_scope: true,
        reason_given: false
    }));
    assert!(!may_read(Reader::Staff {
        in_scope: false,
        reason_given: true
    }));
    assert!(may_read(Reader::Source { wrote_it: true }));
    assert!(!may_read(Reader::Source { wrote_it: false }));
    assert!(!may_read(Reader::Citizen {
        own: false,
        guardian: false
    }));
}

#[test]
fn a_batch_bundle_lists_its_resources_and_refuses_other_bundles() {
    let b = json!({"resourceType": "Bundle", "type": "batch", "entry": [{"resource": immunization_json()}, {"request": {}}]});
    let e = batch_entries(&b).unwrap();
    assert_eq!(e.len(), 2);
    assert!(e[0].is_some() && e[1].is_none());
    let t = json!({"resourceType": "Bundle", "type": "transaction", "entry": []});
    assert!(batch_entries(&t).is_err());
}

/// xorshift64*: enough to walk many inputs reproducibly.
struct Gen(u64);
impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn junk(g: &mut Gen) -> Value {
    let choices = [
        json!(null),
        json!(0),
        json!(-1),
        json!(2.5),
        json!(""),
        json!("  "),
        json!("2026-02-30"),
        json!("not-done"),
        json!([]),
        json!({}),
        json!([{}]),
        json!({"text": ""}),
        json!("🙂".repeat(300)),
    ];
    g.pick(&choices).clone()
}

/// Every path of the resource (objects and arrays), for mutation.
fn paths(v: &Value, here: Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let mut p = here.clone();
                p.push(Value::String(k.clone()));
                paths(c, p, out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                let mut p = here.clone();
                p.push(json!(i));
                paths(c, p, out);
            }
        }
        _ => {}
    }
}

/// The value at a path, if an earlier mutation left it reachable.
fn at<'a>(v: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    let pointer: String = path
        .iter()
        .map(|k| match k {
            Value::String(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            other => format!("/{other}"),
        })
        .collect();
    v.pointer_mut(&pointer)
}

#[test]
fn property_any_mutation_of_an_immunization_is_mapped_or_refused_with_issues_never_a_panic() {
    let base = immunization_json();
    let mut all = Vec::new();
    paths(&base, vec![], &mut all);
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    let schema = vaccination();
    for _ in 0..5000 {
        let mut r = base.clone();
        for _ in 0..=(g.next() % 3) {
            let path = g.pick(&all).clone();
            let value = junk(&mut g);
            if let Some(slot) = at(&mut r, &path) {
                *slot = value;
            }
        }
        match immunization(&r) {
            Ok(input) => {
                // What maps is checked again by the native rules, and what passes them is a
                // vaccination with a vaccine, a status and a real date no later than today.
                if let Ok(clean) = check_record(&input, &schema, TODAY) {
                    assert!(!clean.data["vaccine"].as_str().unwrap_or("").is_empty());
                    assert!(clean.data.contains_key("status"));
                    assert!(clean.date <= TODAY);
                }
            }
            Err(issues) => {
                assert!(!issues.is_empty());
                assert!(
                    issues
                        .iter()
                        .all(|i| i.expression.starts_with("Immunization"))
                );
            }
        }
    }
}

#[test]
fn property_push_decisions_are_idempotent_and_versions_only_grow() {
    let mut g = Gen(42);
    for _ in 0..2000 {
        let latest = g
            .next()
            .is_multiple_of(5)
            .then(|| ((g.next() % 50) as i64 + 1, "f"));
        let f = if g.next().is_multiple_of(2) { "f" } else { "g" };
        match decide_push(latest, f) {
            PushOutcome::Created => assert!(latest.is_none()),
            PushOutcome::Unchanged => assert_eq!(latest.map(|l| l.1), Some(f)),
            PushOutcome::Corrected { version } => {
                let (v, old) = latest.unwrap();
                assert!(version == v + 1 && old != f);
            }
        }
        // Pushing the result again is a repeat.
        assert_eq!(decide_push(Some((1, f)), f), PushOutcome::Unchanged);
    }
}

#[test]
fn property_source_record_ids_and_type_codes_accept_only_their_alphabets() {
    let mut g = Gen(7);
    let alphabet: Vec<char> = "aZ09-_ .é乙/\t:".chars().collect();
    for _ in 0..3000 {
        let n = (g.next() % 70) as usize;
        let s: String = (0..n).map(|_| *g.pick(&alphabet)).collect();
        if let Ok(id) = check_source_record_id(&s) {
            assert!(!id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_graphic()));
        }
        if let Ok(code) = check_type_code(&s) {
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            );
        }
    }
}
