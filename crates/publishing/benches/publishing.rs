//! What government information and live notifications cost, in-process on a real (temporary)
//! database, side by side with a bare axum route called the same way
//! (`tower::ServiceExt::oneshot` on a `Router`, no socket):
//!
//! 1. the baseline: `GET /hello` on a one-route `Router`;
//! 2. reads with `BENCH_DOCS` published articles stored (two written, submitted and approved
//!    through the console, the rest inserted with `store.create_doc` + `store.set_doc_state`
//!    in large transactions, then the search index brought up to date with `catalog.sync()`
//!    as the app's follower does): an article page, a column page (first and 500th), the
//!    `/news` front, the Atom feed of every article and of one column (and the same
//!    conditionally, `If-None-Match` → 304), and search limited to articles through the API
//!    and the search page;
//! 3. an emergency alert to `BENCH_RECIPIENTS` accounts living in the district (inserted with
//!    SQL in batches, plus a tenth as many living elsewhere, who must not be told): issued by a
//!    duty officer through `POST /console/alerts`, then the job worker (the fan-out job and
//!    the outbox's delivery jobs, the production worker settings) is run until idle; timed
//!    from the issuing request to the last delivery done, then checked with SQL: exactly one
//!    inbox row per resident, none elsewhere, every delivery row `delivered`, no job left;
//! 4. `BENCH_SSE` Server-Sent Events streams (`GET /events`) opened by a signed-in citizen and
//!    kept open, each read by its own task as a server's connection task would; the
//!    process's resident memory (VmRSS) before, after each fifth of them is open, after
//!    some idle ticks, and after closing; the CPU the idle streams take; and how long a
//!    newly issued city-wide alert takes to reach every open stream as a `banners` event.
//!
//! The bench runs with the binary's allocator (mimalloc), not the system's. Every answer's
//! status is checked. Run: `cargo bench -p yiwang-publishing --bench publishing`
//! (`TEST_DATABASE_URL=…` for PostgreSQL). Knobs: `BENCH_ROUNDS` (5), `BENCH_READS` (100),
//! `BENCH_CONCURRENCY` (16), `BENCH_DOCS` (100000), `BENCH_RECIPIENTS` (100000), `BENCH_SSE`
//! (10000), `BENCH_WORKER_BATCH` (the worker's default, 8).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use http::StatusCode;
use http_body_util::BodyExt;
use sqlx::Row;
use yiwang_domain::Timestamp;
use yiwang_domain::auth::Role;
use yiwang_domain::ids::AccountId;
use yiwang_domain::publishing::{Doc, DocKind, DocState};
use yiwang_jobs::{Senders, Worker, WorkerConfig};
use yiwang_store::publishing::NewDoc;
use yiwang_testkit::bench::{self, Stat, env};
use yiwang_testkit::{Client, TestApp, timed};

/// The allocator the `yiwang` binary runs with (`crates/yiwang/src/main.rs`), so that memory
/// and allocation-heavy pages cost here what they cost in a deployment.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The value of a hidden or text input on a page.
fn input_value(body: &str, name: &str) -> String {
    let at = body
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no input {name}"));
    let rest = &body[at + name.len() + 15..];
    rest.split('"').next().unwrap().to_owned()
}

