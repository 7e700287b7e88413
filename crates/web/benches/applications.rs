//! What online applications cost, measured in-process on a real (temporary) database with
//! real catalogue items (seed/catalog) and the real demo forms (seed/forms):
//!
//! 1. submissions of 失业保险金申领 (no attachments) through the HTTP router, in-process
//!    (`tower::ServiceExt::oneshot` on the axum `Router`, a citizen's bearer token, a unique
//!    `Idempotency-Key` each), one at a time and from `BENCH_CONCURRENCY` tasks at once;
//! 2. instant approval (秒批) end to end: a submission of 个体工商户设立登记 that passes every
//!    rule, answered `completed` with a signed certificate in the applicant's wallet;
//! 3. a department's work queue with `BENCH_QUEUE_CASES` open cases (inserted with
//!    `store.submit_case` in large transactions; a third then "accepted" by one SQL UPDATE per
//!    case that sets `accepted_on`/`due_on`): `store.case_queue` for page 1 and page 1000 of 50,
//!    and the same pages as full HTTP requests of a logged-in staff member;
//! 4. certificate verification: `services::certificates::check` on a real token (key list
//!    from the database, signature, revocation) and the pure `crypto::certs::verify`.
//!
//! Every request's status is checked: any non-2xx stops the bench (a table of fast errors
//! is worse than none), and the number of cases stored afterwards must equal the number of
//! submissions made.
//!
//! Run with `cargo bench -p yiwang-web --bench applications`. No criterion: plain loops with
//! `std::time::Instant`, a warm-up, then several timed rounds; throughput is reported as the
//! median round (with the fastest and slowest), latency percentiles over every timed request.
//!
//! Knobs (environment): `BENCH_ROUNDS` (default 5), `BENCH_SUBMITS` (submissions per round,
//! default 400), `BENCH_CONCURRENCY` (default 16), `BENCH_INSTANT` (instant submissions per
//! round, default 100), `BENCH_QUEUE_CASES` (default 100000), `BENCH_QUEUE_ITERS` (queue reads
//! per round, default 20), `BENCH_VERIFY_ITERS` (default 2000), `BENCH_PURE_ITERS` (default
//! 20000). `TEST_DATABASE_URL` runs everything on PostgreSQL (a scratch database is created
//! there and dropped at the end, as the tests do).
#![allow(clippy::print_stdout, missing_docs)]

use std::collections::HashMap;
use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tokio::sync::Notify;
use tower::ServiceExt;
use yiwang_applications::services::certificates::{self, Verdict};
use yiwang_domain::Lang;
use yiwang_domain::Timestamp;
use yiwang_domain::account::AccountKind;
use yiwang_domain::application::ItemForm;
use yiwang_domain::auth::{Grant, Role};
use yiwang_domain::identity::{Mobile, PersonName, ResidentId};
use yiwang_domain::ids::{AccountId, DepartmentId, ItemId};
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_kit::{AppState, WebConfig};
use yiwang_store::Store;
use yiwang_store::applications::cases::NewCase;
use yiwang_store::applications::queue::QueueFilter;
use yiwang_store::clients::TokenOwner;
use yiwang_store::sessions::Stage;
use yiwang_store::staff::Holder;
use yiwang_store::testing::TestDb;

const UNEMPLOYMENT: &str = "失业保险金申领";
const BUSINESS: &str = "个体工商户设立登记";
/// Two more items of other departments, so the queue's cases are spread over four.
const OTHERS: [&str; 2] = [
    "事实无人抚养儿童认定及基本生活补贴发放",
    "第二类易制毒化学品运输许可",
];
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn die(what: &str, e: impl std::fmt::Debug) -> ! {
    eprintln!("applications bench: {what}: {e:?}");
    std::process::exit(1)
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

fn ms(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.1} µs")
    }
}

