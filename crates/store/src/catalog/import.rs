//! Importing and exporting the catalogue, as CSV (the columns of the national catalogue
//! files: `department,group,name,item_code,task_type,area_code,dept_code`, plus optional
//! `topics,subjects,tags`) or JSON (whole items with their guides).
//!
//! An import is one transaction and idempotent: items are matched by national code (or, for
//! items without one, by department and name), compared, and reported as added, changed or
//! unchanged. Departments named in the file are created if missing; the `group` column
//! becomes a parent item (主项) of its department. A file with a bad line imports nothing and
//! reports every bad line, unless a partial import is asked for, which skips them.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use yiwang_domain::FieldCode;
use yiwang_domain::catalog::{Guide, ItemInput, ItemType, ValidItem};
use yiwang_domain::department::DepartmentInput;
use yiwang_domain::ids::{DepartmentId, ItemId};
use yiwang_domain::region::RegionCode;

use super::{Item, guide_of, item_row};
use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// The `group` value the national files use for "no group".
pub const NO_GROUP: &str = "未分类";

/// One item of an import file, before its department and group are resolved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportItem {
    /// The line (CSV) or entry number (JSON, 1-based) it came from.
    pub line: usize,
    /// The implementing department's name.
    pub department: String,
    /// The department's organisation code, used if the department has to be created.
    pub department_code: String,
    /// The main item it belongs to, by name.
    pub group: Option<String>,
    /// Whether it is itself a main item (JSON only).
    pub is_group: bool,
    /// Its fields; `department` and `parent` are filled in by the import.
    pub input: ItemInput,
    /// Whether the file gives the guide (JSON): otherwise the stored guide is kept.
    pub has_guide: bool,
    /// Whether the file gives tags, topics and subjects: otherwise the stored ones are kept.
    pub has_labels: bool,
}

/// A rejected line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    /// Its line (CSV) or entry number (JSON).
    pub line: usize,
    /// The column or field.
    pub field: String,
    /// Why.
    pub code: FieldCode,
}

/// What an import did (or, if it was refused, would have done nothing at all).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CatalogImportReport {
    /// Items that were new.
    pub added: u64,
    /// Items with a new version.
    pub changed: u64,
    /// Items already as the file has them.
    pub unchanged: u64,
    /// Departments created.
    pub departments_added: u64,
    /// Main items (groups) created.
    pub groups_added: u64,
    /// Bad lines: with any of these and no partial import, nothing was imported.
    pub errors: Vec<LineError>,
    /// Lines skipped by a partial import.
    pub skipped: u64,
}

impl CatalogImportReport {
    /// Whether the import was refused as a whole.
    pub fn refused(&self) -> bool {
        !self.errors.is_empty()
            && self.added + self.changed + self.unchanged == 0
            && self.skipped == 0
    }
}

