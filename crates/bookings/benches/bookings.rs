//! What booking costs under contention, in-process on a real (temporary) database, side by
//! side with a bare axum route called the same way (`tower::ServiceExt::oneshot`, no socket):
//!
//! 1. the baseline: `GET /hello` on a one-route `Router`;
//! 2. the contention test: `BENCH_PEOPLE` (200) app users `POST /api/v1/bookings` at once for
//!    one slot of `BENCH_PLACES` (10) places — answers per second over the whole burst, and
//!    the check that exactly the places were booked, every round on a fresh slot;
//! 3. bookings without contention: one at a time, each person a different free slot.
//!
//! Run: `cargo bench -p yiwang-bookings --bench bookings` (`TEST_DATABASE_URL=…` for
//! PostgreSQL). Knobs: `BENCH_ROUNDS` (5), `BENCH_PEOPLE` (200), `BENCH_PLACES` (10).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

use std::time::Instant;

use http::{Method, StatusCode};
use yiwang_domain::booking::rules::BookingRules;
use yiwang_domain::booking::slots::{parse_template, plan};
use yiwang_domain::booking::{DeskKind, PlaceKind};
use yiwang_store::bookings::{NewDesk, NewPlace};
use yiwang_store::clients::TokenOwner;
use yiwang_testkit::bench::{self, Stat, env};
use yiwang_testkit::{Client, TestApp};

async fn book(c: &mut Client, slot: &str, key: &str) -> StatusCode {
    let body = serde_json::json!({ "slot": slot }).to_string();
    c.request(
        Method::POST,
        "/api/v1/bookings",
        Some("application/json"),
        body.into_bytes(),
        &[("idempotency-key", key)],
    )
    .await
    .status
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rounds = env("BENCH_ROUNDS", 5);
    let people = env("BENCH_PEOPLE", 200);
    let places = env("BENCH_PLACES", 10);
    let db = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let t = TestApp::new().await;
    let s = &t.store;
    // Rules that let one person hold many bookings, so rounds never run into the limit.
    let rules = BookingRules {
        max_open: 20,
        ..BookingRules::default()
    };
    let mut tx = s.begin().await.unwrap();
    s.set_setting(
        &mut tx,
        "booking_rules",
        &serde_json::to_string(&rules).unwrap(),
    )
    .await
    .unwrap();
    let place = s
        .create_booking_place(
            &mut tx,
            &NewPlace {
                kind: PlaceKind::Hall,
                name: "政务服务中心",
                department_id: t.dept_a,
                region_code: "511602",
                address: "",
            },
        )
        .await
        .unwrap();
    // Every day, 24 slots of 30 minutes from 08:00 (contention), and a second window with
    // as many slots of `people` places (no contention).
    let lines = |n: usize| -> String {
        (1..=7)
            .flat_map(|d| {
                (0..24).map(move |i| {
                    let start = 8 * 60 + i * 30;
                    let end = start + 30;
                    format!(
                        "{d} {:02}:{:02}-{:02}:{:02} {n}",
                        start / 60,
                        start % 60,
                        end / 60,
                        end % 60
                    )
                })
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let mut desks = Vec::new();
    for (name, n) in [("1号窗口", places), ("2号窗口", people)] {
        let template = lines(n);
        let desk = s
            .create_booking_desk(
                &mut tx,
                &NewDesk {
                    place_id: place,
                    kind: DeskKind::Window,
                    name,
                    unit: "",
                    items: &[],
                    template: &template,
                    sort: 1,
                },
            )
            .await
            .unwrap();
        let slots = plan(
            &Default::default(),
            &parse_template(&template).unwrap(),
            &[],
            today,
            15,
        );
        s.publish_booking_slots(&mut tx, desk, today, &slots)
            .await
            .unwrap();
        desks.push(desk);
    }
    let mut clients = Vec::new();
    for i in 0..people {
        let phone = yiwang_domain::identity::Mobile::parse(&format!("139{i:08}")).unwrap();
        let id = s
            .create_citizen(&mut tx, &phone, "x", yiwang_domain::Lang::ZhHans)
            .await
            .unwrap();
        let (_, token) = s
            .issue_token(&mut tx, TokenOwner::Account(id), "bench", None)
            .await
            .unwrap();
        let mut c = t.client();
        c.bearer = Some(token);
        c.ip = format!("10.1.{}.{}", i / 250, i % 250 + 1).parse().unwrap();
        clients.push(c);
    }
    yiwang_store::commit(tx).await.unwrap();
    let tomorrow = today + time::Duration::days(1);
    let all = s
        .booking_place_slots(place, tomorrow, today + time::Duration::days(14))
        .await
        .unwrap();
    let contended: Vec<String> = all
        .iter()
        .filter(|x| x.desk_id == desks[0])
        .map(|x| x.id.to_string())
        .collect();
    let free: Vec<String> = all
        .iter()
        .filter(|x| x.desk_id == desks[1])
        .map(|x| x.id.to_string())
        .collect();

    let hello = bench::hello_baseline(rounds).await;
    let hello_rate = hello.median_rate();
    let (hmin, hmax) = hello.rate_range();

    println!("\n### {db}\n");
    bench::table_header();
    println!(
        "| `GET /hello` (bare axum, in-process) | {hello_rate:.0} ({hmin:.0}–{hmax:.0}) | | | |"
    );

    // The contention test, a fresh slot each round (round 0 warms up).
    let mut burst = Stat::default();
    for (round, slot) in contended.iter().take(rounds + 1).enumerate() {
        let slot = slot.clone();
        let start = Instant::now();
        let tasks: Vec<_> = clients
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut c = c.clone();
                let slot = slot.clone();
                tokio::spawn(async move {
                    let t0 = Instant::now();
                    let st = book(&mut c, &slot, &format!("c{round}-{i}")).await;
                    (st, t0.elapsed())
                })
            })
            .collect();
        let mut booked = 0;
        for task in tasks {
            let (st, took) = task.await.unwrap();
            match st {
                StatusCode::CREATED => booked += 1,
                StatusCode::UNPROCESSABLE_ENTITY => {}
                other => panic!("unexpected {other}"),
            }
            if round > 0 {
                burst.lat.push(took);
            }
        }
        assert_eq!(booked, places, "exactly the places, round {round}");
        let taken = s.booking_slot(slot.parse().unwrap()).await.unwrap().taken;
        assert_eq!(taken as usize, places);
        if round > 0 {
            burst
                .rates
                .push(people as f64 / start.elapsed().as_secs_f64());
        }
    }
    burst.line(
        &format!(
            "{people} at once for one slot of {places} places (`POST /api/v1/bookings`; answers: {places} booked, the rest `slot_full`)"
        ),
        Some(hello_rate),
    );

    // Without contention: one at a time, person i books free slot (round, i).
    let mut free_slots = Stat::default();
    let per = people.min(100);
    for (round, slot) in free.iter().take(rounds + 1).enumerate() {
        let slot = slot.clone();
        let start = Instant::now();
        for (i, c) in clients.iter_mut().take(per).enumerate() {
            let t0 = Instant::now();
            assert_eq!(
                book(c, &slot, &format!("f{round}-{i}")).await,
                StatusCode::CREATED
            );
            if round > 0 {
                free_slots.lat.push(t0.elapsed());
            }
        }
        if round > 0 {
            free_slots
                .rates
                .push(per as f64 / start.elapsed().as_secs_f64());
        }
    }
    free_slots.line(
        "one at a time, a free slot (`POST /api/v1/bookings`)",
        Some(hello_rate),
    );
    assert_eq!(s.booking_inconsistencies().await.unwrap(), (0, 0, 0));
}
