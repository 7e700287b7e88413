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
