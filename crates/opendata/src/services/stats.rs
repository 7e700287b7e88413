//! The platform's own data, live (DATA-3): three datasets the platform publishes about itself
//! — applications (received, completed, working days taken, on-time rate, satisfaction) by
//! item, department, region and month; inquiries (received, response, on-time and
//! satisfaction rates) by category and month; and searches that found nothing — rebuilt from
//! the cases, inquiries and the search counter by the daily job and on a steward's request,
//! each table a CSV resource loaded into the datastore so the pages, `datastore_search` and
//! the CKAN API serve it.
//!
//! Owner: the deployment's 政务服务和大数据管理局 (government services and big-data
//! administration) in the root region — the body that runs a one-stop platform in Chinese
//! cities — found by name, and created on the first run if the deployment has none.
//!
//! Nothing in them identifies a person: `domain::open_stats` states the rule (every cell rests
//! on at least 5 people; rare rows merge into 其他; search terms need 5 searches and no run of
//! 6 digits) and this module applies it to every cell it writes.

use std::collections::BTreeMap;

use yiwang_domain::Timestamp;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::deadline::Calendar;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::open_stats::{self as rule, Figure, Group};
use yiwang_files::FileStore;
use yiwang_kit::audit::{Target, record_as};
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::audit::AuditActor;
use yiwang_store::opendata::{DatasetFields, FieldRow, NewResource};
use yiwang_store::opendata_stats::{CaseFact, InquiryFact};

use crate::table;

/// The owning department's name.
pub const OWNER: &str = "政务服务和大数据管理局";

/// The datasets' URL names.
pub const APPLICATIONS: &str = "platform-applications";
/// Inquiries.
pub const INQUIRIES: &str = "platform-inquiries";
/// Searches that found nothing.
pub const SEARCH_MISSES: &str = "platform-search-misses";

/// The most no-result terms published.
const MAX_TERMS: i64 = 1000;

/// One table of a dataset, as CSV text.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The resource's name.
    pub name: &'static str,
    /// Its file name.
    pub file: &'static str,
    /// The CSV text (UTF-8).
    pub csv: String,
}

/// A dataset the platform publishes about itself.
#[derive(Debug, Clone)]
pub struct Published {
    /// Its fields.
    pub fields: DatasetFields,
    /// Its tables.
    pub sheets: Vec<Sheet>,
}

fn csv_text(header: &[&str], rows: &[Vec<String>]) -> Result<String, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(Error::internal)?;
    for r in rows {
        w.write_record(r).map_err(Error::internal)?;
    }
    let bytes = w.into_inner().map_err(Error::internal)?;
    String::from_utf8(bytes).map_err(Error::internal)
}

fn pct(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| 100.0 * part / whole)
}

/// Which statuses count as 办结 (decided: a result, approving or not).
fn decided(state: &str) -> bool {
    matches!(state, "approved" | "denied" | "completed")
}

// The figures of an application group, in this order.
const F_COMPLETED: usize = 0;
const F_DAYS: usize = 1; // n: decided accepted cases, sum: working days
const F_ON_TIME: usize = 2; // n: as above, sum: within their limit
const F_RATING: usize = 3; // n: ratings, sum: scores
const F_GOOD: usize = 4; // n: ratings, sum: 基本满意 or better

const CASE_HEADER: &[&str] = &[
    "received",
    "completed",
    "avg_working_days",
    "on_time_pct",
    "ratings",
    "avg_rating",
    "satisfaction_pct",
];

/// One case's contribution to its groups.
fn case_figures(
    c: &CaseFact,
    calendar: &Calendar,
    pauses: &[yiwang_domain::deadline::Pause],
) -> Vec<Figure> {
    let mut f = vec![Figure::default(); 5];
    if let (true, Some(at)) = (decided(&c.state), c.decided_at) {
        f[F_COMPLETED].add(1.0);
        if let Some(start) = c.accepted_on {
            let days = calendar.working_days_between(start, at.beijing_date(), pauses);
            f[F_DAYS].add(f64::from(days));
            let on_time = c.limit_days.is_none_or(|l| i64::from(days) <= l);
            f[F_ON_TIME].add(if on_time { 1.0 } else { 0.0 });
        }
    }
    if let Some(level) = c.rating {
        f[F_RATING].add(level as f64);
        f[F_GOOD].add(if level >= 3 { 1.0 } else { 0.0 });
    }
    f
}