/// The value at quantile `q` of sorted durations (nearest rank).
fn pct(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((sorted.len() as f64) * q).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Rounds of a throughput measurement (ops per second per round) and every timed latency.
struct Run {
    per_sec: Vec<f64>,
    lat: Vec<Duration>,
}

impl Run {
    fn new() -> Run {
        Run {
            per_sec: Vec::new(),
            lat: Vec::new(),
        }
    }

    fn report(mut self, name: &str) {
        self.per_sec.sort_by(f64::total_cmp);
        self.lat.sort();
        let n = self.per_sec.len();
        println!(
            "{name:<58} {:>9.1}/s (min {:>9.1}, max {:>9.1}; {n} rounds)  p50 {:>9}  p99 {:>9}  max {:>9}  ({} requests)",
            self.per_sec[n / 2],
            self.per_sec[0],
            self.per_sec[n - 1],
            ms(pct(&self.lat, 0.50)),
            ms(pct(&self.lat, 0.99)),
            ms(pct(&self.lat, 1.0)),
            self.lat.len()
        );
    }
}

/// Per-operation times of rounds of `iters` (sorted), reported like the session bench.
fn report_rounds(name: &str, iters: usize, mut per_op: Vec<Duration>) {
    per_op.sort();
    let n = per_op.len();
    println!(
        "{name:<58} {:>9}/op (min {:>9}, max {:>9}; {:>9.0} op/s; {n} rounds × {iters})",
        ms(per_op[n / 2]),
        ms(per_op[0]),
        ms(per_op[n - 1]),
        1.0 / per_op[n / 2].as_secs_f64()
    );
}

fn regions() -> yiwang_store::regions::RegionSources<'static> {
    yiwang_store::regions::RegionSources {
        provinces: "code,name\n51,\"四川省\"\n",
        cities: "code,name,provinceCode\n5116,\"广安市\",51\n",
        areas: "code,name,cityCode,provinceCode\n511602,\"广安区\",5116,51\n511603,\"前锋区\",5116,51\n",
        streets: "code,name,areaCode,provinceCode,cityCode\n511602001,\"浓洄街道\",511602,51,5116\n511602002,\"北辰街道\",511602,51,5116\n",
    }
}

/// The catalogue lines of the items used here, as CSV with the header.
fn catalogue() -> String {
    let text = include_str!("../../../seed/catalog/guang_an_service_items.csv");
    let mut lines = text.lines();
    let mut out = format!("{}\n", lines.next().unwrap_or_default());
    for line in lines {
        if [UNEMPLOYMENT, BUSINESS]
            .iter()
            .chain(OTHERS.iter())
            .any(|name| line.contains(&format!(",{name},")))
        {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A valid resident ID number for citizen `k` (born 1970-01-01 + k days; 18+ for k < 9000).
fn id_number(k: usize) -> String {
    let born = time::Date::from_calendar_date(1970, time::Month::January, 1)
        .unwrap_or_else(|e| die("date", e))
        + time::Duration::days((k % 9000) as i64);
    let first17 = format!(
        "511602{:04}{:02}{:02}{:03}",
        born.year(),
        u8::from(born.month()),
        born.day(),
        k / 9000 % 1000
    );
    let c = yiwang_domain::identity::id_number::check_char(first17.as_bytes()) as char;
    format!("{first17}{c}")
}

/// A citizen with a verified real name and a bearer token.
struct Citizen {
    id: AccountId,
    token: String,
    name: String,
    id_number: String,
    phone: String,
}

async fn citizen(store: &Store, k: usize, hash: &str) -> Citizen {
    let phone = format!("139{:08}", k);
    let name = "张明";
    let idn = id_number(k);
    let today = Timestamp::now().beijing_date();
    let mut tx = store.begin().await.unwrap_or_else(|e| die("begin", e));
    let id = store
        .create_citizen(
            &mut tx,
            &Mobile::parse(&phone).unwrap_or_else(|e| die("phone", e)),
            hash,
            Lang::ZhHans,
        )
        .await
        .unwrap_or_else(|e| die("create citizen", e));
    store
        .record_identity(
            &mut tx,
            id,
            &PersonName::parse(name).unwrap_or_else(|e| die("name", e)),
            &ResidentId::parse(&idn, today).unwrap_or_else(|e| die("id number", e)),
            yiwang_domain::identity::Assurance::Provider,
        )
        .await
        .unwrap_or_else(|e| die("real name", e));
    let (_, token) = store
        .issue_token(&mut tx, TokenOwner::Account(id), "bench", None)
        .await
        .unwrap_or_else(|e| die("token", e));
    yiwang_store::commit(tx)
        .await
        .unwrap_or_else(|e| die("commit", e));
    Citizen {
        id,
        token,
        name: name.into(),
        id_number: idn,
        phone,
    }
}

/// Publishes the demo form of every item named here, as `demo::ensure_forms` does.
async fn publish_forms(store: &Store, ids: &HashMap<String, ItemId>) -> HashMap<String, i64> {
    let doc: Value = serde_json::from_str(include_str!("../../../seed/forms/demo_forms.json"))
        .unwrap_or_else(|e| die("demo_forms.json", e));
    let mut versions = HashMap::new();
    for e in doc["forms"].as_array().cloned().unwrap_or_default() {
        let name = e["item"].as_str().unwrap_or_default().to_owned();
        let Some(item) = ids.get(&name).copied() else {
            continue;
        };
        let bundle = ItemForm::from_seed(&e, |n| ids.get(n).map(ToString::to_string))
            .unwrap_or_else(|e| die("form", e));
        if let Err(errors) = bundle.check() {
            die(&format!("the form of {name} is invalid"), errors);
        }
        let mut tx = store.begin().await.unwrap_or_else(|e| die("begin", e));
        store
            .save_form_draft(&mut tx, item, &bundle, "bench")
            .await
            .unwrap_or_else(|e| die("save form", e));
        let v = store
            .publish_form(&mut tx, item)
            .await
            .unwrap_or_else(|e| die("publish form", e));
        yiwang_store::commit(tx)
            .await
            .unwrap_or_else(|e| die("commit", e));
        versions.insert(name, v);
    }
    versions
}

/// One in-process request; the status and the JSON body.
async fn send(
    app: &Router,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> (StatusCode, Vec<u8>) {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "localhost");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let body = match body {
        Some(b) => {
            req = req.header("content-type", "application/json");
            Body::from(b.to_string())
        }
        None => Body::empty(),
    };
    let mut req = req.body(body).unwrap_or_else(|e| die("request", e));
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([198, 51, 100, 1], 40000))));
    let res = app
        .clone()
        .oneshot(req)
        .await
        .unwrap_or_else(|e| die("oneshot", e));
    let status = res.status();
    let bytes = res
        .into_body()
        .collect()
        .await
        .unwrap_or_else(|e| die("body", e))
        .to_bytes();
    (status, bytes.to_vec())
}

