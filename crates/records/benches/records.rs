//! What personal records cost, in-process on a real (temporary) database, beside a bare axum
//! route called the same way (`tower::ServiceExt::oneshot`, no socket):
//!
//! 1. the baseline: `GET /hello` on a one-route `Router`;
//! 2. a source system pushing `BENCH_RECORDS` (100000) vaccination records as FHIR `Bundle`s
//!    of type `batch` of `BENCH_BATCH` (250; a bundle must fit the 256 KiB body limit) `Immunization` resources each
//!    (`POST /api/v1/fhir`), spread over ten verified citizens: records per second end to end
//!    (validation, matching by blind index, encryption, one transaction per bundle), and the
//!    same bundles pushed again (every entry `200 OK`, nothing stored);
//! 3. a citizen's records page (`GET /account/records`) with 500 records, and one record's
//!    page.
//!
//! Every answer's status is checked, and the stored versions must equal the records pushed.
//! Run: `cargo bench -p yiwang-records --bench records` (`TEST_DATABASE_URL=…` for
//! PostgreSQL). Knobs: `BENCH_ROUNDS` (5), `BENCH_RECORDS` (100000), `BENCH_BATCH` (250; a bundle must fit the 256 KiB body limit),
//! `BENCH_READS` (20).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use http::{Method, Request, StatusCode};
use serde_json::{Value, json};
use tower::ServiceExt;
use yiwang_domain::auth::{Grant, Role};
use yiwang_store::clients::TokenOwner;
use yiwang_store::staff::Holder;
use yiwang_testkit::{Client, TestApp, id_number};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Stat {
    rates: Vec<f64>,
    lat: Vec<Duration>,
}

impl Stat {
    fn line(&self, name: &str, hello: Option<f64>) {
        let mut r = self.rates.clone();
        r.sort_by(f64::total_cmp);
        let mut l = self.lat.clone();
        l.sort();
        let p = |q: f64| l[((l.len() as f64 - 1.0) * q) as usize];
        let median = r[r.len() / 2];
        let ratio = hello.map_or(String::new(), |h| format!("{:.1} %", median / h * 100.0));
        println!(
            "| {name} | {median:.0} ({:.0}–{:.0}) | {:.2} | {:.2} | {ratio} |",
            r[0],
            r[r.len() - 1],
            p(0.5).as_secs_f64() * 1e3,
            p(0.99).as_secs_f64() * 1e3
        );
    }
}

/// Runs `$body` `$n` times per round, `$rounds` timed rounds after one warm-up.
macro_rules! timed {
    ($rounds:expr, $n:expr, $body:expr) => {{
        let mut s = Stat {
            rates: Vec::new(),
            lat: Vec::new(),
        };
        for round in 0..=$rounds {
            let start = Instant::now();
            for _ in 0..$n {
                let t = Instant::now();
                $body;
                if round > 0 {
                    s.lat.push(t.elapsed());
                }
            }
            if round > 0 {
                s.rates.push($n as f64 / start.elapsed().as_secs_f64());
            }
        }
        s
    }};
}

async fn source(t: &TestApp) -> Client {
    let s = &t.store;
    let admin = t
        .create_staff("bench-admin", Role::PlatformAdmin, None, "5116")
        .await;
    let mut tx = s.begin().await.unwrap();
    let id = s
        .create_client(&mut tx, "北辰社区卫生服务中心", admin)
        .await
        .unwrap();
    let grant = Grant {
        role: Role::Observer,
        department: None,
        region: t.state.config.root_region.clone(),
    };
    s.add_grant(&mut tx, Holder::Client(id), &grant, None)
        .await
        .unwrap();
    let (_, token) = s
        .issue_token(&mut tx, TokenOwner::Client(id), "bench", None)
        .await
        .unwrap();
    s.save_record_source(&mut tx, id, t.dept_a, &["vaccination".to_owned()])
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let mut c = t.client();
    c.bearer = Some(token);
    c
}

fn immunization(n: usize, person: &(String, String)) -> Value {
    json!({
        "resourceType": "Immunization",
        "identifier": [{"system": "urn:oid:2.16.156.1.clinic", "value": format!("B-{n}")}],
        "status": "completed",
        "vaccineCode": {"coding": [{"system": "urn:oid:2.16.156.10011.2.3.3.12", "code": "0201"}], "text": "乙肝疫苗"},
        "patient": {"identifier": {"system": "urn:oid:2.16.156.10011.1.3", "value": person.0}, "display": person.1},
        "occurrenceDateTime": format!("20{:02}-{:02}-{:02}", 10 + n % 15, 1 + n % 12, 1 + n % 28),
        "lotNumber": format!("LOT{}", n % 997),
        "location": {"display": "北辰社区卫生服务中心"},
        "performer": [{"actor": {"display": "李芳"}}],
        "protocolApplied": [{"doseNumberPositiveInt": 1 + n % 4}]
    })
}

