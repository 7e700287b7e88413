//! The citizen's own records as JSON (`GET /api/v1/me/records`), for the app and for anyone
//! who wants their file in a machine-readable form: the same list as 我的档案, theirs and
//! each child's they may see. Reading one's own records is not written to the access log.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use yiwang_kit::api::ApiErrors;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::records::Record;

use crate::services::read;

/// One record as its holder sees it.
#[derive(Serialize, ToSchema)]
pub struct MyRecord {
    /// The record (version) id; `/account/records/{id}` shows it.
    pub id: String,
    /// The type's code, e.g. `vaccination`.
    #[serde(rename = "type")]
    pub record_type: String,
    /// The type's name in Chinese.
    pub type_name: String,
    /// The type's name in English, if given.
    pub type_name_en: Option<String>,
    /// When it happened (`YYYY-MM-DD`).
    pub date: String,
    /// Who sent it.
    pub source: String,
    /// The source's department.
    pub department: String,
    /// Its version (2 and up: corrected).
    pub version: i64,
    /// What it says, by the type's field keys.
    pub data: serde_json::Map<String, serde_json::Value>,
}

impl From<&Record> for MyRecord {
    fn from(r: &Record) -> Self {
        MyRecord {
            id: r.id.to_string(),
            record_type: r.record_type.clone(),
            type_name: r.type_zh.clone(),
            type_name_en: r.type_en.clone(),
            date: r.date.clone(),
            source: r.source_name.clone(),
            department: r.department_name.clone(),
            version: r.version,
            data: r.data.clone(),
        }
    }
}

/// One person's records.
#[derive(Serialize, ToSchema)]
pub struct PersonRecords {
    /// The child's name, or `null` for the citizen's own records.
    pub child: Option<String>,
    /// Newest first.
    pub records: Vec<MyRecord>,
}

/// The citizen's records.
#[derive(Serialize, ToSchema)]
pub struct MyRecords {
    /// Whether their identity is verified: records are shown only then (`false`: the list of
    /// their own is empty until they verify).
    pub verified: bool,
    /// Their own records first, then each child's.
    pub people: Vec<PersonRecords>,
}

/// `GET /api/v1/me/records`: the caller's records and their children's.
#[utoipa::path(get, path = "/api/v1/me/records", operation_id = "my_records", tag = "records",
    responses((status = 200, body = MyRecords, description = "The caller's records, theirs first, then each child's"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn mine(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let m = read::mine(&app, &ctx).await?;
    let out = MyRecords {
        verified: m.verified,
        people: m
            .groups
            .iter()
            .map(|g| PersonRecords {
                child: g.child.clone(),
                records: g.records.iter().map(MyRecord::from).collect(),
            })
            .collect(),
    };
    Ok(axum::Json(out).into_response())
}
