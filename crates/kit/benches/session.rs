//! The cost of deciding who a request comes from and whether it may use a route, measured
//! in-process on a real (temporary) SQLite store, without HTTP:
//!
//! * citizen: `auth::resolve` of a session cookie (SHA-256 of the token, one indexed
//!   `sessions ⋈ accounts` SELECT) followed by `auth::check(Access::Citizen, …)`;
//! * staff: the same for a staff session, which also loads the account's grants (a second
//!   SELECT), followed by `auth::check(Access::Staff(Permission::ConsoleAccess), …)`;
//! * anonymous / unknown token: the paths that cost nothing or one SELECT;
//! * the pure policy decision `yiwang_domain::auth::allows` on its own.
//!
//! Run with `cargo bench -p yiwang-web --bench session`. No criterion: a plain loop with
//! `std::time::Instant`, a warm-up, then several timed rounds; the median round is reported
//! (and the fastest and slowest, so the spread is visible).
//!
//! Knobs (environment): `BENCH_ROUNDS` (default 7), `BENCH_ITERS_DB` (iterations per round of
//! the database-backed cases, default 5000), `BENCH_ITERS_PURE` (pure decision, default
//! 2000000). `TEST_DATABASE_URL` runs the store cases on PostgreSQL instead (as the tests do).
#![allow(clippy::print_stdout, missing_docs)]

use std::future::Future;
use std::hint::black_box;
use std::time::{Duration, Instant};

use yiwang_domain::Lang;
use yiwang_domain::Timestamp;
use yiwang_domain::account::AccountKind;
use yiwang_domain::auth::{Actor, Grant, Permission, Role, Scope, allows};
use yiwang_domain::department::DepartmentInput;
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::region::RegionCode;
use yiwang_kit::auth::{Access, Principal, check, resolve};
use yiwang_store::Store;
use yiwang_store::sessions::Stage;
use yiwang_store::staff::Holder;
use yiwang_store::testing::TestDb;

fn die(what: &str, e: impl std::fmt::Debug) -> ! {
    eprintln!("session bench: {what}: {e:?}");
    std::process::exit(1)
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

/// Per-operation times of each round in nanoseconds, sorted.
struct Rounds(Vec<f64>);

impl Rounds {
    fn median(&self) -> f64 {
        self.0[self.0.len() / 2]
    }

    fn push(&mut self, elapsed: Duration, iters: usize) {
        self.0.push(elapsed.as_secs_f64() * 1e9 / iters as f64);
    }

    fn sorted(mut self) -> Rounds {
        self.0.sort_by(f64::total_cmp);
        self
    }
}

fn fmt_dur(ns: f64) -> String {
    if ns >= 1000.0 {
        format!("{:.2} µs", ns / 1000.0)
    } else {
        format!("{ns:.2} ns")
    }
}

fn report(name: &str, iters: usize, r: &Rounds) {
    let (min, max) = (r.0[0], r.0[r.0.len() - 1]);
    let per_sec = 1e9 / r.median();
    println!(
        "{name:<66} {:>11}/op  (min {:>10}, max {:>10}; {:>12.0} op/s; {} rounds × {iters})",
        fmt_dur(r.median()),
        fmt_dur(min),
        fmt_dur(max),
        per_sec,
        r.0.len()
    );
}

/// Times an async operation: a warm-up of `iters / 5` calls, then `rounds` rounds of `iters`.
fn time_async<F, Fut>(
    rt: &tokio::runtime::Runtime,
    rounds: usize,
    iters: usize,
    mut op: F,
) -> Rounds
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    rt.block_on(async {
        for _ in 0..(iters / 5).max(1) {
            op().await;
        }
        let mut out = Rounds(Vec::with_capacity(rounds));
        for _ in 0..rounds {
            let start = Instant::now();
            for _ in 0..iters {
                op().await;
            }
            out.push(start.elapsed(), iters);
        }
        out.sorted()
    })
}

/// Times a synchronous operation the same way.
fn time_sync(rounds: usize, iters: usize, mut op: impl FnMut()) -> Rounds {
    for _ in 0..(iters / 5).max(1) {
        op();
    }
    let mut out = Rounds(Vec::with_capacity(rounds));
    for _ in 0..rounds {
        let start = Instant::now();
        for _ in 0..iters {
            op();
        }
        out.push(start.elapsed(), iters);
    }
    out.sorted()
}

