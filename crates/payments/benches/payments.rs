//! What paying a bill costs end to end, in-process on a real (temporary) database, beside a
//! bare axum route called the same way (`tower::ServiceExt::oneshot` on a `Router`):
//!
//! 1. the baseline: `GET /hello` on a one-route `Router`;
//! 2. one payment end to end: the unit's system creates the bill (`POST /api/v1/bills`), the
//!    payer looks it up by code and name (`POST /pay`), presses 去支付
//!    (`POST /pay/bills/{id}/start`), pays on the sandbox's cashier page
//!    (`POST /sandbox/pay/{trade_no}`), the sandbox's notifier job delivers the signed
//!    notification (the worker runs it), and the payer opens the return page and the
//!    receipt (`GET /pay/attempts/{id}`, `GET /pay/receipts/{id}`).
//!
//! Every answer's status is checked; at the end the ledger must hold exactly one payment per
//! payment made and balance with the sandbox's own records.
//! Run: `cargo bench -p yiwang-payments --bench payments` (`TEST_DATABASE_URL=…` for
//! PostgreSQL). Knobs: `BENCH_ROUNDS` (5), `BENCH_PAYMENTS` (100).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

use std::sync::Arc;

use http::{Method, StatusCode};
use serde_json::json;
use yiwang_domain::auth::{Grant, Role};
use yiwang_domain::region::RegionCode;
use yiwang_jobs::{Worker, WorkerConfig};
use yiwang_payments::provider::Payments;
use yiwang_store::clients::TokenOwner;
use yiwang_store::staff::Holder;
use yiwang_testkit::bench::{self, env};
use yiwang_testkit::{Client, TestApp, timed};

async fn pay_one(c: &mut Client, unit: &mut Client, worker: &Arc<Worker>, n: usize) {
    let r = unit
        .json(
            Method::POST,
            "/api/v1/bills",
            json!({
                "unit": "511602101", "external_ref": format!("B-{n}"), "payer_name": "张三",
                "title": "交通违法罚款", "items": [{"name": "罚款", "amount_fen": 20000}],
                "due_on": "2099-12-31",
            }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let bill = r.json();
    let code = bill["code"].as_str().unwrap();
    let id = bill["id"].as_str().unwrap();
    let page = c
        .post_form("/pay", &[("code", code), ("name", "张三")])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let key = format!(
        "bench-{n}-{}",
        yiwang_crypto::random::token().unwrap().replace('_', "-")
    );
    let r = c
        .post_form(
            &format!("/pay/bills/{id}/start"),
            &[("code", code), ("name", "张三"), ("key", &key)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cashier = r.location().to_owned();
    let r = c.post_form(&cashier, &[("action", "pay")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let result = r.location().to_owned();
    while worker.run_once().await.unwrap() > 0 {}
    let page = c.get(&result).await;
    assert_eq!(page.status, StatusCode::OK);
    let receipt = page
        .body
        .split("href=\"/pay/receipts/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a receipt")
        .to_owned();
    let r = c.get(&format!("/pay/receipts/{receipt}")).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let rounds = env("BENCH_ROUNDS", 5);
    let n = env("BENCH_PAYMENTS", 100);
    let db = yiwang_store::testing::backend();
    let t = TestApp::new().await;
    let state = yiwang_payments::install(t.state.clone());
    let payments = state.part::<Payments>().unwrap().clone();
    let t = t.with_part(payments.clone());
    // The notifier only: the query job is not wanted while timing (every attempt is settled
    // by its notification); its jobs are left due and counted at the end.
    let worker = Arc::new(
        Worker::new(t.store.clone(), WorkerConfig::default()).handle(
            yiwang_payments::provider::sandbox::NOTIFY_KIND,
            yiwang_payments::jobs::Notifier(t.state.clone()),
        ),
    );
    let admin = t
        .create_staff("bench.admin", Role::PlatformAdmin, None, "5116")
        .await;
    let s = &t.store;
    let mut tx = s.begin().await.unwrap();
    let client = s
        .create_client(&mut tx, "交警支队非税系统", admin)
        .await
        .unwrap();
    let grant = Grant {
        role: Role::FinanceOfficer,
        department: None,
        region: RegionCode::parse("5116").unwrap(),
    };
    s.add_grant(&mut tx, Holder::Client(client), &grant, Some(admin))
        .await
        .unwrap();
    let (_, token) = s
        .issue_token(&mut tx, TokenOwner::Client(client), "bench", None)
        .await
        .unwrap();
    s.put_pay_unit(
        &mut tx,
        "511602101",
        "广安区公安局交通警察大队",
        "511602",
        Some(client),
    )
    .await
    .unwrap();
    yiwang_store::commit(tx).await.unwrap();

    let hello = bench::hello_baseline(rounds).await;
    let h = hello.median_rate();
    let (hmin, hmax) = hello.rate_range();

    let mut c = t.client();
    c.get("/pay").await;
    let mut unit = t.client();
    unit.bearer = Some(token);
    let mut k = 0;
    let paying = timed!(rounds, n, {
        k += 1;
        pay_one(&mut c, &mut unit, &worker, k).await
    });
    let p = paying.median_rate();
    let (pmin, pmax) = paying.rate_range();
    let totals = t.store.ledger_totals().await.unwrap();
    let (paid, sum, _, _) = t.store.sandbox_totals().await.unwrap();
    assert_eq!(totals.payments, k as i64, "one payment per payment made");
    assert_eq!(
        (totals.payments, totals.paid),
        (paid, sum),
        "the ledger balances with the sandbox"
    );

    println!("\n### {db}\n");
    bench::table_header();
    println!("| `GET /hello` (bare axum, in-process) | {h:.0} ({hmin:.0}–{hmax:.0}) | | | |");
    println!(
        "| one payment end to end (bill → lookup → start → pay → notify → return page → receipt) | {p:.1} ({pmin:.1}–{pmax:.1}) | {:.2} | {:.2} | {:.3} % |",
        paying.latency_ms(0.5),
        paying.latency_ms(0.99),
        p / h * 100.0
    );
    println!(
        "\nledger: {} payments, {} fen; sandbox: {paid} paid, {} fen",
        totals.payments,
        totals.paid.get(),
        sum.get()
    );
}
