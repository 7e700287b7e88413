//! Personal data never reaches logs or metrics.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use crate::support::{TestApp, id_number};

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every log line of the test process at every level, captured from the first call on. A
/// process-wide subscriber, because a thread-local one races with tracing's callsite cache
/// when tests run in parallel.
fn capture() -> &'static Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture = Capture::default();
        let writer = capture.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other global subscriber in this test binary");
        capture
    })
}

#[tokio::test]
async fn no_phone_or_id_number_in_logs_or_metrics() {
    let capture = capture();

    let t = TestApp::new().await;
    let phone = "19900199000";
    let id = id_number("51160219700707123");
    let mut c = t.verified_citizen(phone, "孙七", &id).await;
    c.get(&format!("/search?q={phone}")).await;
    c.get(&format!("/api/v1/search?q={id}")).await;
    let mut stranger = t.client();
    stranger
        .post_form(
            "/account/login",
            &[("phone", phone), ("password", "wrong-password")],
        )
        .await;
    c.post_form("/account/verify", &[("name", "孙七"), ("id_number", &id)])
        .await;
    t.drain().await;
    let metrics = t.metrics_client().get("/metrics").await.body;

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("request"), "logs were captured");
    assert!(logs.len() > 1000);
    for secret in [phone, id.as_str(), &id[6..14], "孙七"] {
        assert!(!logs.contains(secret), "{secret} appears in the logs");
        assert!(!metrics.contains(secret), "{secret} appears in the metrics");
    }
    assert!(
        metrics.contains("route=\"/account/verify\""),
        "metrics label routes by template"
    );
}

#[tokio::test]
async fn no_record_content_or_id_number_in_logs_when_records_are_pushed_and_read() {
    use http::Method;
    use serde_json::json;
    use yiwang_domain::auth::{Grant, Role};
    let capture = capture();

    let t = TestApp::new().await;
    let id = id_number("51160219750808124");
    t.verified_citizen("19900199011", "周八", &id).await;
    let admin = t
        .create_staff("privacy-admin", Role::PlatformAdmin, None, "5116")
        .await;
    let s = &t.store;
    let mut tx = s.begin().await.unwrap();
    let client = s.create_client(&mut tx, "区人民医院", admin).await.unwrap();
    let grant = Grant {
        role: Role::Observer,
        department: None,
        region: t.state.config.root_region.clone(),
    };
    s.add_grant(
        &mut tx,
        yiwang_store::staff::Holder::Client(client),
        &grant,
        None,
    )
    .await
    .unwrap();
    let (_, token) = s
        .issue_token(
            &mut tx,
            yiwang_store::clients::TokenOwner::Client(client),
            "t",
            None,
        )
        .await
        .unwrap();
    s.save_record_source(&mut tx, client, t.dept_a, &["health_check".to_owned()])
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let mut hospital = t.client();
    hospital.bearer = Some(token);
    let record = json!({"source_record_id": "HC-9", "type": "health_check", "id_number": id,
        "name": "周八", "date": "2026-11-02",
        "data": {"place": "区人民医院", "conclusion": "肺部小结节待复查"}});
    let r = hospital
        .json(Method::POST, "/api/v1/records", record.clone())
        .await;
    assert_eq!(r.status, http::StatusCode::CREATED, "{}", r.body);
    let mut wrong = record;
    wrong["name"] = json!("周九");
    hospital.json(Method::POST, "/api/v1/records", wrong).await;
    let (mut nurse, _) = t
        .staff("privacy-nurse", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let r = nurse
        .post_form(
            "/console/records",
            &[("id_number", &id), ("reason", "复查前核对体检结论")],
        )
        .await;
    assert!(r.body.contains("肺部小结节待复查"));
    t.drain().await;

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("/api/v1/records"), "logs were captured");
    for secret in [id.as_str(), &id[6..14], "周八", "周九", "肺部小结节待复查"] {
        assert!(!logs.contains(secret), "{secret} appears in the logs");
    }
}
