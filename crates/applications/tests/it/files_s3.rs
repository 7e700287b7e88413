//! Uploaded files in S3-compatible object storage: the file store on its own, and the upload
//! path through HTTP. Needs a test server at TEST_S3_ENDPOINT that accepts any credentials
//! and unsigned bucket creation (scripts/test starts moto for that); each test makes its own
//! bucket. Without one the tests are skipped loudly, and fail under CI=true.

use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};

use futures_util::TryStreamExt;
use http::StatusCode;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::{ObjectStore, ObjectStoreExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use yiwang_files::FileStore;
use yiwang_files::s3::S3Settings;

use crate::support::{SMALL_PDF, TestApp, upload_file};

const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/// The test server, or `None` (after a loud note) when there is none outside CI.
fn endpoint() -> Option<String> {
    match std::env::var("TEST_S3_ENDPOINT") {
        Ok(e) if !e.is_empty() => Some(e.trim_end_matches('/').to_owned()),
        _ => {
            let ci = matches!(std::env::var("CI").as_deref(), Ok("true" | "1"));
            assert!(
                !ci,
                "TEST_S3_ENDPOINT is not set, and CI requires the S3 file store to be tested: run scripts/test (it starts moto) or point TEST_S3_ENDPOINT at an S3-compatible test server"
            );
            // Straight to stderr, past the test harness's capture, once per run.
            static TOLD: std::sync::Once = std::sync::Once::new();
            TOLD.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "\n!!!! SKIPPED: the S3 file store was NOT tested (TEST_S3_ENDPOINT is not set; scripts/test starts moto and sets it) !!!!\n"
                );
            });
            None
        }
    }
}

/// A bucket name no other test uses.
fn fresh_bucket() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "yw-test-{}-{nanos}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Creates a bucket with a bare `PUT /<bucket>` (the store itself never creates buckets).
async fn create_bucket(endpoint: &str, bucket: &str) {
    let host = endpoint.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(host).await.unwrap();
    let req = format!(
        "PUT /{bucket} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut res = String::new();
    s.read_to_string(&mut res).await.unwrap();
    assert!(res.starts_with("HTTP/1.1 200"), "creating {bucket}: {res}");
}

fn settings(endpoint: &str, bucket: &str, prefix: Option<&str>) -> S3Settings {
    S3Settings {
        bucket: bucket.to_owned(),
        endpoint: Some(endpoint.to_owned()),
        region: "us-east-1".into(),
        access_key_id: "test-key".into(),
        secret_access_key: "test-secret".into(),
        allow_http: true,
        virtual_hosted_style: false,
        prefix: prefix.map(str::to_owned),
    }
}

/// A fresh bucket and a file store on it.
async fn bucket(endpoint: &str, prefix: Option<&str>) -> (FileStore, AmazonS3) {
    let name = fresh_bucket();
    create_bucket(endpoint, &name).await;
    let files = FileStore::s3(settings(endpoint, &name, prefix)).unwrap();
    let raw = AmazonS3Builder::new()
        .with_bucket_name(&name)
        .with_endpoint(endpoint)
        .with_region("us-east-1")
        .with_access_key_id("test-key")
        .with_secret_access_key("test-secret")
        .with_allow_http(true)
        .build()
        .unwrap();
    (files, raw)
}

/// Every object's key in the bucket, sorted.
async fn keys(raw: &AmazonS3) -> Vec<String> {
    let mut keys: Vec<String> = raw
        .list(None)
        .map_ok(|m| m.location.to_string())
        .try_collect()
        .await
        .unwrap();
    keys.sort();
    keys
}

#[tokio::test]
async fn the_s3_store_keeps_files_under_its_prefix_and_says_none_for_missing_ones() {
    let Some(endpoint) = endpoint() else { return };
    let (files, raw) = bucket(&endpoint, Some("/guang-an/prod/")).await;
    files.check().await.unwrap();
    assert!(keys(&raw).await.is_empty(), "the probe was left behind");

    assert_eq!(files.get("uploads/nothing-here").await.unwrap(), None);
    files.put("uploads/a", SMALL_PDF).await.unwrap();
    assert_eq!(
        files.get("uploads/a").await.unwrap().as_deref(),
        Some(SMALL_PDF)
    );
    // A second write under the same key replaces the first.
    files.put("uploads/a", b"%PDF-1.7 newer").await.unwrap();
    assert_eq!(
        files.get("uploads/a").await.unwrap().as_deref(),
        Some(&b"%PDF-1.7 newer"[..])
    );
    assert_eq!(keys(&raw).await, ["guang-an/prod/uploads/a"]);
}

#[tokio::test]
async fn the_s3_store_refuses_keys_the_platform_never_makes() {
    let Some(endpoint) = endpoint() else { return };
    let (files, raw) = bucket(&endpoint, Some("tenant")).await;
    for key in [
        "../escape",
        "uploads/../../x",
        "uploads/a.pdf",
        "",
        "/uploads/a",
        "a//b",
    ] {
        let e = files.put(key, b"%PDF-1.4").await.unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput, "{key:?}");
        assert_eq!(files.get(key).await.unwrap(), None, "{key:?}");
    }
    // Planted outside the store's prefix: no key reaches it.
    raw.put(
        &object_store::path::Path::from("secret"),
        b"not yours".to_vec().into(),
    )
    .await
    .unwrap();
    assert_eq!(files.get("../secret").await.unwrap(), None);
    assert_eq!(keys(&raw).await, ["secret"]);
}

