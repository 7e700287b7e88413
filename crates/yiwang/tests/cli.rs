//! The `yiwang` binary as an operator uses it: configuration errors, a fresh start, creating
//! the first admin, importing regions, backing up while serving. SQLite only (these are the
//! single-binary paths; PostgreSQL is covered by the web and crash tests).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yiwang"));
    for (k, _) in std::env::vars() {
        if k.starts_with("YIWANG_") {
            c.env_remove(k);
        }
    }
    c.env("YIWANG_LOG_LEVEL", "warn");
    c
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yiwang-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(mut c: Command, dir: &Path) -> Output {
    c.env("YIWANG_DATA_DIR", dir).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn invalid_configuration_stops_the_start_and_names_the_key() {
    let dir = temp_dir("config");
    for (key, value, expect) in [
        ("YIWANG_LISTEN", "8080", "YIWANG_LISTEN"),
        ("YIWANG_DATABASE_URL", "mysql://x/y", "database_url"),
        ("YIWANG_LOG_FORMAT", "xml", "log_format"),
        ("YIWANG_SMS__SENDER", "pigeon", "YIWANG_SMS__SENDER"),
        ("YIWANG_FILES__BACKEND", "ftp", "YIWANG_FILES__BACKEND"),
        ("YIWANG_FILES__BUCKET", "files", "files.backend = \"s3\""),
        ("YIWANG_COLOUR", "blue", "COLOUR"),
        ("YIWANG_MAP_BOUNDS", "106.6,30.4,107.0,30.8", "map_bounds"),
    ] {
        let mut c = bin();
        c.arg("migrate").env(key, value);
        let o = run(c, &dir);
        assert_eq!(o.status.code(), Some(2), "{key}");
        assert!(text(&o).contains(expect), "{key}: {}", text(&o));
    }
    let mut c = bin();
    c.args(["migrate"])
        .env("YIWANG_ENCRYPTION_KEY", "not-base64!");
    c.env(
        "YIWANG_BLIND_INDEX_KEY",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    );
    let o = run(c, &dir);
    assert!(!o.status.success());
    assert!(text(&o).contains("encryption_key"), "{}", text(&o));
}

#[test]
fn the_first_admin_is_created_from_the_command_line_and_regions_import_idempotently() {
    let dir = temp_dir("admin");
    let mut c = bin();
    c.args([
        "user",
        "create",
        "--username",
        "Admin",
        "--name",
        "平台管理员",
        "--role",
        "platform_admin",
    ]);
    let mut child = c
        .env("YIWANG_DATA_DIR", &dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("一个足够长的口令 2026\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("created admin"));
    let mut c = bin();
    c.args(["import-regions"]);
    let first = run(c, &dir);
    assert!(text(&first).contains("unchanged"), "{}", text(&first));
    let mut c = bin();
    c.args(["import-regions"]);
    let again = run(c, &dir);
    assert!(
        text(&again).contains("regions: 0 added, 0 changed"),
        "{}",
        text(&again)
    );
    let mut c = bin();
    c.args([
        "user",
        "create",
        "--username",
        "x",
        "--name",
        "某",
        "--role",
        "king",
    ]);
    let bad = run(c, &dir);
    assert!(!bad.status.success());
}

/// One GET on 127.0.0.1:`port`: the whole answer, status line first.
fn http_get(port: u16, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut s, &mut out).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_fresh_server_serves_with_the_region_tree_and_backs_up_while_running() {
    let dir = temp_dir("serve");
    let free_port = || {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let (port, metrics_port) = (free_port(), free_port());
    let mut c = bin();
    c.args(["serve"])
        .env("YIWANG_DATA_DIR", &dir)
        .env("YIWANG_LISTEN", format!("127.0.0.1:{port}"))
        .env("YIWANG_METRICS_LISTEN", format!("127.0.0.1:{metrics_port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut server = c.spawn().unwrap();
    let started = Instant::now();
    let mut body = String::new();
    while started.elapsed() < Duration::from_secs(60) {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            body = http_get(port, "/regions");
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(body.contains("广安区"), "the region tree was loaded");
    // The platform's numbers on their own address, never on the site's.
    let site = http_get(port, "/metrics");
    assert!(site.starts_with("HTTP/1.1 404"), "{site}");
    let metrics = http_get(metrics_port, "/metrics");
    assert!(
        metrics.starts_with("HTTP/1.1 200") && metrics.contains("yiwang_http_requests_total"),
        "{metrics}"
    );
    let backup = dir.join("copy.db");
    let mut c = bin();
    c.args(["backup", backup.to_str().unwrap()]);
    let o = run(c, &dir);
    assert!(o.status.success(), "{}", text(&o));
    assert!(std::fs::metadata(&backup).unwrap().len() > 100_000);
    // SIGTERM: a clean stop.
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    let status = server.wait().unwrap();
    assert!(status.success(), "{status}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn serve_stops_at_start_when_the_file_bucket_is_unusable() {
    let dir = temp_dir("files-s3");
    // A port where nothing listens (bound, then released).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let s3 = |c: &mut Command, endpoint: &str, bucket: &str| {
        c.args(["serve"])
            .env("YIWANG_LISTEN", "127.0.0.1:0")
            .env("YIWANG_METRICS_LISTEN", "off")
            .env("YIWANG_FILES__BACKEND", "s3")
            .env("YIWANG_FILES__BUCKET", bucket)
            .env("YIWANG_FILES__ENDPOINT", endpoint)
            .env("YIWANG_FILES__ALLOW_HTTP", "true")
            .env("YIWANG_FILES__ACCESS_KEY_ID", "test-key")
            .env("YIWANG_FILES__SECRET_ACCESS_KEY", "test-secret-never-shown");
    };
    let mut c = bin();
    s3(&mut c, &format!("http://127.0.0.1:{port}"), "yiwang-files");
    let o = run(c, &dir);
    assert!(!o.status.success());
    let out = text(&o);
    assert!(
        out.contains("files.endpoint (YIWANG_FILES__ENDPOINT)"),
        "{out}"
    );
    assert!(!out.contains("test-secret-never-shown"), "{out}");
    assert!(
        !dir.join("yiwang.db").exists(),
        "nothing was migrated before the check"
    );
    // Against a test server (scripts/test starts moto), a bucket that does not exist.
    if let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") {
        let mut c = bin();
        s3(&mut c, &endpoint, "no-such-bucket-here");
        let o = run(c, &dir);
        assert!(!o.status.success());
        let out = text(&o);
        assert!(out.contains("files.bucket (YIWANG_FILES__BUCKET)"), "{out}");
        assert!(out.contains("does not exist"), "{out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_catalogue_is_imported_exported_reindexed_and_its_search_measured_from_the_command_line() {
    let dir = temp_dir("catalogue");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // The demo loads the real catalogue of 广安区.
    let mut c = bin();
    c.args(["seed", "--demo"]);
    let o = run(c, &dir);
    assert!(o.status.success(), "{}", text(&o));

    // The sample queries must all be answered in the top three.
    let mut c = bin();
    c.arg("search-eval")
        .arg(root.join("seed/search/sample_queries.tsv"));
    let o = run(c, &dir);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("cases 9  hit@3 1.000"), "{}", text(&o));

    // Export, then import the export: nothing changes.
    let file = dir.join("catalogue.csv");
    let mut c = bin();
    c.arg("export-catalog").arg(&file);
    let o = run(c, &dir);
    assert!(o.status.success(), "{}", text(&o));
    let mut c = bin();
    c.arg("import-catalog").arg(&file);
    let o = run(c, &dir);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("0 added, 0 changed, 1135 unchanged"),
        "{}",
        text(&o)
    );

    // A file with a bad line imports nothing and names the line.
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "department,group,name,item_code,task_type,area_code,dept_code\n\
         区民政局,未分类,新的事项甲,,1,511602000000,X\n\
         区民政局,未分类,新的事项乙,,99,511602000000,X\n",
    )
    .unwrap();
    let mut c = bin();
    c.arg("import-catalog").arg(&bad);
    let o = run(c, &dir);
    assert!(!o.status.success());
    assert!(text(&o).contains("line 3"), "{}", text(&o));
    assert!(text(&o).contains("nothing was imported"), "{}", text(&o));
    let mut c = bin();
    c.arg("import-catalog").arg(&bad).arg("--partial");
    let o = run(c, &dir);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("1 added"), "{}", text(&o));

    // The index is rebuilt from the database with its size reported.
    let mut c = bin();
    c.arg("reindex");
    let o = run(c, &dir);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("search index rebuilt"), "{}", text(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every demo online form parses and passes the form editor's checks, so a broken seed fails
/// here rather than at `yiwang serve --demo`. Item names in `no_open_case` rules become ids, as
/// the demo loader does.
#[test]
fn every_demo_form_is_a_valid_item_form() {
    use yiwang_domain::application::ItemForm;
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../../../seed/forms/demo_forms.json")).unwrap();
    let forms = doc["forms"].as_array().unwrap();
    assert!(forms.len() >= 10, "{} demo forms", forms.len());
    let mut problems = Vec::new();
    for e in forms {
        let name = e["item"].as_str().unwrap_or_default().to_owned();
        let any_id = |_: &str| Some(yiwang_domain::ids::ItemId::generate().to_string());
        match ItemForm::from_seed(e, any_id) {
            Ok(bundle) => {
                if let Err(errors) = bundle.check() {
                    problems.push(format!("{name}: {errors:?}"));
                }
            }
            Err(err) => problems.push(format!("{name}: {err}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
