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
    // The same answer as a wrong password (issue 12: `totp_required` told that the password
    // was right before the second factor).
    assert_eq!(no_code.status, StatusCode::UNAUTHORIZED);
    assert_eq!(no_code.error_code(), "invalid_credentials");
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
