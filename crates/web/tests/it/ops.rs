//! Operations: health, readiness, metrics, security headers, static assets, display settings,
//! backups and migrations.

use http::{Method, StatusCode};

use crate::support::{Client, Resp, TestApp};

#[tokio::test]
async fn health_and_readiness() {
    let t = TestApp::new().await;
    let mut c = t.client();
    assert_eq!(c.get("/healthz").await.body, "ok\n");
    let ready = c.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.json()["database"], true);
    assert_eq!(
        ready.json()["schema_version"],
        yiwang_store::migrate::latest_version()
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_show_the_queue_and_outbox() {
    let t = TestApp::new().await;
    let mut c = t.client();
    c.get("/departments").await.ok();
    c.get(&format!("/departments/{}", t.dept_a)).await.ok();
    c.post_form("/account/register", &[("phone", "13800138111")])
        .await
        .ok();
    let m = t.metrics_client().get("/metrics").await.body;
    assert!(m.contains("yiwang_http_requests_total{method=\"GET\",route=\"/departments/{id}\",status=\"200\"} 1"), "{m}");
    assert!(m.contains("yiwang_http_request_duration_seconds_bucket"));
    assert!(
        m.contains("yiwang_jobs{kind=\"deliver\",status=\"queued\"} 1"),
        "{m}"
    );
    assert!(m.contains("yiwang_outbox_lag_seconds"));
    assert!(!m.contains(&t.dept_a.to_string()), "no ids in labels");
}

#[tokio::test]
async fn the_site_does_not_serve_metrics_to_the_public() {
    let t = TestApp::new().await;
    let mut c = t.client();
    c.get("/departments").await.ok();
    let r = c.get("/metrics").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!r.body.contains("yiwang_http_requests_total"), "{}", r.body);
    // Not with a token either: the site's listener has no such route.
    let t = TestApp::with(|c| c.metrics_token = Some("scrape-me".into())).await;
    assert_eq!(
        scrape(&mut t.client(), "scrape-me").await.status,
        StatusCode::NOT_FOUND
    );
}

/// `GET /metrics` with a bearer token.
async fn scrape(c: &mut Client, token: &str) -> Resp {
    let auth = format!("Bearer {token}");
    c.request(
        Method::GET,
        "/metrics",
        None,
        vec![],
        &[("authorization", &auth)],
    )
    .await
}