fn case_row(g: &Group) -> Vec<String> {
    let f = &g.figures;
    vec![
        rule::count_cell(g.base),
        rule::count_cell(f[F_COMPLETED].n),
        rule::derived_cell(f[F_DAYS].n, f[F_DAYS].mean(), 1),
        rule::derived_cell(
            f[F_ON_TIME].n,
            pct(f[F_ON_TIME].sum, f[F_ON_TIME].n as f64),
            1,
        ),
        rule::count_cell(f[F_RATING].n),
        rule::derived_cell(f[F_RATING].n, f[F_RATING].mean(), 2),
        rule::derived_cell(f[F_GOOD].n, pct(f[F_GOOD].sum, f[F_GOOD].n as f64), 1),
    ]
}

/// Groups facts by a key, adding each one's figures; keys in order.
fn group_by<T>(
    facts: &[T],
    key: impl Fn(&T) -> (String, String),
    figures: impl Fn(&T) -> Vec<Figure>,
) -> Vec<Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for x in facts {
        let (k, label) = key(x);
        let fx = figures(x);
        let g = groups.entry(k.clone()).or_insert_with(|| Group {
            key: k,
            label,
            base: 0,
            figures: vec![Figure::default(); fx.len()],
        });
        g.base += 1;
        for (a, b) in g.figures.iter_mut().zip(fx) {
            a.merge(b);
        }
    }
    groups.into_values().collect()
}

/// A table of groups with the rule applied: the rare rows merged into 其他 (last, with an
/// empty key), then each row as its key (when `with_key`), its label and `row`'s cells.
fn sheet_rows(
    groups: Vec<Group>,
    with_key: bool,
    row: impl Fn(&Group) -> Vec<String>,
) -> Vec<Vec<String>> {
    rule::merge_rare(groups, "其他")
        .iter()
        .map(|g| {
            let mut r = Vec::new();
            if with_key {
                r.push(if g.key == rule::OTHER_KEY {
                    String::new()
                } else {
                    g.key.clone()
                });
            }
            r.push(g.label.clone());
            r.extend(row(g));
            r
        })
        .collect()
}

fn with_header(first: &[&'static str], rest: &[&'static str]) -> Vec<&'static str> {
    first.iter().chain(rest).copied().collect()
}

/// The applications' tables from the cases (pure: the rule applied to every cell).
pub fn application_sheets(
    cases: &[CaseFact],
    calendar: &Calendar,
    pauses: &std::collections::HashMap<String, Vec<yiwang_domain::deadline::Pause>>,
) -> Result<Vec<Sheet>, Error> {
    let none = Vec::new();
    let figures = |c: &CaseFact| case_figures(c, calendar, pauses.get(&c.id).unwrap_or(&none));
    let by = |key: &dyn Fn(&CaseFact) -> (String, String)| group_by(cases, key, figures);
    let month = |c: &CaseFact| {
        let d = c.submitted_at.beijing_date();
        let m = format!("{:04}-{:02}", d.year(), u8::from(d.month()));
        (m.clone(), m)
    };
    Ok(vec![
        Sheet {
            name: "按事项统计",
            file: "applications-by-item.csv",
            csv: csv_text(
                &with_header(&["item_code", "item"], CASE_HEADER),
                &sheet_rows(
                    by(&|c| (c.item_key.clone(), c.item.clone())),
                    true,
                    case_row,
                ),
            )?,
        },
        Sheet {
            name: "按部门统计",
            file: "applications-by-department.csv",
            csv: csv_text(
                &with_header(&["department"], CASE_HEADER),
                &sheet_rows(
                    by(&|c| (c.department_id.clone(), c.department.clone())),
                    false,
                    case_row,
                ),
            )?,
        },
        Sheet {
            name: "按地区统计",
            file: "applications-by-region.csv",
            csv: csv_text(
                &with_header(&["region_code", "region"], CASE_HEADER),
                &sheet_rows(
                    by(&|c| (c.region_code.clone(), c.region.clone())),
                    true,
                    case_row,
                ),
            )?,
        },
        Sheet {
            name: "按月份统计",
            file: "applications-by-month.csv",
            csv: csv_text(
                &with_header(&["month"], CASE_HEADER),
                &sheet_rows(by(&month), false, case_row),
            )?,
        },
    ])
}

