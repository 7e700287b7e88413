//! HL7 FHIR R4 `Immunization` as an input format for vaccination records, validated by hand
//! over the subset the platform uses (no FHIR library: the subset is a few dozen lines, a
//! full FHIR model would be a heavy dependency for one resource).
//!
//! The mapping (also in docs/ARCHITECTURE.md, "FHIR R4 Immunization"):
//!
//! | FHIR element | record field |
//! |---|---|
//! | `identifier[0].value`, else `id` | the source's record id |
//! | `status` (`completed`, `not-done`) | `status` (`completed`, `not_done`) |
//! | `vaccineCode.text`, else `coding[0].display`, else `coding[0].code` | `vaccine` |
//! | `vaccineCode.coding[0].system` + `code` | `vaccine_code` (`system|code`) |
//! | `patient.identifier` with system [`ID_NUMBER_SYSTEM`] | the person's ID number |
//! | `patient.display` | the person's name |
//! | `occurrenceDateTime` (date part) or `occurrenceString` (`YYYY-MM-DD`) | date |
//! | `lotNumber` | `lot` |
//! | `location.display` | `place` |
//! | `performer[0].actor.display` | `performer` |
//! | `protocolApplied[0].doseNumberPositiveInt` (or `doseNumberString` of digits) | `dose` |
//!
//! Other R4 elements are accepted and ignored; `entered-in-error` is refused (send the
//! corrected resource under the same identifier instead: that is a correction).

use serde_json::{Map, Value, json};

use super::{RecordInput, VACCINATION};
use crate::FieldCode;

/// The identifier system accepted for the patient's resident ID number: the OID of the
/// 居民身份证号码 in the national health information standards (WS 363/364), as a URN.
pub const ID_NUMBER_SYSTEM: &str = "urn:oid:2.16.156.10011.1.3";

/// Most entries in one `Bundle` of type `batch`.
pub const MAX_BATCH: usize = 1000;

/// One problem with a resource, at a FHIRPath-like expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Where, e.g. `Immunization.vaccineCode`.
    pub expression: String,
    /// Why, as the platform's field code (translated into the diagnostics).
    pub code: FieldCode,
}

impl Issue {
    fn new(expression: &str, code: FieldCode) -> Issue {
        Issue {
            expression: expression.to_owned(),
            code,
        }
    }

    /// The FHIR `IssueType` code for this problem.
    pub fn fhir_code(&self) -> &'static str {
        match self.code {
            FieldCode::Required => "required",
            FieldCode::UnknownField | FieldCode::InvalidChoice => "not-supported",
            _ => "value",
        }
    }
}

