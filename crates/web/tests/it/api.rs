//! The JSON API: registration and tokens for apps, the caller's data, the directory and
//! search contract, and the OpenAPI document covering every route.

use http::{Method, StatusCode};
use serde_json::json;

use crate::support::TestApp;

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
async fn the_openapi_document_covers_every_api_route() {
    let t = TestApp::new().await;
    let doc = t.client().get("/api/v1/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for spec in yiwang_web::specs() {
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
async fn the_openapi_document_describes_every_response_and_puts_each_parameter_where_it_is() {
    // What client generators and openapi-spec-validator refuse (scripts/fuzz-api runs the
    // validator itself): a response without a description, a query parameter declared in the
    // path, two operations with one id.
    let t = TestApp::new().await;
    let doc = t.client().get("/api/v1/openapi.json").await.json();
    let mut ids = std::collections::HashSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let what = format!("{method} {path}");
            for (status, r) in op["responses"].as_object().unwrap() {
                assert!(
                    r.get("description").is_some() || r.get("$ref").is_some(),
                    "{what}: response {status} has no description"
                );
            }
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let in_path = path.contains(&format!("{{{name}}}"));
                assert_eq!(
                    p["in"].as_str() == Some("path"),
                    in_path,
                    "{what}: parameter {name} is declared in {}",
                    p["in"]
                );
            }
            let id = op["operationId"].as_str().unwrap().to_owned();
            assert!(
                ids.insert(id.clone()),
                "{what}: operation id {id} is used twice"
            );
        }
    }
}