/// Submits answers with a fresh idempotency key; dies on anything but 201.
async fn submit(
    app: &Router,
    item: ItemId,
    token: &str,
    version: i64,
    answers: &Value,
) -> (Duration, Value) {
    let key = yiwang_domain::ids::JobId::generate().to_string();
    let auth = format!("Bearer {token}");
    let body = json!({ "form_version": version, "answers": answers });
    let path = format!("/api/v1/items/{item}/applications");
    let start = Instant::now();
    let (status, bytes) = send(
        app,
        Method::POST,
        &path,
        &[("authorization", &auth), ("idempotency-key", &key)],
        Some(&body),
    )
    .await;
    let took = start.elapsed();
    if status != StatusCode::CREATED {
        die(
            &format!("submission answered {status}"),
            String::from_utf8_lossy(&bytes),
        );
    }
    (
        took,
        serde_json::from_slice(&bytes).unwrap_or_else(|e| die("response JSON", e)),
    )
}

fn unemployment_answers(c: &Citizen) -> Value {
    let left = Timestamp::now().beijing_date() - time::Duration::days(20);
    json!({
        "name": c.name, "id_number": c.id_number, "phone": c.phone,
        "residence": { "region": "511602001", "detail": "建设路18号3单元2楼" },
        "last_employer": "广安市某某机械制造有限公司",
        "separation_date": left.to_string(),
        "separation_reason": "contract_expired",
        "unemployment_registered": "yes",
        "job_intention": "机械维修，广安区",
        "payout_method": "social_security_card",
        "declaration": ["job_seeking", "not_reemployed", "no_pension"],
    })
}

fn business_answers(c: &Citizen, files: [&str; 2]) -> Value {
    json!({
        "name": c.name, "id_number": c.id_number, "phone": c.phone,
        "operator_address": { "region": "511602001", "detail": "建设路18号3单元2楼" },
        "has_name": "yes", "business_name": "广安区明记小吃店",
        "composition": "individual",
        "business_scope": "餐饮服务；食品销售",
        "licensed_activities": ["food"],
        "capital": "3.5", "staff_count": "2",
        "premises": { "region": "511602002", "detail": "北辰路6号附1号" },
        "premises_source": "lease", "premises_area": "40",
        "use_agent": "self",
        "application_form": [files[0]],
        "premises_proof": [files[1]],
    })
}