fn labels(s: &str) -> Vec<String> {
    s.split([';', ',', '；', '，'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads a catalogue CSV. Unreadable lines and missing columns are errors with line numbers.
pub fn parse_csv(text: &str) -> std::result::Result<Vec<ImportItem>, Vec<LineError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => {
            return Err(vec![LineError {
                line: 1,
                field: "header".into(),
                code: FieldCode::InvalidLine,
            }]);
        }
    };
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let mut missing = Vec::new();
    let required = ["department", "name", "task_type", "area_code"];
    for name in required {
        if col(name).is_none() {
            missing.push(LineError {
                line: 1,
                field: name.into(),
                code: FieldCode::Required,
            });
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let get = |rec: &csv::StringRecord, name: &str| {
        col(name)
            .and_then(|i| rec.get(i))
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    let has_labels = col("topics").is_some() || col("subjects").is_some() || col("tags").is_some();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(_) => {
                errors.push(LineError {
                    line,
                    field: "line".into(),
                    code: FieldCode::InvalidLine,
                });
                continue;
            }
        };
        let group = get(&rec, "group");
        out.push(ImportItem {
            line,
            department: get(&rec, "department"),
            department_code: get(&rec, "dept_code"),
            group: (!group.is_empty() && group != NO_GROUP).then_some(group),
            is_group: false,
            input: ItemInput {
                name: get(&rec, "name"),
                code: get(&rec, "item_code"),
                item_type: get(&rec, "task_type"),
                region: get(&rec, "area_code"),
                topics: labels(&get(&rec, "topics")),
                subjects: labels(&get(&rec, "subjects")),
                tags: labels(&get(&rec, "tags")),
                ..ItemInput::default()
            },
            has_guide: false,
            has_labels,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// One item as the JSON format has it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonItem {
    /// National code.
    #[serde(default)]
    pub code: Option<String>,
    /// Name.
    pub name: String,
    /// Type code.
    pub item_type: String,
    /// Department name.
    pub department: String,
    /// Department organisation code.
    #[serde(default)]
    pub department_code: Option<String>,
    /// Region code.
    pub region: String,
    /// Main item name.
    #[serde(default)]
    pub group: Option<String>,
    /// Whether it is a main item.
    #[serde(default)]
    pub is_group: bool,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Topics.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Subjects.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Online-service address.
    #[serde(default)]
    pub online_url: Option<String>,
    /// Active or withdrawn (informational; imports do not withdraw).
    #[serde(default)]
    pub status: Option<String>,
    /// The guide.
    #[serde(default)]
    pub guide: Guide,
}

/// Reads a catalogue JSON file (an array of items). A malformed document is one error; an
/// entry whose guide does not validate is reported by its number.
pub fn parse_json(text: &str) -> std::result::Result<Vec<ImportItem>, Vec<LineError>> {
    let items: Vec<JsonItem> = serde_json::from_str(text).map_err(|e| {
        vec![LineError {
            line: e.line(),
            field: "json".into(),
            code: FieldCode::InvalidLine,
        }]
    })?;
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, j)| {
            let mut input = ItemInput::from_guide(&j.guide);
            input.name = j.name;
            input.code = j.code.unwrap_or_default();
            input.item_type = j.item_type;
            input.region = j.region;
            input.tags = j.tags;
            input.topics = j.topics;
            input.subjects = j.subjects;
            input.online_url = j.online_url.unwrap_or_default();
            ImportItem {
                line: i + 1,
                department: j.department,
                department_code: j.department_code.unwrap_or_default(),
                group: j.group.filter(|g| !g.is_empty() && g != NO_GROUP),
                is_group: j.is_group,
                input,
                has_guide: true,
                has_labels: true,
            }
        })
        .collect())
}

/// The whole catalogue as CSV, in the import columns.
pub fn to_csv(items: &[ExportItem]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::Corrupt(format!("csv: {e}"));
    w.write_record([
        "department",
        "group",
        "name",
        "item_code",
        "task_type",
        "area_code",
        "dept_code",
        "topics",
        "subjects",
        "tags",
    ])
    .map_err(io)?;
    for e in items.iter().filter(|e| !e.json.is_group) {
        let j = &e.json;
        w.write_record([
            j.department.as_str(),
            j.group.as_deref().unwrap_or(NO_GROUP),
            j.name.as_str(),
            j.code.as_deref().unwrap_or(""),
            j.item_type.as_str(),
            j.region.as_str(),
            j.department_code.as_deref().unwrap_or(""),
            &j.topics.join(";"),
            &j.subjects.join(";"),
            &j.tags.join(";"),
        ])
        .map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Corrupt(format!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Corrupt(e.to_string()))
}

/// The whole catalogue as JSON.
pub fn to_json(items: &[ExportItem]) -> Result<String> {
    let list: Vec<&JsonItem> = items.iter().map(|e| &e.json).collect();
    serde_json::to_string_pretty(&list).map_err(|e| Error::Corrupt(e.to_string()))
}

/// An item as exported.
#[derive(Debug, Clone)]
pub struct ExportItem {
    /// Its id.
    pub id: ItemId,
    /// The exported form.
    pub json: JsonItem,
}

struct Existing {
    id: ItemId,
    version: i64,
    valid: ValidItem,
}

fn existing_of(item: &Item) -> Result<ValidItem> {
    let r = &item.row;
    Ok(ValidItem {
        name: r.name.clone(),
        code: r.code.clone(),
        item_type: r.item_type,
        department: r.department,
        region: r.region.clone(),
        parent: r.parent,
        tags: r.tags.clone(),
        topics: r.topics.clone(),
        subjects: r.subjects.clone(),
        online_url: r.online_url.clone(),
        guide: item.guide.clone(),
        note: None,
    })
}

impl Store {
    /// Every item (groups included) in export form, groups first, then by department and name.
    pub async fn export_catalogue(&self) -> Result<Vec<ExportItem>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {}, i.guide, d.code AS department_code, p.name AS group_name {} LEFT JOIN items p ON p.id = i.parent_id
             ORDER BY i.is_group DESC, d.name, i.name, i.id",
            super::ROW_COLUMNS,
            super::FROM
        )))
        .fetch_all(self.db.reader())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let row = item_row(r)?;
            let guide = guide_of(r)?;
            out.push(ExportItem {
                id: row.id,
                json: JsonItem {
                    code: row.code.clone(),
                    name: row.name.clone(),
                    item_type: row.item_type.as_str().to_owned(),
                    department: row.department_name.clone(),
                    department_code: r.opt_text("department_code")?,
                    region: row.region.as_str().to_owned(),
                    group: r.opt_text("group_name")?,
                    is_group: row.is_group,
                    tags: row.tags.iter().map(|t| t.as_str().to_owned()).collect(),
                    topics: row.topics.iter().map(|t| t.as_str().to_owned()).collect(),
                    subjects: row.subjects.iter().map(|t| t.as_str().to_owned()).collect(),
                    online_url: row.online_url.clone(),
                    status: Some(row.status.as_str().to_owned()),
                    guide,
                },
            });
        }
        Ok(out)
    }

    /// Imports parsed items in one transaction (see the module documentation). `by` is
    /// recorded as the publisher of every new version.
    pub async fn import_catalogue(
        &self,
        items: Vec<ImportItem>,
        partial: bool,
        by: &str,
    ) -> Result<CatalogImportReport> {
        let mut report = CatalogImportReport::default();
        let mut tx = self.begin().await?;

        // Departments, by (region, name).
        let mut departments: HashMap<(String, String), DepartmentId> = HashMap::new();
        let mut codes_seen: HashMap<String, usize> = HashMap::new();
        let mut bad_lines: BTreeMap<usize, ()> = BTreeMap::new();
        for it in &items {
            let line_error = |field: &str, code| LineError {
                line: it.line,
                field: field.to_owned(),
                code,
            };
            if it.department.trim().is_empty() {
                report
                    .errors
                    .push(line_error("department", FieldCode::Required));
                bad_lines.insert(it.line, ());
                continue;
            }
            let Ok(region) = RegionCode::parse(&it.input.region) else {
                report
                    .errors
                    .push(line_error("area_code", FieldCode::UnknownRegion));
                bad_lines.insert(it.line, ());
                continue;
            };
            if !it.input.code.trim().is_empty()
                && codes_seen
                    .insert(it.input.code.trim().to_owned(), it.line)
                    .is_some()
            {
                report
                    .errors
                    .push(line_error("item_code", FieldCode::CodeTaken));
                bad_lines.insert(it.line, ());
                continue;
            }
            let key = (region.as_str().to_owned(), it.department.trim().to_owned());
            if departments.contains_key(&key) {
                continue;
            }
            let found =
                sqlx::query("SELECT id FROM departments WHERE region_code = $1 AND name = $2")
                    .bind(key.0.clone())
                    .bind(key.1.clone())
                    .fetch_optional(&mut *tx)
                    .await?;
            let id = match found {
                Some(r) => r.parsed("id")?,
                None => {
                    let input = DepartmentInput {
                        name: key.1.clone(),
                        code: it.department_code.clone(),
                        region: key.0.clone(),
                        ..Default::default()
                    };
                    match self.check_department(&mut tx, &input, None).await {
                        Ok(valid) => {
                            report.departments_added += 1;
                            self.create_department(&mut tx, &valid).await?
                        }
                        Err(Error::Domain(e)) => {
                            for f in e.fields.iter() {
                                let field = if f.field == "region" {
                                    "area_code"
                                } else {
                                    "department"
                                };
                                report.errors.push(line_error(field, f.code));
                            }
                            bad_lines.insert(it.line, ());
                            continue;
                        }
                        Err(e) => return Err(e),
                    }
                }
            };
            departments.insert(key, id);
        }

        // Groups (main items), by (department, name); their type is the commonest of their
        // items' types.
        let mut group_types: BTreeMap<(DepartmentId, String), (String, HashMap<String, u32>)> =
            BTreeMap::new();
        for it in items
            .iter()
            .filter(|it| !bad_lines.contains_key(&it.line) && !it.is_group)
        {
            let (Some(group), Ok(region)) = (&it.group, RegionCode::parse(&it.input.region)) else {
                continue;
            };
            let Some(dep) =
                departments.get(&(region.as_str().to_owned(), it.department.trim().to_owned()))
            else {
                continue;
            };
            let entry = group_types
                .entry((*dep, group.clone()))
                .or_insert_with(|| (region.as_str().to_owned(), HashMap::new()));
            *entry
                .1
                .entry(it.input.item_type.trim().to_owned())
                .or_default() += 1;
        }
        let mut groups: HashMap<(DepartmentId, String), ItemId> = HashMap::new();
        for ((dep, name), (region, types)) in &group_types {
            if let Some(id) = self.find_group(&mut tx, *dep, name).await? {
                groups.insert((*dep, name.clone()), id);
                continue;
            }
            let mut commonest: Vec<(&String, &u32)> = types.iter().collect();
            commonest.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let item_type = commonest
                .first()
                .map(|(t, _)| (*t).clone())
                .filter(|t| ItemType::parse(t).is_some());
            let input = ItemInput {
                name: name.clone(),
                item_type: item_type.unwrap_or_else(|| ItemType::OtherPower.as_str().to_owned()),
                department: dep.to_string(),
                region: region.clone(),
                ..ItemInput::default()
            };
            if let Ok(valid) = self.check_item(&mut tx, &input, None).await {
                let id = self.create_item(&mut tx, &valid, true, by).await?;
                report.groups_added += 1;
                groups.insert((*dep, name.clone()), id);
            }
        }

        // The items themselves.
        for it in &items {
            if bad_lines.contains_key(&it.line) {
                continue;
            }
            let Ok(region) = RegionCode::parse(&it.input.region) else {
                continue;
            };
            let Some(dep) = departments
                .get(&(region.as_str().to_owned(), it.department.trim().to_owned()))
                .copied()
            else {
                continue;
            };
            let parent = it
                .group
                .as_ref()
                .and_then(|g| groups.get(&(dep, g.clone())).copied());
            let mut input = it.input.clone();
            input.department = dep.to_string();
            input.parent = parent.map(|p| p.to_string()).unwrap_or_default();
            let existing = self.find_for_import(&mut tx, it, dep).await?;
            if let Some(e) = &existing {
                // Keep what the file does not carry.
                if !it.has_guide {
                    input = input.with_guide(&e.valid.guide);
                    input.online_url = e.valid.online_url.clone().unwrap_or_default();
                }
                if !it.has_labels {
                    let kept = ItemInput::from_item(&e.valid);
                    (input.tags, input.topics, input.subjects) =
                        (kept.tags, kept.topics, kept.subjects);
                }
            }
            let me = existing.as_ref().map(|e| e.id);
            let valid = match self.check_item(&mut tx, &input, me).await {
                Ok(v) => v,
                Err(Error::Domain(e)) => {
                    for f in e.fields.iter() {
                        report.errors.push(LineError {
                            line: it.line,
                            field: f.field.to_string(),
                            code: f.code,
                        });
                    }
                    bad_lines.insert(it.line, ());
                    continue;
                }
                Err(e) => return Err(e),
            };
            match existing {
                None => {
                    self.create_item(&mut tx, &valid, it.is_group, by).await?;
                    report.added += 1;
                }
                Some(e)
                    if e.valid
                        == ValidItem {
                            note: None,
                            ..valid.clone()
                        } =>
                {
                    report.unchanged += 1
                }
                Some(e) => {
                    let v = ValidItem {
                        note: Some("导入更新".to_owned()),
                        ..valid
                    };
                    self.update_item(&mut tx, e.id, &v, e.version, by).await?;
                    report.changed += 1;
                }
            }
        }

        report.errors.sort_by_key(|e| e.line);
        if !report.errors.is_empty() {
            if !partial {
                tx.rollback().await?;
                return Ok(CatalogImportReport {
                    errors: report.errors,
                    ..CatalogImportReport::default()
                });
            }
            report.skipped = bad_lines.len() as u64;
        }
        crate::commit(tx).await?;
        Ok(report)
    }

    async fn find_group(
        &self,
        tx: &mut Tx,
        dep: DepartmentId,
        name: &str,
    ) -> Result<Option<ItemId>> {
        let row = sqlx::query(
            "SELECT id FROM items WHERE is_group = 1 AND department_id = $1 AND name = $2",
        )
        .bind(dep.to_string())
        .bind(name.to_owned())
        .fetch_optional(&mut **tx)
        .await?;
        row.map(|r| r.parsed("id")).transpose()
    }

    async fn find_for_import(
        &self,
        tx: &mut Tx,
        it: &ImportItem,
        dep: DepartmentId,
    ) -> Result<Option<Existing>> {
        let code = it.input.code.trim();
        let row = if !code.is_empty() {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {}, i.guide {} WHERE i.code = $1",
                super::ROW_COLUMNS,
                super::FROM
            )))
            .bind(code.to_owned())
            .fetch_optional(&mut **tx)
            .await?
        } else {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {}, i.guide {} WHERE i.code IS NULL AND i.department_id = $1 AND i.name = $2 AND i.is_group = $3",
                super::ROW_COLUMNS,
                super::FROM
            )))
            .bind(dep.to_string())
            .bind(it.input.name.trim().to_owned())
            .bind(i64::from(it.is_group))
            .fetch_optional(&mut **tx)
            .await?
        };
        let Some(r) = row else { return Ok(None) };
        let item = Item {
            row: item_row(&r)?,
            guide: guide_of(&r)?,
        };
        Ok(Some(Existing {
            id: item.row.id,
            version: item.row.version,
            valid: existing_of(&item)?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_national_columns_are_read_and_no_group_means_none() {
        let items = parse_csv(
            "department,group,name,item_code,task_type,area_code,dept_code\n区民政局,未分类,婚姻登记,C1,7,511602000000,X\n区民政局,婚姻,补领结婚证,C2,7,511602000000,X\n",
        )
        .unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].group, None);
        assert_eq!(items[1].group.as_deref(), Some("婚姻"));
        assert_eq!(items[1].line, 3);
        assert!(!items[0].has_labels);
    }

    #[test]
    fn missing_columns_and_ragged_lines_are_named() {
        let e = parse_csv("department,name\nA,B\n").unwrap_err();
        assert!(e.iter().any(|l| l.field == "task_type" && l.line == 1));
        let e = parse_csv(
            "department,group,name,item_code,task_type,area_code\nA,B,C,D,1,511602000000\nA,B\n",
        )
        .unwrap_err();
        assert_eq!(e[0].line, 3);
    }

    #[test]
    fn json_entries_are_numbered_and_unknown_fields_refused() {
        let e = parse_json(
            r#"[{"name":"x","item_type":"1","department":"d","region":"511602","colour":"red"}]"#,
        )
        .unwrap_err();
        assert_eq!(e[0].field, "json");
        let ok = parse_json(r#"[{"name":"x","item_type":"1","department":"d","region":"511602","guide":{"fees":"不收费"}}]"#).unwrap();
        assert_eq!(ok[0].input.fees, "不收费");
        assert!(ok[0].has_guide);
    }
}
