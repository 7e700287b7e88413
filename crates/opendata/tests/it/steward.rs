//! The steward's flow: drafts stay unseen, publishing shows them, stewards edit only their
//! own department's datasets, column types are checked against the values.

use http::StatusCode;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn a_draft_is_seen_by_nobody_until_its_steward_publishes_it() {
    let t = TestApp::new().await;
    let mut a = steward(&t, "steward.a", t.dept_a).await;
    draft(&mut a, t.dept_a, "subsidies", "高龄津贴发放", "津贴").await;
    let (s, body) = ckan_get(&t, "package_show", "id=subsidies").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["__type"], "Not Found Error");
    let (_, list) = ckan_get(&t, "package_list", "").await;
    assert_eq!(list["result"], json!([]));
    assert_eq!(
        t.client().get("/data/subsidies").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !t.client()
            .get("/catalog.ttl")
            .await
            .body
            .contains("subsidies")
    );
    publish(&mut a, "subsidies").await;
    let (s, _) = ckan_get(&t, "package_show", "id=subsidies").await;
    assert_eq!(s, StatusCode::OK);
    let page = t.client().get("/data?q=%E6%B4%A5%E8%B4%B4").await.ok();
    assert!(page.body.contains("/data/subsidies"));
    assert!(
        t.client()
            .get("/data/subsidies")
            .await
            .ok()
            .body
            .contains("高龄津贴发放")
    );
}

#[tokio::test]
async fn another_departments_steward_may_not_edit_or_publish() {
    let t = TestApp::new().await;
    let mut a = steward(&t, "steward.a", t.dept_a).await;
    draft(&mut a, t.dept_a, "subsidies", "高龄津贴发放", "津贴").await;
    let mut b = steward(&t, "steward.b", t.dept_b).await;
    b.get("/console/data").await.ok();
    assert_eq!(
        b.get("/console/data/subsidies").await.status,
        StatusCode::FORBIDDEN
    );
    let r = b.post_form("/console/data/subsidies/publish", &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = b
        .post_form(
            "/console/data/subsidies",
            &[
                ("revision", "1"),
                ("title", "改掉"),
                ("name", "subsidies"),
                ("license_id", "cc-by-4.0"),
                ("frequency", "monthly"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let dept_a = t.dept_a.to_string();
    let r = b
        .post_form(
            "/console/data",
            &[
                ("department", dept_a.as_str()),
                ("name", "sneaky"),
                ("title", "冒名"),
                ("license_id", "cc-by-4.0"),
                ("frequency", "monthly"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let d = t.store.dataset("subsidies").await.unwrap().unwrap();
    assert_eq!(
        (d.state.as_str(), d.fields.title.as_str()),
        ("draft", "高龄津贴发放")
    );
    // A citizen reaches no console page at all.
    let mut c = t.citizen("13900000001").await;
    assert_ne!(c.get("/console/data").await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_steward_edits_a_dataset_and_corrects_a_column_type_only_where_values_fit() {
    let t = TestApp::new().await;
    let mut a = catalogue(&t).await;
    let (_, body) = ckan_get(&t, "package_show", "id=minimum-living").await;
    let rid = body["result"]["resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    a.get("/console/data/minimum-living").await.ok();
    let r = a
        .post_form(
            &format!("/console/data/minimum-living/resources/{rid}/columns"),
            &[("column", "人数"), ("field_type", "text")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = a
        .post_form(
            &format!("/console/data/minimum-living/resources/{rid}/columns"),
            &[("column", "区县"), ("field_type", "int")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, body) = ckan_get(
        &t,
        "datastore_search",
        &format!("resource_id={rid}&limit=1"),
    )
    .await;
    assert_eq!(body["result"]["records"][0]["人数"], "1200");
    let page = a.get("/console/data/minimum-living").await.ok();
    let revision = input_value(&page.body, "revision");
    let r = a
        .post_form(
            "/console/data/minimum-living",
            &[
                ("revision", revision.as_str()),
                ("name", "minimum-living"),
                ("title", "城乡低保对象统计（2025）"),
                ("license_id", "cc-zero"),
                ("frequency", "annual"),
                ("tags", "低保, 民政, 2025"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (_, body) = ckan_get(&t, "package_show", "id=minimum-living").await;
    assert_eq!(body["result"]["license_id"], "cc-zero");
    assert_eq!(body["result"]["num_tags"], 3);
    // The same old revision again is a conflict, not a silent overwrite.
    let r = a
        .post_form(
            "/console/data/minimum-living",
            &[
                ("revision", revision.as_str()),
                ("name", "minimum-living"),
                ("title", "旧的"),
                ("license_id", "cc-zero"),
                ("frequency", "annual"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = a
        .post_form(
            "/console/data/minimum-living",
            &[
                ("revision", "99"),
                ("name", "Bad Name"),
                ("title", ""),
                ("license_id", "mine"),
                ("frequency", "annual"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("f-license_id"));
}

async fn found_in_search(t: &TestApp, q: &str) -> Vec<String> {
    t.catalog.sync().await.unwrap();
    let r = t
        .client()
        .get(&format!(
            "/api/v1/search?q={}&kind=dataset&limit=10",
            urlencode(q)
        ))
        .await
        .ok();
    r.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["url"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_search_box_finds_a_published_dataset_never_a_draft_and_forgets_an_unpublished_one() {
    let t = TestApp::new().await;
    let mut a = steward(&t, "steward.a", t.dept_a).await;
    draft(&mut a, t.dept_a, "elderly-care", "养老服务机构名录", "养老").await;
    draft(&mut a, t.dept_a, "draft-only", "养老床位草稿", "养老").await;
    assert!(
        found_in_search(&t, "养老").await.is_empty(),
        "drafts are not found"
    );
    publish(&mut a, "elderly-care").await;
    assert_eq!(
        found_in_search(&t, "养老服务").await,
        ["/data/elderly-care"]
    );
    // The search page names the kind in the reader's language.
    let page = t
        .client()
        .get(&format!("/search?q={}&kind=dataset", urlencode("养老服务")))
        .await
        .ok();
    assert!(page.body.contains("/data/elderly-care") && page.body.contains("开放数据"));
    // Unpublished: gone from the search box, the API and the pages.
    a.get("/console/data/elderly-care").await.ok();
    let r = a
        .post_form("/console/data/elderly-care/unpublish", &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(found_in_search(&t, "养老服务").await.is_empty());
    let (s, _) = ckan_get(&t, "package_show", "id=elderly-care").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Another department's steward may not unpublish.
    publish(&mut a, "elderly-care").await;
    let mut b = steward(&t, "steward.b", t.dept_b).await;
    b.get("/console/data").await.ok();
    let r = b
        .post_form("/console/data/elderly-care/unpublish", &[])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        found_in_search(&t, "养老服务").await,
        ["/data/elderly-care"]
    );
}
