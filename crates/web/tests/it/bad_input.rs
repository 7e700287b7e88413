//! Bad input of every kind gets a 4xx with a stable code, never a 500, and changes nothing.

use http::{Method, StatusCode};
use serde_json::json;

use crate::support::TestApp;

async fn departments(t: &TestApp) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM departments")
        .fetch_one(t.store.db.reader())
        .await
        .unwrap()
        .try_get::<i64, _>("n")
        .unwrap()
}

#[tokio::test]
async fn malformed_requests_get_stable_error_codes_and_change_nothing() {
    let t = TestApp::new().await;
    let (mut admin, _) = t
        .staff(
            "admin",
            yiwang_domain::auth::Role::PlatformAdmin,
            None,
            "5116",
        )
        .await;
    let token = admin.csrf.clone().unwrap();
    let before = departments(&t).await;
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "application/json",
            b"{\"name\": ".to_vec(),
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            "application/json",
            vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'],
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            "application/json",
            br#"{"name":"x","region":"511602","colour":"red"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "application/json",
            br#"{"name": 5, "region": "511602"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "application/json",
            b"[]".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "text/plain",
            r#"{"name":"区审计局","region":"511602"}"#.as_bytes().to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "application/json",
            format!(
                "{{\"name\":\"{}\",\"region\":\"511602\"}}",
                "长".repeat(200_000)
            )
            .into_bytes(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
    ];
    for (ct, body, status, code) in cases {
        let r = admin
            .request(
                Method::POST,
                "/api/v1/admin/departments",
                Some(ct),
                body,
                &[("x-csrf-token", &token)],
            )
            .await;
        assert_eq!(
            r.status,
            status,
            "{ct} → {}",
            r.body.chars().take(200).collect::<String>()
        );
        assert_eq!(r.error_code(), code);
        assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(departments(&t).await, before, "nothing was created");
}

#[tokio::test]
async fn errors_are_translated_by_the_requests_language() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let en = c
        .request(
            Method::GET,
            "/api/v1/departments?page=0",
            None,
            vec![],
            &[("accept-language", "en-GB")],
        )
        .await;
    assert_eq!(
        en.json()["error"]["message"],
        "The page number or page size is out of range."
    );
    let hant = c
        .request(
            Method::GET,
            "/api/v1/departments?page=0",
            None,
            vec![],
            &[("accept-language", "zh-TW")],
        )
        .await;
    assert_eq!(hant.json()["error"]["message"], "頁碼或每頁條數超出範圍。");
    let page = c
        .request(
            Method::GET,
            "/no/such/page",
            None,
            vec![],
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page not found") && page.body.contains("<html lang=\"en\""));
}

#[tokio::test]
async fn forms_without_the_anti_forgery_token_or_from_another_site_are_refused() {
    let t = TestApp::new().await;
    let mut c = t.citizen("16600166000").await;
    let token = c.csrf.clone().unwrap();
    let r = c
        .request(
            Method::POST,
            "/account/verify",
            Some("application/x-www-form-urlencoded"),
            b"name=a&id_number=b".to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("页面已过期"));
    let r = c
        .request(
            Method::POST,
            "/account/logout",
            Some("application/x-www-form-urlencoded"),
            format!("_csrf={token}").into_bytes(),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a cross-site origin is refused even with a token"
    );
    assert_eq!(
        c.get("/account").await.status,
        StatusCode::OK,
        "still logged in"
    );
    // A browser that never got our cookie cannot post.
    let mut fresh = t.client();
    let r = fresh
        .request(
            Method::POST,
            "/account/login",
            Some("application/x-www-form-urlencoded"),
            b"_csrf=x&phone=1&password=2".to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn odd_search_queries_come_back_well_formed_and_escaped() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let long = "社".repeat(5000);
    for q in [
        "",
        "   ",
        "😀🏛️",
        "<script>alert(1)</script>",
        "' OR 1=1; DROP TABLE accounts; --",
        "%_\\",
        "民政局<b>",
        long.as_str(),
        "Mixed 民政 ABC",
    ] {
        let r = c
            .get(&format!(
                "/api/v1/search?q={}",
                crate::support::urlencode(q)
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{q}");
        assert!(r.json()["total"].is_number());
        let page = c
            .get(&format!("/search?q={}", crate::support::urlencode(q)))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page.body.contains("<script>alert"),
            "unescaped markup for {q}"
        );
    }
    assert!(
        t.store.count_citizens().await.is_ok(),
        "the accounts table is still there"
    );
}

#[tokio::test]
async fn unknown_methods_paths_and_ids_are_client_errors() {
    let t = TestApp::new().await;
    let mut c = t.client();
    c.get("/").await.ok();
    let token = c.csrf.clone().unwrap();
    assert_eq!(
        c.request(
            Method::DELETE,
            "/api/v1/departments",
            None,
            vec![],
            &[("x-csrf-token", &token)]
        )
        .await
        .status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(
        c.get("/departments/123").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get(&format!("/departments/{}", t.dept_a.as_uuid().simple()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get("/regions/11").await.status,
        StatusCode::NOT_FOUND,
        "outside the deployment"
    );
    assert_eq!(
        c.get("/departments?region=99").await.status,
        StatusCode::BAD_REQUEST
    );
    let r = c.post_form("/settings", &[("lang", "fr")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = c
        .json(
            Method::POST,
            "/api/v1/auth/sms-codes",
            json!({ "phone": "13800138000", "purpose": "spam" }),
        )
        .await;
    assert_eq!(r.error_code(), "invalid_body");
    let r = c
        .json(
            Method::POST,
            "/api/v1/auth/sms-codes",
            json!({ "phone": "call me", "purpose": "register" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["fields"][0]["code"], "invalid_phone");
}