/// Writes an article in the console, submits it and has the reviewer approve it (now), as
/// the editorial tests do. Returns its id.
async fn publish(editor: &mut Client, reviewer: &mut Client, column: &str, title: &str) -> String {
    let body = "本周六上午8时至下午6时，因管网检修，浓洄街道部分区域暂停供水，请居民提前储水。\n\n检修结束后将尽快恢复供水。";
    let fields = [
        ("column", column),
        ("title", title),
        ("summary", ""),
        ("body", body),
        ("source", "广安区人民政府办公室"),
        ("author", "李编辑"),
        ("tags", ""),
        ("revision", ""),
    ];
    let r = editor.post_form("/console/news", &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "create: {}", r.body);
    let id = r
        .location()
        .strip_prefix("/console/news/")
        .and_then(|rest| rest.split('?').next())
        .unwrap()
        .to_owned();
    for (c, action) in [(editor, "submit"), (reviewer, "approve")] {
        let page = c.get(&format!("/console/news/{id}")).await.ok();
        let revision = input_value(&page.body, "revision");
        let r = c
            .post_form(
                &format!("/console/news/{id}/step"),
                &[
                    ("action", action),
                    ("note", ""),
                    ("publish_at", ""),
                    ("revision", &revision),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.body);
    }
    id
}

const PLACES: [&str; 10] = [
    "浓洄街道",
    "北辰街道",
    "前锋街道",
    "协兴镇",
    "花桥镇",
    "龙台镇",
    "枣山街道",
    "官盛镇",
    "悦来镇",
    "大龙镇",
];
const TOPICS: [&str; 15] = [
    "停水检修",
    "道路施工",
    "疫苗接种",
    "防汛演练",
    "招聘公告",
    "医保缴费",
    "垃圾分类",
    "燃气管道改造",
    "文化活动",
    "交通管制",
    "农业补贴发放",
    "养老服务",
    "义务教育招生",
    "就业技能培训",
    "森林防火",
];
const TYPES: [&str; 5] = ["的通知", "的公告", "情况通报", "工作动态", "有关事项的说明"];
/// Where the stored articles go (`local` also shows `photos`, its child).
const COLUMNS: [&str; 5] = ["news", "notices", "local", "photos", "interpretations"];

/// Stores `n` published articles through the store, in transactions of 5,000, as the
/// console's create and approve steps write them (the draft with its first revision and
/// history, then the state change that records the search feed entry).
async fn fill_docs(t: &TestApp, by: AccountId, n: usize) {
    let s = &t.store;
    let mut made = 0;
    while made < n {
        let mut tx = s.begin().await.unwrap();
        for _ in 0..5000.min(n - made) {
            let place = PLACES[made % PLACES.len()];
            let topic = TOPICS[(made / PLACES.len()) % TOPICS.len()];
            let kind = TYPES[made % TYPES.len()];
            let title = format!("{place}关于{topic}{kind}（第{}期）", made + 1);
            let body = format!(
                "为做好{topic}工作，{place}将于近期统一安排。\n\n请辖区居民和单位提前做好准备，如有疑问请拨打0826-2222222咨询。\n\n特此通知。第{}号。",
                made + 1
            );
            let doc = Doc {
                title,
                summary: format!("{place}{topic}安排"),
                body,
                source: "广安区人民政府办公室".into(),
                author: "李编辑".into(),
                tags: vec![topic.to_owned()],
                policy: None,
                interprets: Vec::new(),
                items: Vec::new(),
            };
            let html = yiwang_publishing::services::markdown::render(&doc.body);
            let id = s
                .create_doc(
                    &mut tx,
                    &NewDoc {
                        kind: DocKind::Article,
                        column: COLUMNS[made % COLUMNS.len()],
                        region_code: "511602",
                        department_id: None,
                        doc: &doc,
                        body_html: &html,
                        by,
                    },
                )
                .await
                .unwrap();
            assert!(
                s.set_doc_state(&mut tx, id, 1, DocState::Published, None, "")
                    .await
                    .unwrap()
            );
            s.add_doc_event(&mut tx, id, "publish", "", Some(by))
                .await
                .unwrap();
            made += 1;
        }
        yiwang_store::commit(tx).await.unwrap();
    }
}

async fn reads(c: &mut Client, rounds: usize, n: usize, path: &str, want: StatusCode) -> Stat {
    reads_with(c, rounds, n, path, &[], want).await
}

async fn reads_with(
    c: &mut Client,
    rounds: usize,
    n: usize,
    path: &str,
    headers: &[(&str, &str)],
    want: StatusCode,
) -> Stat {
    timed!(rounds, n, {
        let r = c
            .request(http::Method::GET, path, None, Vec::new(), headers)
            .await;
        assert_eq!(
            r.status,
            want,
            "{path}: {}",
            &r.body[..r.body.len().min(300)]
        );
    })
}

/// `n` reads of `path` from each of `tasks` clients at once, per round.
async fn concurrent(t: &TestApp, rounds: usize, per_task: usize, tasks: usize, path: &str) -> Stat {
    let mut s = Stat::default();
    for round in 0..=rounds {
        let start = Instant::now();
        let mut handles = Vec::new();
        for task in 0..tasks {
            let mut c = t.client();
            c.ip = format!("198.51.{}.{}", 100 + task / 200, 1 + task % 200)
                .parse()
                .unwrap();
            let path = path.to_owned();
            handles.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                for _ in 0..per_task {
                    let at = Instant::now();
                    let r = c.get(&path).await;
                    assert_eq!(r.status, StatusCode::OK, "{path}");
                    lat.push(at.elapsed());
                }
                lat
            }));
        }
        let mut all = Vec::new();
        for h in handles {
            all.extend(h.await.unwrap());
        }
        if round > 0 {
            s.rates
                .push(all.len() as f64 / start.elapsed().as_secs_f64());
            s.lat.extend(all);
        }
    }
    s
}

