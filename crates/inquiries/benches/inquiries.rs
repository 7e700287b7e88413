//! What inquiries cost, in-process on a real (temporary) database, side by side with a bare
//! axum route called the same way (`tower::ServiceExt::oneshot` on a `Router`, no socket):
//!
//! 1. the baseline: `GET /hello` on a one-route `Router`;
//! 2. asking through the web form without an account (`POST /inquiries`, a plain form with its
//!    anti-forgery token and a fresh idempotency key) and through Open311 (`POST
//!    /open311/v2/requests.json` with an API key), one at a time and from
//!    `BENCH_CONCURRENCY` tasks at once;
//! 3. reads with `BENCH_CASES` inquiries stored (inserted with `store.submit_inquiry` in large
//!    transactions, nine in ten closed and the rest open with due days spread over three
//!    weeks, every tenth published on the board, the league table's day counters bumped
//!    as the loop does): `GET /open311/v2/requests.json` (the newest 1000 public of the last 90
//!    days) and with `service_code` and `status`, the board's first and 500th page, and the
//!    league table by department and by county.
//!
//! Every answer's status is checked; the stored count must equal the submissions made.
//! Run: `cargo bench -p yiwang-inquiries --bench inquiries` (`TEST_DATABASE_URL=…` for
//! PostgreSQL). Knobs: `BENCH_ROUNDS` (5), `BENCH_SUBMITS` (400), `BENCH_CONCURRENCY` (16),
//! `BENCH_CASES` (100000), `BENCH_READS` (20).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

use std::time::Instant;

use http::{Method, StatusCode};
use yiwang_domain::inquiry::league::Counts;
use yiwang_domain::inquiry::{Channel, InquiryState, Kind};
use yiwang_store::inquiries::NewInquiry;
use yiwang_testkit::bench::{self, Stat, env};
use yiwang_testkit::{Client, TestApp, timed, urlencode};

async fn form_body(c: &mut Client, n: usize) -> String {
    let page = c.get("/inquiries/new").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = c.csrf.clone().unwrap();
    let fields = [
        ("_csrf", csrf.as_str()),
        ("kind", "complaint"),
        ("category", "street_lights"),
        ("title", "幸福路路灯不亮"),
        (
            "body",
            "幸福路12号门口的路灯已经三个晚上不亮了，行人看不清路。",
        ),
        ("region", "511602001"),
        ("public", "1"),
    ];
    let mut body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    body.push(format!("idempotency_key=bench-{n}-{}", rand_suffix()));
    body.join("&")
}

fn rand_suffix() -> String {
    yiwang_crypto::random::token().unwrap()
}

async fn ask_web(c: &mut Client, n: usize) {
    let body = form_body(c, n).await;
    let r = c
        .request(
            Method::POST,
            "/inquiries",
            Some("application/x-www-form-urlencoded"),
            body.into_bytes(),
            &[],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        &r.body[..r.body.len().min(400)]
    );
}

async fn ask_open311(c: &mut Client) {
    let body = "api_key=bench-key&service_code=street_lights&lat=30.4564&long=106.6331&attribute%5Bkind%5D=complaint&description=%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE%E5%BE%88%E4%B9%85%E4%BA%86";
    let r = c
        .request(
            Method::POST,
            "/open311/v2/requests.json",
            Some("application/x-www-form-urlencoded"),
            body.as_bytes().to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

async fn concurrent(
    t: &TestApp,
    rounds: usize,
    per_task: usize,
    tasks: usize,
    open311: bool,
) -> Stat {
    let mut s = Stat::default();
    for round in 0..=rounds {
        let start = Instant::now();
        let mut handles = Vec::new();
        for task in 0..tasks {
            let mut c = t.client();
            c.ip = format!("198.51.{}.{}", 100 + task / 200, 1 + task % 200)
                .parse()
                .unwrap();
            handles.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                for i in 0..per_task {
                    if open311 {
                        // Only the POST is timed; the web form's page is fetched first.
                        let at = Instant::now();
                        ask_open311(&mut c).await;
                        lat.push(at.elapsed());
                    } else {
                        let body = form_body(&mut c, task * 100_000 + i).await;
                        let at = Instant::now();
                        let r = c
                            .request(
                                Method::POST,
                                "/inquiries",
                                Some("application/x-www-form-urlencoded"),
                                body.into_bytes(),
                                &[],
                            )
                            .await;
                        assert_eq!(r.status, StatusCode::OK);
                        lat.push(at.elapsed());
                    }
                }
                lat
            }));
        }
        let mut all = Vec::new();
        for h in handles {
            all.extend(h.await.unwrap());
        }
        if round > 0 {
            // POSTs per second of wall time (the web form's tasks also fetch the page first).
            s.rates
                .push(all.len() as f64 / start.elapsed().as_secs_f64());
            s.lat.extend(all);
        }
    }
    s
}

