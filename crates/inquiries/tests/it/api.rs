//! The inquiries' JSON API for apps: asking exactly once with an `Idempotency-Key`, the
//! asker's list and history, the verdict, and a staff member's step.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use yiwang_domain::auth::Role;

use crate::support::*;

async fn ask(c: &mut Client, body: Value, key: &str) -> Resp {
    let mut headers: Vec<(&str, String)> = vec![("idempotency-key", key.to_owned())];
    if let Some(t) = &c.csrf {
        headers.push(("x-csrf-token", t.clone()));
    }
    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.request(
        Method::POST,
        "/api/v1/inquiries",
        Some("application/json"),
        body.to_string().into_bytes(),
        &headers,
    )
    .await
}

fn question() -> Value {
    json!({
        "kind": "question", "category": "education", "title": "小学入学要带什么材料",
        "body": "孩子今年九月上小学，请问报名要带哪些材料？", "region": "511602002",
        "lat": 30.4564, "lng": 106.6331
    })
}

#[tokio::test]
async fn an_app_asks_once_follows_it_and_rates_the_answer() {
    let t = TestApp::new().await;
    let admin = t
        .create_staff("adm2", Role::PlatformAdmin, None, "5116")
        .await;
    route(&t, "education", t.dept_a, admin).await;
    let mut app = t.citizen("15100000041").await;
    let cats = app.get("/api/v1/inquiry-categories").await.ok().json();
    assert!(
        cats.as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "education")
    );

    let r = ask(&mut app, question(), "app-key-1").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let first = r.json();
    assert_eq!(first["channel"], "app");
    assert_eq!(first["state"], "assigned");
    let again = ask(&mut app, question(), "app-key-1").await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["id"], first["id"]);
    let mut other = question();
    other["title"] = json!("另一个问题的标题");
    let reused = ask(&mut app, other, "app-key-1").await;
    assert_eq!(reused.error_code(), "idempotency_key_reused");
    let list = app.get("/api/v1/me/inquiries").await.ok().json();
    assert_eq!(list["total"], 1);

    let id = first["id"].as_str().unwrap();
    let (mut handler, _) = t
        .staff("mz4", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    for (action, text) in [
        ("acknowledge", ""),
        ("reply", "请携带户口簿、房产证明和儿童预防接种证。"),
    ] {
        let r = handler
            .json(
                Method::POST,
                &format!("/api/v1/inquiries/{id}/steps"),
                json!({ "action": action, "text": text }),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{action}: {}", r.body);
    }
    let detail = app
        .get(&format!("/api/v1/me/inquiries/{id}"))
        .await
        .ok()
        .json();
    assert_eq!(detail["inquiry"]["state"], "replied");
    assert!(
        detail["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["kind"] == "replied")
    );
    // Nobody else reads it or rates it.
    let mut stranger = t.citizen("15100000042").await;
    assert_eq!(
        stranger
            .get(&format!("/api/v1/me/inquiries/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = stranger
        .json(
            Method::POST,
            &format!("/api/v1/me/inquiries/{id}/verdict"),
            json!({ "verdict": "satisfied" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .json(
            Method::POST,
            &format!("/api/v1/me/inquiries/{id}/verdict"),
            json!({ "verdict": "satisfied" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "closed");
    // A second verdict changes nothing.
    let r = app
        .json(
            Method::POST,
            &format!("/api/v1/me/inquiries/{id}/verdict"),
            json!({ "verdict": "unsatisfied", "reason": "再问一次" }),
        )
        .await;
    assert_ne!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn bad_input_through_the_api_is_named_field_by_field() {
    let t = TestApp::new().await;
    let mut app = t.citizen("15100000043").await;
    let mut q = question();
    q["kind"] = json!("rumour");
    q["lat"] = json!(48.85);
    q["lng"] = json!(2.35);
    q["body"] = json!("<script>alert(1)</script>");
    let r = ask(&mut app, q, "app-key-2").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields: Vec<String> = r.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect();
    assert!(fields.contains(&"kind".to_owned()), "{fields:?}");
    assert!(fields.contains(&"lat".to_owned()), "{fields:?}");
    assert_eq!(
        app.get("/api/v1/me/inquiries").await.ok().json()["total"],
        0
    );
}