async fn count(t: &TestApp, sql: &str, binds: &[&str]) -> i64 {
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
    for b in binds {
        q = q.bind((*b).to_owned());
    }
    q.fetch_one(t.store.db.writer())
        .await
        .unwrap()
        .try_get::<i64, _>("n")
        .unwrap()
}

/// Inserts `n` citizen accounts living in the given streets (round robin), 1,000 rows per
/// statement and 10,000 per transaction. They have no phone and no email: an alert that is
/// not red reaches them in the inbox (the channel every account has).
async fn fill_accounts(t: &TestApp, n: usize, streets: &[&str], marker: &str) {
    const ROWS: usize = 1000;
    let now = Timestamp::now().millis();
    let mut made = 0;
    while made < n {
        let mut tx = t.store.begin().await.unwrap();
        let mut in_tx = 0;
        while in_tx < 10_000 && made < n {
            let k = ROWS.min(n - made);
            let values: Vec<String> = (0..k)
                .map(|i| {
                    format!(
                        "(${}, 'citizen', ${}, {now}, ${}, {now}, {now})",
                        3 * i + 1,
                        3 * i + 2,
                        3 * i + 3
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO accounts (id, kind, password_hash, password_changed_at, home_region, created_at, updated_at) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for i in 0..k {
                q = q
                    .bind(AccountId::generate().to_string())
                    .bind(marker.to_owned())
                    .bind(streets[(made + i) % streets.len()].to_owned());
            }
            q.execute(&mut *tx).await.unwrap();
            made += k;
            in_tx += k;
        }
        yiwang_store::commit(tx).await.unwrap();
    }
}

fn alert_fields<'a>(region: &'a str, title: &'a str, until: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("region", region),
        ("severity", "orange"),
        ("kind", "alert"),
        ("title", title),
        (
            "text",
            "预计今晚有大到暴雨，局地有大暴雨，山洪地质灾害风险高。",
        ),
        ("instructions", "远离河道和山坡，不要涉水，注意收听广播。"),
        ("until", until),
        ("confirmed", "1"),
    ]
}

/// `YYYY-MM-DDTHH:MM` in Beijing time, `h` hours from now.
fn beijing_in(h: i64) -> String {
    let d = time::OffsetDateTime::from_unix_timestamp(Timestamp::now().secs() + h * 3600)
        .unwrap()
        .to_offset(time::macros::offset!(+8));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.year(),
        u8::from(d.month()),
        d.day(),
        d.hour(),
        d.minute()
    )
}

/// Issues an (orange) alert through the console as `officer`; returns its id.
async fn issue_alert(officer: &mut Client, region: &str, title: &str) -> String {
    let until = beijing_in(3);
    let r = officer
        .post_form("/console/alerts", &alert_fields(region, title, &until))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location()
        .strip_prefix("/console/alerts/")
        .and_then(|x| x.split('?').next())
        .unwrap()
        .to_owned()
}

