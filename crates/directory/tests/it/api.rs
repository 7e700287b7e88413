//! The JSON API: registration and tokens for apps, the caller's data, the directory and
//! search contract, and the OpenAPI document covering every route.

use http::{Method, StatusCode};
use serde_json::json;
use yiwang_domain::auth::Role;

use crate::support::TestApp;

#[tokio::test]
async fn the_directory_pages_and_refuses_out_of_range_paging() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let r = c.get("/api/v1/departments?per_page=1&page=2").await.json();
    assert_eq!(r["total"], 2);
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    for q in [
        "page=0",
        "per_page=0",
        "per_page=101",
        "page=-3",
        "page=abc",
    ] {
        let r = c.get(&format!("/api/v1/departments?{q}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
    }
    let r = c.get("/api/v1/regions?parent=5116").await.json();
    assert_eq!(r["items"].as_array().unwrap().len(), 2);
    let r = c.get("/api/v1/regions/511602001").await.json();
    assert_eq!(r["name"], "浓洄街道");
    assert_eq!(r["path"].as_array().unwrap().len(), 3);
    assert_eq!(
        c.get("/api/v1/departments/not-an-id").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn admins_edit_departments_through_the_api_with_versions() {
    let t = TestApp::new().await;
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    let r = admin
        .json(
            Method::POST,
            "/api/v1/admin/departments",
            json!({ "name": "区财政局", "region": "511602", "phone": "0826-2444444" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let r = admin
        .json(
            Method::PUT,
            &format!("/api/v1/admin/departments/{id}"),
            json!({ "name": "区财政局", "region": "511602", "hours": "9:00-17:00", "version": 1 }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["version"], 2);
    let stale = admin
        .json(
            Method::PUT,
            &format!("/api/v1/admin/departments/{id}"),
            json!({ "name": "区财政局", "region": "511602", "version": 1 }),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.error_code(), "conflict");
    let invalid = admin
        .json(
            Method::POST,
            "/api/v1/admin/departments",
            json!({ "name": "", "region": "5" }),
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = invalid.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(fields, ["name", "region"]);
}
