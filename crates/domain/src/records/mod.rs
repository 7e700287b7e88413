//! Personal records pushed by source systems (PRODUCT.md SVC-3): health-check reports,
//! vaccination records and the types an admin defines with a schema.
//!
//! A record type's schema is a [`FormDef`] (the form language of APP-1), so an admin defines
//! a new type the way a form is built, and the same checks clean a record's data as clean an
//! application's answers. A source system pushes a record under its own id; pushing the same
//! id again with the same content changes nothing, with other content it is a correction that
//! supersedes the earlier version, which is kept ([`decide_push`]). FHIR R4 `Immunization`
//! resources are one input format ([`fhir`]); who may read what is [`access`].

pub mod access;
pub mod fhir;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use time::Date;

use crate::forms::{Answers, FieldKind, FormDef};
use crate::identity::{PersonName, ResidentId};
use crate::{FieldCode, FieldErrors};

/// The built-in type of vaccination records (FHIR `Immunization` maps to it).
pub const VACCINATION: &str = "vaccination";
/// The built-in type of health-check reports.
pub const HEALTH_CHECK: &str = "health_check";

/// Checks a record type's code: `[a-z][a-z0-9_]{1,39}`.
pub fn check_type_code(code: &str) -> Result<String, FieldCode> {
    let c = code.trim();
    if c.is_empty() {
        return Err(FieldCode::Required);
    }
    let ok = c.len() >= 2
        && c.len() <= 40
        && c.starts_with(|ch: char| ch.is_ascii_lowercase())
        && c.chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
    if ok {
        Ok(c.to_owned())
    } else {
        Err(FieldCode::InvalidKey)
    }
}

/// Checks a source system's own id for a record: 1–64 printable ASCII characters without
/// spaces (hospital systems use numbers, UUIDs, `HIS-2026-000123`).
pub fn check_source_record_id(id: &str) -> Result<String, FieldCode> {
    let s = id.trim();
    if s.is_empty() {
        return Err(FieldCode::Required);
    }
    if s.len() > 64 {
        return Err(FieldCode::TooLong);
    }
    if !s.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(FieldCode::InvalidCharacters);
    }
    Ok(s.to_owned())
}

/// Checks an admin-defined schema: a valid form whose fields hold values a record can carry
/// (no uploads, no addresses picked from the region tree, no groups), at most one section.
pub fn check_schema(schema: &FormDef) -> Result<(), FieldErrors> {
    schema.check()?;
    let mut errors = FieldErrors::new();
    if schema.sections.len() != 1 {
        errors.add("schema", FieldCode::TooMany);
    }
    for f in schema.sections.iter().flat_map(|s| &s.fields) {
        if !matches!(
            f.kind,
            FieldKind::Text { .. }
                | FieldKind::Number { .. }
                | FieldKind::Date { .. }
                | FieldKind::Choice { .. }
                | FieldKind::MultiChoice { .. }
        ) {
            errors.add("schema", FieldCode::InvalidChoice);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The schemas of the built-in types, written in the form language.
pub fn builtin_schema(code: &str) -> Option<FormDef> {
    let v = match code {
        VACCINATION => {
            json!({"sections": [{"key": "vaccination", "title": {"zh": "预防接种", "en": "Vaccination"}, "fields": [
                {"key": "vaccine", "label": {"zh": "疫苗", "en": "Vaccine"}, "kind": {"type": "text", "max_len": 100}, "required": true},
                {"key": "vaccine_code", "label": {"zh": "疫苗编码", "en": "Vaccine code"}, "kind": {"type": "text", "max_len": 100}},
                {"key": "dose", "label": {"zh": "剂次", "en": "Dose"}, "kind": {"type": "number", "min": 1, "max": 20}},
                {"key": "lot", "label": {"zh": "批号", "en": "Lot number"}, "kind": {"type": "text", "max_len": 60}},
                {"key": "place", "label": {"zh": "接种单位", "en": "Where"}, "kind": {"type": "text", "max_len": 100}},
                {"key": "performer", "label": {"zh": "接种人员", "en": "Given by"}, "kind": {"type": "text", "max_len": 60}},
                {"key": "status", "label": {"zh": "状态", "en": "Status"}, "kind": {"type": "choice", "options": [
                    {"value": "completed", "label": {"zh": "已接种", "en": "Given"}},
                    {"value": "not_done", "label": {"zh": "未接种", "en": "Not given"}}]}, "required": true}
            ]}]})
        }
        HEALTH_CHECK => {
            json!({"sections": [{"key": "health_check", "title": {"zh": "健康体检", "en": "Health check"}, "fields": [
                {"key": "place", "label": {"zh": "体检机构", "en": "Where"}, "kind": {"type": "text", "max_len": 100}, "required": true},
                {"key": "height_cm", "label": {"zh": "身高", "en": "Height"}, "kind": {"type": "number", "min": 30, "max": 250, "decimals": 1, "unit": {"zh": "厘米", "en": "cm"}}},
                {"key": "weight_kg", "label": {"zh": "体重", "en": "Weight"}, "kind": {"type": "number", "min": 1, "max": 400, "decimals": 1, "unit": {"zh": "千克", "en": "kg"}}},
                {"key": "blood_pressure", "label": {"zh": "血压", "en": "Blood pressure"}, "kind": {"type": "text", "max_len": 20}},
                {"key": "conclusion", "label": {"zh": "体检结论", "en": "Conclusion"}, "kind": {"type": "text", "max_len": 2000, "multiline": true}, "required": true},
                {"key": "advice", "label": {"zh": "健康建议", "en": "Advice"}, "kind": {"type": "text", "max_len": 2000, "multiline": true}}
            ]}]})
        }
        _ => return None,
    };
    serde_json::from_value(v).ok()
}

/// A record as a source system pushes it in the native JSON format (every type).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RecordInput {
    /// The source's own id of the record; a push with the same id is the same record.
    pub source_record_id: String,
    /// The record type's code.
    #[serde(rename = "type")]
    pub record_type: String,
    /// The person's resident ID number (GB 11643).
    pub id_number: String,
    /// The person's name, as on the ID card.
    pub name: String,
    /// When it happened (`YYYY-MM-DD`).
    pub date: String,
    /// The record's data, keyed by the type's field keys.
    #[serde(default)]
    pub data: Answers,
}

/// A record that passed every check, ready to be matched to a person and stored.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanRecord {
    /// The source's id.
    pub source_record_id: String,
    /// The type's code.
    pub record_type: String,
    /// The person's ID number.
    pub id_number: ResidentId,
    /// The person's name.
    pub name: PersonName,
    /// When it happened.
    pub date: Date,
    /// The data, cleaned by the type's schema.
    pub data: Answers,
}

impl CleanRecord {
    /// What is encrypted and stored, and compared to tell a repeat from a correction.
    pub fn content(&self) -> Value {
        json!({
            "name": self.name.expose(),
            "date": self.date.to_string(),
            "data": Value::Object(self.data.clone()),
        })
    }
}

/// Checks a native record against its type's schema. `today` is China Standard Time.
pub fn check_record(
    input: &RecordInput,
    schema: &FormDef,
    today: Date,
) -> Result<CleanRecord, FieldErrors> {
    let mut e = FieldErrors::new();
    let source_record_id = e.check(
        "source_record_id",
        check_source_record_id(&input.source_record_id),
    );
    let record_type = e.check("type", check_type_code(&input.record_type));
    let id_number = e.check("id_number", ResidentId::parse(&input.id_number, today));
    let name = e.check("name", PersonName::parse(&input.name));
    let date = e.check("date", parse_date(&input.date, today));
    let data = match schema.validate(&input.data, &ctx(today)) {
        Ok(d) => Some(d),
        Err(errs) => {
            for err in errs.iter() {
                e.add_path(format!("data.{}", err.field), err.code);
            }
            None
        }
    };
    if let Some(unknown) = input.data.keys().find(|k| !schema_has(schema, k)) {
        e.add_path(format!("data.{unknown}"), FieldCode::UnknownField);
    }
    match (source_record_id, record_type, id_number, name, date, data) {
        (
            Some(source_record_id),
            Some(record_type),
            Some(id_number),
            Some(name),
            Some(date),
            Some(data),
        ) if e.is_empty() => Ok(CleanRecord {
            source_record_id,
            record_type,
            id_number,
            name,
            date,
            data,
        }),
        _ => Err(e),
    }
}

fn schema_has(schema: &FormDef, key: &str) -> bool {
    schema
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .any(|f| f.key == key)
}

/// A `YYYY-MM-DD` date no later than today.
pub fn parse_date(s: &str, today: Date) -> Result<Date, FieldCode> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldCode::Required);
    }
    let d = crate::deadline::parse_date(s).ok_or(FieldCode::InvalidDate)?;
    if d > today {
        return Err(FieldCode::DateInFuture);
    }
    Ok(d)
}