/// This process's resident memory, in KiB (`VmRSS` of /proc/self/status).
fn rss_kib() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// This process's CPU time so far (user + system), from /proc/self/stat (clock ticks, 100
/// a second on Linux).
fn cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit_once(") ").map(|x| x.1).unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 of the line (utime, stime) are 12 and 13 after the command name.
    (ticks(11) + ticks(12)) / 100.0
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

async fn fan_out(t: &TestApp, recipients: usize, batch: i64) {
    let elsewhere = recipients / 10;
    let start = Instant::now();
    fill_accounts(t, recipients, &["511602001", "511602002"], "bench-resident").await;
    fill_accounts(t, elsewhere, &["511603001"], "bench-elsewhere").await;
    sqlx::query("ANALYZE accounts")
        .execute(t.store.db.writer())
        .await
        .unwrap();
    println!(
        "\n{recipients} accounts living in 广安区 (and {elsewhere} in 前锋区) inserted in {:.1} s.\n",
        start.elapsed().as_secs_f64()
    );
    // The worker of a deployment (`yiwang serve`) for the two kinds involved, with its
    // default settings: batches of 8 jobs claimed and run at once.
    let store = t.store.clone();
    let config = WorkerConfig {
        batch,
        ..WorkerConfig::default()
    };
    let worker = Arc::new(
        Worker::new(store.clone(), config)
            .handle(
                yiwang_publishing::services::alerts::FANOUT,
                yiwang_publishing::jobs::Fanout {
                    root: yiwang_domain::region::RegionCode::parse("5116").unwrap(),
                },
            )
            .handle(
                yiwang_jobs::deliver::KIND,
                yiwang_jobs::deliver::Deliver {
                    senders: Senders::dev(store.clone()),
                    site_name: "广安政务服务".into(),
                    public_url: None,
                },
            ),
    );
    let (mut officer, _) = t
        .staff("bench.officer", Role::DutyOfficer, None, "511602")
        .await;
    t.drain().await;
    let jobs_before = count(t, "SELECT COUNT(*) AS n FROM jobs", &[]).await;
    let not_done = "SELECT COUNT(*) AS n FROM jobs WHERE status <> 'done' AND kind IN ('deliver', 'alert_fanout')";
    // (The live-updates part's alert was lifted, and its fan-out job given up by the test
    // rig's worker, which has no handler for it.)
    let left_before = count(t, not_done, &[]).await;

    let title = "暴雨橙色预警";
    let t0 = Instant::now();
    let id = issue_alert(&mut officer, "511602", title).await;
    let issued = t0.elapsed();
    let mut runs = 0usize;
    let mut ran = 0usize;
    let mut fanned = None;
    let mut last = issued;
    loop {
        let n = worker.run_once().await.unwrap();
        if n == 0 {
            break;
        }
        runs += 1;
        ran += n;
        last = t0.elapsed();
        if fanned.is_none() {
            fanned = Some(last);
        }
    }
    let fanned = fanned.unwrap_or(last);

    let told = count(
        t,
        "SELECT COUNT(*) AS n FROM alert_deliveries WHERE alert_id = $1",
        &[&id],
    )
    .await;
    let inbox_sql = "SELECT COUNT(*) AS n FROM inbox i JOIN notifications n ON n.id = i.notification_id JOIN accounts a ON a.id = i.account_id WHERE n.kind = 'alert' AND a.password_hash = $1";
    let rows = count(t, inbox_sql, &["bench-resident"]).await;
    let distinct = count(
        t,
        "SELECT COUNT(DISTINCT i.account_id) AS n FROM inbox i JOIN notifications n ON n.id = i.notification_id JOIN accounts a ON a.id = i.account_id WHERE n.kind = 'alert' AND a.password_hash = $1",
        &["bench-resident"],
    )
    .await;
    let twice = count(
        t,
        "SELECT COUNT(*) AS n FROM (SELECT i.account_id FROM inbox i JOIN notifications n ON n.id = i.notification_id WHERE n.kind = 'alert' GROUP BY i.account_id HAVING COUNT(*) > 1) x",
        &[],
    )
    .await;
    let missing = count(
        t,
        "SELECT COUNT(*) AS n FROM accounts a WHERE a.password_hash = $1 AND NOT EXISTS (SELECT 1 FROM inbox i JOIN notifications n ON n.id = i.notification_id WHERE i.account_id = a.id AND n.kind = 'alert')",
        &["bench-resident"],
    )
    .await;
    let wrong = count(t, inbox_sql, &["bench-elsewhere"]).await;
    let notifications = count(
        t,
        "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'alert'",
        &[],
    )
    .await;
    let undelivered = count(
        t,
        "SELECT COUNT(*) AS n FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.kind = 'alert' AND d.status <> 'delivered'",
        &[],
    )
    .await;
    let deliveries = count(
        t,
        "SELECT COUNT(*) AS n FROM deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.kind = 'alert'",
        &[],
    )
    .await;
    let left = count(t, not_done, &[]).await - left_before;
    let jobs = count(t, "SELECT COUNT(*) AS n FROM jobs", &[]).await - jobs_before;

    let total = last.as_secs_f64();
    println!("| alert to {recipients} residents (orange: inbox) | |");
    println!("|---|---|");
    println!(
        "| issue (`POST /console/alerts`, the alert and its fan-out job) | {:.1} ms |",
        issued.as_secs_f64() * 1e3
    );
    println!(
        "| issue → fan-out done (every resident recorded, notified, a delivery job each) | {:.1} s ({:.0} accounts/s) |",
        fanned.as_secs_f64(),
        told as f64 / fanned.as_secs_f64()
    );
    println!(
        "| fan-out done → last delivery done ({} deliveries) | {:.1} s ({:.0} deliveries/s) |",
        deliveries,
        total - fanned.as_secs_f64(),
        deliveries as f64 / (total - fanned.as_secs_f64())
    );
    println!(
        "| **issue → last delivery done** | **{total:.1} s** ({:.0} recipients/s) |",
        told as f64 / total
    );
    println!("| worker: batches run / jobs run / jobs created | {runs} / {ran} / {jobs} |");
    println!(
        "| told (`alert_deliveries`) | {told} ({recipients} residents + {} staff whose grants cover the district) |",
        told - recipients as i64
    );
    println!("| alert notifications / delivery rows | {notifications} / {deliveries} |");
    println!(
        "| residents' inbox rows / distinct residents / residents without one | {rows} / {distinct} / {missing} |"
    );
    println!("| accounts with two or more alert inbox rows | {twice} |");
    println!("| inbox rows of the {elsewhere} living elsewhere | {wrong} |");
    println!("| delivery rows not `delivered` / jobs not `done` | {undelivered} / {left} |");
    assert_eq!(rows, recipients as i64, "one inbox row per resident");
    assert_eq!(distinct, recipients as i64, "every resident told");
    assert_eq!(missing, 0, "nobody missing");
    assert_eq!(twice, 0, "nobody told twice");
    assert_eq!(wrong, 0, "nobody elsewhere told");
    assert_eq!(undelivered, 0, "every delivery done");
    assert_eq!(left, 0, "no job left");
    assert_eq!(told, notifications, "one notification per account told");
}

