//! Durable background work and the notification outbox: a message exists if and only if the
//! change that caused it committed; each channel is delivered once however often a job runs;
//! failures retry with backoff into a dead letter; many workers never run a job twice.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures_util::future::BoxFuture;
use yiwang_domain::Timestamp;
use yiwang_domain::job::JobStatus;
use yiwang_domain::notification::Notice;
use yiwang_domain::paging::Page;
use yiwang_jobs::{Handler, JobError, Senders, SmsSender, Worker, WorkerConfig};
use yiwang_store::Store;
use yiwang_store::jobs::NewJob;
use yiwang_store::notify::Recipient;

use crate::support::TestApp;

fn page() -> Page {
    Page::new(Some(1), Some(100), 100).unwrap()
}

async fn count(store: &Store, sql: &'static str) -> i64 {
    use sqlx::Row;
    sqlx::query(sql)
        .fetch_one(store.db.reader())
        .await
        .unwrap()
        .try_get::<i64, _>("n")
        .unwrap()
}

#[tokio::test]
async fn a_notification_exists_only_if_its_change_committed() {
    let t = TestApp::new().await;
    t.citizen("18800188000").await;
    let id = t.citizen_id("18800188000").await;
    t.drain().await;
    let before = count(&t.store, "SELECT COUNT(*) AS n FROM notifications").await;
    let mut tx = t.store.begin().await.unwrap();
    t.store
        .notify(&mut tx, &Recipient::Account(id), &Notice::RealNameVerified)
        .await
        .unwrap();
    drop(tx); // rolled back
    assert_eq!(
        count(&t.store, "SELECT COUNT(*) AS n FROM notifications").await,
        before
    );
    assert_eq!(
        count(
            &t.store,
            "SELECT COUNT(*) AS n FROM jobs WHERE status = 'queued'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn running_a_delivery_twice_delivers_once() {
    let t = TestApp::new().await;
    t.citizen("18800188001").await;
    let id = t.citizen_id("18800188001").await;
    t.drain().await;
    let mut tx = t.store.begin().await.unwrap();
    let n = t
        .store
        .notify(&mut tx, &Recipient::Account(id), &Notice::PasswordChanged)
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    // The same delivery handler run twice for each channel, as after a crash between the
    // work and recording it.
    let deliver = yiwang_jobs::deliver::Deliver {
        senders: Senders::dev(t.store.clone()),
        site_name: "测试".into(),
        public_url: None,
    };
    for channel in ["inbox", "sms"] {
        let payload =
            serde_json::json!({ "notification": n.to_string(), "channel": channel }).to_string();
        deliver.run(&t.store, &payload).await.unwrap();
        deliver.run(&t.store, &payload).await.unwrap();
    }
    let (inbox, _) = t.store.inbox(id, page()).await.unwrap();
    assert_eq!(inbox.iter().filter(|i| i.id == n).count(), 1);
    let sms = t
        .store
        .dev_messages(Some("18800188001"), page())
        .await
        .unwrap();
    assert_eq!(
        sms.iter()
            .filter(|m| m.body.contains("密码刚刚被修改"))
            .count(),
        1
    );
}

#[tokio::test]
async fn sms_codes_are_erased_from_the_outbox_once_sent() {
    let t = TestApp::new().await;
    let mut c = t.client();
    c.post_form("/account/register", &[("phone", "18800188002")])
        .await
        .ok();
    t.drain().await;
    use sqlx::Row;
    let notice: String = sqlx::query("SELECT notice FROM notifications WHERE kind = 'sms_code'")
        .fetch_one(t.store.db.reader())
        .await
        .unwrap()
        .try_get("notice")
        .unwrap();
    let code = t.last_code("18800188002").await;
    assert!(!notice.contains(&code), "{notice}");
}

struct Flaky {
    fails: AtomicUsize,
    sent: AtomicUsize,
}

impl SmsSender for Flaky {
    fn send<'a>(
        &'a self,
        _key: &'a str,
        _to: &'a str,
        _text: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            if self.fails.load(Ordering::SeqCst) > 0 {
                self.fails.fetch_sub(1, Ordering::SeqCst);
                return Err(JobError::Retry("gateway down".into()));
            }
            self.sent.fetch_add(1, Ordering::SeqCst);
            Ok(())
        })
    }
}

