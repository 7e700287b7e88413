//! Departments (部门): created and edited by admins, imported from the catalogue file.

use std::collections::HashMap;

use serde::Serialize;
use yiwang_domain::department::{DepartmentInput, ValidDepartment};
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::paging::Page;
use yiwang_domain::region::{RegionCode, RegionLevel};
use yiwang_domain::{FieldCode, Timestamp};

use crate::catalog::changes::ChangeKind;
use crate::regions::{ImportReport, escape_like, subtree_range};
use crate::row::{RowExt, conflict_or_missing, named};
use crate::{Error, Result, Store, Tx};

/// A department.
#[derive(Debug, Clone, Serialize)]
pub struct Department {
    /// Its id.
    pub id: DepartmentId,
    /// Its name.
    pub name: String,
    /// Its organisation code.
    pub code: Option<String>,
    /// Its region.
    pub region: RegionCode,
    /// The region's name.
    pub region_name: String,
    /// Its level (the region's).
    pub level: RegionLevel,
    /// Contact telephone.
    pub phone: Option<String>,
    /// Office address.
    pub address: Option<String>,
    /// Opening hours.
    pub hours: Option<String>,
    /// Edit counter for optimistic concurrency: an edit must name the version it started from.
    pub version: i64,
    /// Last change.
    pub updated_at: Timestamp,
}

const SELECT: &str = "SELECT d.id, d.name, d.code, d.region_code, r.name AS region_name, d.level, d.phone, d.address, d.hours, d.version, d.updated_at
                      FROM departments d JOIN regions r ON r.code = d.region_code";

impl Store {
    /// Creates a department checked by [`Store::check_department`] in the same transaction.
    pub async fn create_department(
        &self,
        tx: &mut Tx,
        d: &ValidDepartment,
    ) -> Result<DepartmentId> {
        let id = DepartmentId::generate();
        let now = Timestamp::now().millis();
        sqlx::query(
            "INSERT INTO departments (id, name, code, region_code, level, phone, address, hours, active, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, 1, $9, $9)",
        )
        .bind(id.to_string())
        .bind(d.name.clone())
        .bind(d.code.clone())
        .bind(d.region.as_str().to_owned())
        .bind(d.level.as_str())
        .bind(d.phone.clone())
        .bind(d.address.clone())
        .bind(d.hours.clone())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        self.record_change(tx, ChangeKind::Department, &id.to_string())
            .await?;
        Ok(id)
    }

    /// Edits a department, checked by [`Store::check_department`] in the same transaction.
    /// `expected_version` is the version the editor started from; if someone saved in between,
    /// the edit is refused with `conflict` and nothing changes.
    pub async fn update_department(
        &self,
        tx: &mut Tx,
        id: DepartmentId,
        d: &ValidDepartment,
        expected_version: i64,
    ) -> Result<()> {
        let n = sqlx::query(
            "UPDATE departments SET name = $1, code = $2, region_code = $3, level = $4, phone = $5, address = $6, hours = $7,
             version = version + 1, updated_at = $8 WHERE id = $9 AND version = $10",
        )
        .bind(d.name.clone())
        .bind(d.code.clone())
        .bind(d.region.as_str().to_owned())
        .bind(d.level.as_str())
        .bind(d.phone.clone())
        .bind(d.address.clone())
        .bind(d.hours.clone())
        .bind(Timestamp::now().millis())
        .bind(id.to_string())
        .bind(expected_version)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if n == 1 {
            return self
                .record_change(tx, ChangeKind::Department, &id.to_string())
                .await;
        }
        Err(conflict_or_missing(
            tx,
            "SELECT 1 AS x FROM departments WHERE id = $1",
            id.to_string(),
        )
        .await?)
    }

    /// Checks a department completely — its fields (domain rules) and its references (the
    /// region exists; the name is unique in the region; the code is unique) — and reports every
    /// problem at once. `me` is the department being edited, if any.
    pub async fn check_department(
        &self,
        tx: &mut Tx,
        input: &DepartmentInput,
        me: Option<DepartmentId>,
    ) -> Result<ValidDepartment> {
        let (valid, mut errors) = match input.validate() {
            Ok(v) => (Some(v), yiwang_domain::FieldErrors::new()),
            Err(e) => (None, e.fields),
        };
        let me = me.map(|m| m.to_string()).unwrap_or_default();
        if let Ok(region) = RegionCode::parse(&input.region) {
            let exists = sqlx::query("SELECT 1 AS x FROM regions WHERE code = $1")
                .bind(region.as_str().to_owned())
                .fetch_optional(&mut **tx)
                .await?;
            if exists.is_none() {
                errors.add("region", FieldCode::UnknownRegion);
            }
        }
        if let Some(v) = &valid {
            let same_name = sqlx::query(
                "SELECT 1 AS x FROM departments WHERE region_code = $1 AND name = $2 AND id <> $3",
            )
            .bind(v.region.as_str().to_owned())
            .bind(v.name.clone())
            .bind(me.clone())
            .fetch_optional(&mut **tx)
            .await?;
            if same_name.is_some() {
                errors.add("name", FieldCode::CodeTaken);
            }
            if let Some(code) = &v.code {
                let same_code =
                    sqlx::query("SELECT 1 AS x FROM departments WHERE code = $1 AND id <> $2")
                        .bind(code.clone())
                        .bind(me)
                        .fetch_optional(&mut **tx)
                        .await?;
                if same_code.is_some() {
                    errors.add("code", FieldCode::CodeTaken);
                }
            }
        }
        match valid {
            Some(v) if errors.is_empty() => Ok(v),
            _ => Err(yiwang_domain::Error::invalid(errors).into()),
        }
    }