// The figures of an inquiry group.
const I_REPLIED: usize = 0;
const I_ON_TIME: usize = 1; // n: replied with a due day, sum: by it
const I_GOOD: usize = 2; // n: verdicts, sum: satisfied or basically

const INQUIRY_HEADER: &[&str] = &[
    "received",
    "replied",
    "response_pct",
    "on_time_pct",
    "ratings",
    "satisfaction_pct",
];

fn inquiry_figures(i: &InquiryFact) -> Vec<Figure> {
    let mut f = vec![Figure::default(); 3];
    if let Some(on) = i.replied_on {
        f[I_REPLIED].add(1.0);
        if let Some(due) = i.reply_due {
            f[I_ON_TIME].add(if on <= due { 1.0 } else { 0.0 });
        }
    }
    for v in &i.verdicts {
        f[I_GOOD].add(if v == "unsatisfied" { 0.0 } else { 1.0 });
    }
    f
}

fn inquiry_row(g: &Group) -> Vec<String> {
    let f = &g.figures;
    vec![
        rule::count_cell(g.base),
        rule::count_cell(f[I_REPLIED].n),
        rule::derived_cell(g.base, pct(f[I_REPLIED].n as f64, g.base as f64), 1),
        rule::derived_cell(
            f[I_ON_TIME].n,
            pct(f[I_ON_TIME].sum, f[I_ON_TIME].n as f64),
            1,
        ),
        rule::count_cell(f[I_GOOD].n),
        rule::derived_cell(f[I_GOOD].n, pct(f[I_GOOD].sum, f[I_GOOD].n as f64), 1),
    ]
}

fn category_name(definition: &str, code: &str) -> String {
    serde_json::from_str::<serde_json::Value>(definition)
        .ok()
        .and_then(|v| v["name"]["zh"].as_str().map(str::to_owned))
        .unwrap_or_else(|| code.to_owned())
}

/// The inquiries' tables (pure).
pub fn inquiry_sheets(inquiries: &[InquiryFact]) -> Result<Vec<Sheet>, Error> {
    let category = |i: &InquiryFact| {
        (
            i.category.clone(),
            category_name(&i.category_definition, &i.category),
        )
    };
    let month = |i: &InquiryFact| {
        let m = i.submitted_on.map_or_else(String::new, |d| {
            format!("{:04}-{:02}", d.year(), u8::from(d.month()))
        });
        (m.clone(), m)
    };
    Ok(vec![
        Sheet {
            name: "按类别统计",
            file: "inquiries-by-category.csv",
            csv: csv_text(
                &with_header(&["category_code", "category"], INQUIRY_HEADER),
                &sheet_rows(
                    group_by(inquiries, category, inquiry_figures),
                    true,
                    inquiry_row,
                ),
            )?,
        },
        Sheet {
            name: "按月份统计",
            file: "inquiries-by-month.csv",
            csv: csv_text(
                &with_header(&["month"], INQUIRY_HEADER),
                &sheet_rows(
                    group_by(inquiries, month, inquiry_figures),
                    false,
                    inquiry_row,
                ),
            )?,
        },
    ])
}

/// The no-result search terms' table: only terms the rule lets through.
pub fn search_miss_sheet(totals: &[(String, i64, i64)]) -> Result<Sheet, Error> {
    let rows: Vec<Vec<String>> = totals
        .iter()
        .filter(|(t, n, _)| rule::term_publishable(t, *n))
        .map(|(t, n, d)| vec![t.clone(), n.to_string(), d.to_string()])
        .collect();
    Ok(Sheet {
        name: "无结果搜索词",
        file: "search-misses.csv",
        csv: csv_text(&["term", "searches", "days"], &rows)?,
    })
}

fn fields(name: &str, title: &str, notes: &str, tags: &[&str], root: &str) -> DatasetFields {
    DatasetFields {
        name: name.into(),
        title: title.into(),
        notes: notes.into(),
        license_id: "cc-by-4.0".into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        groups: vec!["government-services".into()],
        frequency: "daily".into(),
        temporal_start: None,
        temporal_end: None,
        region: Some(root.into()),
        contact: OWNER.into(),
        version: "1".into(),
    }
}

