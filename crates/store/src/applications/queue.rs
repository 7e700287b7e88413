//! Lists of cases: an applicant's own, a department's work queue sorted by deadline, and the
//! supervisor's board of what is overdue in a region (APP-3, APP-4).

use time::Date;
use yiwang_domain::ids::{AccountId, DepartmentId, ItemId};
use yiwang_domain::paging::Page;
use yiwang_domain::workflow::CaseState;

use super::cases::{CASE_COLUMNS, CASE_FROM, CaseRow, read_case};
use crate::row::RowExt;
use crate::{Result, Store};

/// What a staff queue shows.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// The departments whose cases may be listed (the caller's scope); empty = none.
    pub departments: Vec<DepartmentId>,
    /// Only these states; empty = every open state.
    pub states: Vec<CaseState>,
    /// Only this item.
    pub item: Option<ItemId>,
    /// Only cases due on or before this day (overdue and due soon).
    pub due_by: Option<Date>,
    /// Only cases whose receipt starts with this (a clerk typing a receipt number).
    pub receipt_prefix: Option<String>,
    /// Only cases waiting for one of these (`any`, a role's name…: `CaseRow::waiting_on`);
    /// empty = whoever they wait for.
    pub waiting_for: Vec<String>,
}

/// The states in which a case still needs someone to act.
pub const OPEN_STATES: [CaseState; 4] = [
    CaseState::Submitted,
    CaseState::Returned,
    CaseState::UnderReview,
    CaseState::Approved,
];

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// The applicant's cases, newest first.
    pub async fn cases_of(&self, account: AccountId, page: Page) -> Result<(Vec<CaseRow>, i64)> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} {CASE_FROM} WHERE c.account_id = $1 ORDER BY c.submitted_at DESC LIMIT $2 OFFSET $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(account.to_string())
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.db.reader())
            .await?;
        let total = sqlx::query("SELECT COUNT(*) AS n FROM cases WHERE account_id = $1")
            .bind(account.to_string())
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        Ok((rows.iter().map(read_case).collect::<Result<_>>()?, total))
    }

    /// The ids of items the applicant has open cases for (for the "no conflicting open case"
    /// rule of instant approval).
    pub async fn open_case_items(&self, account: AccountId) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT DISTINCT item_id FROM cases WHERE account_id = $1 AND state IN ({})",
            placeholders(2, OPEN_STATES.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(account.to_string());
        for s in OPEN_STATES {
            q = q.bind(s.as_str());
        }
        q.fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| r.text("item_id"))
            .collect()
    }

    /// A work queue: open cases of the given departments, the most urgent first (earliest due
    /// day; cases without a running clock after, oldest submission first).
    pub async fn case_queue(&self, f: &QueueFilter, page: Page) -> Result<(Vec<CaseRow>, i64)> {
        if f.departments.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let mut n = 1;
        let mut wheres = vec![
            format!(
                "c.department_id IN ({})",
                placeholders(n, f.departments.len())
            ),
            // Open cases through the queue index; a chosen state narrows them further.
            "c.queue_open = 1".to_owned(),
        ];
        n += f.departments.len();
        let states: Vec<CaseState> = f
            .states
            .iter()
            .copied()
            .filter(|s| OPEN_STATES.contains(s))
            .collect();
        if !f.states.is_empty() && states.is_empty() {
            return Ok((Vec::new(), 0));
        }
        if !states.is_empty() {
            wheres.push(format!("c.state IN ({})", placeholders(n, states.len())));
            n += states.len();
        }
        if f.item.is_some() {
            wheres.push(format!("c.item_id = ${n}"));
            n += 1;
        }
        if f.due_by.is_some() {
            wheres.push(format!("c.queue_due <= ${n}"));
            n += 1;
        }
        if f.receipt_prefix.is_some() {
            wheres.push(format!("c.receipt LIKE ${n}"));
            n += 1;
        }
        if !f.waiting_for.is_empty() {
            wheres.push(format!(
                "c.waiting_on IN ({})",
                placeholders(n, f.waiting_for.len())
            ));
            n += f.waiting_for.len();
        }
        let filter = wheres.join(" AND ");
        let sql = format!(
            "SELECT {CASE_COLUMNS} {CASE_FROM} WHERE {filter}
             ORDER BY c.queue_due, c.submitted_at LIMIT ${n} OFFSET ${}",
            n + 1
        );
        let count_sql = format!("SELECT COUNT(*) AS n FROM cases c WHERE {filter}");
        macro_rules! bind_filter {
            ($q:expr) => {{
                let mut q = $q;
                for d in &f.departments {
                    q = q.bind(d.to_string());
                }
                for s in &states {
                    q = q.bind(s.as_str());
                }
                if let Some(i) = f.item {
                    q = q.bind(i.to_string());
                }
                if let Some(d) = f.due_by {
                    q = q.bind(d.to_string());
                }
                if let Some(p) = &f.receipt_prefix {
                    q = q.bind(format!("{p}%"));
                }
                for w in &f.waiting_for {
                    q = q.bind(w.as_str());
                }
                q
            }};
        }
        let rows = bind_filter!(sqlx::query(sqlx::AssertSqlSafe(sql.clone())))
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.db.reader())
            .await?;
        let total = bind_filter!(sqlx::query(sqlx::AssertSqlSafe(count_sql.clone())))
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        Ok((rows.iter().map(read_case).collect::<Result<_>>()?, total))
    }

    /// The supervisor's board: cases of a region (and the regions inside it) whose due day is
    /// before `today` and that are still being handled, the longest overdue first.
    pub async fn overdue_cases(
        &self,
        region_prefix: &str,
        today: Date,
        page: Page,
    ) -> Result<(Vec<CaseRow>, i64)> {
        let states = [CaseState::Submitted, CaseState::UnderReview];
        let filter = format!(
            "c.region_code LIKE $1 AND c.state IN ({}) AND c.due_on < $4",
            placeholders(2, 2)
        );
        let sql = format!(
            "SELECT {CASE_COLUMNS} {CASE_FROM} WHERE {filter} ORDER BY c.due_on, c.submitted_at LIMIT $5 OFFSET $6"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(format!("{region_prefix}%"))
            .bind(states[0].as_str())
            .bind(states[1].as_str())
            .bind(today.to_string())
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.db.reader())
            .await?;
        let total = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM cases c WHERE {filter}"
        )))
        .bind(format!("{region_prefix}%"))
        .bind(states[0].as_str())
        .bind(states[1].as_str())
        .bind(today.to_string())
        .fetch_one(self.db.reader())
        .await?
        .int("n")?;
        Ok((rows.iter().map(read_case).collect::<Result<_>>()?, total))
    }
}
