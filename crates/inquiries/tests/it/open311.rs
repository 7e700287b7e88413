//! Open311 GeoReport v2 (INQ-5): services and their definition, posting with a client's key,
//! reading requests back in JSON and XML, and the standard's errors.

use axum::http::{Method, StatusCode};

use crate::support::*;

const KEY: &str = "test-open311-key";

async fn with_client(t: &TestApp) {
    t.store
        .add_open311_client(
            "c1",
            "测试客户端",
            &yiwang_crypto::sha256_hex(KEY.as_bytes()),
            "test",
        )
        .await
        .unwrap();
}

async fn post(c: &mut Client, fields: &[(&str, &str)]) -> Resp {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    c.request(
        Method::POST,
        "/open311/v2/requests.json",
        Some("application/x-www-form-urlencoded"),
        body.into_bytes(),
        &[],
    )
    .await
}

#[tokio::test]
async fn a_client_posts_a_request_and_reads_it_back() {
    let t = TestApp::new().await;
    with_client(&t).await;
    let mut c = t.client();

    let services = c.get("/open311/v2/services.json").await.ok().json();
    let list = services.as_array().unwrap();
    assert!(
        list.iter()
            .any(|s| s["service_code"] == "street_lights" && s["metadata"] == true)
    );
    let xml = c.get("/open311/v2/services.xml").await.ok();
    assert!(
        xml.body
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><services><service>")
    );
    let def = c
        .get("/open311/v2/services/street_lights.json")
        .await
        .ok()
        .json();
    assert_eq!(def["attributes"][0]["code"], "kind");
    assert_eq!(def["attributes"][0]["datatype"], "singlevaluelist");

    let fields = [
        ("api_key", KEY),
        ("service_code", "street_lights"),
        ("lat", "30.4564"),
        ("long", "106.6331"),
        ("description", "幸福路路灯不亮，晚上很黑"),
        ("attribute[kind]", "complaint"),
        ("phone", "13800000000"),
        ("name", "李四"),
    ];
    let r = post(&mut c, &fields).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let one = c
        .get(&format!("/open311/v2/requests/{id}.json"))
        .await
        .ok()
        .json();
    assert_eq!(one[0]["description"], "幸福路路灯不亮，晚上很黑");
    assert_eq!(one[0]["status"], "open");
    assert_eq!(one[0]["service_name"], "路灯照明");
    assert_eq!(one[0]["lat"], 30.4564);
    assert!(one[0].get("phone").is_none(), "no personal data");
    let xml = c.get(&format!("/open311/v2/requests/{id}.xml")).await.ok();
    assert!(
        xml.body.contains("<service_requests><request>"),
        "{}",
        xml.body
    );
    let list = c
        .get("/open311/v2/requests.json?service_code=street_lights&status=open,closed")
        .await
        .ok()
        .json();
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|x| x["service_request_id"] == id.as_str())
    );
    // The name the person gave never shows in the public text.
    let named = [
        ("api_key", KEY),
        ("service_code", "street_lights"),
        ("lat", "30.4564"),
        ("long", "106.6331"),
        ("description", "我是李四，家门口的路灯坏了"),
        ("attribute[kind]", "complaint"),
        ("name", "李四"),
    ];
    let r = post(&mut c, &named).await;
    let id2 = r.json()[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let one = c
        .get(&format!("/open311/v2/requests/{id2}.json"))
        .await
        .ok();
    assert!(!one.body.contains("李四"), "{}", one.body);
    // It is an inquiry like any other, at the dispatch desk without a routing rule.
    let row = t.store.inquiry_by_receipt(&id).await.unwrap().unwrap();
    assert_eq!(row.channel.as_str(), "open311");
}

#[tokio::test]
async fn errors_are_the_standards_arrays_and_change_nothing() {
    let t = TestApp::new().await;
    with_client(&t).await;
    let mut c = t.client();
    let base = [
        ("service_code", "street_lights"),
        ("lat", "30.4564"),
        ("long", "106.6331"),
        ("description", "路灯不亮很久了"),
    ];
    let r = post(&mut c, &base).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no key: {}", r.body);
    let mut no_place = vec![("api_key", KEY)];
    no_place.extend([
        ("service_code", "street_lights"),
        ("description", "路灯不亮很久了"),
    ]);
    let r = post(&mut c, &no_place).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.json()[0]["description"]
            .as_str()
            .unwrap()
            .contains("location")
    );
    let mut far = vec![("api_key", KEY)];
    far.extend([
        ("service_code", "street_lights"),
        ("lat", "48.85"),
        ("long", "2.35"),
        ("description", "路灯不亮很久了"),
    ]);
    let r = post(&mut c, &far).await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "outside China: {}",
        r.body
    );
    let r = c.get("/open311/v2/requests/none-0.xml").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.body.contains("<errors><error><code>404</code>"),
        "{}",
        r.body
    );
    let r = c
        .get("/open311/v2/requests.json?start_date=yesterday")
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let all = c.get("/open311/v2/requests.json").await.ok().json();
    assert_eq!(all.as_array().unwrap().len(), 0, "nothing was stored");
}
