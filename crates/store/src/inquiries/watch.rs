//! What the inquiry deadline job needs (INQ-3): inquiries about to be due (催办, remind the
//! department once per due day), past due (督办, put before the region's supervisors and the
//! department's leaders once per due day), and replies whose verdict window has passed. The
//! mark and the messages are one transaction with a guard on the mark, so each is told once
//! however many instances run the job.

use time::Date;
use yiwang_domain::auth::Role;
use yiwang_domain::ids::{AccountId, DepartmentId, InquiryId};

use super::{COLUMNS, FROM, InquiryRow, read};
use crate::applications::watch::mark_once;
use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// The states whose due day someone at the government must meet.
const RUNNING: &str = "('assigned', 'handling', 'reply_review', 'review')";

impl Store {
    /// Inquiries with a running clock due between `today` and `by` not yet reminded.
    pub async fn inquiries_due_soon(
        &self,
        today: Date,
        by: Date,
        limit: i64,
    ) -> Result<Vec<InquiryRow>> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE i.state IN {RUNNING} AND i.due_on >= $1 AND i.due_on <= $2 AND i.reminded_at IS NULL ORDER BY i.due_on LIMIT $3"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(today.to_string())
            .bind(by.to_string())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }

    /// Inquiries past their due day not yet escalated.
    pub async fn inquiries_newly_overdue(
        &self,
        today: Date,
        limit: i64,
    ) -> Result<Vec<InquiryRow>> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE i.state IN {RUNNING} AND i.due_on < $1 AND i.overdue_at IS NULL ORDER BY i.due_on LIMIT $2"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(today.to_string())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }

    /// Replied inquiries whose reply was sent on or before `before` (the verdict window is
    /// over): the platform closes them.
    pub async fn inquiries_to_close(&self, before: Date, limit: i64) -> Result<Vec<InquiryRow>> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE i.state = 'replied' AND i.replied_on <= $1 ORDER BY i.replied_on LIMIT $2"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(before.to_string())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }

    /// Marks an inquiry reminded for its current due day; `false` when another run did.
    pub async fn mark_inquiry_reminded(&self, tx: &mut Tx, id: InquiryId) -> Result<bool> {
        mark_once(
            tx,
            "UPDATE inquiries SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL",
            id.to_string(),
        )
        .await
    }

    /// Marks an inquiry escalated for its current due day; `false` when another run did.
    pub async fn mark_inquiry_overdue(&self, tx: &mut Tx, id: InquiryId) -> Result<bool> {
        mark_once(
            tx,
            "UPDATE inquiries SET overdue_at = $2 WHERE id = $1 AND overdue_at IS NULL",
            id.to_string(),
        )
        .await
    }

    /// Active staff who handle a department's inquiries.
    pub async fn inquiry_handlers(&self, department: DepartmentId) -> Result<Vec<AccountId>> {
        self.case_handlers(department).await
    }

    /// The department's leaders (its active admins).
    pub async fn department_admins(&self, department: DepartmentId) -> Result<Vec<AccountId>> {
        self.holders_in(department, &[Role::DeptAdmin]).await
    }

    /// Active dispatchers whose region contains `region`.
    pub async fn dispatchers_over(&self, region: &str) -> Result<Vec<AccountId>> {
        self.holders_over(Role::Dispatcher, region).await
    }

    /// The supervisor's board of a region: open inquiries past their due day, and those
    /// reopened after an unsatisfied verdict, the longest overdue first, and how many.
    pub async fn inquiries_to_supervise(
        &self,
        region_prefix: &str,
        today: Date,
        page: yiwang_domain::paging::Page,
    ) -> Result<(Vec<InquiryRow>, i64)> {
        let filter = format!(
            "i.region_code LIKE $1 AND ((i.state IN {RUNNING} AND i.due_on < $2) OR (i.reopened > 0 AND i.state NOT IN ('closed', 'merged')))"
        );
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE {filter} ORDER BY CASE WHEN i.due_on IS NULL THEN 1 ELSE 0 END, i.due_on, i.created_at LIMIT $3 OFFSET $4"
        );
        let like = format!("{region_prefix}%");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(like.clone())
            .bind(today.to_string())
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect::<Result<Vec<_>>>()?;
        let total = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM inquiries i WHERE {filter}"
        )))
        .bind(like)
        .bind(today.to_string())
        .fetch_one(self.db.reader())
        .await?
        .int("n")?;
        Ok((rows, total))
    }
}