#[tokio::test]
async fn a_failing_sender_is_retried_with_backoff_then_dead_lettered_and_can_be_retried() {
    let t = TestApp::new().await;
    let flaky = Arc::new(Flaky {
        fails: AtomicUsize::new(100),
        sent: AtomicUsize::new(0),
    });
    let mut senders = Senders::dev(t.store.clone());
    senders.sms = flaky.clone();
    let worker = Arc::new(
        Worker::new(t.store.clone(), WorkerConfig::default()).handle(
            yiwang_jobs::deliver::KIND,
            yiwang_jobs::deliver::Deliver {
                senders,
                site_name: "测试".into(),
                public_url: None,
            },
        ),
    );
    let mut c = t.client();
    c.post_form("/account/register", &[("phone", "18800188003")])
        .await
        .ok();
    worker.run_once().await.unwrap();
    let (queued, _) = t.store.list_jobs(JobStatus::Queued, page()).await.unwrap();
    assert_eq!(queued.len(), 1, "queued again");
    assert!(
        queued[0].run_at > Timestamp::now().plus(Duration::from_secs(3)),
        "with a delay"
    );
    assert_eq!(queued[0].last_error.as_deref(), Some("gateway down"));
    // Make every retry due at once, until the attempts run out.
    for _ in 0..10 {
        sqlx::query("UPDATE jobs SET run_at = 0 WHERE status = 'queued'")
            .execute(t.store.db.writer())
            .await
            .unwrap();
        worker.run_once().await.unwrap();
    }
    let (dead, _) = t.store.list_jobs(JobStatus::Dead, page()).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].attempts, yiwang_domain::job::DEFAULT_MAX_ATTEMPTS);
    flaky.fails.store(0, Ordering::SeqCst);
    let mut tx = t.store.begin().await.unwrap();
    t.store.retry_job(&mut tx, dead[0].id).await.unwrap();
    yiwang_store::commit(tx).await.unwrap();
    worker.run_once().await.unwrap();
    assert_eq!(flaky.sent.load(Ordering::SeqCst), 1);
}

struct Counting(Arc<AtomicUsize>);