async fn count(store: &Store, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(bind.to_owned())
        .fetch_one(store.db.reader())
        .await
        .unwrap_or_else(|e| die("count", e))
}

fn main() {
    let rounds = env_usize("BENCH_ROUNDS", 5);
    let submits = env_usize("BENCH_SUBMITS", 400);
    let concurrency = env_usize("BENCH_CONCURRENCY", 16);
    let instant_n = env_usize("BENCH_INSTANT", 100);
    let queue_cases = env_usize("BENCH_QUEUE_CASES", 100_000);
    let queue_iters = env_usize("BENCH_QUEUE_ITERS", 20);
    let verify_iters = env_usize("BENCH_VERIFY_ITERS", 2000);
    let pure_iters = env_usize("BENCH_PURE_ITERS", 20_000);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| die("tokio runtime", e));
    let db = rt.block_on(TestDb::new());
    let store = db.store.clone();
    let backend = yiwang_store::testing::backend();
    let files_dir = std::env::temp_dir().join(format!(
        "yiwang-bench-files-{}",
        yiwang_domain::ids::JobId::generate().as_uuid().simple()
    ));

    // The rig: regions, the departments and items of four catalogue lines, the real forms,
    // the holiday calendar, and the application as `serve` builds it.
    let setup = Instant::now();
    let (app, state, items, depts, versions) = rt.block_on(async {
        store
            .import_regions(&regions())
            .await
            .unwrap_or_else(|e| die("regions", e));
        let csv = catalogue();
        store
            .import_catalogue_departments(&csv)
            .await
            .unwrap_or_else(|e| die("departments", e));
        let parsed = yiwang_store::catalog::import::parse_csv(&csv)
            .unwrap_or_else(|e| die("catalogue csv", e));
        let report = store
            .import_catalogue(parsed, false, "bench")
            .await
            .unwrap_or_else(|e| die("catalogue", e));
        if report.refused() {
            die("catalogue refused", &report.errors);
        }
        let rows = store
            .item_rows()
            .await
            .unwrap_or_else(|e| die("item rows", e));
        let mut items = HashMap::new();
        let mut depts = HashMap::new();
        for r in rows.iter().filter(|r| !r.is_group) {
            items.insert(r.name.clone(), r.id);
            depts.insert(r.name.clone(), r.department);
        }
        for name in [UNEMPLOYMENT, BUSINESS].iter().chain(OTHERS.iter()) {
            if !items.contains_key(*name) {
                die("item missing from the catalogue", name);
            }
        }
        let versions = publish_forms(&store, &items).await;
        let days = yiwang_domain::deadline::parse_calendar_csv(include_str!(
            "../../../seed/calendar/cn_public_holidays.csv"
        ))
        .unwrap_or_else(|e| die("calendar", e));
        let mut tx = store.begin().await.unwrap_or_else(|e| die("begin", e));
        store
            .load_calendar(&mut tx, &days, "bench")
            .await
            .unwrap_or_else(|e| die("load calendar", e));
        yiwang_store::commit(tx)
            .await
            .unwrap_or_else(|e| die("commit", e));
        let config = WebConfig::example();
        let catalog = yiwang_index::Catalog::open(
            store.clone(),
            config.root_region.clone(),
            yiwang_index::IndexLocation::Memory,
        )
        .await
        .unwrap_or_else(|e| die("catalog", e));
        let state = AppState::new(store.clone(), config, Arc::new(Notify::new()))
            .with(catalog)
            .with(yiwang_files::FileStore::local(files_dir.clone()));
        (
            yiwang_web::app(state.clone()),
            state,
            items,
            depts,
            versions,
        )
    });
    let hash =
        yiwang_crypto::password::hash("Guangan-bench-2026").unwrap_or_else(|e| die("hash", e));
    let mut next_citizen = 0usize;
    let mut new_citizen = |rt: &tokio::runtime::Runtime| {
        next_citizen += 1;
        rt.block_on(citizen(&store, next_citizen, &hash))
    };
    println!(
        "applications bench: backend {backend}, {rounds} rounds; set-up (regions, 4 items, {} forms, calendar) {}",
        versions.len(),
        ms(setup.elapsed())
    );
    println!();

    // 1. Submissions without attachments.
    let item = items[UNEMPLOYMENT];
    let version = versions[UNEMPLOYMENT];
    let mut made = 0usize;
    let one = new_citizen(&rt);
    let answers = unemployment_answers(&one);
    let mut run = Run::new();
    rt.block_on(async {
        for _ in 0..(submits / 5).max(1) {
            submit(&app, item, &one.token, version, &answers).await;
            made += 1;
        }
        for _ in 0..rounds {
            let start = Instant::now();
            for _ in 0..submits {
                let (took, _) = submit(&app, item, &one.token, version, &answers).await;
                run.lat.push(took);
            }
            run.per_sec
                .push(submits as f64 / start.elapsed().as_secs_f64());
            made += submits;
        }
    });
    run.report(&format!(
        "submit {UNEMPLOYMENT}, HTTP in-process, sequential"
    ));

    let many: Vec<(String, Value)> = (0..concurrency)
        .map(|_| {
            let c = new_citizen(&rt);
            let a = unemployment_answers(&c);
            (c.token, a)
        })
        .collect();
    let many = Arc::new(many);
    let per_task = submits.div_ceil(concurrency);
    let mut run = Run::new();
    rt.block_on(async {
        for round in 0..=rounds {
            let start = Instant::now();
            let tasks: Vec<_> = (0..concurrency)
                .map(|t| {
                    let (app, many) = (app.clone(), many.clone());
                    tokio::spawn(async move {
                        let (token, answers) = &many[t];
                        let mut lat = Vec::with_capacity(per_task);
                        for _ in 0..per_task {
                            lat.push(submit(&app, item, token, version, answers).await.0);
                        }
                        lat
                    })
                })
                .collect();
            let mut lat = Vec::new();
            for t in tasks {
                lat.extend(t.await.unwrap_or_else(|e| die("task", e)));
            }
            let elapsed = start.elapsed();
            made += lat.len();
            if round > 0 {
                // Round 0 is the warm-up.
                run.per_sec.push(lat.len() as f64 / elapsed.as_secs_f64());
                run.lat.extend(lat);
            }
        }
    });
    run.report(&format!(
        "submit {UNEMPLOYMENT}, HTTP in-process, {concurrency} tasks"
    ));
    let stored = rt.block_on(count(
        &store,
        "SELECT COUNT(*) FROM cases WHERE item_id = $1",
        &item.to_string(),
    ));
    if stored != made as i64 {
        die("cases stored ≠ submissions made", (stored, made));
    }
    println!("  cases stored after the runs: {stored} = submissions made (every answer 201)");

    // 2. Instant approval, each submission by a fresh verified adult with two uploads
    //    (created and uploaded before the timed request).
    let item_b = items[BUSINESS];
    let version_b = versions[BUSINESS];
    let mut run = Run::new();
    let mut cert_token = String::new();
    let mut issued = 0usize;
    for round in 0..=rounds {
        let mut lat = Vec::new();
        let mut busy = Duration::ZERO;
        for _ in 0..instant_n {
            let c = new_citizen(&rt);
            let (took, case) = rt.block_on(async {
                let mut files = Vec::new();
                for name in ["申请书.pdf", "租赁合同.pdf"] {
                    let u = yiwang_applications::services::uploads::receive(
                        &state, c.id, None, "file", name, PDF,
                    )
                    .await
                    .unwrap_or_else(|e| die("upload", e));
                    files.push(u.id.to_string());
                }
                let answers = business_answers(&c, [&files[0], &files[1]]);
                submit(&app, item_b, &c.token, version_b, &answers).await
            });
            if case["state"] != "completed" || case["auto_decided"] != true {
                die("instant approval did not complete the case", case);
            }
            busy += took;
            lat.push(took);
            let wallet = rt
                .block_on(store.certificates_of(c.id))
                .unwrap_or_else(|e| die("wallet", e));
            if wallet.len() != 1 {
                die("no certificate in the wallet", wallet.len());
            }
            issued += 1;
            cert_token = wallet[0].token.clone();
        }
        if round > 0 {
            run.per_sec.push(lat.len() as f64 / busy.as_secs_f64());
            run.lat.extend(lat);
        }
    }
    run.report(&format!("instant approval {BUSINESS} (fresh citizen each)"));
    println!(
        "  {issued} cases completed, {issued} certificates in wallets; rate = 1 / mean submit latency (set-up per citizen not timed)"
    );

    // The same citizen again and again: no_open_case passes (a completed case is not open),
    // but the wallet grows by one certificate per submission.
    let c = new_citizen(&rt);
    let mut lat = Vec::new();
    for _ in 0..instant_n {
        let (took, case) = rt.block_on(async {
            let mut files = Vec::new();
            for name in ["申请书.pdf", "租赁合同.pdf"] {
                let u = yiwang_applications::services::uploads::receive(
                    &state, c.id, None, "file", name, PDF,
                )
                .await
                .unwrap_or_else(|e| die("upload", e));
                files.push(u.id.to_string());
            }
            let answers = business_answers(&c, [&files[0], &files[1]]);
            submit(&app, item_b, &c.token, version_b, &answers).await
        });
        if case["state"] != "completed" {
            die("instant approval did not complete the case", case);
        }
        lat.push(took);
    }
    let tenth = (instant_n / 10).max(1);
    let mean = |s: &[Duration]| s.iter().sum::<Duration>() / s.len() as u32;
    println!(
        "instant approval, one citizen {instant_n} times in a row: mean of the first {tenth} {}, of the last {tenth} {} (wallet 0→{instant_n})",
        ms(mean(&lat[..tenth])),
        ms(mean(&lat[lat.len() - tenth..]))
    );
    println!();

    // 4 (before 3, so the queue's 100 000 rows do not weigh on it). Certificate verification.
    let times: Vec<Duration> = rt.block_on(async {
        match certificates::check(&state, &cert_token).await {
            Ok(Verdict::Valid(_)) => {}
            Ok(_) => die("check", "the issued certificate is not valid"),
            Err(e) => die("check", e),
        }
        for _ in 0..verify_iters / 5 {
            black_box(certificates::check(&state, &cert_token).await.is_ok());
        }
        let mut out = Vec::new();
        for _ in 0..rounds {
            let start = Instant::now();
            for _ in 0..verify_iters {
                black_box(certificates::check(&state, &cert_token).await.is_ok());
            }
            out.push(start.elapsed() / verify_iters as u32);
        }
        out
    });
    let keys = rt
        .block_on(certificates::key_set(&state))
        .unwrap_or_else(|e| die("key set", e));
    report_rounds(
        &format!(
            "certificates::check (key list of {} keys + revocation)",
            keys.keys.len()
        ),
        verify_iters,
        times,
    );
    let keys: HashMap<String, yiwang_crypto::certs::PublicKey> = keys
        .keys
        .iter()
        .filter_map(|e| e.public_key().ok().map(|k| (e.kid.clone(), k)))
        .collect();
    let lookup = |kid: &str| keys.get(kid).cloned();
    if yiwang_crypto::certs::verify(&cert_token, &lookup).is_err() {
        die("verify", "the issued certificate does not verify");
    }
    let mut times = Vec::new();
    for _ in 0..pure_iters / 5 {
        black_box(yiwang_crypto::certs::verify(black_box(&cert_token), &lookup).is_ok());
    }
    for _ in 0..rounds {
        let start = Instant::now();
        for _ in 0..pure_iters {
            black_box(yiwang_crypto::certs::verify(black_box(&cert_token), &lookup).is_ok());
        }
        times.push(start.elapsed() / pure_iters as u32);
    }
    report_rounds(
        &format!(
            "crypto::certs::verify alone ({} byte token)",
            cert_token.len()
        ),
        pure_iters,
        times,
    );
    println!();

    // 3. The queue. 60% of the cases go to 区人社局 (the department measured), the rest
    //    evenly to the other three; every third case is accepted with a due day spread over
    //    ±40 days around today.
    let dept = depts[UNEMPLOYMENT];
    let spread: Vec<(ItemId, DepartmentId)> = [BUSINESS, OTHERS[0], OTHERS[1]]
        .iter()
        .map(|n| (items[*n], depts[*n]))
        .collect();
    let applicants: Vec<AccountId> = (0..50).map(|_| new_citizen(&rt).id).collect();
    let fill = Instant::now();
    let today = Timestamp::now().beijing_date();
    rt.block_on(async {
        let answers = unemployment_answers(&one);
        let answers = answers.as_object().cloned().unwrap_or_default();
        let batch = 5000;
        let mut i = 0;
        while i < queue_cases {
            let mut tx = store.begin().await.unwrap_or_else(|e| die("begin", e));
            for k in i..(i + batch).min(queue_cases) {
                let (item_id, department_id) = if k % 5 < 3 {
                    (item, dept)
                } else {
                    spread[k % 3]
                };
                let (case, _) = store
                    .submit_case(
                        &mut tx,
                        &NewCase {
                            item_id,
                            form_version: 1,
                            account_id: applicants[k % applicants.len()],
                            department_id,
                            region_code: "511602",
                            answers: &answers,
                            idempotency_key: None,
                            request_hash: "bench",
                            limit_days: Some(20),
                            assisted_by: None,
                        },
                    )
                    .await
                    .unwrap_or_else(|e| die("submit_case", e));
                if k % 3 == 0 {
                    let due = today + time::Duration::days((k % 81) as i64 - 40);
                    sqlx::query(
                        "UPDATE cases SET state = 'under_review', accepted_on = $2, due_on = $3, waiting_on = $4, revision = revision + 1 WHERE id = $1",
                    )
                    .bind(case.id.to_string())
                    .bind((due - time::Duration::days(28)).to_string())
                    .bind(due.to_string())
                    // Half at a reviewer's step, half waiting for the department admin.
                    .bind(if k % 2 == 0 { "reviewer" } else { "dept_admin" })
                    .execute(&mut *tx)
                    .await
                    .unwrap_or_else(|e| die("accept", e));
                }
            }
            yiwang_store::commit(tx).await.unwrap_or_else(|e| die("commit", e));
            i += batch;
        }
        if backend == "postgres" {
            sqlx::query("ANALYZE cases")
                .execute(store.db.writer())
                .await
                .unwrap_or_else(|e| die("analyze", e));
        } else {
            sqlx::query("ANALYZE")
                .execute(store.db.writer())
                .await
                .unwrap_or_else(|e| die("analyze", e));
        }
    });
    let fill = fill.elapsed();
    let open_here = rt.block_on(count(
        &store,
        "SELECT COUNT(*) FROM cases WHERE department_id = $1 AND state IN ('submitted', 'returned', 'under_review', 'approved')",
        &dept.to_string(),
    ));
    let all = rt.block_on(count(
        &store,
        "SELECT COUNT(*) FROM cases WHERE receipt <> $1",
        "",
    ));
    println!(
        "queue: inserted {queue_cases} cases with store.submit_case in transactions of 5000 (+ an UPDATE accepting every third) in {} ({:.0} cases/s); {all} cases in all, {open_here} open in 区人社局",
        ms(fill),
        queue_cases as f64 / fill.as_secs_f64()
    );

    let everything = QueueFilter {
        departments: vec![dept],
        ..Default::default()
    };
    // A reviewer's own queue skips the cases waiting for the department admin.
    let reviewers = QueueFilter {
        departments: vec![dept],
        waiting_for: vec!["any".into(), "reviewer".into()],
        ..Default::default()
    };
    for (who, filter, page_no) in [
        ("", &everything, 1i64),
        ("", &everything, 1000),
        (", waiting for a reviewer", &reviewers, 1),
    ] {
        let page = Page::new(Some(page_no), Some(50), 50).unwrap_or_else(|e| die("page", e));
        let (rows, total) = rt
            .block_on(store.case_queue(filter, page))
            .unwrap_or_else(|e| die("case_queue", e));
        if total >= page_no * 50 && rows.len() != 50 {
            die("queue page not full", (page_no, rows.len(), total));
        }
        let times = rt.block_on(async {
            for _ in 0..(queue_iters / 5).max(1) {
                black_box(store.case_queue(filter, page).await.is_ok());
            }
            let mut out = Vec::new();
            for _ in 0..rounds {
                let start = Instant::now();
                for _ in 0..queue_iters {
                    black_box(store.case_queue(filter, page).await.is_ok());
                }
                out.push(start.elapsed() / queue_iters as u32);
            }
            out
        });
        report_rounds(
            &format!("store.case_queue(区人社局{who}) page {page_no} of 50 ({total} rows)"),
            queue_iters,
            times,
        );
    }

    // The same over HTTP, as a reviewer of 区人社局 with a full (TOTP-passed) session.
    let cookie = rt.block_on(async {
        let mut tx = store.begin().await.unwrap_or_else(|e| die("begin", e));
        let staff = store
            .create_staff(&mut tx, "bench.reviewer", "测试审核员", &hash, None)
            .await
            .unwrap_or_else(|e| die("create staff", e));
        let grant = Grant {
            role: Role::Reviewer,
            department: Some(dept),
            region: RegionCode::parse("511602").unwrap_or_else(|e| die("region", e)),
        };
        store
            .add_grant(&mut tx, Holder::Account(staff), &grant, None)
            .await
            .unwrap_or_else(|e| die("grant", e));
        let (token, _) = store
            .create_session(&mut tx, staff, AccountKind::Staff, Stage::Full)
            .await
            .unwrap_or_else(|e| die("session", e));
        yiwang_store::commit(tx)
            .await
            .unwrap_or_else(|e| die("commit", e));
        format!("yw_session={token}")
    });
    let mut routes = vec![("GET /api/v1/cases", "/api/v1/cases?per_page=50&page=")];
    let (status, body) = rt.block_on(send(
        &app,
        Method::GET,
        "/console/cases?page=1000",
        &[("cookie", &cookie)],
        None,
    ));
    if status == StatusCode::OK {
        routes.insert(0, ("GET /console/cases", "/console/cases?page="));
    } else {
        println!(
            "  GET /console/cases?page=1000 answered {status} ({} bytes): not measured",
            body.len()
        );
    }
    for (name, prefix) in routes {
        for page_no in [1, 1000] {
            let path = format!("{prefix}{page_no}");
            let (status, body) =
                rt.block_on(send(&app, Method::GET, &path, &[("cookie", &cookie)], None));
            if status != StatusCode::OK {
                die(
                    &format!("{path} answered {status}"),
                    String::from_utf8_lossy(&body),
                );
            }
            let size = body.len();
            let times = rt.block_on(async {
                for _ in 0..(queue_iters / 5).max(1) {
                    send(&app, Method::GET, &path, &[("cookie", &cookie)], None).await;
                }
                let mut out = Vec::new();
                for _ in 0..rounds {
                    let start = Instant::now();
                    for _ in 0..queue_iters {
                        let (status, _) =
                            send(&app, Method::GET, &path, &[("cookie", &cookie)], None).await;
                        if status != StatusCode::OK {
                            die(&path, status);
                        }
                    }
                    out.push(start.elapsed() / queue_iters as u32);
                }
                out
            });
            report_rounds(
                &format!("{name} page {page_no} ({size} bytes), HTTP in-process"),
                queue_iters,
                times,
            );
        }
    }

    // The plan of the queue query (page 1 and page 1000) on this database, written as
    // `store.case_queue` writes it.
    let page_sql = |offset: u32| {
        format!(
            "SELECT c.id, c.receipt, i.name, d.name FROM cases c JOIN items i ON i.id = c.item_id JOIN departments d ON d.id = c.department_id \
             WHERE c.department_id IN ('{dept}') AND c.queue_open = 1 \
             ORDER BY c.queue_due, c.submitted_at LIMIT 50 OFFSET {offset}"
        )
    };
    let plan_sql = page_sql(49_950);
    let first_sql = page_sql(0);
    let explain = if backend == "postgres" {
        format!("EXPLAIN (ANALYZE, BUFFERS) {plan_sql}")
    } else {
        format!("EXPLAIN QUERY PLAN {plan_sql}")
    };
    let first_explain = if backend == "postgres" {
        format!("EXPLAIN (ANALYZE, BUFFERS) {first_sql}")
    } else {
        format!("EXPLAIN QUERY PLAN {first_sql}")
    };
    let count_sql = format!(
        "SELECT COUNT(*) FROM cases c WHERE c.department_id IN ('{dept}') AND c.queue_open = 1"
    );
    let count_explain = if backend == "postgres" {
        format!("EXPLAIN (ANALYZE, BUFFERS) {count_sql}")
    } else {
        format!("EXPLAIN QUERY PLAN {count_sql}")
    };
    println!();
    for (what, sql) in [
        ("queue page 1", first_explain),
        ("queue page 1000", explain),
        ("queue count", count_explain),
    ] {
        println!("plan of the {what} query ({backend}):");
        let rows = rt
            .block_on(sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(store.db.reader()))
            .unwrap_or_else(|e| die("explain", e));
        for r in rows {
            use sqlx::Row;
            let line: String = if backend == "postgres" {
                r.try_get(0).unwrap_or_default()
            } else {
                r.try_get("detail").unwrap_or_default()
            };
            println!("  {line}");
        }
    }

    drop(app);
    drop(state);
    drop(store);
    drop(db);
    let _ = std::fs::remove_dir_all(&files_dir);
}
