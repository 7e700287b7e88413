//! What a regional portal costs, in-process on a real (temporary) database, beside a bare
//! axum route called the same way (`tower::ServiceExt::oneshot`, no socket):
//!
//! 1. the baseline: `GET /hello` on a one-route `Router`;
//! 2. a county's portal (`GET /regions/511602/portal`, anonymous) with its page written by an
//!    editor, the first `BENCH_ITEMS` (1000) items of the real catalogue of 广安区 in the
//!    snapshot, three published projects and every other block read (empty blocks still
//!    cost their query);
//! 3. its investment page (`GET /regions/511602/invest`) with two indicators of five years
//!    drawn as SVG.
//!
//! Every answer's status and content is checked. Run: `cargo bench -p yiwang-portals --bench
//! portals` (`TEST_DATABASE_URL=…` for PostgreSQL). Knobs: `BENCH_ROUNDS` (5), `BENCH_READS`
//! (200), `BENCH_ITEMS` (1000).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs
)]

use http::StatusCode;
use yiwang_domain::auth::Role;
use yiwang_testkit::bench::{self, env};
use yiwang_testkit::{TestApp, input_value, timed};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rounds = env("BENCH_ROUNDS", 5);
    let reads = env("BENCH_READS", 200);
    let items = env("BENCH_ITEMS", 1000);
    let db = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(items, &[]))
        .await;
    let (mut e, _) = t.staff("bench.editor", Role::Editor, None, "511602").await;
    let page = e.get("/console/portals/511602").await;
    let revision = input_value(&page.body, "revision");
    let dept = t.dept_a.to_string();
    let r = e
        .post_form(
            "/console/portals/511602",
            &[
                ("revision", revision.as_str()),
                ("action", "save"),
                ("intro", "广安区位于四川东部。\n\n全区推进一网通办。"),
                ("leaders", "张明｜区委书记\n李华｜区长"),
                ("contacts", "值班电话｜0826-2222222\n政务服务热线｜12345"),
                ("invest_office", dept.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for i in 0..3 {
        let title = format!("标准厂房项目{i}");
        let fields = [
            ("title", title.as_str()),
            ("sector", "manufacturing"),
            ("location", "广安经开区"),
            ("land_mu", "150"),
            ("investment_wan", "50000"),
            ("stage", "land_ready"),
            ("contact", "区投资促进中心 0826-2345678"),
            ("summary", "标准厂房已建成。"),
        ];
        let r = e
            .post_form("/console/portals/511602/projects", &fields)
            .await;
        let at = r.location().to_owned();
        let p = e.get(&at).await;
        let revision = input_value(&p.body, "revision");
        let mut all = fields.to_vec();
        all.push(("revision", revision.as_str()));
        all.push(("published", "1"));
        assert_eq!(e.post_form(&at, &all).await.status, StatusCode::SEE_OTHER);
    }
    for (indicator, base) in [("gdp", 1000), ("fixed_investment", 450)] {
        for year in 2021..=2025 {
            let value = (base + (year - 2021) * 60).to_string();
            let year = year.to_string();
            let r = e
                .post_form(
                    "/console/portals/511602/indicators",
                    &[
                        ("indicator", indicator),
                        ("period", year.as_str()),
                        ("value", value.as_str()),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
        }
    }

    let h = bench::hello_baseline(rounds).await;
    let hello = h.median_rate();
    println!("\n### {db}\n");
    bench::table_header();
    h.line("`GET /hello` (bare axum, in-process)", None);
    let mut reader = t.client();
    let portal = timed!(rounds, reads, {
        let r = reader.get("/regions/511602/portal").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("全区推进一网通办") && r.body.contains("标准厂房项目2"));
    });
    portal.line(
        &format!("`GET /regions/511602/portal` (county, {items} items in the catalogue)"),
        Some(hello),
    );
    let invest = timed!(rounds, reads, {
        let r = reader.get("/regions/511602/invest").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.body.matches("<svg").count(), 2);
    });
    invest.line(
        "`GET /regions/511602/invest` (3 projects, 2 charts)",
        Some(hello),
    );
}
