//! What admins set for inquiries: the categories, the routing rules (category × region →
//! department), the limits and transfer settings, and whether a department's replies are
//! reviewed.

use yiwang_domain::Timestamp;
use yiwang_domain::ids::{AccountId, DepartmentId, RouteId};
use yiwang_domain::inquiry::{Category, Settings};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// The settings' key.
const SETTINGS: &str = "inquiry_settings";

/// A routing rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteRow {
    /// Its id.
    pub id: RouteId,
    /// The category (`""`: any).
    pub category: String,
    /// The region it covers, with everything under it.
    pub region_code: String,
    /// The region's name.
    pub region_name: String,
    /// The department.
    pub department_id: DepartmentId,
    /// Its name.
    pub department_name: String,
}

fn category(r: &sqlx::any::AnyRow) -> Result<Category> {
    serde_json::from_str(&r.text("definition")?)
        .map_err(|e| Error::Corrupt(format!("inquiry category: {e}")))
}

impl Store {
    /// Every category, in the admins' order (inactive ones too).
    pub async fn inquiry_categories(&self) -> Result<Vec<Category>> {
        sqlx::query("SELECT definition FROM inquiry_categories ORDER BY sort, code")
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(category)
            .collect()
    }

    /// One category.
    pub async fn inquiry_category(&self, code: &str) -> Result<Option<Category>> {
        sqlx::query("SELECT definition FROM inquiry_categories WHERE code = $1")
            .bind(code.to_owned())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| category(&r))
            .transpose()
    }

    /// Adds or changes a category (checked by the caller); a new one goes last.
    pub async fn save_inquiry_category(&self, tx: &mut Tx, c: &Category) -> Result<()> {
        let json = serde_json::to_string(c).map_err(|e| Error::Corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO inquiry_categories (code, definition, sort, active, updated_at)
             VALUES ($1, $2, (SELECT COALESCE(MAX(sort), 0) + 10 FROM inquiry_categories), $3, $4)
             ON CONFLICT (code) DO UPDATE SET definition = excluded.definition, active = excluded.active, updated_at = excluded.updated_at",
        )
        .bind(c.code.clone())
        .bind(json)
        .bind(i64::from(c.active))
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The settings (defaults until an admin changes them).
    pub async fn inquiry_settings(&self) -> Result<Settings> {
        match self.setting(SETTINGS).await? {
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| Error::Corrupt(format!("inquiry settings: {e}"))),
            None => Ok(Settings::default()),
        }
    }

    /// Saves the settings (checked by the caller).
    pub async fn save_inquiry_settings(&self, tx: &mut Tx, s: &Settings) -> Result<()> {
        let json = serde_json::to_string(s).map_err(|e| Error::Corrupt(e.to_string()))?;
        self.set_setting(tx, SETTINGS, &json).await
    }

    /// Every routing rule, by region then category.
    pub async fn inquiry_routes(&self) -> Result<Vec<RouteRow>> {
        let rows = sqlx::query(
            "SELECT r.id, r.category, r.region_code, g.name AS region_name, r.department_id, d.name AS department_name
             FROM inquiry_routes r JOIN regions g ON g.code = r.region_code JOIN departments d ON d.id = r.department_id
             ORDER BY r.region_code, r.category",
        )
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RouteRow {
                    id: r.parsed("id")?,
                    category: r.text("category")?,
                    region_code: r.text("region_code")?,
                    region_name: r.text("region_name")?,
                    department_id: r.parsed("department_id")?,
                    department_name: r.text("department_name")?,
                })
            })
            .collect()
    }

    /// Sets the department for a category (`""`: any) in a region, replacing the rule for the
    /// same pair.
    pub async fn set_inquiry_route(
        &self,
        tx: &mut Tx,
        category: &str,
        region: &str,
        department: DepartmentId,
        by: AccountId,
    ) -> Result<RouteId> {
        sqlx::query("DELETE FROM inquiry_routes WHERE region_code = $1 AND category = $2")
            .bind(region.to_owned())
            .bind(category.to_owned())
            .execute(&mut **tx)
            .await?;
        let id = RouteId::generate();
        sqlx::query(
            "INSERT INTO inquiry_routes (id, category, region_code, department_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.to_string())
        .bind(category.to_owned())
        .bind(region.to_owned())
        .bind(department.to_string())
        .bind(by.to_string())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Removes a rule; `false` if there was none.
    pub async fn delete_inquiry_route(&self, tx: &mut Tx, id: RouteId) -> Result<bool> {
        let n = sqlx::query("DELETE FROM inquiry_routes WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// The department the rules give an inquiry of `category` in `region`: the rule of the
    /// longest region code that contains it, a named category before "any".
    pub async fn inquiry_route_for(
        &self,
        category: &str,
        region: &str,
    ) -> Result<Option<DepartmentId>> {
        let row = sqlx::query(
            "SELECT department_id FROM inquiry_routes
             WHERE (category = $1 OR category = '') AND $2 LIKE region_code || '%'
             ORDER BY LENGTH(region_code) DESC, CASE WHEN category = '' THEN 1 ELSE 0 END
             LIMIT 1",
        )
        .bind(category.to_owned())
        .bind(region.to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        row.map(|r| r.parsed("department_id")).transpose()
    }

    /// The departments whose answers go through their admin.
    pub async fn inquiry_reply_reviewers(&self) -> Result<Vec<DepartmentId>> {
        sqlx::query("SELECT id FROM departments WHERE inquiry_reply_review = 1")
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| r.parsed("id"))
            .collect()
    }

    /// Whether a department's replies go through its admin.
    pub async fn set_inquiry_reply_review(
        &self,
        tx: &mut Tx,
        d: DepartmentId,
        on: bool,
    ) -> Result<()> {
        sqlx::query("UPDATE departments SET inquiry_reply_review = $1 WHERE id = $2")
            .bind(i64::from(on))
            .bind(d.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