fn region(code: &str) -> RegionCode {
    RegionCode::parse(code).unwrap_or_else(|e| die("region code", e))
}

/// Regions 四川 → 广安市 → 广安区 → a street, and one department, like the web tests use.
async fn seed(store: &Store) -> DepartmentId {
    let regions = yiwang_store::regions::RegionSources {
        provinces: "code,name\n51,\"四川省\"\n",
        cities: "code,name,provinceCode\n5116,\"广安市\",51\n",
        areas: "code,name,cityCode,provinceCode\n511602,\"广安区\",5116,51\n",
        streets: "code,name,areaCode,provinceCode,cityCode\n511602001,\"浓洄街道\",511602,51,5116\n",
    };
    store
        .import_regions(&regions)
        .await
        .unwrap_or_else(|e| die("import regions", e));
    let mut tx = store.begin().await.unwrap_or_else(|e| die("begin", e));
    let input = DepartmentInput {
        name: "区民政局".into(),
        region: "511602".into(),
        ..Default::default()
    };
    let valid = store
        .check_department(&mut tx, &input, None)
        .await
        .unwrap_or_else(|e| die("check department", e));
    let dept = store
        .create_department(&mut tx, &valid)
        .await
        .unwrap_or_else(|e| die("create department", e));
    yiwang_store::commit(tx)
        .await
        .unwrap_or_else(|e| die("commit", e));
    dept
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported (everything is quick).
    let rounds = env_usize("BENCH_ROUNDS", 7);
    let iters_db = env_usize("BENCH_ITERS_DB", 5000);
    let iters_pure = env_usize("BENCH_ITERS_PURE", 2_000_000);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| die("tokio runtime", e));

    let db = rt.block_on(TestDb::new());
    let store = db.store.clone();
    let backend = yiwang_store::testing::backend();

    let (citizen_token, staff_token, staff_grants, dept) = rt.block_on(async {
        let dept = seed(&store).await;
        // The password hash is never checked here; a real argon2id hash keeps the row realistic.
        let hash =
            yiwang_crypto::password::hash("Guangan-bench-2026").unwrap_or_else(|e| die("hash", e));
        let phone = Mobile::parse("13800000000").unwrap_or_else(|e| die("phone", e));
        let mut tx = store.begin().await.unwrap_or_else(|e| die("begin", e));
        let citizen = store
            .create_citizen(&mut tx, &phone, &hash, Lang::ZhHans)
            .await
            .unwrap_or_else(|e| die("create citizen", e));
        let (citizen_token, _) = store
            .create_session(&mut tx, citizen, AccountKind::Citizen, Stage::Full)
            .await
            .unwrap_or_else(|e| die("create citizen session", e));
        let staff = store
            .create_staff(&mut tx, "bench.reviewer", "测试审核员", &hash, None)
            .await
            .unwrap_or_else(|e| die("create staff", e));
        // Three grants, a realistic handful: two department roles and a region-wide one.
        let grants = [
            Grant {
                role: Role::WindowClerk,
                department: Some(dept),
                region: region("511602"),
            },
            Grant {
                role: Role::Reviewer,
                department: Some(dept),
                region: region("511602"),
            },
            Grant {
                role: Role::Supervisor,
                department: None,
                region: region("5116"),
            },
        ];
        for g in &grants {
            store
                .add_grant(&mut tx, Holder::Account(staff), g, None)
                .await
                .unwrap_or_else(|e| die("add grant", e));
        }
        let (staff_token, _) = store
            .create_session(&mut tx, staff, AccountKind::Staff, Stage::Full)
            .await
            .unwrap_or_else(|e| die("create staff session", e));
        yiwang_store::commit(tx)
            .await
            .unwrap_or_else(|e| die("commit", e));
        (citizen_token, staff_token, grants.to_vec(), dept)
    });

    // Sanity: the timed paths really take the branches they are named after.
    rt.block_on(async {
        let r = resolve(&store, Some(&citizen_token), None, Timestamp::now())
            .await
            .unwrap_or_else(|e| die("resolve citizen", e));
        if !matches!(r.principal.actor(), Actor::Citizen { .. })
            || check(Access::Citizen, &r.principal, false).is_err()
        {
            die(
                "citizen session",
                "did not resolve to a citizen allowed on Access::Citizen",
            );
        }
        let r = resolve(&store, Some(&staff_token), None, Timestamp::now())
            .await
            .unwrap_or_else(|e| die("resolve staff", e));
        if r.principal.staff().map(|(_, g)| g.len()) != Some(3)
            || check(
                Access::Staff(Permission::ConsoleAccess),
                &r.principal,
                false,
            )
            .is_err()
        {
            die(
                "staff session",
                "did not resolve to staff with 3 grants allowed on ConsoleAccess",
            );
        }
    });

    println!("session bench: backend {backend}, {rounds} rounds, median per operation");
    println!();

    let now = Timestamp::now();
    let r = time_async(&rt, rounds, iters_db, || {
        let (store, token) = (&store, citizen_token.as_str());
        async move {
            let res = resolve(store, Some(token), None, now)
                .await
                .unwrap_or_else(|e| die("resolve", e));
            black_box(check(Access::Citizen, &res.principal, res.session_expired).is_ok());
        }
    });
    report(
        "citizen session: resolve + check(Access::Citizen)",
        iters_db,
        &r,
    );

    let r = time_async(&rt, rounds, iters_db, || {
        let (store, token) = (&store, staff_token.as_str());
        async move {
            let res = resolve(store, Some(token), None, now)
                .await
                .unwrap_or_else(|e| die("resolve", e));
            black_box(
                check(
                    Access::Staff(Permission::ConsoleAccess),
                    &res.principal,
                    res.session_expired,
                )
                .is_ok(),
            );
        }
    });
    report(
        "staff session (3 grants): resolve + check(Staff(ConsoleAccess))",
        iters_db,
        &r,
    );

    let r = time_async(&rt, rounds, iters_db, || {
        let (store, token) = (&store, citizen_token.as_str());
        async move {
            black_box(store.lookup_session(token, now).await.is_ok());
        }
    });
    report(
        "  of which: store.lookup_session alone (citizen)",
        iters_db,
        &r,
    );

    let r = time_async(&rt, rounds, iters_db, || {
        let store = &store;
        async move {
            let s = "x".repeat(43);
            let res = resolve(store, Some(&s), None, now)
                .await
                .unwrap_or_else(|e| die("resolve", e));
            black_box(res.clear_session_cookie);
        }
    });
    report(
        "unknown 43-char session token: resolve (one SELECT, miss)",
        iters_db,
        &r,
    );

    let r = time_async(&rt, rounds, iters_db * 100, || {
        let store = &store;
        async move {
            let res = resolve(store, None, None, now)
                .await
                .unwrap_or_else(|e| die("resolve", e));
            black_box(check(Access::Public, &res.principal, false).is_ok());
        }
    });
    report(
        "no cookie: resolve + check(Access::Public)",
        iters_db * 100,
        &r,
    );

    // The pure policy decision.
    let actor = Actor::Staff {
        account: yiwang_domain::ids::AccountId::generate(),
        grants: staff_grants,
    };
    let in_scope = Scope::department(dept, region("511602001"));
    let out_of_scope = Scope::department(DepartmentId::generate(), region("511602"));
    let r = time_sync(rounds, iters_pure, || {
        black_box(allows(
            black_box(&actor),
            black_box(Permission::ConsoleAccess),
            black_box(&in_scope),
        ));
    });
    report(
        "allows(): staff, 3 grants, permitted (first grant matches)",
        iters_pure,
        &r,
    );
    let r = time_sync(rounds, iters_pure, || {
        black_box(allows(
            black_box(&actor),
            black_box(Permission::ManageStaff),
            black_box(&out_of_scope),
        ));
    });
    report(
        "allows(): staff, 3 grants, refused (no grant has the permission)",
        iters_pure,
        &r,
    );
    let principal = Principal::Session {
        session: match rt.block_on(store.lookup_session(&staff_token, now)) {
            Ok(yiwang_store::sessions::Lookup::Live(s)) => s,
            other => die("staff session", other.map(|_| "not live")),
        },
        actor: actor.clone(),
    };
    let r = time_sync(rounds, iters_pure, || {
        black_box(
            check(
                black_box(Access::Staff(Permission::ConsoleAccess)),
                black_box(&principal),
                false,
            )
            .is_ok(),
        );
    });
    report(
        "check(Staff(ConsoleAccess)) alone, principal in hand",
        iters_pure,
        &r,
    );

    drop(principal);
    // The store must be dropped inside the runtime's lifetime; TestDb removes its files.
    drop(store);
    drop(db);
}
