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
        mark_once(
            tx,
            "UPDATE cases SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL",
            id.to_string(),
        )
        .await
    }

    /// Marks a case overdue; false when another run did it first.
    pub async fn mark_overdue(&self, tx: &mut Tx, id: CaseId) -> Result<bool> {
        mark_once(
            tx,
            "UPDATE cases SET overdue_at = $2 WHERE id = $1 AND overdue_at IS NULL",
            id.to_string(),
        )
        .await
    }

    /// Active staff holding a case-handling role in the department.
    pub async fn case_handlers(&self, department: DepartmentId) -> Result<Vec<AccountId>> {
        self.holders_in(
            department,
            &[Role::WindowClerk, Role::Reviewer, Role::DeptAdmin],
        )
        .await
    }

    /// Active supervisors whose region contains `region` (their grant's region is a prefix).
    pub async fn supervisors_over(&self, region: &str) -> Result<Vec<AccountId>> {
        self.holders_over(Role::Supervisor, region).await
    }

    /// Active staff holding one of `roles` in the department.
    pub(crate) async fn holders_in(
        &self,
        department: DepartmentId,
        roles: &[Role],
    ) -> Result<Vec<AccountId>> {
        let sql = format!(
            "SELECT DISTINCT g.holder_id FROM role_grants g JOIN accounts a ON a.id = g.holder_id
             WHERE g.holder_kind = 'account' AND g.department_id = $1 AND g.role IN ({}) AND a.status = 'active'",
            crate::inquiries::placeholders(2, roles.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(department.to_string());
        for role in roles {
            q = q.bind(role.as_str());
        }
        q.fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| r.parsed("holder_id"))
            .collect()
    }

    /// Active staff holding `role` whose region contains `region` (their grant's region is a
    /// prefix).
    pub(crate) async fn holders_over(&self, role: Role, region: &str) -> Result<Vec<AccountId>> {
        sqlx::query(
            "SELECT DISTINCT g.holder_id FROM role_grants g JOIN accounts a ON a.id = g.holder_id
             WHERE g.holder_kind = 'account' AND g.role = $1 AND a.status = 'active' AND $2 LIKE g.region_code || '%'",
        )
        .bind(role.as_str())
        .bind(region)
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| r.parsed("holder_id"))
        .collect()
    }
}

/// Runs a watch's guarded mark (`$1` the row's id, `$2` now; the guard is the mark still
/// being empty): true when this run set it, false when another run did first.
pub(crate) async fn mark_once(tx: &mut Tx, sql: &'static str, id: String) -> Result<bool> {
    let n = sqlx::query(sql)
        .bind(id)
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(n == 1)
}