impl Handler for Counting {
    fn run<'a>(
        &'a self,
        _store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(2)).await;
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(())
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_workers_on_one_queue_run_each_job_exactly_once() {
    let t = TestApp::new().await;
    let mut tx = t.store.begin().await.unwrap();
    for i in 0..200 {
        t.store
            .enqueue(&mut tx, NewJob::now("count", serde_json::json!({ "i": i })))
            .await
            .unwrap();
    }
    yiwang_store::commit(tx).await.unwrap();
    let runs = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let w = Arc::new(
            Worker::new(t.store.clone(), WorkerConfig::default())
                .handle("count", Counting(runs.clone())),
        );
        tasks.push(tokio::spawn(async move {
            while w.run_once().await.unwrap() > 0 {}
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(runs.load(Ordering::SeqCst), 200);
    assert_eq!(
        count(
            &t.store,
            "SELECT COUNT(*) AS n FROM jobs WHERE status = 'done'"
        )
        .await,
        200
    );
}

#[tokio::test]
async fn a_job_held_by_a_dead_worker_runs_again_after_its_lease_and_a_stopping_worker_hands_back_its_jobs()
 {
    let t = TestApp::new().await;
    let mut tx = t.store.begin().await.unwrap();
    t.store
        .enqueue(&mut tx, NewJob::now("count", serde_json::json!({})))
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    // A worker claims it and dies without finishing.
    let claimed = t
        .store
        .claim_jobs(
            "dead-worker",
            10,
            Duration::from_millis(1),
            Timestamp::now(),
        )
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    tokio::time::sleep(Duration::from_millis(5)).await;
    let runs = Arc::new(AtomicUsize::new(0));
    let w = Arc::new(
        Worker::new(t.store.clone(), WorkerConfig::default())
            .handle("count", Counting(runs.clone())),
    );
    assert_eq!(w.run_once().await.unwrap(), 1, "taken over after the lease");
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    // Graceful shutdown: held jobs go back without using an attempt.
    let mut tx = t.store.begin().await.unwrap();
    t.store
        .enqueue(&mut tx, NewJob::now("count", serde_json::json!({ "n": 2 })))
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let held = t
        .store
        .claim_jobs("stopping", 10, Duration::from_secs(60), Timestamp::now())
        .await
        .unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(t.store.release_jobs("stopping").await.unwrap(), 1);
    let (queued, _) = t.store.list_jobs(JobStatus::Queued, page()).await.unwrap();
    assert_eq!(queued[0].attempts, 0);
}

#[tokio::test]
async fn a_schedule_has_one_job_per_slot_however_many_instances_start() {
    let t = TestApp::new().await;
    for _ in 0..3 {
        let w = Worker::new(t.store.clone(), WorkerConfig::default())
            .handle(yiwang_jobs::cleanup::KIND, yiwang_jobs::cleanup::Cleanup)
            .schedule(yiwang_jobs::cleanup::KIND, Duration::from_secs(3600));
        w.ensure_schedules().await.unwrap();
    }
    assert_eq!(
        count(
            &t.store,
            "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'cleanup'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_worker_loop_stops_when_told_and_delivers_while_running() {
    let t = TestApp::new().await;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let wake = Arc::new(tokio::sync::Notify::new());
    let task = tokio::spawn(t.worker.clone().run(stop_rx, wake.clone()));
    let mut c = t.client();
    c.post_form("/account/register", &[("phone", "18800188004")])
        .await
        .ok();
    wake.notify_one();
    let mut delivered = false;
    for _ in 0..100 {
        if !t
            .store
            .dev_messages(Some("18800188004"), page())
            .await
            .unwrap()
            .is_empty()
        {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(delivered, "the running worker delivered the code");
    stop_tx.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("the worker stopped")
        .unwrap();
}

#[tokio::test]
async fn the_http_gateway_gets_the_message_with_its_idempotency_key_and_token() {
    use axum::routing::post;
    let received: Arc<std::sync::Mutex<Vec<(String, String, serde_json::Value)>>> = Arc::default();
    let fail_first = Arc::new(AtomicUsize::new(1));
    let (r2, f2) = (received.clone(), fail_first.clone());
    let gateway = axum::Router::new().route(
        "/sms",
        post(
            move |headers: http::HeaderMap, body: axum::Json<serde_json::Value>| {
                let (r, f) = (r2.clone(), f2.clone());
                async move {
                    if f.fetch_sub(1, Ordering::SeqCst) > 0 {
                        return http::StatusCode::SERVICE_UNAVAILABLE;
                    }
                    let key = headers
                        .get("idempotency-key")
                        .unwrap()
                        .to_str()
                        .unwrap()
                        .to_owned();
                    let auth = headers
                        .get("authorization")
                        .unwrap()
                        .to_str()
                        .unwrap()
                        .to_owned();
                    r.lock().unwrap().push((key, auth, body.0));
                    http::StatusCode::OK
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, gateway).await.unwrap() });
    let sender = yiwang_jobs::senders::HttpGateway::new(
        &format!("http://{addr}/sms"),
        Some("s3cret".into()),
    )
    .unwrap();
    let first = SmsSender::send(&sender, "n1:sms", "13800138000", "你好").await;
    assert!(matches!(first, Err(JobError::Retry(_))), "503 is retried");
    SmsSender::send(&sender, "n1:sms", "13800138000", "你好")
        .await
        .unwrap();
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "n1:sms");
    assert_eq!(got[0].1, "Bearer s3cret");
    assert_eq!(got[0].2["to"], "13800138000");
    assert_eq!(got[0].2["text"], "你好");
    assert!(yiwang_jobs::senders::HttpGateway::new("https://sms.example/send", None).is_err());
}