/// An `OperationOutcome` resource for the issues, with `diagnostics` in the reader's words.
pub fn operation_outcome(issues: &[Issue], diagnostics: &dyn Fn(FieldCode) -> String) -> Value {
    json!({
        "resourceType": "OperationOutcome",
        "issue": issues.iter().map(|i| json!({
            "severity": "error",
            "code": i.fhir_code(),
            "expression": [i.expression],
            "diagnostics": diagnostics(i.code),
        })).collect::<Vec<_>>(),
    })
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Reads an `Immunization` into the native input for the `vaccination` type, or the issues
/// that stop it. The native checks (ID number, name, dates, the schema) run after this; their
/// errors are put back on FHIR paths by [`native_path`].
pub fn immunization(r: &Value) -> Result<RecordInput, Vec<Issue>> {
    let mut issues = Vec::new();
    let Some(obj) = r.as_object() else {
        return Err(vec![Issue::new("Immunization", FieldCode::Required)]);
    };
    if obj.get("resourceType").and_then(Value::as_str) != Some("Immunization") {
        issues.push(Issue::new(
            "Immunization.resourceType",
            FieldCode::InvalidChoice,
        ));
        return Err(issues);
    }
    let source_id = r
        .get("identifier")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(|i| text(i, "value"))
        .or_else(|| text(r, "id"));
    if source_id.is_none() {
        issues.push(Issue::new("Immunization.identifier", FieldCode::Required));
    }
    let status = match text(r, "status") {
        Some("completed") => Some("completed"),
        Some("not-done") => Some("not_done"),
        Some(_) => {
            issues.push(Issue::new("Immunization.status", FieldCode::InvalidChoice));
            None
        }
        None => {
            issues.push(Issue::new("Immunization.status", FieldCode::Required));
            None
        }
    };
    let (vaccine, vaccine_code) = vaccine(r.get("vaccineCode"), &mut issues);
    let (id_number, name) = patient(r.get("patient"), &mut issues);
    let date = occurrence(r, &mut issues);
    let mut data = Map::new();
    if let Some(s) = status {
        data.insert("status".into(), s.into());
    }
    if let Some(v) = vaccine {
        data.insert("vaccine".into(), v.into());
    }
    if let Some(c) = vaccine_code {
        data.insert("vaccine_code".into(), c.into());
    }
    if let Some(l) = text(r, "lotNumber") {
        data.insert("lot".into(), l.into());
    }
    if let Some(p) = r.get("location").and_then(|l| text(l, "display")) {
        data.insert("place".into(), p.into());
    }
    if let Some(p) = r
        .get("performer")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(|p| p.get("actor"))
        .and_then(|a| text(a, "display"))
    {
        data.insert("performer".into(), p.into());
    }
    if let Some(d) = dose(r, &mut issues) {
        data.insert("dose".into(), d.into());
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(RecordInput {
        source_record_id: source_id.unwrap_or_default().to_owned(),
        record_type: VACCINATION.to_owned(),
        id_number: id_number.unwrap_or_default(),
        name: name.unwrap_or_default(),
        date: date.unwrap_or_default(),
        data,
    })
}

fn vaccine(v: Option<&Value>, issues: &mut Vec<Issue>) -> (Option<String>, Option<String>) {
    let Some(v) = v.filter(|v| v.is_object()) else {
        issues.push(Issue::new("Immunization.vaccineCode", FieldCode::Required));
        return (None, None);
    };
    let coding = v
        .get("coding")
        .and_then(Value::as_array)
        .and_then(|a| a.first());
    let code = coding.and_then(|c| match (text(c, "system"), text(c, "code")) {
        (Some(s), Some(k)) => Some(format!("{s}|{k}")),
        _ => None,
    });
    if coding.is_some() && code.is_none() {
        issues.push(Issue::new(
            "Immunization.vaccineCode.coding[0]",
            FieldCode::Required,
        ));
    }
    let name = text(v, "text")
        .or_else(|| coding.and_then(|c| text(c, "display")))
        .or_else(|| coding.and_then(|c| text(c, "code")))
        .map(str::to_owned);
    if name.is_none() && coding.is_none() {
        issues.push(Issue::new("Immunization.vaccineCode", FieldCode::Required));
    }
    (name, code)
}

fn patient(p: Option<&Value>, issues: &mut Vec<Issue>) -> (Option<String>, Option<String>) {
    let Some(p) = p.filter(|p| p.is_object()) else {
        issues.push(Issue::new("Immunization.patient", FieldCode::Required));
        return (None, None);
    };
    let id = match p.get("identifier") {
        Some(i) if text(i, "system") == Some(ID_NUMBER_SYSTEM) => match text(i, "value") {
            Some(v) => Some(v.to_owned()),
            None => {
                issues.push(Issue::new(
                    "Immunization.patient.identifier.value",
                    FieldCode::Required,
                ));
                None
            }
        },
        Some(_) => {
            issues.push(Issue::new(
                "Immunization.patient.identifier.system",
                FieldCode::InvalidChoice,
            ));
            None
        }
        None => {
            issues.push(Issue::new(
                "Immunization.patient.identifier",
                FieldCode::Required,
            ));
            None
        }
    };
    let name = text(p, "display").map(str::to_owned);
    if name.is_none() {
        issues.push(Issue::new(
            "Immunization.patient.display",
            FieldCode::Required,
        ));
    }
    (id, name)
}

fn occurrence(r: &Value, issues: &mut Vec<Issue>) -> Option<String> {
    match (r.get("occurrenceDateTime"), r.get("occurrenceString")) {
        (Some(_), Some(_)) => {
            issues.push(Issue::new("Immunization.occurrence[x]", FieldCode::TooMany));
            None
        }
        (Some(Value::String(dt)), None) => {
            // A FHIR dateTime is YYYY, YYYY-MM, YYYY-MM-DD or a full time; a day is needed.
            let day: String = dt.chars().take(10).collect();
            if day.len() == 10 && (dt.len() == 10 || dt[10..].starts_with('T')) {
                Some(day)
            } else {
                issues.push(Issue::new(
                    "Immunization.occurrenceDateTime",
                    FieldCode::InvalidDate,
                ));
                None
            }
        }
        (None, Some(Value::String(s))) => Some(s.trim().to_owned()),
        (None, None) => {
            issues.push(Issue::new(
                "Immunization.occurrence[x]",
                FieldCode::Required,
            ));
            None
        }
        _ => {
            issues.push(Issue::new(
                "Immunization.occurrence[x]",
                FieldCode::InvalidDate,
            ));
            None
        }
    }
}

fn dose(r: &Value, issues: &mut Vec<Issue>) -> Option<String> {
    let p = r
        .get("protocolApplied")
        .and_then(Value::as_array)
        .and_then(|a| a.first())?;
    if let Some(n) = p.get("doseNumberPositiveInt") {
        return match n.as_u64() {
            Some(n) if n >= 1 => Some(n.to_string()),
            _ => {
                issues.push(Issue::new(
                    "Immunization.protocolApplied[0].doseNumberPositiveInt",
                    FieldCode::InvalidNumber,
                ));
                None
            }
        };
    }
    match text(p, "doseNumberString") {
        Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => Some(s.to_owned()),
        Some(_) => {
            issues.push(Issue::new(
                "Immunization.protocolApplied[0].doseNumberString",
                FieldCode::InvalidNumber,
            ));
            None
        }
        None => None,
    }
}

/// The FHIR path of a native field, for errors found after mapping.
pub fn native_path(field: &str) -> String {
    let p = match field {
        "source_record_id" => "Immunization.identifier",
        "id_number" => "Immunization.patient.identifier.value",
        "name" => "Immunization.patient.display",
        "date" => "Immunization.occurrence[x]",
        "data.vaccine" => "Immunization.vaccineCode",
        "data.vaccine_code" => "Immunization.vaccineCode.coding[0]",
        "data.dose" => "Immunization.protocolApplied[0].doseNumber[x]",
        "data.lot" => "Immunization.lotNumber",
        "data.place" => "Immunization.location.display",
        "data.performer" => "Immunization.performer[0].actor.display",
        "data.status" => "Immunization.status",
        _ => "Immunization",
    };
    p.to_owned()
}

/// The resources of a `Bundle` of type `batch` (each entry's `resource`), at most
/// [`MAX_BATCH`]. An entry without a resource is `None` and gets its own error answer.
pub fn batch_entries(b: &Value) -> Result<Vec<Option<&Value>>, Vec<Issue>> {
    if b.get("resourceType").and_then(Value::as_str) != Some("Bundle") {
        return Err(vec![Issue::new(
            "Bundle.resourceType",
            FieldCode::InvalidChoice,
        )]);
    }
    if b.get("type").and_then(Value::as_str) != Some("batch") {
        return Err(vec![Issue::new("Bundle.type", FieldCode::InvalidChoice)]);
    }
    let entries = b
        .get("entry")
        .and_then(Value::as_array)
        .ok_or_else(|| vec![Issue::new("Bundle.entry", FieldCode::Required)])?;
    if entries.len() > MAX_BATCH {
        return Err(vec![Issue::new("Bundle.entry", FieldCode::TooMany)]);
    }
    Ok(entries.iter().map(|e| e.get("resource")).collect())
}
