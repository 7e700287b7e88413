//! Source systems pushing records: FHIR and native, idempotent, corrections, batches, and
//! every kind of bad input refused with a clear error, changing nothing.

use http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, id_number};
use crate::*;

#[tokio::test]
async fn a_clinic_pushes_a_childs_vaccination_and_the_parent_sees_it_in_plain_words() {
    let t = TestApp::new().await;
    let mut parent = family(&t).await;
    let (mut clinic, _) = source(&t, "北辰社区卫生服务中心", t.dept_a, &["vaccination"]).await;
    let r = clinic
        .json(
            Method::POST,
            "/api/v1/fhir/Immunization",
            immunization("HIS-1", 2, "202511A"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let pushed = r.json();
    assert_eq!(pushed["outcome"], "created");
    assert_eq!(pushed["version"], 1);
    let page = parent.get("/account/records").await.ok();
    assert!(page.body.contains("孩子的档案：王小明"), "{}", page.body);
    assert!(page.body.contains("乙肝疫苗 第2剂"));
    assert!(page.body.contains("2026-03-01"));
    let id = pushed["id"].as_str().unwrap();
    let one = parent.get(&format!("/account/records/{id}")).await.ok();
    for words in [
        "乙肝疫苗",
        "剂次",
        "2",
        "202511A",
        "北辰社区卫生服务中心",
        "李护士",
        "已接种",
    ] {
        assert!(one.body.contains(words), "{words} missing: {}", one.body);
    }
    // In Traditional Chinese and in English too.
    let en = parent
        .get(&format!("/account/records/{id}?lang=en"))
        .await
        .ok();
    assert!(
        en.body.contains("Dose") && en.body.contains("Given"),
        "{}",
        en.body
    );
    let hant = parent.get("/account/records?lang=zh-Hant").await.ok();
    assert!(hant.body.contains("我的檔案"));
}

#[tokio::test]
async fn the_same_push_twice_is_one_record_and_a_correction_keeps_the_earlier_version() {
    let t = TestApp::new().await;
    let mut parent = family(&t).await;
    let (mut clinic, _) = source(&t, "北辰社区卫生服务中心", t.dept_a, &["vaccination"]).await;
    let first = clinic
        .json(
            Method::POST,
            "/api/v1/fhir/Immunization",
            immunization("HIS-2", 1, "LOT-A"),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = clinic
        .json(
            Method::POST,
            "/api/v1/fhir/Immunization",
            immunization("HIS-2", 1, "LOT-A"),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.json()["outcome"], "unchanged");
    assert_eq!(again.json()["id"], first.json()["id"]);
    assert_eq!(versions(&t).await, 1);
    assert_eq!(pushes_audited(&t).await, 1, "a repeat writes nothing");
    // The lot number was wrong: the clinic sends the corrected resource under the same id.
    let fix = clinic
        .json(
            Method::POST,
            "/api/v1/fhir/Immunization",
            immunization("HIS-2", 1, "LOT-B"),
        )
        .await;
    assert_eq!(fix.status, StatusCode::CREATED);
    assert_eq!(fix.json()["outcome"], "corrected");
    assert_eq!(fix.json()["version"], 2);
    assert_eq!(versions(&t).await, 2);
    let list = parent.get("/account/records").await.ok();
    assert!(list.body.contains("更正于"), "{}", list.body);
    let page = parent
        .get(&format!(
            "/account/records/{}",
            fix.json()["id"].as_str().unwrap()
        ))
        .await
        .ok();
    assert!(
        page.body.contains("LOT-B") && page.body.contains("LOT-A"),
        "both versions: {}",
        page.body
    );
    assert!(page.body.contains("已被更正"));
    // Only the current version is listed.
    assert_eq!(list.body.matches("乙肝疫苗 第1剂").count(), 1);
}

#[tokio::test]
async fn a_batch_bundle_answers_each_entry_and_stores_only_the_good_ones() {
    let t = TestApp::new().await;
    family(&t).await;
    let (mut clinic, _) = source(&t, "北辰社区卫生服务中心", t.dept_a, &["vaccination"]).await;
    let mut bad = immunization("B-2", 1, "X");
    bad.as_object_mut().unwrap().remove("vaccineCode");
    let stranger = {
        let mut s = immunization("B-3", 1, "X");
        s["patient"]["identifier"]["value"] = json!(id_number("11010119900101001"));
        s
    };
    let bundle = json!({"resourceType": "Bundle", "type": "batch", "entry": [
        {"resource": immunization("B-1", 1, "X")}, {"resource": bad}, {"resource": stranger},
        {"resource": immunization("B-1", 1, "X")}
    ]});
    let r = clinic.json(Method::POST, "/api/v1/fhir", bundle).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!(v["type"], "batch-response");
    let statuses: Vec<&str> = v["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["response"]["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "201 Created",
            "422 Unprocessable Entity",
            "422 Unprocessable Entity",
            "200 OK"
        ]
    );
    let issue = &v["entry"][1]["response"]["outcome"]["issue"][0];
    assert_eq!(issue["expression"][0], "Immunization.vaccineCode");
    let issue = &v["entry"][2]["response"]["outcome"]["issue"][0];
    assert_eq!(
        issue["expression"][0],
        "Immunization.patient.identifier.value"
    );
    assert!(
        issue["diagnostics"].as_str().unwrap().contains("身份证号"),
        "{issue}"
    );
    assert_eq!(versions(&t).await, 1);
    let not_batch = clinic
        .json(
            Method::POST,
            "/api/v1/fhir",
            json!({"resourceType": "Bundle", "type": "transaction", "entry": []}),
        )
        .await;
    assert_eq!(not_batch.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_batch.json()["resourceType"], "OperationOutcome");
}

fn outcome_paths(v: &Value) -> Vec<String> {
    v["issue"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| i["expression"][0].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn bad_pushes_get_a_clear_error_and_change_nothing() {
    let t = TestApp::new().await;
    family(&t).await;
    let (mut clinic, _) = source(&t, "北辰社区卫生服务中心", t.dept_a, &["vaccination"]).await;
    // A resource that does not validate: an OperationOutcome naming each path.
    let mut r = immunization("X-1", 1, "L");
    r["status"] = json!("entered-in-error");
    r["patient"]["identifier"]["system"] = json!("urn:other");
    let a = clinic
        .json(Method::POST, "/api/v1/fhir/Immunization", r)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let paths = outcome_paths(&a.json());
    assert!(
        paths.contains(&"Immunization.status".to_owned()),
        "{paths:?}"
    );
    assert!(paths.contains(&"Immunization.patient.identifier.system".to_owned()));
    // A record for an unknown person.
    let mut r = immunization("X-2", 1, "L");
    r["patient"]["identifier"]["value"] = json!(id_number("11010119900101001"));
    let b = clinic
        .json(Method::POST, "/api/v1/fhir/Immunization", r)
        .await;
    assert_eq!(b.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(b.body.contains("没有找到这个身份证号和姓名"), "{}", b.body);
    // The right number under another name.
    let mut r = immunization("X-3", 1, "L");
    r["patient"]["display"] = json!("王小红");
    let c = clinic
        .json(Method::POST, "/api/v1/fhir/Immunization", r)
        .await;
    assert_eq!(c.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(outcome_paths(&c.json()), ["Immunization.patient.display"]);
    // A type the source was not allowed, natively.
    let native = json!({"source_record_id": "HC-1", "type": "health_check", "id_number": parent_id(),
        "name": PARENT_NAME, "date": "2026-11-02", "data": {"place": "区人民医院", "conclusion": "未见异常"}});
    let d = clinic
        .json(Method::POST, "/api/v1/records", native.clone())
        .await;
    assert_eq!(d.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(d.error_code(), "validation_failed");
    assert!(d.body.contains("record_type_not_allowed"), "{}", d.body);
    // An unknown type, data against the schema, a date in the future.
    let mut e = native.clone();
    e["type"] = json!("nope");
    e["date"] = json!("2099-01-01");
    let e = clinic.json(Method::POST, "/api/v1/records", e).await;
    assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(versions(&t).await, 0, "nothing stored");
    // Not a source: a citizen's session, an anonymous caller.
    let mut parent = t.citizen("13900002222").await;
    let f = parent
        .json(Method::POST, "/api/v1/records", native.clone())
        .await;
    assert_eq!(f.status, StatusCode::FORBIDDEN);
    let mut anon = t.client();
    let g = anon
        .json(
            Method::POST,
            "/api/v1/fhir/Immunization",
            immunization("X-4", 1, "L"),
        )
        .await;
    assert_eq!(g.status, StatusCode::UNAUTHORIZED);
    assert_eq!(versions(&t).await, 0);
    assert_eq!(pushes_audited(&t).await, 0, "not even an audit entry");
}

async fn pushes_audited(t: &TestApp) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'records_pushed'")
        .fetch_one(t.store.db.reader())
        .await
        .unwrap()
        .try_get::<i64, _>("n")
        .unwrap()
}

#[tokio::test]
async fn a_system_client_that_is_not_a_records_source_may_not_push() {
    let t = TestApp::new().await;
    family(&t).await;
    let (mut clinic, id) = source(&t, "某系统", t.dept_a, &["vaccination"]).await;
    sqlx::query("DELETE FROM record_source_types WHERE client_id = $1")
        .bind(id.to_string())
        .execute(t.store.db.writer())
        .await
        .unwrap();
    sqlx::query("DELETE FROM record_sources WHERE client_id = $1")
        .bind(id.to_string())
        .execute(t.store.db.writer())
        .await
        .unwrap();
    let r = clinic
        .json(
            Method::POST,
            "/api/v1/fhir/Immunization",
            immunization("N-1", 1, "L"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(versions(&t).await, 0);
}

#[tokio::test]
async fn eight_pushes_of_one_new_record_at_once_store_it_once() {
    let t = TestApp::new().await;
    family(&t).await;
    let (clinic, _) = source(&t, "北辰社区卫生服务中心", t.dept_a, &["vaccination"]).await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let mut c = clinic.clone();
        tasks.push(tokio::spawn(async move {
            c.json(
                Method::POST,
                "/api/v1/fhir/Immunization",
                immunization("RACE-1", 1, "L-1"),
            )
            .await
            .status
        }));
    }
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            StatusCode::CREATED => created += 1,
            // Unchanged, or told to retry (PostgreSQL, when two met at the unique index).
            StatusCode::OK | StatusCode::CONFLICT => {}
            other => panic!("{other}"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(versions(&t).await, 1);
}
