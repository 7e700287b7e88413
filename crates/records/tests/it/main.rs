//! Personal records (SVC-3) through HTTP: source systems pushing, citizens and guardians
//! reading, staff reading with a reason, the access log, the settings. On SQLite by default
//! and on PostgreSQL when TEST_DATABASE_URL is set; one test binary (link time).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod support {
    pub use yiwang_testkit::*;
}

mod admin;
mod push;
mod reads;

use serde_json::{Value, json};
use support::{Client, TestApp, id_number};
use yiwang_domain::auth::{Grant, Role};
use yiwang_domain::ids::{ClientId, DepartmentId};
use yiwang_store::clients::TokenOwner;
use yiwang_store::staff::Holder;

/// The parent of the demo family: a verified citizen.
pub const PARENT_PHONE: &str = "13800001111";
/// The parent's name.
pub const PARENT_NAME: &str = "王建国";
/// The parent's ID number.
pub fn parent_id() -> String {
    id_number("51160219850312002")
}
/// Their child (no account).
pub const CHILD_NAME: &str = "王小明";
/// The child's ID number.
pub fn child_id() -> String {
    id_number("51160220200601003")
}

/// Registers a system client as a record source of `dept` allowed `types`, and returns a
/// client holding its token (and its id).
pub async fn source(
    t: &TestApp,
    name: &str,
    dept: DepartmentId,
    types: &[&str],
) -> (Client, ClientId) {
    let s = &t.store;
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let root = t.state.config.root_region.to_string();
    let admin = t
        .create_staff(&format!("srcadmin{n}"), Role::PlatformAdmin, None, &root)
        .await;
    let mut tx = s.begin().await.unwrap();
    let id = s.create_client(&mut tx, name, admin).await.unwrap();
    let grant = Grant {
        role: Role::Observer,
        department: None,
        region: t.state.config.root_region.clone(),
    };
    s.add_grant(&mut tx, Holder::Client(id), &grant, None)
        .await
        .unwrap();
    let (_, token) = s
        .issue_token(&mut tx, TokenOwner::Client(id), "test", None)
        .await
        .unwrap();
    let types: Vec<String> = types.iter().map(|t| (*t).to_owned()).collect();
    s.save_record_source(&mut tx, id, dept, &types)
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let mut c = t.client();
    c.bearer = Some(token);
    (c, id)
}

/// The parent, verified, with the child recorded under them by a window clerk of dept_a.
pub async fn family(t: &TestApp) -> Client {
    let parent = t
        .verified_citizen(PARENT_PHONE, PARENT_NAME, &parent_id())
        .await;
    let (mut clerk, _) = t
        .staff("clerkg", Role::WindowClerk, Some(t.dept_a), "511602")
        .await;
    let r = clerk
        .post_form(
            "/console/records/guardians",
            &[
                ("guardian_id_number", &parent_id()),
                ("child_id_number", &child_id()),
                ("child_name", CHILD_NAME),
                ("evidence", "household_register"),
            ],
        )
        .await;
    assert_eq!(r.status, http::StatusCode::SEE_OTHER, "{}", r.body);
    parent
}

/// A FHIR Immunization for the child.
pub fn immunization(id: &str, dose: u64, lot: &str) -> Value {
    json!({
        "resourceType": "Immunization",
        "identifier": [{"system": "urn:oid:2.16.156.1.clinic", "value": id}],
        "status": "completed",
        "vaccineCode": {"coding": [{"system": "urn:oid:2.16.156.10011.2.3.3.12", "code": "0201"}], "text": "乙肝疫苗"},
        "patient": {"identifier": {"system": "urn:oid:2.16.156.10011.1.3", "value": child_id()}, "display": CHILD_NAME},
        "occurrenceDateTime": "2026-03-01",
        "lotNumber": lot,
        "location": {"display": "北辰社区卫生服务中心"},
        "performer": [{"actor": {"display": "李护士"}}],
        "protocolApplied": [{"doseNumberPositiveInt": dose}]
    })
}

/// How many record versions are stored.
pub async fn versions(t: &TestApp) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM records")
        .fetch_one(t.store.db.reader())
        .await
        .unwrap()
        .try_get::<i64, _>("n")
        .unwrap()
}
