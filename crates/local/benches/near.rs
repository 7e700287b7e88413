//! What "near me" costs over `BENCH_PLACES` (100000) places spread over 广安市, in-process on
//! a real (temporary) database, beside a bare axum route called the same way
//! (`tower::ServiceExt::oneshot`, no socket):
//!
//! 1. the baseline: `GET /hello` on a one-route `Router`;
//! 2. `GET /api/v1/local/places?lat=…&lng=…` (the 50 nearest, JSON) from positions across
//!    the city, and the same with `category=park`;
//! 3. the page `GET /local?lat=…&lng=…`;
//! 4. the listing by region without a position (`GET /local?region=511602`).
//!
//! Every answer's status and count are checked. Run: `cargo bench -p yiwang-local --bench
//! near` (`TEST_DATABASE_URL=…` for PostgreSQL). Knobs: `BENCH_ROUNDS` (5), `BENCH_PLACES`
//! (100000), `BENCH_READS` (50).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

use http::StatusCode;
use yiwang_domain::local::{Category, Point, Vetting};
use yiwang_domain::region::RegionCode;
use yiwang_store::local::PlaceRecord;
use yiwang_testkit::bench::{self, env};
use yiwang_testkit::{TestApp, timed};

/// A small deterministic generator (xorshift), so every run has the same places.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in `lo..hi` millionths of a degree.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo) as u64) as i64
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rounds = env("BENCH_ROUNDS", 5);
    let total = env("BENCH_PLACES", 100_000);
    let reads = env("BENCH_READS", 50);
    let db = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let t = TestApp::new().await;
    let categories = [
        Category::Hall,
        Category::Hospital,
        Category::School,
        Category::Park,
        Category::Library,
        Category::Sports,
    ];
    let regions = [
        RegionCode::parse("511602").unwrap(),
        RegionCode::parse("511603").unwrap(),
    ];
    let mut rng = Rng(0x2026_1207);
    // 广安市: 29°58′–30°52′ N, 105°56′–107°19′ E.
    let (s, w, n, e) = (29_970_000, 105_940_000, 30_860_000, 107_310_000);
    let mut written = 0;
    while written < total {
        let mut tx = t.store.begin().await.unwrap();
        for i in written..(written + 2000).min(total) {
            let p = PlaceRecord {
                name: format!("地点{i:06}"),
                category: categories[i % categories.len()],
                region: regions[i % 2].clone(),
                address: format!("广安区测试路{i}号"),
                phone: "0826-2000000".into(),
                hours: "1-7 08:00-20:00".into(),
                point: Point {
                    lat_e6: rng.between(s, n),
                    lng_e6: rng.between(w, e),
                },
                description: String::new(),
                department: None,
                licence: None,
                vetting: Vetting::Approved,
            };
            t.store.insert_place(&mut tx, &p).await.unwrap();
        }
        yiwang_store::commit(tx).await.unwrap();
        written = (written + 2000).min(total);
    }
    let positions: Vec<(f64, f64)> = (0..16)
        .map(|_| {
            (
                rng.between(s, n) as f64 / 1e6,
                rng.between(w, e) as f64 / 1e6,
            )
        })
        .collect();

    let h = bench::hello_baseline(rounds).await;
    let hello_rate = h.median_rate();
    println!("\n### {db}, {total} places\n");
    bench::table_header();
    h.line("`GET /hello` (bare axum, in-process)", None);

    let mut c = t.client();
    let mut k = 0;
    let near = timed!(rounds, reads, {
        let (lat, lng) = positions[k % positions.len()];
        k += 1;
        let r = c
            .get(&format!("/api/v1/local/places?lat={lat:.6}&lng={lng:.6}"))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let v = r.json();
        let d: Vec<u64> = v["places"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["distance_m"].as_u64().unwrap())
            .collect();
        assert_eq!(d.len(), 50);
        assert!(d.windows(2).all(|w| w[0] <= w[1]), "nearest first");
    });
    near.line(
        "`GET /api/v1/local/places?lat&lng` (50 nearest)",
        Some(hello_rate),
    );
    let park = timed!(rounds, reads, {
        let (lat, lng) = positions[k % positions.len()];
        k += 1;
        let r = c
            .get(&format!(
                "/api/v1/local/places?category=park&lat={lat:.6}&lng={lng:.6}"
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["places"].as_array().unwrap().len(), 50);
    });
    park.line("the same, `category=park`", Some(hello_rate));
    let page = timed!(rounds, reads, {
        let (lat, lng) = positions[k % positions.len()];
        k += 1;
        let r = c.get(&format!("/local?lat={lat:.6}&lng={lng:.6}")).await;
        assert_eq!(r.status, StatusCode::OK);
    });
    page.line("`GET /local?lat&lng` (the page)", Some(hello_rate));
    let list = timed!(rounds, reads, {
        let r = c.get("/local?region=511602").await;
        assert_eq!(r.status, StatusCode::OK);
    });
    list.line(
        "`GET /local?region=511602` (by name, page 1)",
        Some(hello_rate),
    );
}
