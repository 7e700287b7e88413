//! The demo deployment's open data (called from `yiwang/src/serve.rs` with `--demo`): real
//! tables published by real demo departments, once —
//!
//! - 广安区政务服务事项目录: the county's service catalogue file as it is (its licence,
//!   Apache 2.0, is in `seed/catalog/LICENSE` beside the copy), in the datastore;
//! - 广安区各部门政务服务事项数量: the same file counted by department and task type;
//! - 广安市行政区划: the districts, counties, towns and streets of 广安市 from the national
//!   region files (`seed/regions/`, WTFPL).
//!
//! Datasets are made through the store (no caller: the demo is the deployment's own act) and
//! their files go through the file store like a steward's upload.

use std::collections::BTreeMap;

use yiwang_domain::Timestamp;
use yiwang_files::FileStore;
use yiwang_store::Store;
use yiwang_store::opendata::{DatasetFields, FieldRow, NewResource};

use crate::table;

/// The region files the demo reads (the binary embeds them).
pub struct Sources<'a> {
    /// The service catalogue CSV of 广安区.
    pub catalogue: &'a str,
    /// The national areas CSV (`code,name,cityCode,provinceCode`).
    pub areas: &'a str,
    /// The national streets CSV (`code,name,areaCode,provinceCode,cityCode`).
    pub streets: &'a str,
}

type BoxError = Box<dyn std::error::Error>;

fn csv_text(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, BoxError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    Ok(w.into_inner().map_err(|e| e.to_string())?)
}

fn regions_of(s: &Sources<'_>, city: &str) -> Result<Vec<Vec<String>>, BoxError> {
    let mut rows = Vec::new();
    let mut areas = csv::Reader::from_reader(s.areas.as_bytes());
    for r in areas.records() {
        let r = r?;
        if r.get(2) == Some(city) {
            rows.push(vec![
                r.get(0).unwrap_or("").to_owned(),
                r.get(1).unwrap_or("").to_owned(),
                "区县".to_owned(),
                city.to_owned(),
            ]);
        }
    }
    let mut streets = csv::Reader::from_reader(s.streets.as_bytes());
    for r in streets.records() {
        let r = r?;
        if r.get(4) == Some(city) {
            rows.push(vec![
                r.get(0).unwrap_or("").to_owned(),
                r.get(1).unwrap_or("").to_owned(),
                "乡镇街道".to_owned(),
                r.get(2).unwrap_or("").to_owned(),
            ]);
        }
    }
    Ok(rows)
}

fn counts_by_department(catalogue: &str) -> Result<Vec<Vec<String>>, BoxError> {
    let mut counts: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    let mut r = csv::Reader::from_reader(catalogue.as_bytes());
    for rec in r.records() {
        let rec = rec?;
        let c = counts
            .entry(rec.get(0).unwrap_or("").to_owned())
            .or_default();
        c.0 += 1;
        // task_type 1 is 行政许可 in the national coding.
        if rec.get(4) == Some("1") {
            c.1 += 1;
        } else {
            c.2 += 1;
        }
    }
    Ok(counts
        .into_iter()
        .map(|(d, (all, permits, other))| {
            vec![d, all.to_string(), permits.to_string(), other.to_string()]
        })
        .collect())
}

struct Seed {
    department: &'static str,
    fields: DatasetFields,
    resources: Vec<(String, String, Vec<u8>)>,
}

fn fields(
    name: &str,
    title: &str,
    notes: &str,
    tags: &[&str],
    groups: &[&str],
    region: &str,
) -> DatasetFields {
    DatasetFields {
        name: name.into(),
        title: title.into(),
        notes: notes.into(),
        license_id: "other-open".into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        groups: groups.iter().map(|t| (*t).to_owned()).collect(),
        frequency: "irregular".into(),
        temporal_start: None,
        temporal_end: None,
        region: Some(region.into()),
        contact: "0826-12345".into(),
        version: "2026".into(),
    }
}

