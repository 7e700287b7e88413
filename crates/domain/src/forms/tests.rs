//! Tests of application forms, around one realistic form: a household subsidy application
//! with the applicant, their marriage, their family and their documents.

mod answers;
mod definition;
mod kinds;
mod pairs;
mod sections;
mod sniffing;

use std::collections::HashMap;

use serde_json::{Value, json};
use time::Date;
use time::macros::date;

use super::{Answers, Ctx, FileMeta, FileType, Files, FormDef, Regions};
use crate::FieldErrors;
use crate::region::RegionCode;

const TODAY: Date = date!(2026 - 03 - 15);

/// The GB 11643-1999 worked example, a valid number.
const ID: &str = "11010519491231002X";

/// The region tree: 广安区 (a county) and one of its streets.
struct Tree;

impl Regions for Tree {
    fn exists(&self, code: &RegionCode) -> bool {
        ["51", "5116", "511602", "511602001"].contains(&code.as_str())
    }
}

/// The applicant's uploads: a scan, a photo, a large scan, and an unrecognised file.
struct Uploads(HashMap<&'static str, FileMeta>);

impl Uploads {
    fn new() -> Self {
        let meta = |file_type, bytes| FileMeta { file_type, bytes };
        Uploads(HashMap::from([
            ("scan", meta(Some(FileType::Pdf), 200_000)),
            ("photo", meta(Some(FileType::Jpeg), 300_000)),
            ("big_scan", meta(Some(FileType::Pdf), 5_000_000)),
            ("screenshot", meta(Some(FileType::Png), 1_000)),
            ("mystery", meta(None, 1_000)),
        ]))
    }
}

impl Files for Uploads {
    fn get(&self, id: &str) -> Option<FileMeta> {
        self.0.get(id).copied()
    }
}

fn with_ctx<T>(f: impl FnOnce(&Ctx) -> T) -> T {
    let uploads = Uploads::new();
    let ctx = Ctx {
        today: TODAY,
        regions: &Tree,
        files: &uploads,
    };
    f(&ctx)
}

fn label(zh: &str) -> Value {
    json!({ "zh": zh })
}

fn options(values: &[&str]) -> Value {
    Value::Array(
        values
            .iter()
            .map(|v| json!({ "value": v, "label": label(v) }))
            .collect(),
    )
}

/// A field as staff would write it in the console's JSON.
fn field(key: &str, kind: Value) -> Value {
    json!({ "key": key, "label": label(key), "kind": kind })
}

fn required(mut f: Value) -> Value {
    f["required"] = json!(true);
    f
}

fn shown_if(mut f: Value, field: &str, any_of: &[&str]) -> Value {
    f["visible_if"] = json!({ "field": field, "any_of": any_of });
    f
}

fn text(max_len: u32) -> Value {
    json!({ "type": "text", "max_len": max_len })
}

fn choice(values: &[&str]) -> Value {
    json!({ "type": "choice", "options": options(values) })
}

fn section(key: &str, fields: Vec<Value>) -> Value {
    json!({ "key": key, "title": label(key), "fields": fields })
}

fn form(sections: Vec<Value>) -> FormDef {
    serde_json::from_value(json!({ "sections": sections })).unwrap()
}

/// The household subsidy form the tests fill in.
fn subsidy_form() -> FormDef {
    form(vec![
        section(
            "applicant",
            vec![
                required(field("name", text(50))),
                required(field("id_number", json!({ "type": "id_number" }))),
                field("phone", json!({ "type": "phone" })),
                required(field(
                    "home",
                    json!({ "type": "address", "level": "county" }),
                )),
            ],
        ),
        section(
            "marriage",
            vec![
                required(field("married", choice(&["yes", "no"]))),
                shown_if(
                    required(field("spouse_name", text(50))),
                    "married",
                    &["yes"],
                ),
                shown_if(
                    field("wed_on", json!({ "type": "date", "past_only": true })),
                    "married",
                    &["yes"],
                ),
            ],
        ),
        section(
            "household",
            vec![
                field(
                    "members",
                    json!({ "type": "group", "min": 0, "max": 3, "fields": [
                        required(field("name", text(50))),
                        required(field("relation", choice(&["spouse", "child", "parent"]))),
                        shown_if(field("school", text(100)), "relation", &["child"]),
                    ]}),
                ),
                field(
                    "income",
                    json!({ "type": "number", "min": 0, "max": 1_000_000, "decimals": 2 }),
                ),
                field(
                    "needs",
                    json!({ "type": "multi_choice", "options": options(&["rent", "school", "care"]),
                            "min": 1, "max": 2 }),
                ),
            ],
        ),
        section(
            "documents",
            vec![
                required(field(
                    "proof",
                    json!({ "type": "file", "accept": ["pdf", "jpeg"], "max_bytes": 1_048_576,
                            "max_files": 2 }),
                )),
                field(
                    "notes",
                    json!({ "type": "text", "max_len": 500, "multiline": true }),
                ),
            ],
        ),
    ])
}

/// A complete, correct set of answers to [`subsidy_form`].
fn good_answers() -> Answers {
    answers(json!({
        "name": "张三",
        "id_number": ID,
        "phone": "13800138000",
        "home": { "region": "511602", "detail": "建设路 1 号" },
        "married": "no",
        "members": [{ "name": "张小明", "relation": "child", "school": "实验小学" }],
        "income": "1200.5",
        "needs": ["rent"],
        "proof": ["scan"],
    }))
}

fn answers(v: Value) -> Answers {
    match v {
        Value::Object(map) => map,
        other => panic!("answers must be an object, got {other}"),
    }
}

/// The errors as `(path, code)` pairs, for comparing in one assertion.
fn listed(errors: &FieldErrors) -> Vec<(String, &'static str)> {
    errors
        .iter()
        .map(|e| (e.field.to_string(), e.code.as_str()))
        .collect()
}
