//! Message settings and Web Push (NOTIF-1): devices subscribe and take pushes from the outbox,
//! a device the push service calls gone is forgotten, a failing one is retried without
//! pushing twice to the others, choices and quiet hours shape deliveries, and unsubscribe
//! links only work as signed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use http::{HeaderMap, Method, StatusCode};
use serde_json::json;
use yiwang_crypto::webpush::VapidKey;
use yiwang_domain::Timestamp;
use yiwang_domain::notification::prefs::Topic;
use yiwang_domain::notification::{Channel, Notice};
use yiwang_store::notify::Recipient;

use crate::support::{Client, TestApp};

/// A push service on this machine: answers each device path with the statuses queued for it
/// (then 201) and records what it was sent.
#[derive(Clone, Default)]
struct PushService {
    answers: Arc<Mutex<HashMap<String, Vec<u16>>>>,
    got: Arc<Mutex<Vec<(String, HeaderMap, usize)>>>,
}

impl PushService {
    async fn start() -> (PushService, String) {
        let s = PushService::default();
        let app = axum::Router::new()
            .route("/push/{device}", axum::routing::post(receive))
            .with_state(s.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (s, base)
    }

    fn answer(&self, device: &str, statuses: &[u16]) {
        self.answers
            .lock()
            .unwrap()
            .insert(device.into(), statuses.to_vec());
    }

    fn count(&self, device: &str) -> usize {
        self.got
            .lock()
            .unwrap()
            .iter()
            .filter(|(d, _, _)| d == device)
            .count()
    }
}

async fn receive(
    State(s): State<PushService>,
    Path(device): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> StatusCode {
    s.got
        .lock()
        .unwrap()
        .push((device.clone(), headers, body.len()));
    let mut answers = s.answers.lock().unwrap();
    let status = match answers.get_mut(&device) {
        Some(list) if !list.is_empty() => list.remove(0),
        _ => 201,
    };
    StatusCode::from_u16(status).unwrap()
}

/// A browser's subscription for `endpoint`, with a real P-256 public key.
fn subscription(endpoint: &str) -> serde_json::Value {
    let device_key = VapidKey::generate().unwrap().public_key();
    json!({ "endpoint": endpoint, "expirationTime": null, "keys": { "p256dh": device_key, "auth": "AAECAwQFBgcICQoLDA0ODw" } })
}

async fn settings(c: &mut Client) -> String {
    let r = c.get("/account/notifications").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

#[tokio::test]
async fn a_device_subscribes_takes_the_test_message_and_unsubscribes() {
    let t = TestApp::new().await;
    let (push, base) = PushService::start().await;
    let mut c = t.citizen("13900000101").await;
    let key = c.get("/api/v1/push/vapid-public-key").await.json()["publicKey"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(key.len(), 87, "a 65-byte point in unpadded base64url");
    assert!(settings(&mut c).await.contains("还没有设备开通推送"));

    let endpoint = format!("{base}/push/phone");
    let r = c
        .json(
            Method::POST,
            "/api/v1/push/subscriptions",
            subscription(&endpoint),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let page = settings(&mut c).await;
    assert!(page.contains("不再推送到这台设备") && page.contains("给我的设备发一条测试通知"));

    let r = c.json(Method::POST, "/api/v1/push/test", json!({})).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    t.drain().await;
    assert_eq!(push.count("phone"), 1);
    {
        let got = push.got.lock().unwrap();
        let (_, h, len) = &got[0];
        let header = |n: &str| h.get(n).and_then(|v| v.to_str().ok()).unwrap_or("");
        assert_eq!(header("content-encoding"), "aes128gcm");
        assert_eq!(header("content-type"), "application/octet-stream");
        assert!(header("ttl").parse::<u32>().unwrap() > 0);
        assert!(header("authorization").starts_with("vapid t="));
        assert!(header("authorization").ends_with(&format!("k={key}")));
        // salt 16 + record size 4 + key length 1 + key 65 + a payload + tag 16
        assert!(*len > 16 + 4 + 1 + 65 + 16 + 20, "{len}");
    }
    assert!(settings(&mut c).await.contains("最近送达"));

    // Someone else cannot drop the device; an endpoint nobody has is "not found".
    let mut other = t.citizen("13900000102").await;
    other.get("/account/notifications").await;
    let r = other
        .json(
            Method::DELETE,
            "/api/v1/push/subscriptions",
            json!({ "endpoint": endpoint }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = c
        .json(
            Method::DELETE,
            "/api/v1/push/subscriptions",
            json!({ "endpoint": format!("{base}/push/nobody") }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = c
        .json(
            Method::DELETE,
            "/api/v1/push/subscriptions",
            json!({ "endpoint": endpoint }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    c.json(Method::POST, "/api/v1/push/test", json!({})).await;
    t.drain().await;
    assert_eq!(push.count("phone"), 1, "no push after unsubscribing");
    assert!(settings(&mut c).await.contains("还没有设备开通推送"));
}

#[tokio::test]
async fn subscriptions_the_platform_cannot_use_are_refused_and_change_nothing() {
    let t = TestApp::new().await;
    let mut c = t.citizen("13900000103").await;
    settings(&mut c).await;
    let mut bad_keys = subscription("https://fcm.googleapis.com/fcm/send/x");
    bad_keys["keys"]["auth"] = json!("c2hvcnQ");
    for body in [
        subscription("http://fcm.googleapis.com/fcm/send/x"),
        subscription("https://10.0.0.7/push/x"),
        subscription("https://169.254.169.254/latest/meta-data"),
        subscription("http://192.168.1.20:8080/push"),
        bad_keys,
    ] {
        let r = c
            .json(Method::POST, "/api/v1/push/subscriptions", body.clone())
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.body
        );
        assert_eq!(
            r.json()["error"]["fields"][0]["field"],
            "endpoint",
            "{}",
            r.body
        );
        assert!(
            r.body.contains("推送地址必须是 https 推送服务"),
            "{}",
            r.body
        );
    }
    let r = c
        .json(
            Method::POST,
            "/api/v1/push/subscriptions",
            json!({ "endpoint": "https://fcm.googleapis.com/x" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // Without a session there is no one to subscribe.
    let r = t
        .client()
        .json(
            Method::POST,
            "/api/v1/push/subscriptions",
            subscription("https://fcm.googleapis.com/x"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(settings(&mut c).await.contains("还没有设备开通推送"));
}

#[tokio::test]
async fn a_gone_device_is_forgotten_and_a_failing_one_retried_alone() {
    let t = TestApp::new().await;
    let (push, base) = PushService::start().await;
    let mut c = t.citizen("13900000104").await;
    settings(&mut c).await;
    for d in ["ok", "gone", "flaky"] {
        let r = c
            .json(
                Method::POST,
                "/api/v1/push/subscriptions",
                subscription(&format!("{base}/push/{d}")),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    push.answer("gone", &[410]);
    push.answer("flaky", &[503]);
    c.json(Method::POST, "/api/v1/push/test", json!({})).await;
    t.drain().await;
    assert_eq!(
        (push.count("ok"), push.count("gone"), push.count("flaky")),
        (1, 1, 1)
    );
    assert_eq!(
        t.store
            .push_devices(t.citizen_id("13900000104").await)
            .await
            .unwrap()
            .len(),
        2
    );
    // The retry comes after a back-off; bring it forward.
    sqlx::query("UPDATE jobs SET run_at = 0 WHERE status = 'queued'")
        .execute(t.store.db.writer())
        .await
        .unwrap();
    t.drain().await;
    assert_eq!(
        (push.count("ok"), push.count("gone"), push.count("flaky")),
        (1, 1, 2),
        "the retry pushes only to the device that had not taken the message"
    );
}

async fn delivery_plan(t: &TestApp, phone: &str, notice: &Notice) -> Vec<(String, Option<i64>)> {
    let account = t.citizen_id(phone).await;
    let mut tx = t.store.begin().await.unwrap();
    let id = t
        .store
        .notify(&mut tx, &Recipient::Account(account), notice)
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let rows: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT channel, due_at FROM deliveries WHERE notification_id = $1 ORDER BY channel",
    )
    .bind(id.to_string())
    .fetch_all(t.store.db.reader())
    .await
    .unwrap();
    rows
}

#[tokio::test]
async fn choices_and_quiet_hours_shape_deliveries() {
    let t = TestApp::new().await;
    let phone = "13900000105";
    let mut c = t.citizen(phone).await;
    let page = settings(&mut c).await;
    assert!(page.contains("办件进度") && page.contains("免打扰时段"));
    assert!(
        !page.contains("待办提醒"),
        "staff reminders are not offered to citizens"
    );

    let r = c
        .post_form(
            "/account/notifications",
            &[("on", "cases.sms"), ("quiet_from", "7"), ("quiet_to", "7")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("免打扰的开始和结束时间不能相同"),
        "{}",
        r.body
    );
    let r = c
        .post_form("/account/notifications", &[("on", "weather.sms")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请从列出的选项中选择"), "{}", r.body);

    let progress = Notice::CaseProgress {
        receipt: "R-1".into(),
        item: "老年人优待证办理".into(),
        event: yiwang_domain::workflow::EventKind::Accepted,
    };
    // Defaults: the inbox and a text message.
    let plan = delivery_plan(&t, phone, &progress).await;
    assert_eq!(plan, [("inbox".into(), None), ("sms".into(), None)]);

    // Texts off for applications, quiet hours over the present hour: the inbox only, at once.
    let hour = Timestamp::now().to_beijing().hour();
    let next = ((hour + 1) % 24).to_string();
    let r = c
        .post_form(
            "/account/notifications",
            &[
                ("on", "alerts.push"),
                ("quiet_from", &hour.to_string()),
                ("quiet_to", &next),
            ],
        )
        .await;
    assert_eq!(r.location(), "/account/notifications?saved=1");
    let plan = delivery_plan(&t, phone, &progress).await;
    assert_eq!(plan, [("inbox".into(), None)]);

    // Texts back on: the text waits for the end of the quiet hour; a red alert does not.
    c.post_form(
        "/account/notifications",
        &[
            ("on", "cases.sms"),
            ("quiet_from", &hour.to_string()),
            ("quiet_to", &next),
        ],
    )
    .await
    .ok();
    let plan = delivery_plan(&t, phone, &progress).await;
    let now = Timestamp::now().millis();
    assert_eq!(plan[0], ("inbox".into(), None));
    let due = plan[1].1.expect("the text is held");
    assert!(due > now && due <= now + 3_600_000, "{due} vs {now}");
    let red = Notice::Alert {
        severity: "red".into(),
        title: "地震预警".into(),
        text: "预计30秒后有震感。".into(),
        instructions: String::new(),
        until: String::new(),
        phase: String::new(),
    };
    let plan = delivery_plan(&t, phone, &red).await;
    assert_eq!(plan, [("inbox".into(), None), ("sms".into(), None)]);
    // A held text does not count as outbox lag.
    let lag = t.store.outbox_lag(Timestamp::now()).await.unwrap();
    assert!(lag.as_secs() < 60, "{lag:?}");
}

#[tokio::test]
async fn unsubscribe_links_work_only_as_signed() {
    let t = TestApp::new().await;
    let phone = "13900000106";
    t.citizen(phone).await;
    let account = t.citizen_id(phone).await;
    let path = t
        .store
        .unsubscribe_path(account, Topic::News, Channel::Push);
    let forged = format!("{}x", &path[..path.len() - 1]);
    let other = t
        .citizen_id(&{
            t.citizen("13900000107").await;
            "13900000107".to_owned()
        })
        .await;
    let someone_else = path.replace(&account.to_string(), &other.to_string());
    let mut anon = t.client();
    for bad in [&forged, &someone_else] {
        let r = anon.get(bad).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{bad}");
        assert!(r.body.contains("这个链接无效"), "{}", r.body);
        let r = anon
            .request(
                Method::POST,
                bad,
                Some("application/x-www-form-urlencoded"),
                b"List-Unsubscribe=One-Click".to_vec(),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
    assert!(
        t.store
            .notify_prefs(account)
            .await
            .unwrap()
            .chosen(Topic::News)
            .contains(&Channel::Push)
    );
    assert!(
        t.store
            .notify_prefs(other)
            .await
            .unwrap()
            .chosen(Topic::News)
            .contains(&Channel::Push)
    );

    let r = anon.get(&path).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("订阅的资讯 · 推送"), "{}", r.body);
    // A mail client's one-click POST carries no cookie and no form token.
    let r = t
        .client()
        .request(
            Method::POST,
            &path,
            Some("application/x-www-form-urlencoded"),
            b"List-Unsubscribe=One-Click".to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("已退订"));
    let prefs = t.store.notify_prefs(account).await.unwrap();
    assert!(!prefs.chosen(Topic::News).contains(&Channel::Push));
    assert_eq!(
        prefs.chosen(Topic::Cases),
        [Channel::Push, Channel::Sms],
        "other kinds unchanged"
    );
}

async fn emails_to(t: &TestApp, to: &str) -> Vec<String> {
    t.drain().await;
    t.store
        .dev_messages(
            Some(to),
            yiwang_domain::paging::Page::new(Some(1), Some(50), 50).unwrap(),
        )
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.channel == "email")
        .map(|m| m.body)
        .collect()
}

#[tokio::test]
async fn an_address_is_used_only_once_confirmed_and_its_emails_carry_a_working_unsubscribe_link() {
    let t = TestApp::new().await;
    let phone = "13900000108";
    let mut c = t.citizen(phone).await;
    settings(&mut c).await;
    let r = c
        .post_form(
            "/account/notifications/email",
            &[("email", "zhang at example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请输入正确的邮箱地址"), "{}", r.body);
    let r = c
        .post_form(
            "/account/notifications/email",
            &[("email", "Zhang@Example.CN")],
        )
        .await;
    assert_eq!(r.location(), "/account/notifications?email_sent=1#email");
    let mail = emails_to(&t, "Zhang@example.cn").await;
    assert_eq!(mail.len(), 1, "{mail:?}");
    let token = mail[0]
        .split("/account/email/confirm/")
        .nth(1)
        .and_then(|rest| rest.split(['（', '\n', ' ']).next())
        .unwrap()
        .to_owned();
    // Not used until confirmed; the secret link is not kept in the outbox.
    assert!(!settings(&mut c).await.contains("现在的邮箱"));
    let stored: Vec<(String,)> =
        sqlx::query_as("SELECT notice FROM notifications WHERE kind = 'email_confirm'")
            .fetch_all(t.store.db.reader())
            .await
            .unwrap();
    assert!(stored.iter().all(|(n,)| !n.contains(&token)), "{stored:?}");

    let mut anyone = t.client();
    assert_eq!(
        anyone
            .get(&format!("/account/email/confirm/{token}"))
            .await
            .status,
        StatusCode::OK
    );
    let r = anyone
        .post_form(&format!("/account/email/confirm/{token}x"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = anyone
        .post_form(&format!("/account/email/confirm/{token}"), &[])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Z***@example.cn"), "{}", r.body);
    let r = anyone
        .post_form(&format!("/account/email/confirm/{token}"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "a link works once");
    assert!(
        settings(&mut c)
            .await
            .contains("现在的邮箱：<strong>Z***@example.cn")
    );

    // News by email: the email ends with a one-click link that stops exactly that.
    c.post_form(
        "/account/notifications",
        &[("on", "news.email"), ("on", "cases.sms")],
    )
    .await
    .ok();
    let news = Notice::DocPublished {
        title: "关于元旦假期办事安排的通知".into(),
        summary: String::new(),
        doc: "d1".into(),
    };
    assert_eq!(
        delivery_plan(&t, phone, &news).await,
        [("email".into(), None), ("inbox".into(), None)]
    );
    let mail = emails_to(&t, "Zhang@example.cn").await;
    let body = mail
        .iter()
        .find(|b| b.contains("元旦"))
        .expect("the news by email");
    let link = body.split("一键退订：").nth(1).unwrap().trim().to_owned();
    assert!(link.starts_with("/unsubscribe/"), "{body}");
    let r = t
        .client()
        .request(
            Method::POST,
            &link,
            Some("application/x-www-form-urlencoded"),
            b"List-Unsubscribe=One-Click".to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        delivery_plan(&t, phone, &news).await,
        [("inbox".into(), None)]
    );

    c.post_form("/account/notifications/email/remove", &[])
        .await
        .ok();
    assert!(!settings(&mut c).await.contains("现在的邮箱"));
}

#[tokio::test]
async fn test_notifications_are_limited_to_ten_an_hour() {
    let t = TestApp::new().await;
    let mut c = t.citizen("13900000109").await;
    settings(&mut c).await;
    for n in 1..=10 {
        let r = c.json(Method::POST, "/api/v1/push/test", json!({})).await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "test {n}: {}", r.body);
    }
    let r = c.json(Method::POST, "/api/v1/push/test", json!({})).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert_eq!(r.error_code(), "rate_limited");
}

#[tokio::test]
async fn an_account_keeps_at_most_twenty_devices_the_newest() {
    let t = TestApp::new().await;
    let mut c = t.citizen("13900000110").await;
    settings(&mut c).await;
    for n in 0..22 {
        let r = c
            .json(
                Method::POST,
                "/api/v1/push/subscriptions",
                subscription(&format!("https://fcm.googleapis.com/fcm/send/d{n}")),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let devices = t
        .store
        .push_devices(t.citizen_id("13900000110").await)
        .await
        .unwrap();
    assert_eq!(devices.len(), 20);
    // The oldest went: its endpoint is no longer the caller's.
    let r = c
        .json(
            Method::DELETE,
            "/api/v1/push/subscriptions",
            json!({ "endpoint": "https://fcm.googleapis.com/fcm/send/d0" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = c
        .json(
            Method::DELETE,
            "/api/v1/push/subscriptions",
            json!({ "endpoint": "https://fcm.googleapis.com/fcm/send/d21" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
}
