//! The harness the in-process benches share (`crates/*/benches/*.rs`, see docs/BENCHMARKS.md):
//! knobs from the environment, timed rounds after a warm-up, the bare axum `GET /hello`
//! baseline called the same way the application is, and the Markdown table they print.
//!
//! ```ignore
//! use yiwang_testkit::bench::{self, env};
//! use yiwang_testkit::timed;
//!
//! let rounds = env("BENCH_ROUNDS", 5);
//! let hello = bench::hello_baseline(rounds).await;
//! bench::table_header();
//! hello.line("`GET /hello` (bare axum, in-process)", None);
//! let page = timed!(rounds, 20, c.get("/news").await);
//! page.line("news front", Some(hello.median_rate()));
//! ```

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode};
use tower::ServiceExt;

/// The number in the environment variable `name`, or `default` when it is unset or not a
/// number.
pub fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What timed rounds measured: one rate (calls per second of wall time) per timed round, and
/// the latency of every timed call.
#[derive(Debug, Default)]
pub struct Stat {
    /// Calls per second, one per timed round.
    pub rates: Vec<f64>,
    /// Every timed call's latency.
    pub lat: Vec<Duration>,
}

impl Stat {
    /// The median of the rounds' rates (the upper one of an even number of rounds).
    pub fn median_rate(&self) -> f64 {
        let r = self.sorted_rates();
        r[r.len() / 2]
    }

    /// The slowest and the fastest round's rate.
    pub fn rate_range(&self) -> (f64, f64) {
        let r = self.sorted_rates();
        (r[0], r[r.len() - 1])
    }

    /// The latency at quantile `q` (0.5 = p50, 0.99 = p99), in milliseconds: the sorted
    /// latencies' element at `(len - 1) × q`, rounded down.
    pub fn latency_ms(&self, q: f64) -> f64 {
        let mut l = self.lat.clone();
        l.sort();
        l[((l.len() as f64 - 1.0) * q) as usize].as_secs_f64() * 1e3
    }

    /// Prints one row of the table of [`table_header`]: `| name | median (min–max) | p50 ms |
    /// p99 ms | of hello |`, the last column empty without a `hello` rate.
    pub fn line(&self, name: &str, hello: Option<f64>) {
        let median = self.median_rate();
        let (min, max) = self.rate_range();
        let ratio = hello.map_or(String::new(), |h| format!("{:.1} %", median / h * 100.0));
        println!(
            "| {name} | {median:.0} ({min:.0}–{max:.0}) | {:.2} | {:.2} | {ratio} |",
            self.latency_ms(0.5),
            self.latency_ms(0.99)
        );
    }

    fn sorted_rates(&self) -> Vec<f64> {
        let mut r = self.rates.clone();
        r.sort_by(f64::total_cmp);
        r
    }
}

/// Prints the head of the table [`Stat::line`] writes rows of.
pub fn table_header() {
    println!("| what | per second, median (min–max) | p50 ms | p99 ms | of hello |");
    println!("|---|---|---|---|---|");
}

/// Runs `$body` `$n` times per round, `$rounds` timed rounds after one warm-up round, and
/// returns the [`Stat`](crate::bench::Stat): each timed round's rate (`$n` over the round's
/// wall time) and each timed call's latency. `$body` may `.await`.
#[macro_export]
macro_rules! timed {
    ($rounds:expr, $n:expr, $body:expr) => {{
        let mut s = $crate::bench::Stat::default();
        for round in 0..=$rounds {
            let start = ::std::time::Instant::now();
            for _ in 0..$n {
                let t = ::std::time::Instant::now();
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

/// The baseline: `GET /hello` on a one-route axum `Router` answering "Hello, World!", called
/// in-process with `tower::ServiceExt::oneshot` as the benches call the application (no
/// socket), 20,000 calls per round, `rounds` timed rounds after a warm-up.
pub async fn hello_baseline(rounds: usize) -> Stat {
    let hello: Router =
        Router::new().route("/hello", axum::routing::get(|| async { "Hello, World!" }));
    crate::timed!(rounds, 20_000, {
        let r = hello
            .clone()
            .oneshot(Request::get("/hello").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    })
}