struct NoRegions;
impl crate::forms::Regions for NoRegions {
    fn exists(&self, _: &crate::region::RegionCode) -> bool {
        false
    }
}
struct NoFiles;
impl crate::forms::Files for NoFiles {
    fn get(&self, _: &str) -> Option<crate::forms::FileMeta> {
        None
    }
}

fn ctx(today: Date) -> crate::forms::Ctx<'static> {
    crate::forms::Ctx {
        today,
        regions: &NoRegions,
        files: &NoFiles,
    }
}

/// What a push does, given the fingerprint of the source's latest version of the record (if
/// any) and that of the pushed content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushOutcome {
    /// A record not seen before: version 1.
    Created,
    /// The same content again (a retry): nothing changes.
    Unchanged,
    /// Other content under the same id: a correction, the next version; the earlier one is
    /// kept, marked superseded.
    Corrected {
        /// The new version's number.
        version: i64,
    },
}

/// The one idempotency rule of pushes: (source, source record id) is one record; equal
/// content is a repeat, other content a correction.
pub fn decide_push(latest: Option<(i64, &str)>, fingerprint: &str) -> PushOutcome {
    match latest {
        None => PushOutcome::Created,
        Some((_, f)) if f == fingerprint => PushOutcome::Unchanged,
        Some((v, _)) => PushOutcome::Corrected { version: v + 1 },
    }
}

/// A line in plain words for the records list: for a vaccination "乙肝疫苗 第2剂", for other
/// types the first one or two answers.
pub fn headline(record_type: &str, data: &Answers) -> String {
    let text = |k: &str| data.get(k).and_then(Value::as_str).map(str::to_owned);
    match record_type {
        VACCINATION => {
            let vaccine = text("vaccine").unwrap_or_default();
            match text("dose") {
                Some(d) => format!("{vaccine} 第{d}剂"),
                None => vaccine,
            }
        }
        HEALTH_CHECK => text("conclusion")
            .map(|c| c.chars().take(40).collect())
            .unwrap_or_default(),
        _ => data
            .values()
            .filter_map(Value::as_str)
            .take(2)
            .collect::<Vec<_>>()
            .join(" · ")
            .chars()
            .take(60)
            .collect(),
    }
}
