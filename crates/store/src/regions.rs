//! The region tree (PRODUCT.md REG-1): imported from the national statistics data, extended by
//! admins with communities under streets.

use std::collections::HashMap;

use serde::Serialize;
use yiwang_domain::region::{RegionCode, RegionLevel, check_region_name};
use yiwang_domain::{Error as DomainError, FieldCode, Timestamp};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// A region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Region {
    /// Its code.
    pub code: RegionCode,
    /// Its name, e.g. 广安区.
    pub name: String,
    /// Its level.
    pub level: RegionLevel,
    /// The region above it.
    pub parent: Option<RegionCode>,
}

/// The four files of the national data set, as CSV text.
pub struct RegionSources<'a> {
    /// `code,name`
    pub provinces: &'a str,
    /// `code,name,provinceCode`
    pub cities: &'a str,
    /// `code,name,cityCode,provinceCode`
    pub areas: &'a str,
    /// `code,name,areaCode,provinceCode,cityCode`
    pub streets: &'a str,
}

/// What an import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Rows that were new.
    pub added: u64,
    /// Rows whose name or parent changed.
    pub changed: u64,
    /// Rows already up to date.
    pub unchanged: u64,
}

/// One parsed row: code, name, parent code.
type RawRegion = (String, String, Option<String>);

fn parse_rows(csv_text: &str, file: &str, parent_col: Option<usize>) -> Result<Vec<RawRegion>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| Error::Corrupt(format!("{file} line {line}: {e}")))?;
        let code = rec.get(0).unwrap_or("").trim();
        let name = rec.get(1).unwrap_or("").trim();
        let code = RegionCode::parse(code)
            .map_err(|_| Error::Corrupt(format!("{file} line {line}: bad code {code:?}")))?;
        let name = check_region_name(name)
            .map_err(|_| Error::Corrupt(format!("{file} line {line}: bad name")))?;
        let parent = match parent_col {
            Some(c) => {
                let p = rec.get(c).unwrap_or("").trim();
                Some(
                    RegionCode::parse(p)
                        .map_err(|_| {
                            Error::Corrupt(format!("{file} line {line}: bad parent {p:?}"))
                        })?
                        .as_str()
                        .to_owned(),
                )
            }
            None => None,
        };
        out.push((code.as_str().to_owned(), name, parent));
    }
    Ok(out)
}