#[tokio::test]
async fn a_missing_bucket_or_an_unreachable_server_fails_the_check() {
    let Some(endpoint) = endpoint() else { return };
    let missing = FileStore::s3(settings(&endpoint, &fresh_bucket(), None)).unwrap();
    let e = missing.check().await.unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::NotFound, "{e}");

    // A port where nothing listens (bound, then released).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nowhere = FileStore::s3(settings(
        &format!("http://127.0.0.1:{port}"),
        "any-bucket",
        None,
    ))
    .unwrap();
    let started = std::time::Instant::now();
    let e = nowhere.check().await.unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::Other, "{e}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "gave up only after {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_applicant_uploads_to_s3_and_only_they_read_the_file_back() {
    let Some(endpoint) = endpoint() else { return };
    let (files, raw) = bucket(&endpoint, None).await;
    let t = TestApp::with_files(files).await;
    let mut citizen = t.citizen("13800138000").await;

    let r = upload_file(&mut citizen, "证明.pdf", SMALL_PDF).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["file_type"], "pdf");
    let id = r.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(keys(&raw).await, [format!("uploads/{id}")]);

    let r = citizen.get(&format!("/uploads/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers["content-type"], "application/pdf");
    assert_eq!(r.body.as_bytes(), SMALL_PDF);

    let mut other = t.citizen("13900139000").await;
    let r = other.get(&format!("/uploads/{id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = t.client().get(&format!("/uploads/{id}")).await;
    assert_ne!(r.status, StatusCode::OK);
    assert!(!r.body.contains("%PDF"));
    // An id that is not an upload's reaches neither the store nor another object.
    let r = citizen.get("/uploads/..%2F..%2Fsecret").await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.body);

    // The EICAR test file, alone and inside a PDF: refused, and nothing reaches the bucket.
    let r = upload_file(&mut citizen, "eicar.pdf", EICAR).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let mut infected = SMALL_PDF.to_vec();
    infected.extend_from_slice(EICAR);
    let r = upload_file(&mut citizen, "eicar.pdf", &infected).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(keys(&raw).await, [format!("uploads/{id}")]);
}

#[tokio::test]
async fn an_upload_fails_cleanly_when_the_bucket_is_gone() {
    let Some(endpoint) = endpoint() else { return };
    let files = FileStore::s3(settings(&endpoint, &fresh_bucket(), None)).unwrap();
    let t = TestApp::with_files(files).await;
    let mut citizen = t.citizen("13800138000").await;
    let r = upload_file(&mut citizen, "证明.pdf", SMALL_PDF).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.body);
    assert!(!r.body.contains("test-secret"));
}