#[tokio::test]
async fn metrics_can_require_a_token() {
    let t = TestApp::with(|c| c.metrics_token = Some("scrape-me".into())).await;
    let mut c = t.metrics_client();
    assert_eq!(c.get("/metrics").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(scrape(&mut c, "scrape-me").await.status, StatusCode::OK);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let t = TestApp::new().await;
    let mut c = t.client();
    for path in [
        "/",
        "/api/v1/departments",
        "/no-such-page",
        "/account/login",
    ] {
        let r = c.get(path).await;
        let csp = r
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline")
                && csp.contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(r.headers.get("x-content-type-options").unwrap(), "nosniff");
        assert!(r.headers.contains_key("referrer-policy"));
        assert!(r.headers.contains_key("x-request-id"));
        assert!(
            !r.headers.contains_key("strict-transport-security"),
            "no HSTS without TLS"
        );
    }
    let tls = TestApp::with(|c| c.tls = true).await;
    let mut c = tls.client();
    let r = c.get("/").await;
    assert!(r.headers.contains_key("strict-transport-security"));
    let cookie = r.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(
        cookie.starts_with("__Host-yw_csrf=") && cookie.contains("Secure"),
        "{cookie}"
    );
}

#[tokio::test]
async fn static_files_are_fingerprinted_cached_and_compressed() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let home = c.get("/").await.body;
    let css = home
        .split("href=\"/static/app.")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let url = format!("/static/app.{css}");
    let r = c
        .request(
            Method::GET,
            &url,
            None,
            vec![],
            &[("accept-encoding", "gzip, br")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers.get("cache-control").unwrap(),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.headers.get("content-encoding").unwrap(), "gzip");
    let plain = c.get(&url).await;
    assert!(plain.body.contains(".xl") && plain.body.contains(".hc"));
    assert_eq!(
        c.get("/static/app.css").await.status,
        StatusCode::NOT_FOUND,
        "only fingerprinted names"
    );
}

#[tokio::test]
async fn pages_and_json_are_gzipped_for_clients_that_accept_it() {
    let t = TestApp::new().await;
    let mut c = t.client();
    for path in ["/", "/api/v1/departments"] {
        let r = c
            .request(
                Method::GET,
                path,
                None,
                vec![],
                &[("accept-encoding", "gzip")],
            )
            .await;
        assert_eq!(
            r.headers
                .get("content-encoding")
                .map(|v| v.to_str().unwrap()),
            Some("gzip"),
            "{path}"
        );
        let plain = c.get(path).await;
        assert!(plain.headers.get("content-encoding").is_none());
    }
}

#[tokio::test]
async fn language_text_size_and_contrast_are_chosen_on_any_page_and_remembered() {
    let t = TestApp::new().await;
    let mut c = t.client();
    let zh_tw = c
        .request(
            Method::GET,
            "/departments",
            None,
            vec![],
            &[("accept-language", "zh-TW,zh;q=0.9")],
        )
        .await;
    assert!(
        zh_tw.body.contains("<html lang=\"zh-Hant\"")
            && zh_tw.body.contains("部門目錄")
            && zh_tw.body.contains("區民政局")
    );
    let r = c
        .post_form(
            "/settings",
            &[("lang", "en"), ("next", "/departments?q=x&lang=zh-Hant")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        r.location(),
        "/departments?q=x",
        "the one-page override is dropped"
    );
    let page = c.get("/departments").await;
    assert!(page.body.contains("Department directory"));
    c.post_form("/settings", &[("size", "xl"), ("next", "/")])
        .await
        .ok();
    c.post_form("/settings", &[("contrast", "high"), ("next", "/")])
        .await
        .ok();
    let page = c.get("/").await;
    assert!(
        page.body.contains("class=\"xl hc\""),
        "both modes on the page"
    );
    assert!(page.body.contains("aria-pressed=\"true\">Extra large"));
    // A logged-in citizen's choice is kept with the account for messages.
    let mut citizen = t.citizen("13800138222").await;
    citizen
        .post_form("/settings", &[("lang", "zh-Hant"), ("next", "/account")])
        .await
        .ok();
    let id = t.citizen_id("13800138222").await;
    assert_eq!(
        t.store.profile(id).await.unwrap().lang,
        yiwang_domain::Lang::ZhHant
    );
}

#[tokio::test]
async fn every_page_type_renders_in_all_three_languages_and_in_large_text() {
    let t = TestApp::new().await;
    let mut c = t.citizen("13800138333").await;
    let pages = [
        "/",
        "/search?q=民政",
        "/departments",
        &format!("/departments/{}", t.dept_a),
        "/regions",
        "/account",
        "/account/verify",
        "/account/messages",
        "/account/access-log",
        "/account/enterprises",
        "/account/password",
        "/help/accessibility",
    ];
    for lang in ["zh-Hans", "zh-Hant", "en"] {
        c.post_form(
            "/settings",
            &[("lang", lang), ("size", "xl"), ("next", "/")],
        )
        .await
        .ok();
        for p in pages {
            let r = c.get(p).await;
            assert_eq!(r.status, StatusCode::OK, "{lang} {p}");
            assert!(
                r.body
                    .contains(&format!("<html lang=\"{lang}\" class=\"xl\"")),
                "{lang} {p}"
            );
        }
    }
}

#[tokio::test]
async fn a_backup_is_a_consistent_copy_that_opens() {
    if yiwang_store::testing::backend() != "sqlite" {
        return; // PostgreSQL is backed up with pg_dump (docs/OPERATIONS.md).
    }
    let t = TestApp::new().await;
    t.citizen("13800138444").await;
    let path = std::env::temp_dir().join(format!(
        "yiwang-backup-{}.db",
        yiwang_domain::ids::JobId::generate()
    ));
    t.store
        .db
        .backup_sqlite(path.to_str().unwrap())
        .await
        .unwrap();
    let copy =
        yiwang_store::Db::connect(&format!("sqlite://{}", path.display()), &Default::default())
            .await
            .unwrap();
    let store = yiwang_store::Store::new(copy, yiwang_store::testing::test_vault());
    assert_eq!(store.count_citizens().await.unwrap(), 1);
    assert!(
        t.store
            .db
            .backup_sqlite(path.to_str().unwrap())
            .await
            .is_err(),
        "never overwrites"
    );
    std::fs::remove_file(&path).ok();
}

#[tokio::test]
async fn migrations_apply_once_and_refuse_a_newer_database() {
    let t = TestApp::new().await;
    assert!(
        yiwang_store::migrate::run(&t.store.db)
            .await
            .unwrap()
            .is_empty(),
        "nothing to apply twice"
    );
    sqlx::query("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, 'future', 'x', 0)").execute(t.store.db.writer()).await.unwrap();
    let err = yiwang_store::migrate::run(&t.store.db)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("newer than this binary"), "{err}");
    let ready = t.client().get("/readyz").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn a_wrong_encryption_key_stops_the_start() {
    let t = TestApp::new().await;
    t.store.check_keys().await.unwrap();
    t.store.check_keys().await.unwrap();
    let wrong = yiwang_crypto::Vault::new(
        yiwang_crypto::Key::from_bytes([1; 32]),
        vec![],
        yiwang_crypto::Key::from_bytes([9; 32]),
    )
    .unwrap();
    let other = yiwang_store::Store::new(t.store.db.clone(), wrong);
    let err = other.check_keys().await.unwrap_err().to_string();
    assert!(err.contains("encryption key does not match"), "{err}");
}