fn bundle(from: usize, to: usize, people: &[(String, String)]) -> Value {
    let entry: Vec<Value> = (from..to)
        .map(|n| json!({"resource": immunization(n, &people[n % people.len()])}))
        .collect();
    json!({"resourceType": "Bundle", "type": "batch", "entry": entry})
}

async fn versions(t: &TestApp) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM records")
        .fetch_one(t.store.db.reader())
        .await
        .unwrap()
        .try_get::<i64, _>("n")
        .unwrap()
}

async fn push(c: &mut Client, b: Value, expect: &str) -> usize {
    let r = c.json(Method::POST, "/api/v1/fhir", b).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let entries = v["entry"].as_array().unwrap();
    assert!(
        entries.iter().all(|e| e["response"]["status"] == expect),
        "{}",
        r.body.chars().take(400).collect::<String>()
    );
    entries.len()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rounds = env("BENCH_ROUNDS", 5);
    let total = env("BENCH_RECORDS", 100_000);
    let batch = env("BENCH_BATCH", 250).min(1000);
    let n_reads = env("BENCH_READS", 20);
    let db = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let t = TestApp::new().await;
    let mut clinic = source(&t).await;
    // Ten verified citizens to push for, and one whose page shows 500 records.
    let mut people = Vec::new();
    for i in 0..10 {
        let id = id_number(&format!("5116021985010100{i}"));
        let name = "王建国".to_owned();
        t.verified_citizen(&format!("1380000{i:04}"), &name, &id)
            .await;
        people.push((id, name));
    }
    let reader_id = id_number("51160219900202100");
    let mut reader = t
        .verified_citizen("13900009999", "李秀英", &reader_id)
        .await;

    let hello: Router =
        Router::new().route("/hello", axum::routing::get(|| async { "Hello, World!" }));
    let h = timed!(rounds, 20_000, {
        let r = hello
            .clone()
            .oneshot(Request::get("/hello").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    });
    let mut sorted = h.rates.clone();
    sorted.sort_by(f64::total_cmp);
    let hello_rate = sorted[sorted.len() / 2];

    println!("\n### {db}\n");
    println!("| what | per second, median (min–max) | p50 ms | p99 ms | of hello |");
    println!("|---|---|---|---|---|");
    h.line("`GET /hello` (bare axum, in-process)", None);

    // The reader's 500 records, pushed first (not timed).
    let me = [(reader_id.clone(), "李秀英".to_owned())];
    for from in (0..500).step_by(250) {
        let mut b = bundle(from, from + 250, &me);
        for e in b["entry"].as_array_mut().unwrap() {
            let v = e["resource"]["identifier"][0]["value"]
                .as_str()
                .unwrap()
                .to_owned();
            e["resource"]["identifier"][0]["value"] = json!(format!("R{v}"));
        }
        push(&mut clinic, b, "201 Created").await;
    }

    // 100 000 records in bundles, end to end.
    let mut lat = Vec::new();
    let start = Instant::now();
    let mut pushed = 0;
    let mut from = 0;
    while from < total {
        let to = (from + batch).min(total);
        let b = bundle(from, to, &people);
        let t0 = Instant::now();
        pushed += push(&mut clinic, b, "201 Created").await;
        lat.push(t0.elapsed());
        from = to;
    }
    let secs = start.elapsed().as_secs_f64();
    lat.sort();
    let p = |q: f64| lat[((lat.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1e3;
    println!(
        "| push {pushed} records as FHIR batch Bundles of {batch} (`POST /api/v1/fhir`), records/s | {:.0} (one run, {secs:.1} s) | {:.0} per bundle | {:.0} per bundle | |",
        pushed as f64 / secs,
        p(0.5),
        p(0.99)
    );
    // The same bundles again: every entry unchanged (a source retrying after a timeout).
    let again = total.min(batch * 20);
    let start = Instant::now();
    let mut from = 0;
    while from < again {
        let to = (from + batch).min(again);
        push(&mut clinic, bundle(from, to, &people), "200 OK").await;
        from = to;
    }
    println!(
        "| the first {again} again (all unchanged), records/s | {:.0} (one run) | | | |",
        again as f64 / start.elapsed().as_secs_f64()
    );
    assert_eq!(
        versions(&t).await,
        (total + 500) as i64,
        "each record stored once"
    );

    let page = timed!(rounds, n_reads, {
        let r = reader.get("/account/records").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.body.matches("/account/records/").count(), 500);
    });
    page.line("`GET /account/records` with 500 records", Some(hello_rate));
    let first = {
        let r = reader.get("/account/records").await;
        let at = r.body.find("/account/records/").unwrap() + "/account/records/".len();
        r.body[at..at + 36].to_owned()
    };
    let one = timed!(rounds, n_reads * 5, {
        let r = reader.get(&format!("/account/records/{first}")).await;
        assert_eq!(r.status, StatusCode::OK);
    });
    one.line("`GET /account/records/{id}` (one record)", Some(hello_rate));
}
