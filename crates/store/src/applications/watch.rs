//! What the deadline job needs (APP-4): cases about to be due (催办, remind the handling
//! department once) and cases past due (督办, put before the region's supervisors once), and
//! who to tell. Marking and telling happen in one transaction with a guard on the mark, so a
//! case is reminded once however many instances run the job.

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::auth::Role;
use yiwang_domain::ids::{AccountId, CaseId, DepartmentId};

use super::cases::{CASE_COLUMNS, CASE_FROM, CaseRow, read_case};
use crate::row::RowExt;
use crate::{Result, Store, Tx};

impl Store {
    /// Open cases with a running clock due between `today` and `by` (inclusive) that have not
    /// been reminded yet.
    pub async fn cases_due_soon(&self, today: Date, by: Date, limit: i64) -> Result<Vec<CaseRow>> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} {CASE_FROM} WHERE c.state IN ('submitted', 'under_review') AND c.due_on >= $1 AND c.due_on <= $2 AND c.reminded_at IS NULL ORDER BY c.due_on LIMIT $3"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(today.to_string())
            .bind(by.to_string())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read_case)
            .collect()
    }

    /// Open cases past their due day not yet put before the supervisors.
    pub async fn cases_newly_overdue(&self, today: Date, limit: i64) -> Result<Vec<CaseRow>> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} {CASE_FROM} WHERE c.state IN ('submitted', 'under_review') AND c.due_on < $1 AND c.overdue_at IS NULL ORDER BY c.due_on LIMIT $2"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(today.to_string())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read_case)
            .collect()
    }

    /// Marks a case reminded; false when another run did it first.
    pub async fn mark_reminded(&self, tx: &mut Tx, id: CaseId) -> Result<bool> {
        Ok(
            sqlx::query("UPDATE cases SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL")
                .bind(id.to_string())
                .bind(Timestamp::now().millis())
                .execute(&mut **tx)
                .await?
                .rows_affected()
                == 1,
        )
    }

    /// Marks a case overdue; false when another run did it first.
    pub async fn mark_overdue(&self, tx: &mut Tx, id: CaseId) -> Result<bool> {
        Ok(
            sqlx::query("UPDATE cases SET overdue_at = $2 WHERE id = $1 AND overdue_at IS NULL")
                .bind(id.to_string())
                .bind(Timestamp::now().millis())
                .execute(&mut **tx)
                .await?
                .rows_affected()
                == 1,
        )
    }

    /// Active staff holding a case-handling role in the department.
    pub async fn case_handlers(&self, department: DepartmentId) -> Result<Vec<AccountId>> {
        sqlx::query(
            "SELECT DISTINCT g.holder_id FROM role_grants g JOIN accounts a ON a.id = g.holder_id
             WHERE g.holder_kind = 'account' AND g.department_id = $1 AND g.role IN ($2, $3, $4) AND a.status = 'active'",
        )
        .bind(department.to_string())
        .bind(Role::WindowClerk.as_str())
        .bind(Role::Reviewer.as_str())
        .bind(Role::DeptAdmin.as_str())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| r.parsed("holder_id"))
        .collect()
    }

    /// Active supervisors whose region contains `region` (their grant's region is a prefix).
    pub async fn supervisors_over(&self, region: &str) -> Result<Vec<AccountId>> {
        sqlx::query(
            "SELECT DISTINCT g.holder_id FROM role_grants g JOIN accounts a ON a.id = g.holder_id
             WHERE g.holder_kind = 'account' AND g.role = $1 AND a.status = 'active' AND $2 LIKE g.region_code || '%'",
        )
        .bind(Role::Supervisor.as_str())
        .bind(region)
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| r.parsed("holder_id"))
        .collect()
    }
}