/// Publishes the demo's datasets unless they are there.
pub async fn ensure(store: &Store, files: &FileStore, s: &Sources<'_>) -> Result<(), BoxError> {
    if store.dataset("guangan-service-items").await?.is_some() {
        return Ok(());
    }
    let seeds = vec![
        Seed {
            department: "区行政审批局",
            fields: fields(
                "guangan-service-items",
                "广安区政务服务事项目录",
                "广安区各部门的政务服务事项：实施部门、事项名称、实施编码、事项类型和区划代码。来源：广安区政务服务事项目录文件（Apache License 2.0）。",
                &["政务服务", "事项目录", "广安区"],
                &["government-services"],
                "511602",
            ),
            resources: vec![(
                "政务服务事项目录.csv".into(),
                "每行一个事项".into(),
                s.catalogue.as_bytes().to_vec(),
            )],
        },
        Seed {
            department: "区行政审批局",
            fields: fields(
                "guangan-items-by-department",
                "广安区各部门政务服务事项数量",
                "按实施部门统计的政务服务事项数量，分为行政许可和其他类型，由政务服务事项目录计算。",
                &["政务服务", "统计"],
                &["government-services", "economy"],
                "511602",
            ),
            resources: vec![(
                "各部门事项数量.csv".into(),
                "部门、事项总数、行政许可、其他".into(),
                csv_text(
                    &["部门", "事项总数", "行政许可", "其他事项"],
                    &counts_by_department(s.catalogue)?,
                )?,
            )],
        },
        Seed {
            department: "区民政局",
            fields: fields(
                "guangan-regions",
                "广安市行政区划（区县、乡镇街道）",
                "广安市所辖区县和乡镇街道的名称与代码，以及上级区划代码。来源：全国行政区划数据（WTFPL）。",
                &["行政区划", "广安市"],
                &["geography"],
                "5116",
            ),
            resources: vec![(
                "广安市行政区划.csv".into(),
                "代码、名称、级别、上级代码".into(),
                csv_text(
                    &["代码", "名称", "级别", "上级代码"],
                    &regions_of(s, "5116")?,
                )?,
            )],
        },
    ];
    let departments = store
        .departments_under(&yiwang_domain::region::RegionCode::parse("5116").map_err(|_| "5116")?)
        .await?;
    for seed in seeds {
        let Some(dept) = departments.iter().find(|d| d.name == seed.department) else {
            continue;
        };
        let now = Timestamp::now();
        let mut tx = store.begin().await?;
        let id = store
            .insert_dataset(&mut tx, dept.id, &seed.fields, None, now)
            .await?;
        for (name, description, bytes) in &seed.resources {
            let parsed = table::parse(bytes).map_err(|e| format!("demo CSV {name}: {e:?}"))?;
            let key = format!(
                "opendata/{}",
                yiwang_domain::ids::DataResourceId::generate()
            );
            files.put(&key, bytes).await?;
            let rid = store
                .insert_data_resource(
                    &mut tx,
                    id,
                    &NewResource {
                        name: name.clone(),
                        description: description.clone(),
                        format: "CSV".into(),
                        url: String::new(),
                        file_key: Some(key),
                        size: Some(bytes.len() as i64),
                    },
                    now,
                )
                .await?;
            let fields: Vec<FieldRow> = parsed
                .fields
                .iter()
                .map(|(n, t)| FieldRow {
                    name: n.clone(),
                    field_type: (*t).into(),
                })
                .collect();
            store
                .load_datastore(&mut tx, rid, &fields, &parsed.rows)
                .await?;
        }
        let d = yiwang_store::opendata::DatasetRow {
            id,
            fields: seed.fields.clone(),
            department: dept.id,
            state: "draft".into(),
            revision: 1,
            created_at: now,
            modified_at: now,
        };
        store
            .touch_dataset(&mut tx, &d, "published", None, "published", now)
            .await?;
        yiwang_store::commit(tx).await?;
    }
    Ok(())
}
