//! The platform's own data, live (DATA-3): cases submitted, decided and rated through the
//! platform, searches that found nothing, a steward's "update now", the job, and the tables
//! read back through `datastore_search` — with the disclosure rule holding: a lone case's item
//! and department never appear with their numbers, and a phone number searched for never
//! appears at all.

use http::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;
use yiwang_domain::application::ItemForm;
use yiwang_domain::auth::Role;
use yiwang_jobs::{Worker, WorkerConfig};

use crate::support::*;

const ITEM_A: &str = "最低生活保障";
const ITEM_B: &str = "养老保险供养亲属领取待遇资格认证";

fn form() -> ItemForm {
    serde_json::from_value(json!({
        "form": { "sections": [{
            "key": "s", "title": { "zh": "申请" },
            "fields": [{ "key": "note", "label": { "zh": "说明" },
                         "kind": { "type": "text", "max_len": 100, "multiline": false }, "required": true }]
        }] },
        "workflow": { "steps": [{ "name": { "zh": "审批" }, "role": "reviewer" }] }
    }))
    .unwrap()
}

async fn submit(c: &mut Client, item: &str, version: i64, key: &str) -> String {
    let csrf = c.csrf.clone().unwrap_or_default();
    let r = c
        .request(
            Method::POST,
            &format!("/api/v1/items/{item}/applications"),
            Some("application/json"),
            json!({ "form_version": version, "answers": { "note": "申请" } })
                .to_string()
                .into_bytes(),
            &[("x-csrf-token", csrf.as_str()), ("idempotency-key", key)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_str().unwrap().to_owned()
}

async fn step(t: &TestApp, staff: &mut Client, case: &str, step: Value) {
    let revision = t
        .store
        .case(case.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .revision;
    let r = staff
        .json(
            Method::POST,
            &format!("/api/v1/cases/{case}/actions"),
            json!({ "revision": revision, "step": step }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{step}: {}", r.body);
}

/// Accepted, approved, delivered at the counter, and rated by the applicant.
async fn decided_and_rated(t: &TestApp, staff: &mut Client, citizen: &mut Client, case: &str) {
    step(t, staff, case, json!({ "action": "accept" })).await;
    step(t, staff, case, json!({ "action": "approve" })).await;
    step(
        t,
        staff,
        case,
        json!({ "action": "deliver", "method": "counter" }),
    )
    .await;
    citizen.get(&format!("/account/cases/{case}")).await.ok();
    let r = citizen
        .post_form(&format!("/account/cases/{case}/rating"), &[("level", "5")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

/// Runs the job queue with open data's jobs until it is empty.
async fn run_jobs(t: &TestApp) {
    let w = Arc::new(yiwang_opendata::jobs::register(
        Worker::new(t.store.clone(), WorkerConfig::default()),
        t.state.clone(),
    ));
    for _ in 0..10 {
        if w.run_once().await.unwrap() == 0 {
            return;
        }
    }
}

/// A cell as text, whatever type its column was detected as (a column with a `<5` is text).
fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        v => v.to_string(),
    }
}

/// The rows of a platform dataset's table, by resource name.
async fn table(t: &TestApp, dataset: &str, resource: &str) -> (String, Vec<Value>) {
    let (s, body) = ckan_get(t, "package_show", &format!("id={dataset}")).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let rid = body["result"]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == resource)
        .unwrap_or_else(|| panic!("no {resource} in {body}"))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (s, rows) = ckan_post(
        t,
        "datastore_search",
        json!({ "resource_id": rid, "limit": 1000 }),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{rows}");
    (
        rows.to_string(),
        rows["result"]["records"].as_array().unwrap().clone(),
    )
}

#[tokio::test]
async fn the_platform_publishes_its_statistics_and_no_cell_rests_on_fewer_than_five() {
    let t = TestApp::new().await;
    t.load_calendar().await;
    t.import_catalogue(&TestApp::real_catalogue(2, &[ITEM_A, ITEM_B]))
        .await;
    let (a, b) = (t.item_named(ITEM_A), t.item_named(ITEM_B));
    assert_eq!((a.department, b.department), (t.dept_a, t.dept_b));
    let va = t.publish_form(a.id, &form()).await;
    let vb = t.publish_form(b.id, &form()).await;
    let mut citizen = t
        .verified_citizen("13811112222", "张秀英", &id_number("51160219800101002"))
        .await;
    citizen.get("/account").await.ok();
    let mut staff_a = t
        .staff("reviewer.a", Role::Reviewer, Some(t.dept_a), "511602")
        .await
        .0;
    let mut staff_b = t
        .staff("reviewer.b", Role::Reviewer, Some(t.dept_b), "511602")
        .await
        .0;
    // Five cases of item A, all decided and rated; one lone case of item B (department B).
    for i in 0..5 {
        let case = submit(&mut citizen, &a.id.to_string(), va, &format!("a-{i}")).await;
        decided_and_rated(&t, &mut staff_a, &mut citizen, &case).await;
    }
    let lone = submit(&mut citizen, &b.id.to_string(), vb, "b-0").await;
    decided_and_rated(&t, &mut staff_b, &mut citizen, &lone).await;

    // Searches that found nothing: a term five times, a rare one twice, a phone number often.
    for q in ["%E9%87%8F%E5%AD%90%E6%8A%A4%E7%85%A7"; 5]
        .into_iter()
        .chain(["%E7%BD%95%E8%A7%81%E8%AF%8D"; 2])
        .chain(["13912345678"; 6])
    {
        let r = t
            .client()
            .get(&format!("/api/v1/search?q={q}&limit=10"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["total"], 0, "{}", r.body);
    }

    // A steward presses "update now"; the job runs.
    let mut editor = steward(&t, "steward.a", t.dept_a).await;
    editor.get("/console/data").await.ok();
    let r = editor.post_form("/console/data-stats", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/console/data?stats=asked");
    assert!(
        editor
            .get("/console/data?stats=asked")
            .await
            .ok()
            .body
            .contains("已安排更新")
    );
    run_jobs(&t).await;

    // Owned by the platform's 政务服务和大数据管理局, published, daily.
    let (_, ds) = ckan_get(&t, "package_show", "id=platform-applications").await;
    assert_eq!(
        ds["result"]["organization"]["title"], "政务服务和大数据管理局",
        "{ds}"
    );
    assert_eq!(ds["result"]["state"], "active");

    let (text, by_item) = table(&t, "platform-applications", "按事项统计").await;
    let row_a = by_item.iter().find(|r| r["item"] == ITEM_A).unwrap();
    assert_eq!(cell(&row_a["received"]), "5", "{row_a}");
    assert_eq!(cell(&row_a["completed"]), "5");
    assert_eq!(cell(&row_a["ratings"]), "5");
    assert_eq!(cell(&row_a["satisfaction_pct"]), "100.0");
    assert_eq!(cell(&row_a["on_time_pct"]), "100.0");
    assert_eq!(
        cell(&row_a["avg_working_days"]),
        "0.0",
        "decided the day it was accepted"
    );
    assert!(
        !text.contains(ITEM_B),
        "the lone case's item is not named: {text}"
    );
    let other = by_item.iter().find(|r| r["item"] == "其他").unwrap();
    assert_eq!(cell(&other["received"]), "<5");
    assert_eq!(other["avg_working_days"], Value::Null);
    assert_eq!(other["satisfaction_pct"], Value::Null);

    let (text, by_dept) = table(&t, "platform-applications", "按部门统计").await;
    assert!(
        by_dept
            .iter()
            .any(|r| r["department"] == "区民政局" && cell(&r["received"]) == "5")
    );
    assert!(!text.contains("区人社局"), "{text}");

    let (_, by_region) = table(&t, "platform-applications", "按地区统计").await;
    assert_eq!(by_region[0]["region"], "广安区");
    assert_eq!(cell(&by_region[0]["received"]), "6");

    let (text, misses) = table(&t, "platform-search-misses", "无结果搜索词").await;
    assert_eq!(misses.len(), 1, "{text}");
    assert_eq!(misses[0]["term"], "量子护照");
    assert_eq!(cell(&misses[0]["searches"]), "5");
    assert!(
        !text.contains("13912345678") && !text.contains("罕见词"),
        "{text}"
    );
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM search_misses WHERE term LIKE '%139%'")
            .fetch_one(t.store.db.reader())
            .await
            .unwrap();
    assert_eq!(stored, 0, "a phone number is never even counted");

    // The inquiries dataset exists (no inquiries yet: an empty table).
    let (_, rows) = table(&t, "platform-inquiries", "按类别统计").await;
    assert!(rows.is_empty());

    // The datasets are found by the one search box.
    t.catalog.sync().await.unwrap();
    let r = t
        .client()
        .get("/api/v1/search?q=%E5%8A%9E%E4%BB%B6%E7%BB%9F%E8%AE%A1&kind=dataset&limit=10")
        .await
        .ok();
    assert_eq!(
        r.json()["results"][0]["url"],
        "/data/platform-applications",
        "{}",
        r.body
    );

    // A second run replaces the rows (no duplicates, same resources).
    editor.get("/console/data").await.ok();
    run_jobs(&t).await;
    let (_, again) = table(&t, "platform-applications", "按事项统计").await;
    assert_eq!(again.len(), by_item.len());
}

#[tokio::test]
async fn only_staff_who_publish_data_may_ask_for_an_update() {
    let t = TestApp::new().await;
    let mut clerk = t
        .staff("clerk.a", Role::WindowClerk, Some(t.dept_a), "511602")
        .await
        .0;
    clerk.get("/console").await.ok();
    let r = clerk.post_form("/console/data-stats", &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'opendata_stats'")
        .fetch_one(t.store.db.reader())
        .await
        .unwrap();
    assert_eq!(queued, 0);
    // Anyone else is sent to sign in, and nothing is queued either.
    let r = t.client().post_form("/console/data-stats", &[]).await;
    assert!(r.location().contains("login"), "{}", r.location());
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'opendata_stats'")
        .fetch_one(t.store.db.reader())
        .await
        .unwrap();
    assert_eq!(queued, 0);
}