const RULE_NOTE: &str = "隐私规则：每个单元格至少基于 5 件（人次）计算；不足 5 件的行合并为“其他”，不足 5 的计数显示为“<5”，由其计算的用时、比率留空。";

/// Everything the platform publishes about itself, as of now (reads only).
pub async fn build(app: &AppState) -> Result<Vec<Published>, Error> {
    let root = app.config.root_region.as_str().to_owned();
    let calendar = app.store.calendar().await?;
    let cases = app.store.case_facts().await?;
    let pauses = app.store.decided_case_pauses().await?;
    let inquiries = app.store.inquiry_facts().await?;
    let misses = app.store.search_miss_totals(rule::K, MAX_TERMS).await?;
    Ok(vec![
        Published {
            fields: fields(
                APPLICATIONS,
                "政务服务办件统计",
                &format!(
                    "本平台收到和办结的申请：收件数、办结数（准予、不予或已送达结果）、平均用时（受理次日起的工作日，不含暂停）、按时办结率、评价数、平均评分（1–5）和满意率（基本满意及以上），按事项、部门、地区和月份（申请提交的月份）统计，每日更新。{RULE_NOTE}"
                ),
                &["政务服务", "办件统计", "好差评"],
                &root,
            ),
            sheets: application_sheets(&cases, &calendar, &pauses)?,
        },
        Published {
            fields: fields(
                INQUIRIES,
                "问政统计",
                &format!(
                    "本平台收到的问政、投诉和建议：收件数、答复数、答复率、按时答复率、评价数和满意率（满意或基本满意），按类别和月份统计，每日更新。{RULE_NOTE}"
                ),
                &["问政", "12345", "满意率"],
                &root,
            ),
            sheets: inquiry_sheets(&inquiries)?,
        },
        Published {
            fields: fields(
                SEARCH_MISSES,
                "无结果搜索词",
                "在本平台搜索后没有找到结果的词，按累计次数排列，每日更新，供改进事项名称和搜索同义词。只保存规范化后的词和每日次数，不保存会话、地址或账号；含 6 位以上连续数字的词（电话、证件号）不计入；累计少于 5 次的词不公开。实例崩溃时最多丢失一个汇总周期的计数。",
                &["搜索", "政务服务"],
                &root,
            ),
            sheets: vec![search_miss_sheet(&misses)?],
        },
    ])
}

fn system() -> AuditActor {
    AuditActor {
        id: None,
        name: "system".into(),
        org: None,
    }
}