impl Store {
    /// Which of these codes are regions (at most a few hundred at a time).
    pub async fn existing_regions(
        &self,
        codes: &[String],
    ) -> Result<std::collections::HashSet<String>> {
        let mut found = std::collections::HashSet::new();
        for chunk in codes.chunks(100) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT code FROM regions WHERE code IN ({})",
                marks.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for c in chunk {
                q = q.bind(c);
            }
            for r in q.fetch_all(self.db.reader()).await? {
                found.insert(r.text("code")?);
            }
        }
        Ok(found)
    }

    /// Imports the national region tree. Idempotent: running it again changes nothing and
    /// reports every row unchanged. Communities added by admins are never touched.
    pub async fn import_regions(&self, src: &RegionSources<'_>) -> Result<ImportReport> {
        let mut rows = parse_rows(src.provinces, "provinces.csv", None)?;
        rows.extend(parse_rows(src.cities, "cities.csv", Some(2))?);
        rows.extend(parse_rows(src.areas, "areas.csv", Some(2))?);
        rows.extend(parse_rows(src.streets, "streets.csv", Some(2))?);
        // Places without districts (东莞市 4419, 中山市, 儋州市) are listed again as a county
        // with a zero-padded code (441900) that is the same region; 金门县 is listed again as a
        // street. Keep the first, higher-level row: the children then hang under the city.
        let mut seen = std::collections::HashSet::new();
        rows.retain(|(code, _, _)| seen.insert(code.clone()));

        let existing: HashMap<String, (String, Option<String>)> =
            sqlx::query("SELECT code, name, parent_code FROM regions")
                .fetch_all(self.db.reader())
                .await?
                .iter()
                .map(|r| {
                    Ok((
                        r.text("code")?,
                        (r.text("name")?, r.opt_text("parent_code")?),
                    ))
                })
                .collect::<Result<_>>()?;

        let mut report = ImportReport::default();
        let mut pending: Vec<&RawRegion> = Vec::new();
        for row in &rows {
            match existing.get(&row.0) {
                None => {
                    report.added += 1;
                    pending.push(row);
                }
                Some((name, parent)) if *name != row.1 || *parent != row.2 => {
                    report.changed += 1;
                    pending.push(row);
                }
                Some(_) => report.unchanged += 1,
            }
        }
        // Parents before children: the rows are already ordered province → street.
        let now = Timestamp::now().millis();
        let mut tx = self.begin().await?;
        for chunk in pending.chunks(200) {
            let mut sql = String::from(
                "INSERT INTO regions (code, name, level, parent_code, source, created_at, updated_at) VALUES ",
            );
            for i in 0..chunk.len() {
                let b = i * 4;
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!(
                    "(${}, ${}, ${}, ${}, 'national', ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    chunk.len() * 4 + 1,
                    chunk.len() * 4 + 1
                ));
            }
            sql.push_str(" ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code, updated_at = excluded.updated_at");
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (code, name, parent) in chunk.iter().copied() {
                let level = RegionCode::parse(code)
                    .map(|c| c.level())
                    .unwrap_or(RegionLevel::Community);
                q = q
                    .bind(code.clone())
                    .bind(name.clone())
                    .bind(level.as_str())
                    .bind(parent.clone());
            }
            q.bind(now).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(report)
    }

    /// One region.
    pub async fn region(&self, code: &RegionCode) -> Result<Region> {
        let row = sqlx::query("SELECT code, name, level, parent_code FROM regions WHERE code = $1")
            .bind(code.as_str().to_owned())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        region_row(&row)
    }

    /// Whether a region exists.
    pub async fn region_exists(&self, code: &RegionCode) -> Result<bool> {
        Ok(sqlx::query("SELECT 1 AS x FROM regions WHERE code = $1")
            .bind(code.as_str().to_owned())
            .fetch_optional(self.db.reader())
            .await?
            .is_some())
    }

    /// The regions directly below one, by code.
    pub async fn region_children(&self, code: &RegionCode) -> Result<Vec<Region>> {
        let rows = sqlx::query("SELECT code, name, level, parent_code FROM regions WHERE parent_code = $1 ORDER BY code")
            .bind(code.as_str().to_owned())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(region_row).collect()
    }

    /// The provinces.
    pub async fn provinces(&self) -> Result<Vec<Region>> {
        let rows = sqlx::query("SELECT code, name, level, parent_code FROM regions WHERE parent_code IS NULL ORDER BY code")
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(region_row).collect()
    }

    /// A region and every region above it, top down (for breadcrumbs and full addresses).
    pub async fn region_path(&self, code: &RegionCode) -> Result<Vec<Region>> {
        let mut out = Vec::new();
        for c in code.ancestors_and_self() {
            if let Ok(r) = self.region(&c).await {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// The names of many regions at once (for breadcrumbs of a list of results).
    pub async fn region_names(&self, codes: &[RegionCode]) -> Result<HashMap<RegionCode, String>> {
        let mut out = HashMap::new();
        for chunk in codes.chunks(200) {
            let list = (1..=chunk.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT code, name FROM regions WHERE code IN ({list})"
            )));
            for c in chunk {
                q = q.bind(c.as_str().to_owned());
            }
            for r in q.fetch_all(self.db.reader()).await? {
                if let Ok(code) = RegionCode::parse(&r.text("code")?) {
                    out.insert(code, r.text("name")?);
                }
            }
        }
        Ok(out)
    }

    /// A region and every region inside it, shallowest first (for the search index).
    pub async fn regions_under(&self, under: &RegionCode) -> Result<Vec<Region>> {
        let (from, to) = subtree_range(under);
        let rows = sqlx::query(
            "SELECT code, name, level, parent_code FROM regions
             WHERE code >= $1 AND code < $2 ORDER BY LENGTH(code), code",
        )
        .bind(from)
        .bind(to)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(region_row).collect()
    }

    /// Regions inside `under` whose name contains `q`, shallowest first.
    pub async fn search_regions(
        &self,
        q: &str,
        under: &RegionCode,
        limit: i64,
    ) -> Result<Vec<Region>> {
        let pattern = format!("%{}%", escape_like(q));
        let (from, to) = subtree_range(under);
        let rows = sqlx::query(
            "SELECT code, name, level, parent_code FROM regions
             WHERE code >= $1 AND code < $2 AND name LIKE $3 ESCAPE '\\' ORDER BY LENGTH(code), code LIMIT $4",
        )
        .bind(from)
        .bind(to)
        .bind(pattern)
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(region_row).collect()
    }

    /// Adds a community (社区/村) under a street or township. The code is the street's code
    /// plus three digits: the given ones, or the next free ones.
    pub async fn add_community(
        &self,
        tx: &mut Tx,
        street: &RegionCode,
        name: &str,
        suffix: Option<&str>,
    ) -> Result<Region> {
        let name = check_region_name(name).map_err(|c| DomainError::field("name", c))?;
        if street.level() != RegionLevel::Township {
            return Err(Error::field("parent", FieldCode::WrongRegionLevel));
        }
        let exists = sqlx::query("SELECT 1 AS x FROM regions WHERE code = $1")
            .bind(street.as_str().to_owned())
            .fetch_optional(&mut **tx)
            .await?;
        if exists.is_none() {
            return Err(Error::field("parent", FieldCode::UnknownRegion));
        }
        let siblings = sqlx::query("SELECT code, name FROM regions WHERE parent_code = $1")
            .bind(street.as_str().to_owned())
            .fetch_all(&mut **tx)
            .await?;
        let mut used = Vec::new();
        for r in &siblings {
            if r.text("name")? == name {
                return Err(Error::field("name", FieldCode::CodeTaken));
            }
            used.push(r.text("code")?);
        }
        let code = match suffix.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => {
                if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_digit()) || s == "000" {
                    return Err(Error::field("suffix", FieldCode::InvalidCharacters));
                }
                format!("{}{s}", street.as_str())
            }
            None => (1..=999)
                .map(|n| format!("{}{n:03}", street.as_str()))
                .find(|c| !used.contains(c))
                .ok_or_else(|| Error::field("suffix", FieldCode::OutOfRange))?,
        };
        if used.contains(&code) {
            return Err(Error::field("suffix", FieldCode::CodeTaken));
        }
        let now = Timestamp::now().millis();
        sqlx::query(
            "INSERT INTO regions (code, name, level, parent_code, source, created_at, updated_at) VALUES ($1, $2, 'community', $3, 'admin', $4, $4)",
        )
        .bind(code.clone())
        .bind(name.clone())
        .bind(street.as_str().to_owned())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        let code = RegionCode::parse(&code).map_err(|_| Error::Corrupt("community code".into()))?;
        Ok(Region {
            code,
            name,
            level: RegionLevel::Community,
            parent: Some(street.clone()),
        })
    }

    /// The number of regions (for the readiness of a fresh deployment).
    pub async fn count_regions(&self) -> Result<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM regions")
            .fetch_one(self.db.reader())
            .await?
            .int("n")
    }
}

fn region_row(r: &sqlx::any::AnyRow) -> Result<Region> {
    let code =
        RegionCode::parse(&r.text("code")?).map_err(|_| Error::Corrupt("region code".into()))?;
    let parent = match r.opt_text("parent_code")? {
        Some(p) => Some(RegionCode::parse(&p).map_err(|_| Error::Corrupt("parent code".into()))?),
        None => None,
    };
    Ok(Region {
        code,
        name: r.text("name")?,
        level: named("level", &r.text("level")?, RegionLevel::parse)?,
        parent,
    })
}

/// The codes of a region subtree as a half-open range `[code, code + ":")`: codes are digits
/// and `:` sorts right after `9`, so every code with the prefix falls inside. Unlike
/// `LIKE 'prefix%'`, a range uses the primary-key index on both SQLite and PostgreSQL
/// (whatever the collation).
pub(crate) fn subtree_range(root: &RegionCode) -> (String, String) {
    (root.as_str().to_owned(), format!("{}:", root.as_str()))
}

/// Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern.
pub(crate) fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
