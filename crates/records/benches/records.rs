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

use std::time::Instant;

use http::{Method, StatusCode};
use serde_json::{Value, json};
use yiwang_domain::auth::{Grant, Role};
use yiwang_store::clients::TokenOwner;
use yiwang_store::staff::Holder;
use yiwang_testkit::bench::{self, Stat, env};
use yiwang_testkit::{Client, TestApp, id_number, timed};

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

    let h = bench::hello_baseline(rounds).await;
    let hello_rate = h.median_rate();

    println!("\n### {db}\n");
    bench::table_header();
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

    // 100 000 records in bundles, end to end (one run: latencies per bundle, no rounds).
    let mut bundles = Stat::default();
    let start = Instant::now();
    let mut pushed = 0;
    let mut from = 0;
    while from < total {
        let to = (from + batch).min(total);
        let b = bundle(from, to, &people);
        let t0 = Instant::now();
        pushed += push(&mut clinic, b, "201 Created").await;
        bundles.lat.push(t0.elapsed());
        from = to;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "| push {pushed} records as FHIR batch Bundles of {batch} (`POST /api/v1/fhir`), records/s | {:.0} (one run, {secs:.1} s) | {:.0} per bundle | {:.0} per bundle | |",
        pushed as f64 / secs,
        bundles.latency_ms(0.5),
        bundles.latency_ms(0.99)
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