/// The owning department: the root region's 政务服务和大数据管理局, created if missing.
pub async fn owner(app: &AppState) -> Result<DepartmentId, Error> {
    let root = app.config.root_region.clone();
    let existing = app
        .store
        .departments_under(&root)
        .await?
        .into_iter()
        .find(|d| d.name == OWNER && d.region == root);
    if let Some(d) = existing {
        return Ok(d.id);
    }
    let mut tx = app.store.begin().await?;
    let input = yiwang_domain::department::DepartmentInput {
        name: OWNER.into(),
        region: root.as_str().into(),
        ..Default::default()
    };
    let valid = app.store.check_department(&mut tx, &input, None).await?;
    let id = app.store.create_department(&mut tx, &valid).await?;
    record_as(
        &app.store,
        &mut tx,
        system(),
        AuditAction::DepartmentCreated,
        Target {
            kind: Some("department"),
            id: Some(id.to_string()),
            department: Some(id),
            detail: Some(serde_json::json!({ "why": "owner of the platform's open statistics" })),
            ..Default::default()
        },
        "opendata_stats",
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(id)
}

/// Rebuilds and republishes the platform's datasets. Returns how many tables were written.
pub async fn refresh(app: &AppState) -> Result<usize, Error> {
    let owner = owner(app).await?;
    let files = app.part::<FileStore>()?.clone();
    let mut written = 0;
    for p in build(app).await? {
        written += publish(app, &files, owner, p).await?;
    }
    Ok(written)
}

async fn publish(
    app: &AppState,
    files: &FileStore,
    owner: DepartmentId,
    p: Published,
) -> Result<usize, Error> {
    let fields = crate::rules::check(p.fields, &crate::services::catalog::licences(app))?;
    // Files first: a crash before the commit leaves the previous rows, which the next run
    // replaces.
    let mut parsed = Vec::new();
    for s in &p.sheets {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(s.csv.as_bytes());
        let t = table::parse(&bytes)
            .map_err(|e| Error::Internal(format!("statistics table {}: {e:?}", s.file)))?;
        // File store keys have no dots: the file's name without its extension.
        let stem = s.file.trim_end_matches(".csv");
        let key = format!("opendata/platform/{}/{stem}", fields.name);
        files.put(&key, &bytes).await.map_err(Error::internal)?;
        parsed.push((s, key, bytes.len() as i64, t));
    }
    let now = Timestamp::now();
    let mut tx = app.store.begin().await?;
    let d = match app.store.dataset(&fields.name).await? {
        Some(d) if d.department == owner => {
            // A new text (a later release) is an edit; the daily refresh alone is not.
            if serde_json::to_value(&d.fields).ok() != serde_json::to_value(&fields).ok() {
                app.store
                    .update_dataset(&mut tx, d.id, d.revision, &fields, None, now)
                    .await?;
            }
            d
        }
        // A steward's dataset took the name: leave it alone.
        Some(_) => {
            return Err(Error::Internal(format!(
                "dataset name {} taken",
                fields.name
            )));
        }
        None => {
            let id = app
                .store
                .insert_dataset(&mut tx, owner, &fields, None, now)
                .await?;
            yiwang_store::opendata::DatasetRow {
                id,
                fields: fields.clone(),
                department: owner,
                state: "draft".into(),
                revision: 1,
                created_at: now,
                modified_at: now,
            }
        }
    };
    let existing = app.store.data_resources().await?;
    for (s, key, size, t) in &parsed {
        let found = existing
            .iter()
            .find(|r| r.dataset == d.id && r.file_key.as_deref() == Some(key.as_str()));
        let id = match found {
            Some(r) => {
                app.store
                    .refresh_data_resource(&mut tx, r.id, *size, now)
                    .await?;
                r.id
            }
            None => {
                app.store
                    .insert_data_resource(
                        &mut tx,
                        d.id,
                        &NewResource {
                            name: s.name.into(),
                            description: String::new(),
                            format: "CSV".into(),
                            url: String::new(),
                            file_key: Some(key.clone()),
                            size: Some(*size),
                        },
                        now,
                    )
                    .await?
            }
        };
        let fields: Vec<FieldRow> = t
            .fields
            .iter()
            .map(|(n, ty)| FieldRow {
                name: n.clone(),
                field_type: (*ty).into(),
            })
            .collect();
        app.store
            .load_datastore(&mut tx, id, &fields, &t.rows)
            .await?;
    }
    let d = yiwang_store::opendata::DatasetRow { fields, ..d };
    app.store
        .touch_dataset(&mut tx, &d, "published", None, "refreshed", now)
        .await?;
    crate::services::steward::record_index_change(app, &mut tx, &d).await?;
    record_as(
        &app.store,
        &mut tx,
        system(),
        AuditAction::DatasetChanged,
        Target {
            kind: Some("dataset"),
            id: Some(d.id.to_string()),
            department: Some(owner),
            detail: Some(serde_json::json!({ "change": "refreshed", "name": d.fields.name })),
            ..Default::default()
        },
        "opendata_stats",
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(parsed.len())
}

/// A steward's "update now": enqueues the same job the daily schedule runs (at most one per
/// minute however often the button is pressed). Returns whether a job was enqueued.
pub async fn request_refresh(
    app: &AppState,
    caller: &yiwang_kit::caller::Caller,
) -> Result<bool, Error> {
    if !yiwang_domain::auth::allows_somewhere(
        caller.principal.actor(),
        yiwang_domain::auth::Permission::PublishData,
    ) {
        return Err(Error::forbidden());
    }
    let minute = Timestamp::now().millis() / 60_000;
    let mut tx = app.store.begin().await?;
    let queued = app
        .store
        .enqueue(
            &mut tx,
            yiwang_store::jobs::NewJob::now(crate::jobs::STATS, serde_json::json!({}))
                .dedupe(format!("{}:asked:{minute}", crate::jobs::STATS)),
        )
        .await?
        .is_some();
    yiwang_kit::audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::DatasetChanged,
        Target {
            kind: Some("dataset"),
            detail: Some(serde_json::json!({ "change": "refresh_requested", "queued": queued })),
            ..Default::default()
        },
    )
    .await?;
    app.wake_jobs.notify_one();
    Ok(queued)
}
