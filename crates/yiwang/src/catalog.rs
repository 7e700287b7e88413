//! Catalogue commands: import and export (CSV or JSON), rebuilding the search index, and
//! measuring search quality and speed.

#![allow(clippy::print_stdout)]

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use yiwang_index::{Catalog, IndexLocation};
use yiwang_search::eval::{evaluate, parse_cases};
use yiwang_search::{Doc, Request, SearchIndex};
use yiwang_store::catalog::import::{self, CatalogImportReport};

use crate::config::Config;
use crate::serve::open_store;

type BoxError = Box<dyn std::error::Error>;

fn format_of(path: &Path, format: Option<&str>) -> Result<&'static str, BoxError> {
    let f = match format {
        Some(f) => f.to_ascii_lowercase(),
        None => path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase(),
    };
    match f.as_str() {
        "csv" => Ok("csv"),
        "json" => Ok("json"),
        _ => Err("say --format csv or --format json (or name the file .csv or .json)".into()),
    }
}

fn print_report(r: &CatalogImportReport) {
    println!(
        "items: {} added, {} changed, {} unchanged; departments added: {}; main items added: {}",
        r.added, r.changed, r.unchanged, r.departments_added, r.groups_added
    );
    if r.skipped > 0 {
        println!("skipped {} bad lines (partial import)", r.skipped);
    }
    for e in &r.errors {
        println!("line {}: {}: {}", e.line, e.field, e.code.as_str());
    }
}

/// `yiwang import-catalog FILE [--format csv|json] [--partial]`.
pub async fn import_catalog(
    config: Config,
    file: &Path,
    format: Option<&str>,
    partial: bool,
) -> Result<(), BoxError> {
    let format = format_of(file, format)?;
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let parsed = match format {
        "csv" => import::parse_csv(&text),
        _ => import::parse_json(&text),
    };
    let report = match parsed {
        Ok(items) => {
            let store = open_store(&config).await?;
            store
                .import_catalogue(items, partial, "command line")
                .await?
        }
        Err(errors) => CatalogImportReport {
            errors,
            ..Default::default()
        },
    };
    print_report(&report);
    if report.refused() {
        return Err(format!(
            "{} bad lines: nothing was imported (fix them, or import the rest with --partial)",
            report.errors.len()
        )
        .into());
    }
    println!("running servers pick the changes up within a second");
    Ok(())
}

/// `yiwang export-catalog FILE [--format csv|json]` (`-` for standard output).
pub async fn export_catalog(
    config: Config,
    file: &Path,
    format: Option<&str>,
) -> Result<(), BoxError> {
    let to_stdout = file.as_os_str() == "-";
    let format = if to_stdout {
        format_of(Path::new("x.csv"), format)?
    } else {
        format_of(file, format)?
    };
    let store = open_store(&config).await?;
    let items = store.export_catalogue().await?;
    let text = match format {
        "csv" => import::to_csv(&items)?,
        _ => import::to_json(&items)?,
    };
    if to_stdout {
        std::io::stdout().write_all(text.as_bytes())?;
    } else {
        std::fs::write(file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        eprintln!("{} items written to {}", items.len(), file.display());
    }
    Ok(())
}

/// `yiwang reindex`: rebuilds this instance's search index from the database.
pub async fn reindex(config: Config) -> Result<(), BoxError> {
    let store = open_store(&config).await?;
    let root = config.resolve()?.root_region;
    let dir = config.data_dir.join("index");
    std::fs::create_dir_all(&dir)?;
    let catalog = Catalog::open(store, root, IndexLocation::Dir(dir.clone()))
        .await
        .map_err(|e| {
            format!(
                "cannot open the index in {} ({e:?}); stop the server using it first",
                dir.display()
            )
        })?;
    let started = Instant::now();
    let mut last = Instant::now();
    let n = catalog
        .rebuild(|done| {
            if last.elapsed().as_millis() >= 500 {
                last = Instant::now();
                eprint!("\rindexed {done} documents…");
            }
        })
        .await
        .map_err(|e| format!("reindex failed: {e:?}"))?;
    eprintln!("\rindexed {n} documents");
    println!(
        "search index rebuilt: {n} documents in {:.1} s, {} on disk at {}",
        started.elapsed().as_secs_f64(),
        human_bytes(yiwang_search::index::size_on_disk(&dir)),
        dir.display()
    );
    Ok(())
}

fn human_bytes(b: u64) -> String {
    if b >= 1 << 20 {
        format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.1} KiB", b as f64 / 1024.0)
    }
}

