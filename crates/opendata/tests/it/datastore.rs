//! The datastore: a GBK file read right, datastore_search's filters, words, columns, order
//! and paging, and the safe SQL.

use http::StatusCode;
use serde_json::json;

use crate::support::*;

async fn resource_id(t: &TestApp, dataset: &str) -> String {
    let (_, body) = ckan_get(t, "package_show", &format!("id={dataset}")).await;
    body["result"]["resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_gbk_csv_is_read_as_chinese_with_its_types_detected_and_previewed() {
    let t = TestApp::new().await;
    let mut a = steward(&t, "steward.a", t.dept_a).await;
    draft(
        &mut a,
        t.dept_a,
        "applications-2025",
        "2025年办件量",
        "办件",
    )
    .await;
    // What spreadsheet software on Chinese Windows saves: GBK, no byte-order mark.
    let gbk: Vec<u8> = b"\xc7\xf8\xcf\xd8,\xb0\xec\xbc\xfe\xc1\xbf\n\xb9\xe3\xb0\xb2\xc7\xf8,120\n\xd4\xc0\xb3\xd8\xcf\xd8,95\n".to_vec();
    let r = upload(&mut a, "applications-2025", "banjian.csv", &gbk).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    publish(&mut a, "applications-2025").await;
    let rid = resource_id(&t, "applications-2025").await;
    let (_, body) = ckan_post(&t, "datastore_search", json!({"resource_id": rid})).await;
    let r = &body["result"];
    assert_eq!(
        r["fields"],
        json!([{"id": "_id", "type": "int"}, {"id": "区县", "type": "text"}, {"id": "办件量", "type": "int"}])
    );
    assert_eq!(
        r["records"][0],
        json!({"_id": 1, "区县": "广安区", "办件量": 120})
    );
    assert_eq!(r["total"], 2);
    let page = t
        .client()
        .get(&format!("/data/applications-2025/resources/{rid}"))
        .await
        .ok();
    assert!(page.body.contains("<th scope=\"col\">区县") && page.body.contains("<td>岳池县</td>"));
    let dl = t
        .client()
        .get(&format!("/data/applications-2025/resources/{rid}/download"))
        .await
        .ok();
    assert_eq!(dl.status, StatusCode::OK);
}

#[tokio::test]
async fn broken_files_are_refused_on_the_file_field_and_change_nothing() {
    let t = TestApp::new().await;
    let mut a = steward(&t, "steward.a", t.dept_a).await;
    draft(&mut a, t.dept_a, "broken", "坏文件", "").await;
    let r = upload(&mut a, "broken", "bad.csv", b"a,b\n1,2\n3,4,5\n").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary"));
    let mut mixed = "区县,人口\n广安区,1\n".as_bytes().to_vec();
    mixed.extend_from_slice(b"\xd4\xc0\xb3\xd8\xcf\xd8,2\n");
    let r = upload(&mut a, "broken", "mixed.csv", &mixed).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = upload(&mut a, "broken", "sheet.xlsx", b"PK\x03\x04").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let d = t.store.dataset("broken").await.unwrap().unwrap();
    assert_eq!(d.revision, 1);
}

#[tokio::test]
async fn datastore_search_filters_finds_words_picks_columns_sorts_and_pages() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    let rid = resource_id(&t, "minimum-living").await;
    let (_, body) = ckan_post(
        &t,
        "datastore_search",
        json!({"resource_id": rid, "filters": {"日期": "2025-01-01"}}),
    )
    .await;
    assert_eq!(body["result"]["total"], 2);
    let (_, body) = ckan_get(
        &t,
        "datastore_search",
        &format!(
            "resource_id={rid}&filters={}",
            urlencode(r#"{"人数": 980}"#)
        ),
    )
    .await;
    assert_eq!(body["result"]["records"][0]["区县"], "岳池县");
    let (_, body) = ckan_get(
        &t,
        "datastore_search",
        &format!("resource_id={rid}&q={}", urlencode("武胜")),
    )
    .await;
    assert_eq!(body["result"]["total"], 1);
    let (_, body) = ckan_post(&t, "datastore_search", json!({"resource_id": rid, "fields": ["区县"], "sort": "人数 asc", "limit": 1, "offset": 1})).await;
    let r = &body["result"];
    assert_eq!(r["records"], json!([{"区县": "岳池县"}]));
    assert_eq!(r["total"], 3);
    assert!(r["_links"]["next"].as_str().unwrap().contains("offset=2"));
    let (_, body) = ckan_post(
        &t,
        "datastore_search",
        json!({"resource_id": rid, "limit": 0}),
    )
    .await;
    assert_eq!(body["result"]["records"], json!([]));
    assert_eq!(body["result"]["fields"][0]["id"], "_id");
    let (s, body) = ckan_post(
        &t,
        "datastore_search",
        json!({"resource_id": rid, "filters": {"secret": 1}}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(body["error"]["__type"], "Validation Error");
    assert!(
        body["error"]["filters"][0]
            .as_str()
            .unwrap()
            .contains("secret")
    );
    let (s, _) = ckan_post(
        &t,
        "datastore_search",
        json!({"resource_id": rid, "fields": ["nope"]}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn datastore_search_sql_answers_a_safe_select_and_refuses_the_rest() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    let rid = resource_id(&t, "minimum-living").await;
    let sql = format!(
        r#"SELECT "区县", "人数" FROM "{rid}" WHERE "人数" > 800 ORDER BY "人数" DESC LIMIT 5"#
    );
    let (s, body) = ckan_post(&t, "datastore_search_sql", json!({"sql": sql})).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(
        body["result"]["records"],
        json!([{"区县": "广安区", "人数": 1200}, {"区县": "岳池县", "人数": 980}])
    );
    let (_, body) = ckan_post(
        &t,
        "datastore_search_sql",
        json!({"sql": format!(r#"SELECT COUNT(*) FROM "{rid}" WHERE "区县" LIKE '%县'"#)}),
    )
    .await;
    assert_eq!(body["result"]["records"][0]["count"], 2);
    for (sql, status) in [
        (
            format!(r#"SELECT * FROM "{rid}"; DROP TABLE accounts"#),
            StatusCode::FORBIDDEN,
        ),
        (
            format!(r#"SELECT * FROM "{rid}"; SELECT 1"#),
            StatusCode::CONFLICT,
        ),
        (
            format!(r#"SELECT * FROM "{rid}" -- hidden"#),
            StatusCode::CONFLICT,
        ),
        (
            format!(r#"SELECT pg_read_file('/etc/passwd') FROM "{rid}""#),
            StatusCode::FORBIDDEN,
        ),
        (format!(r#"DELETE FROM "{rid}""#), StatusCode::FORBIDDEN),
        ("SELECT * FROM accounts".to_owned(), StatusCode::CONFLICT),
        (
            format!(r#"SELECT "nope" FROM "{rid}""#),
            StatusCode::CONFLICT,
        ),
    ] {
        let (s, body) = ckan_post(&t, "datastore_search_sql", json!({"sql": sql})).await;
        assert_eq!(s, status, "{sql}: {body}");
        assert_eq!(body["success"], false);
    }
    let (_, body) = ckan_get(&t, "datastore_search", &format!("resource_id={rid}")).await;
    assert_eq!(body["result"]["total"], 3);
}

/// A workbook made for these tests (fixtures/banjian.xlsx): sheet 办件 with 区县, 办件量, a
/// formula column 两倍 (=B*2, with the cached result) and dates styled as dates; a second
/// sheet that is not read. fixtures/macros.xlsx is the same workbook with a vbaProject part.
const XLSX: &[u8] = include_bytes!("fixtures/banjian.xlsx");
const XLSX_WITH_MACROS: &[u8] = include_bytes!("fixtures/macros.xlsx");

#[tokio::test]
async fn an_xlsx_workbook_loads_its_first_sheets_values_into_the_datastore() {
    let t = TestApp::new().await;
    let mut a = steward(&t, "steward.a", t.dept_a).await;
    draft(&mut a, t.dept_a, "workbook", "办件量表格", "办件").await;
    let r = upload(&mut a, "workbook", "banjian.xlsx", XLSX).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    publish(&mut a, "workbook").await;
    let rid = resource_id(&t, "workbook").await;
    let (_, show) = ckan_get(&t, "resource_show", &format!("id={rid}")).await;
    assert_eq!(show["result"]["format"], "XLSX");
    let (_, body) = ckan_post(&t, "datastore_search", json!({"resource_id": rid})).await;
    let r = &body["result"];
    assert_eq!(
        r["fields"],
        json!([{"id": "_id", "type": "int"}, {"id": "区县", "type": "text"}, {"id": "办件量", "type": "numeric"}, {"id": "两倍", "type": "int"}, {"id": "日期", "type": "date"}]),
        "{body}"
    );
    assert_eq!(
        r["records"][0],
        json!({"_id": 1, "区县": "广安区", "办件量": 120.0, "两倍": 240, "日期": "2025-01-01"})
    );
    assert_eq!(r["records"][1]["日期"], "2025-02-01");
    assert_eq!(r["total"], 2, "the second sheet is not read");
    let dl = t
        .client()
        .get(&format!("/data/workbook/resources/{rid}/download"))
        .await
        .ok();
    assert_eq!(
        dl.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(
        dl.headers["content-disposition"]
            .to_str()
            .unwrap()
            .ends_with(".xlsx\"")
    );
}

#[tokio::test]
async fn a_workbook_with_macros_is_refused_whatever_its_name_and_changes_nothing() {
    let t = TestApp::new().await;
    let mut a = steward(&t, "steward.a", t.dept_a).await;
    draft(&mut a, t.dept_a, "macros", "含宏表格", "").await;
    for name in ["macros.xlsx", "macros.xlsm"] {
        let r = upload(&mut a, "macros", name, XLSX_WITH_MACROS).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(r.body.contains("含宏的表格不能上传"), "{}", r.body);
    }
    let d = t.store.dataset("macros").await.unwrap().unwrap();
    assert_eq!(d.revision, 1);
    assert!(
        t.store
            .data_resources()
            .await
            .unwrap()
            .iter()
            .all(|r| r.dataset != d.id)
    );
}