    /// One department.
    pub async fn department(&self, id: DepartmentId) -> Result<Department> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE d.id = $1")))
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        department_row(&row)
    }

    /// Every active department in a region subtree (for the search index).
    pub async fn departments_under(&self, under: &RegionCode) -> Result<Vec<Department>> {
        let (from, to) = subtree_range(under);
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE d.region_code >= $1 AND d.region_code < $2 AND d.active = 1 ORDER BY d.region_code, d.name"
        )))
        .bind(from)
        .bind(to)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(department_row).collect()
    }

    /// Departments in a region subtree whose name contains `q`, by region then name.
    pub async fn list_departments(
        &self,
        under: &RegionCode,
        q: &str,
        page: Page,
    ) -> Result<(Vec<Department>, i64)> {
        let (from, to) = subtree_range(under);
        let pattern = format!("%{}%", escape_like(q.trim()));
        let total = sqlx::query("SELECT COUNT(*) AS n FROM departments d WHERE d.region_code >= $1 AND d.region_code < $2 AND d.name LIKE $3 ESCAPE '\\' AND d.active = 1")
            .bind(from.clone())
            .bind(to.clone())
            .bind(pattern.clone())
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE d.region_code >= $1 AND d.region_code < $2 AND d.name LIKE $3 ESCAPE '\\' AND d.active = 1 ORDER BY d.region_code, d.name LIMIT $4 OFFSET $5"
        )))
        .bind(from)
        .bind(to)
        .bind(pattern)
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(self.db.reader())
        .await?;
        Ok((
            rows.iter().map(department_row).collect::<Result<_>>()?,
            total,
        ))
    }

    /// Creates the departments named in a service catalogue CSV (columns `department`,
    /// `dept_code`, `area_code`), one per name and region, with the code used by most of its
    /// rows. Idempotent: existing departments (by region and name) are left alone.
    pub async fn import_catalogue_departments(&self, csv_text: &str) -> Result<ImportReport> {
        let mut reader = csv::ReaderBuilder::new().from_reader(csv_text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| Error::Corrupt(format!("catalogue header: {e}")))?
            .clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .ok_or_else(|| Error::Corrupt(format!("catalogue has no {name} column")))
        };
        let (c_dept, c_code, c_area) = (col("department")?, col("dept_code")?, col("area_code")?);
        // (region, name) -> code -> count
        let mut seen: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        let mut order: Vec<(String, String)> = Vec::new();
        for (i, rec) in reader.records().enumerate() {
            let rec = rec.map_err(|e| Error::Corrupt(format!("catalogue line {}: {e}", i + 2)))?;
            let region = RegionCode::parse(rec.get(c_area).unwrap_or(""))
                .map_err(|_| Error::Corrupt(format!("catalogue line {}: bad area_code", i + 2)))?;
            let key = (
                region.as_str().to_owned(),
                rec.get(c_dept).unwrap_or("").trim().to_owned(),
            );
            if !seen.contains_key(&key) {
                order.push(key.clone());
            }
            *seen
                .entry(key)
                .or_default()
                .entry(rec.get(c_code).unwrap_or("").trim().to_owned())
                .or_default() += 1;
        }
        let mut report = ImportReport::default();
        let mut tx = self.begin().await?;
        for key in order {
            let codes = &seen[&key];
            let mut best: Vec<(&String, &u32)> = codes.iter().collect();
            best.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let code = best.first().map(|(c, _)| (*c).clone()).unwrap_or_default();
            let input = yiwang_domain::department::DepartmentInput {
                name: key.1.clone(),
                code,
                region: key.0.clone(),
                ..Default::default()
            };
            let exists =
                sqlx::query("SELECT 1 AS x FROM departments WHERE region_code = $1 AND name = $2")
                    .bind(key.0.clone())
                    .bind(key.1.clone())
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_some() {
                report.unchanged += 1;
            } else {
                let valid = self
                    .check_department(&mut tx, &input, None)
                    .await
                    .map_err(|e| Error::Corrupt(format!("department {}: {e}", key.1)))?;
                self.create_department(&mut tx, &valid).await?;
                report.added += 1;
            }
        }
        tx.commit().await?;
        Ok(report)
    }
}

fn department_row(r: &sqlx::any::AnyRow) -> Result<Department> {
    Ok(Department {
        id: r.parsed("id")?,
        name: r.text("name")?,
        code: r.opt_text("code")?,
        region: RegionCode::parse(&r.text("region_code")?)
            .map_err(|_| Error::Corrupt("region code".into()))?,
        region_name: r.text("region_name")?,
        level: named("level", &r.text("level")?, RegionLevel::parse)?,
        phone: r.opt_text("phone")?,
        address: r.opt_text("address")?,
        hours: r.opt_text("hours")?,
        version: r.int("version")?,
        updated_at: r.ts("updated_at")?,
    })
}