async fn fill(t: &TestApp, cases: usize) {
    let s = &t.store;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let streets = ["511602001", "511602002", "511603001"];
    let cats = [
        "street_lights",
        "roads",
        "city_appearance",
        "traffic",
        "health",
    ];
    let mut made = 0;
    while made < cases {
        let mut tx = s.begin().await.unwrap();
        for _ in 0..5000.min(cases - made) {
            let region = streets[made % 3];
            let dept = if made % 2 == 0 { t.dept_a } else { t.dept_b };
            let (row, _) = s
                .submit_inquiry(
                    &mut tx,
                    &NewInquiry {
                        kind: Kind::Complaint,
                        category: cats[made % 5],
                        channel: Channel::Web,
                        title: "幸福路路灯不亮",
                        body: "幸福路门口的路灯已经三个晚上不亮了，行人看不清路。",
                        region_code: region,
                        address: "",
                        location: Some((30_456_400, 106_633_100)),
                        wants_public: true,
                        anonymous: true,
                        account_id: None,
                        contact: None,
                        query_hash: None,
                        client_id: None,
                        recorded_by: None,
                        // Most are answered and closed; one in ten is open, due
                        // from five days ago to fifteen days ahead.
                        state: if made % 10 == 3 {
                            InquiryState::Assigned
                        } else {
                            InquiryState::Closed
                        },
                        department_id: Some(dept),
                        ack_due: Some(today + time::Duration::days((made % 21) as i64 - 5)),
                        reply_due: Some(today + time::Duration::days((made % 21) as i64 - 5)),
                        idempotency_key: None,
                        request_hash: "bench",
                    },
                )
                .await
                .unwrap();
            if made % 10 == 0 {
                s.publish_inquiry(
                    &mut tx,
                    row.id,
                    "幸福路路灯不亮",
                    "门口的路灯不亮了。",
                    "已修复。",
                )
                .await
                .unwrap();
            }
            let c = Counts {
                received: 1,
                ..Counts::default()
            };
            s.bump_inquiry_stats(&mut tx, today, dept, region, &c)
                .await
                .unwrap();
            made += 1;
        }
        yiwang_store::commit(tx).await.unwrap();
    }
}

async fn reads(c: &mut Client, rounds: usize, n: usize, path: &str) -> Stat {
    timed!(rounds, n, {
        let r = c.get(path).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{path}: {}",
            &r.body[..r.body.len().min(300)]
        );
    })
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rounds = env("BENCH_ROUNDS", 5);
    let submits = env("BENCH_SUBMITS", 400);
    let tasks = env("BENCH_CONCURRENCY", 16);
    let cases = env("BENCH_CASES", 100_000);
    let n_reads = env("BENCH_READS", 20);
    let db = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let t = TestApp::new().await;
    let admin = t
        .create_staff(
            "bench-admin",
            yiwang_domain::auth::Role::PlatformAdmin,
            None,
            "5116",
        )
        .await;
    let mut tx = t.store.begin().await.unwrap();
    t.store
        .set_inquiry_route(&mut tx, "", "5116", t.dept_a, admin)
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    t.store
        .add_open311_client(
            "bench",
            "bench",
            &yiwang_crypto::sha256_hex(b"bench-key"),
            "bench",
        )
        .await
        .unwrap();

    let h = bench::hello_baseline(rounds).await;
    let hello_rate = h.median_rate();

    println!("\n### {db}\n");
    bench::table_header();
    h.line("`GET /hello` (bare axum, in-process)", None);
    let mut c = t.client();
    let mut k = 0;
    let web = timed!(rounds, submits, {
        k += 1;
        ask_web(&mut c, k).await
    });
    web.line(
        "web form, one at a time (page + `POST /inquiries`)",
        Some(hello_rate),
    );
    let mut c = t.client();
    let o = timed!(rounds, submits, ask_open311(&mut c).await);
    o.line(
        "Open311 `POST requests.json`, one at a time",
        Some(hello_rate),
    );
    let per = submits / tasks;
    let wc = concurrent(&t, rounds, per, tasks, false).await;
    wc.line(
        &format!("web form `POST /inquiries`, {tasks} at once"),
        Some(hello_rate),
    );
    let oc = concurrent(&t, rounds, per, tasks, true).await;
    oc.line(&format!("Open311 POST, {tasks} at once"), Some(hello_rate));
    let made = (rounds + 1) * submits * 2 + (rounds + 1) * per * tasks * 2;
    let stored = t
        .store
        .inquiry_league_by_department(
            yiwang_domain::Timestamp::now().beijing_date(),
            yiwang_domain::Timestamp::now().beijing_date(),
        )
        .await
        .unwrap()
        .iter()
        .map(|(_, _, c)| c.received)
        .sum::<i64>();
    assert_eq!(stored as usize, made, "every submission stored once");

    let start = Instant::now();
    fill(&t, cases).await;
    // As the databases' own statistics would after such a load (autovacuum on PostgreSQL).
    sqlx::query("ANALYZE inquiries")
        .execute(t.store.db.writer())
        .await
        .unwrap();
    println!(
        "\n{cases} inquiries inserted in {:.1} s; reads:\n",
        start.elapsed().as_secs_f64()
    );
    bench::table_header();
    let mut c = t.client();
    for (name, path) in [
        (
            "Open311 `GET requests.json` (newest 1000)",
            "/open311/v2/requests.json",
        ),
        (
            "Open311 `GET requests.json?service_code=roads&status=open`",
            "/open311/v2/requests.json?service_code=roads&status=open",
        ),
        ("board, page 1", "/inquiries/board"),
        ("board, page 500", "/inquiries/board?page=500"),
        ("league table by department", "/inquiries/league"),
        ("league table by county", "/inquiries/league?by=region"),
    ] {
        reads(&mut c, rounds, n_reads, path)
            .await
            .line(name, Some(hello_rate));
    }
}
