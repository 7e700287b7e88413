//! The JSON API: registration and tokens for apps, the caller's data, the directory and
//! search contract, and the OpenAPI document covering every route.

use http::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn search_answers_in_the_documented_shape_in_either_script() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let r = c.get("/api/v1/search?q=%E6%B0%91%E6%94%BF").await; // 民政
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["total"], 1);
    let hit = &v["results"][0];
    assert_eq!(hit["kind"], "department");
    assert_eq!(hit["title"], "区民政局");
    assert_eq!(hit["url"], format!("/departments/{}", t.dept_a));
    for key in ["id", "snippet"] {
        assert!(hit[key].is_string(), "{key}");
    }
    // Traditional characters find Simplified names.
    let r = c
        .get(&format!(
            "/api/v1/search?q={}",
            crate::support::urlencode("區民政局")
        ))
        .await;
    assert_eq!(r.json()["total"], 1);
    let r = c
        .get(&format!(
            "/api/v1/search?q={}&kind=region",
            crate::support::urlencode("广安")
        ))
        .await;
    assert!(
        r.json()["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["kind"] == "region")
    );
    assert_eq!(
        r.json()["results"][0]["title"],
        "广安市",
        "the main unit first"
    );
    assert_eq!(c.get("/api/v1/search?q=").await.json()["total"], 0);
    assert_eq!(
        c.get("/api/v1/search?q=a&kind=nonsense").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        c.get("/api/v1/search?q=a&limit=0").await.error_code(),
        "invalid_paging"
    );
}
