//! The JSON API: registration and tokens for apps, the caller's data, the directory and
//! search contract, and the OpenAPI document covering every route.

use http::{Method, StatusCode};
use serde_json::json;
use yiwang_domain::auth::Role;

use crate::support::{PASSWORD, TestApp, id_number};

#[tokio::test]
async fn an_app_registers_gets_a_token_and_reads_its_account() {
    let t = TestApp::new().await;
    // An app without a cookie jar: no anti-forgery token needed for JSON without a session.
    let mut app = t.client();
    let r = app
        .json(
            Method::POST,
            "/api/v1/auth/sms-codes",
            json!({ "phone": "17700177000", "purpose": "register" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let code = t.last_code("17700177000").await;
    let r = app
        .json(
            Method::POST,
            "/api/v1/auth/register",
            json!({ "phone": "17700177000", "code": code, "password": PASSWORD }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let token = r.json()["token"].as_str().unwrap().to_owned();
    let mut bearer = t.client();
    bearer.bearer = Some(token.clone());
    let me = bearer.get("/api/v1/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["phone"], "177****7000");
    assert_eq!(me.json()["real_name_verified"], false);
    // Bearer requests need no anti-forgery token.
    let id = id_number("51160219800101123");
    let r = bearer
        .json(
            Method::POST,
            "/api/v1/me/real-name",
            json!({ "name": "赵六", "id_number": id }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let me = bearer.get("/api/v1/me").await.json();
    assert_eq!(me["real_name_verified"], true);
    assert_eq!(me["id_number"], format!("511***********{}", &id[14..]));
    // Revoking the token ends it.
    assert_eq!(
        bearer
            .request(
                Method::DELETE,
                "/api/v1/auth/tokens/current",
                None,
                vec![],
                &[]
            )
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let r = bearer.get("/api/v1/me").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "unauthenticated");
}

#[tokio::test]
async fn json_with_a_session_needs_the_token_and_json_from_another_site_is_refused() {
    let t = TestApp::new().await;
    let mut c = t.citizen("17700177111").await;
    let token = c.csrf.take().unwrap();
    let body = json!({ "name": "某某", "id_number": "x" })
        .to_string()
        .into_bytes();
    let r = c
        .request(
            Method::POST,
            "/api/v1/me/real-name",
            Some("application/json"),
            body.clone(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error_code(), "csrf_failed");
    let r = c
        .request(
            Method::POST,
            "/api/v1/me/real-name",
            Some("application/json"),
            body.clone(),
            &[("x-csrf-token", &token)],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "past the check, refused on its merits"
    );
    let mut anon = t.client();
    let r = anon
        .request(
            Method::POST,
            "/api/v1/auth/sms-codes",
            Some("application/json"),
            br#"{"phone":"13800138000","purpose":"register"}"#.to_vec(),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.error_code(), "csrf_failed");
    // A cross-site form disguised as text cannot reach a JSON endpoint either.
    let r = anon
        .request(
            Method::POST,
            "/api/v1/auth/sms-codes",
            Some("text/plain"),
            br#"{"phone":"13800138000","purpose":"register"}"#.to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn tokens_for_citizens_and_for_staff_with_their_authenticator() {
    let t = TestApp::new().await;
    t.citizen("17800178000").await;
    let mut c = t.client();
    c.get("/").await.ok();
    let bad = c
        .json(
            Method::POST,
            "/api/v1/auth/tokens",
            json!({ "phone": "17800178000", "password": "wrong-password" }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad.error_code(), "invalid_credentials");
    assert!(bad.json()["error"]["request_id"].as_str().unwrap().len() == 32);
    let ok = c
        .json(
            Method::POST,
            "/api/v1/auth/tokens",
            json!({ "phone": "17800178000", "password": PASSWORD, "label": "我的手机" }),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED);
    t.create_staff("api.admin", Role::PlatformAdmin, None, "5116")
        .await;
    let no_code = c
        .json(
            Method::POST,
            "/api/v1/auth/tokens",
            json!({ "username": "api.admin", "password": PASSWORD }),
        )
        .await;
    assert_eq!(no_code.error_code(), "totp_required");
    let code = t.totp("api.admin").await;
    let staff = c
        .json(
            Method::POST,
            "/api/v1/auth/tokens",
            json!({ "username": "api.admin", "password": PASSWORD, "code": code }),
        )
        .await;
    assert_eq!(staff.status, StatusCode::CREATED, "{}", staff.body);
    let mut admin = t.client();
    admin.bearer = Some(staff.json()["token"].as_str().unwrap().to_owned());
    let jobs = admin.get("/api/v1/admin/jobs?status=queued").await;
    assert_eq!(jobs.status, StatusCode::OK);
    assert!(jobs.json()["total"].as_i64().is_some());
}

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
async fn the_openapi_document_covers_every_api_route() {
    let t = TestApp::new().await;
    let doc = t.client().get("/api/v1/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for spec in yiwang_web::routes::specs() {
        if !spec.path.starts_with("/api/v1/") || spec.path == "/api/v1/openapi.json" {
            continue;
        }
        let method = spec.method.as_str().to_lowercase();
        assert!(
            paths.get(spec.path).and_then(|p| p.get(&method)).is_some(),
            "{} {} is not documented",
            spec.method,
            spec.path
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn the_inbox_through_the_api() {
    let t = TestApp::new().await;
    let mut c = t.citizen("17900179000").await;
    t.drain().await;
    let list = c.get("/api/v1/me/messages").await.json();
    assert_eq!(list["total"], 1);
    let msg = &list["items"][0];
    assert_eq!(msg["kind"], "welcome");
    assert_eq!(msg["read"], false);
    let id = msg["id"].as_str().unwrap();
    let r = c
        .json(
            Method::POST,
            &format!("/api/v1/me/messages/{id}/read"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        c.get("/api/v1/me/messages").await.json()["items"][0]["read"],
        true
    );
    // In English, through the same call.
    let en = c
        .request(
            Method::GET,
            "/api/v1/me/messages",
            None,
            vec![],
            &[("accept-language", "en")],
        )
        .await
        .json();
    assert_eq!(en["items"][0]["title"], "Welcome");
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