/// `yiwang search-eval FILE.tsv`: hit@3 and MRR of the deployment's search on a file of
/// queries and relevant item names (`query<TAB>name|name`).
pub async fn search_eval(config: Config, file: &Path, verbose: bool) -> Result<(), BoxError> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let cases = parse_cases(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let store = open_store(&config).await?;
    let root = config.resolve()?.root_region;
    let catalog = Catalog::open(store, root.clone(), IndexLocation::Memory)
        .await
        .map_err(|e| format!("cannot build the index: {e:?}"))?;
    if catalog.snapshot().listed_count() == 0 {
        return Err("the catalogue is empty: import one first (yiwang import-catalog)".into());
    }
    let home: Vec<String> = root
        .ancestors_and_self()
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    let report = evaluate(&catalog.index, &cases, "item", &home)?;
    for o in &report.outcomes {
        let hit = o.rank.is_some_and(|r| r <= 3);
        if verbose || !hit {
            println!(
                "{} line {} {:?}: rank {}; wanted {}; top: {}",
                if hit { "ok  " } else { "MISS" },
                o.case.line,
                o.case.query,
                o.rank.map_or("-".to_owned(), |r| r.to_string()),
                o.case.relevant.join(" | "),
                o.top
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
            if verbose && !hit {
                // Scores of the first results, to see why.
                let found = catalog.index.search(&Request {
                    text: &o.case.query,
                    kinds: &["item"],
                    home: &home,
                    limit: 6,
                    ..Default::default()
                })?;
                for h in found.hits {
                    println!("       {:.4}  {}", h.score, h.title);
                }
            }
        }
    }
    println!(
        "cases {}  hit@3 {:.3}  MRR@10 {:.3}",
        report.cases, report.hit_at_3, report.mrr
    );
    Ok(())
}

/// Synthetic titles: everyday government words combined, so the corpus has the real
/// vocabulary's distribution of shared and rare words.
const WORDS: &[&str] = &[
    "企业",
    "个人",
    "登记",
    "许可",
    "变更",
    "注销",
    "申领",
    "补贴",
    "证明",
    "备案",
    "审批",
    "核准",
    "社会保险",
    "养老",
    "医疗",
    "失业",
    "工伤",
    "生育",
    "住房",
    "公积金",
    "不动产",
    "户口",
    "居住证",
    "身份证",
    "婚姻",
    "收养",
    "出生",
    "死亡",
    "殡葬",
    "教育",
    "学校",
    "教师",
    "资格",
    "职业",
    "培训",
    "就业",
    "创业",
    "贷款",
    "税务",
    "发票",
    "食品",
    "药品",
    "医疗器械",
    "卫生",
    "环境",
    "排污",
    "建筑",
    "施工",
    "规划",
    "土地",
    "林木",
    "采伐",
    "渔业",
    "船舶",
    "道路",
    "运输",
    "车辆",
    "驾驶",
    "烟草",
    "酒类",
    "文化",
    "娱乐",
    "网吧",
    "旅游",
    "体育",
    "宗教",
    "民族",
    "退役军人",
    "优待",
    "抚恤",
    "救助",
    "低保",
    "残疾人",
    "老年人",
    "高龄",
    "津贴",
    "档案",
    "公证",
    "法律援助",
    "消防",
    "安全",
];

fn synthetic(i: usize) -> Doc {
    // A small deterministic generator (no randomness crate needed).
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let words = 3 + next(4);
    let title: String = (0..words).map(|_| WORDS[next(WORDS.len())]).collect();
    let body: String = (0..30)
        .map(|_| WORDS[next(WORDS.len())])
        .collect::<Vec<_>>()
        .join("，");
    let kind = ["item", "article", "dataset", "inquiry"][next(4)];
    Doc {
        kind: kind.into(),
        id: i.to_string(),
        title,
        body,
        org: format!("第{}部门", next(300)),
        url: format!("/{kind}s/{i}"),
        department: Some(format!("d{}", next(300))),
        region_path: vec!["51".into(), "5116".into(), format!("51160{}", next(9))],
        tags: Vec::new(),
        weight: 1.0,
        popularity: next(1000) as u64,
    }
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// `yiwang bench-search --docs N --dir DIR`: indexes N synthetic documents, then measures
/// search latency with two threads, and prints index time, size, percentiles and memory.
pub fn bench_search(docs: usize, dir: &Path, queries: usize) -> Result<(), BoxError> {
    std::fs::create_dir_all(dir)?;
    let index = SearchIndex::open(dir)?;
    let started = Instant::now();
    let mut last = Instant::now();
    index.rebuild((0..docs).map(synthetic), None, |n| {
        if last.elapsed().as_secs() >= 5 {
            last = Instant::now();
            eprintln!("indexed {n} documents…");
        }
    })?;
    let index_secs = started.elapsed().as_secs_f64();
    let size = yiwang_search::index::size_on_disk(dir);
    let rss_after_index = rss_mib();
    let probes = [
        "失业保险金申领",
        "企业登记",
        "食品许可",
        "老年人高龄津贴",
        "驾驶证",
        "网吧",
        "不动产登记证明",
        "开饭店",
        "社保",
        "公积金贷款",
        "建筑施工许可变更",
        "退役军人优待抚恤",
    ];
    let threads = 2;
    let per_thread = queries / threads;
    let started = Instant::now();
    let latencies: Vec<f64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let index = &index;
                s.spawn(move || {
                    let mut out = Vec::with_capacity(per_thread);
                    for i in 0..per_thread {
                        let q = probes[(i + t) % probes.len()];
                        let began = Instant::now();
                        let _ = index.search(&Request {
                            text: q,
                            limit: 10,
                            ..Default::default()
                        });
                        out.push(began.elapsed().as_secs_f64() * 1000.0);
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let wall = started.elapsed().as_secs_f64();
    let mut sorted = latencies.clone();
    sorted.sort_by(f64::total_cmp);
    println!("documents        {docs}");
    println!(
        "index time       {index_secs:.1} s ({:.0} docs/s)",
        docs as f64 / index_secs
    );
    println!("index size       {}", human_bytes(size));
    println!("RSS after index  {rss_after_index:.0} MiB");
    println!(
        "queries          {} on {threads} threads in {wall:.1} s = {:.0} queries/s",
        sorted.len(),
        sorted.len() as f64 / wall
    );
    println!(
        "latency ms       p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.9),
        percentile(&sorted, 0.99),
        percentile(&sorted, 1.0)
    );
    println!("RSS after search {:.0} MiB", rss_mib());
    Ok(())
}