/// Returns the table (printed at the end, with the other results).
async fn sse(t: &TestApp, n: usize) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut citizen = t.citizen("15100009999").await;
    citizen.get("/account").await.ok();
    let (mut officer, _) = t
        .staff("bench.officer.city", Role::DutyOfficer, None, "5116")
        .await;
    t.drain().await;
    // Warm the path up (and start the instance's inbox poller) with one stream.
    let (status, _, body) = citizen.open_stream("/events").await;
    assert_eq!(status, StatusCode::OK);
    drop(body);
    tokio::time::sleep(Duration::from_millis(500)).await;

    let title = "城区大风蓝色提示";
    let frames = Arc::new(AtomicUsize::new(0));
    let (got_tx, mut got_rx) = tokio::sync::mpsc::unbounded_channel::<Instant>();
    // The streams are opened in five steps, and the resident size read before the first and
    // after each, after a second's rest. The allocator keeps some freed memory and hands it
    // out again (or gives it back to the system later), so the first step says little; the
    // steps after it show what each further stream costs.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = rss_kib();
    let mut opened = Duration::ZERO;
    let mut steps: Vec<(usize, u64)> = vec![(0, before)];
    let mut tasks = Vec::with_capacity(n);
    for step in 1..=5 {
        let start = Instant::now();
        while tasks.len() < n * step / 5 {
            let (status, headers, mut body) = citizen.open_stream("/events").await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(headers["content-type"], "text/event-stream");
            let frames = Arc::clone(&frames);
            let got = got_tx.clone();
            // What a server's connection task does with the response: reads it frame by frame.
            tasks.push(tokio::spawn(async move {
                let mut told = false;
                while let Some(Ok(f)) = body.frame().await {
                    frames.fetch_add(1, Ordering::Relaxed);
                    if !told
                        && let Some(d) = f.data_ref()
                        && String::from_utf8_lossy(d).contains(title)
                    {
                        told = true;
                        let _ = got.send(Instant::now());
                    }
                }
            }));
        }
        opened += start.elapsed();
        tokio::time::sleep(Duration::from_secs(1)).await;
        steps.push((tasks.len(), rss_kib()));
    }
    let after_open = rss_kib();
    // Idle for three ticks of the streams (2 s each): what keeping them open costs.
    let cpu0 = cpu_secs();
    let idle = Instant::now();
    tokio::time::sleep(Duration::from_secs(6)).await;
    let idle_cpu = (cpu_secs() - cpu0) / idle.elapsed().as_secs_f64();
    let after_idle = rss_kib();
    let frames_idle = frames.load(Ordering::Relaxed);

    // A city-wide alert: every open page hears of it.
    let t0 = Instant::now();
    let alert = issue_alert(&mut officer, "5116", title).await;
    let mut last = t0;
    let mut first = None;
    let deadline = t0 + Duration::from_secs(60);
    let mut reached = 0;
    while reached < n {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, got_rx.recv()).await {
            Ok(Some(at)) => {
                reached += 1;
                first.get_or_insert(at);
                last = last.max(at);
            }
            _ => break,
        }
    }
    let after_alert = rss_kib();
    for task in &tasks {
        task.abort();
    }
    for task in tasks {
        let _ = task.await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let closed = rss_kib();

    let (n1, rss1) = steps[1];
    let marginal = (after_open.saturating_sub(rss1)) as f64 / (n - n1).max(1) as f64;
    writeln!(out, "\n| {n} open `/events` streams | |").unwrap();
    writeln!(out, "|---|---|").unwrap();
    writeln!(
        out,
        "| opened (each a full request: session, unread count, banners) | {n} in {:.1} s ({:.0}/s) |",
        opened.as_secs_f64(),
        n as f64 / opened.as_secs_f64()
    ).unwrap();
    writeln!(out, "| RSS before | {} |", mib(before)).unwrap();
    let line = steps
        .iter()
        .map(|(k, r)| format!("{k}: {}", mib(*r)))
        .collect::<Vec<_>>()
        .join(" · ");
    writeln!(out, "| RSS by streams open | {line} |").unwrap();
    writeln!(
        out,
        "| RSS after 6 s idle (three ticks) | {} |",
        mib(after_idle)
    )
    .unwrap();
    writeln!(
        out,
        "| **per open stream** (RSS from {n1} to {n} open) | **{marginal:.1} KiB** |"
    )
    .unwrap();
    writeln!(
        out,
        "| CPU while idle (all {n} streams) | {:.0} % of one core |",
        idle_cpu * 100.0
    )
    .unwrap();
    writeln!(out, "| frames received while idle | {frames_idle} |").unwrap();
    writeln!(
        out,
        "| city-wide alert issued → `banners` event on the first / on every stream | {:.2} s / {:.2} s ({reached} of {n} reached) |",
        first.map_or(f64::NAN, |f| f.duration_since(t0).as_secs_f64()),
        last.duration_since(t0).as_secs_f64()
    ).unwrap();
    writeln!(out, "| RSS after the alert | {} |", mib(after_alert)).unwrap();
    writeln!(out, "| RSS 3 s after closing them all | {} |", mib(closed)).unwrap();
    assert_eq!(reached, n, "every open stream heard of the alert");
    // Lifted again, so the pages read next are drawn without a banner.
    let page = officer.get(&format!("/console/alerts/{alert}")).await.ok();
    let revision = input_value(&page.body, "revision");
    let r = officer
        .post_form(
            &format!("/console/alerts/{alert}/lift"),
            &[("revision", &revision)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    out
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rounds = env("BENCH_ROUNDS", 5);
    let n_reads = env("BENCH_READS", 100);
    let tasks = env("BENCH_CONCURRENCY", 16);
    let docs = env("BENCH_DOCS", 100_000);
    let recipients = env("BENCH_RECIPIENTS", 100_000);
    let streams = env("BENCH_SSE", 10_000);
    let batch = env("BENCH_WORKER_BATCH", WorkerConfig::default().batch as usize) as i64;
    let db = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let t = TestApp::new().await;

    let h = bench::hello_baseline(rounds).await;
    let hello_rate = h.median_rate();

    // First, while the process has freed little memory the allocator could hand out again
    // (the memory figures are differences of the resident size).
    let live = sse(&t, streams).await;

    // Two articles through the editorial workflow, then the rest through the store.
    let (mut editor, editor_id) = t.staff("bench.editor", Role::Editor, None, "511602").await;
    let (mut reviewer, _) = t
        .staff("bench.reviewer", Role::PlatformAdmin, None, "5116")
        .await;
    let article = publish(
        &mut editor,
        &mut reviewer,
        "notices",
        "浓洄街道停水检修的通知",
    )
    .await;
    publish(&mut editor, &mut reviewer, "news", "广安区召开防汛工作会议").await;
    let start = Instant::now();
    fill_docs(&t, editor_id, docs).await;
    let filled = start.elapsed();
    for table in ["docs", "doc_events", "doc_revisions", "search_changes"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("ANALYZE {table}")))
            .execute(t.store.db.writer())
            .await
            .unwrap();
    }
    let start = Instant::now();
    t.catalog.sync().await.unwrap();
    let synced = start.elapsed();
    let published = count(
        &t,
        "SELECT COUNT(*) AS n FROM docs WHERE state = 'published'",
        &[],
    )
    .await;
    assert_eq!(published as usize, docs + 2);

    println!("\n### {db}\n");
    println!(
        "{docs} articles inserted in {:.1} s ({:.0}/s); the search index brought up to date (`catalog.sync()`, {} changes) in {:.1} s.\n",
        filled.as_secs_f64(),
        docs as f64 / filled.as_secs_f64(),
        docs + 2,
        synced.as_secs_f64()
    );
    bench::table_header();
    h.line("`GET /hello` (bare axum, in-process)", None);
    let mut c = t.client();
    let feed = c.get("/news/feed.atom").await.ok();
    let etag = feed.headers["etag"].to_str().unwrap().to_owned();
    let col_feed = c.get("/news/c/notices/feed.atom").await.ok();
    let col_etag = col_feed.headers["etag"].to_str().unwrap().to_owned();
    let q1 = format!(
        "/api/v1/search?q={}&kind=article",
        yiwang_testkit::urlencode("停水")
    );
    let q2 = format!(
        "/api/v1/search?q={}&kind=article",
        yiwang_testkit::urlencode("北辰街道 燃气管道改造")
    );
    // The one published through the console is found by its own words; the two timed
    // queries match thousands (the index ranks its best 100 candidates and reports how many
    // of those it kept as `total`).
    let own = c
        .get(&format!(
            "/api/v1/search?q={}&kind=article",
            yiwang_testkit::urlencode("浓洄街道停水检修的通知")
        ))
        .await
        .ok()
        .json();
    assert!(
        own["results"]
            .as_array()
            .is_some_and(|r| r.iter().any(|h| h["url"] == format!("/news/{article}"))),
        "the article published through the console is found: {own}"
    );
    let mut totals = Vec::new();
    for (q, like) in [(&q1, "%停水%"), (&q2, "%北辰街道%燃气管道改造%")] {
        let found = c.get(q).await.ok().json();
        let n = found["results"].as_array().map_or(0, Vec::len);
        assert!(n > 0, "{q}: {found}");
        let titles = count(
            &t,
            "SELECT COUNT(*) AS n FROM docs WHERE state = 'published' AND title LIKE $1",
            &[like],
        )
        .await;
        totals.push(format!(
            "{titles} titles with all its words; `total` {}",
            found["total"].as_u64().unwrap_or(0)
        ));
    }
    let q3 = format!(
        "/search?q={}&kind=article",
        yiwang_testkit::urlencode("停水")
    );
    // Half-way down the column (page 500 with 100,000 articles stored).
    let in_column = count(
        &t,
        "SELECT COUNT(*) AS n FROM docs WHERE column_code = 'notices' AND state = 'published'",
        &[],
    )
    .await;
    let deep = ((in_column + 19) / 20 / 2).max(1);
    let pages: Vec<(String, String)> = vec![
        (
            "article page `GET /news/{id}`".into(),
            format!("/news/{article}"),
        ),
        (
            "column page `GET /news/c/notices`".into(),
            "/news/c/notices".into(),
        ),
        (
            format!("column page {deep} `GET /news/c/notices?page={deep}`"),
            format!("/news/c/notices?page={deep}"),
        ),
        ("news front `GET /news`".into(), "/news".into()),
        (
            "Atom feed `GET /news/feed.atom`".into(),
            "/news/feed.atom".into(),
        ),
        (
            "column's Atom feed `GET /news/c/notices/feed.atom`".into(),
            "/news/c/notices/feed.atom".into(),
        ),
        (
            format!("search API `q=停水&kind=article` ({})", totals[0]),
            q1,
        ),
        (
            format!(
                "search API `q=北辰街道 燃气管道改造&kind=article` ({})",
                totals[1]
            ),
            q2,
        ),
        ("search page `GET /search?q=停水&kind=article`".into(), q3),
    ];
    for (name, path) in pages {
        reads(&mut c, rounds, n_reads, &path, StatusCode::OK)
            .await
            .line(&name, Some(hello_rate));
    }
    reads_with(
        &mut c,
        rounds,
        n_reads,
        "/news/feed.atom",
        &[("if-none-match", &etag)],
        StatusCode::NOT_MODIFIED,
    )
    .await
    .line("Atom feed, `If-None-Match` → 304", Some(hello_rate));
    reads_with(
        &mut c,
        rounds,
        n_reads,
        "/news/c/notices/feed.atom",
        &[("if-none-match", &col_etag)],
        StatusCode::NOT_MODIFIED,
    )
    .await
    .line(
        "column's Atom feed, `If-None-Match` → 304",
        Some(hello_rate),
    );
    let per = (n_reads / tasks).max(1);
    concurrent(&t, rounds, per, tasks, &format!("/news/{article}"))
        .await
        .line(&format!("article page, {tasks} at once"), Some(hello_rate));
    concurrent(&t, rounds, per, tasks, "/news/c/notices")
        .await
        .line(&format!("column page, {tasks} at once"), Some(hello_rate));

    fan_out(&t, recipients, batch).await;
    print!("{live}");
}
