//! Satisfaction ratings (好差评, APP-7, after GB/T 39734-2020) and the rectification tasks a
//! bad rating opens (差评整改). One rating per case (一事一评): the table's primary key is the
//! case, and a second attempt is `conflict`.

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::parse_date;
use yiwang_domain::ids::{AccountId, CaseId, DepartmentId, ItemId, RectificationId};
use yiwang_domain::workflow::{RatingLevel, RatingSummary};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// A rating to store.
#[derive(Debug, Clone)]
pub struct NewRating<'a> {
    /// The case rated.
    pub case_id: CaseId,
    /// Its item.
    pub item_id: ItemId,
    /// The department that handled it.
    pub department_id: DepartmentId,
    /// The overall level.
    pub level: RatingLevel,
    /// The comment (checked by the domain).
    pub comment: &'a str,
    /// 办事效率, 1 to 5.
    pub efficiency: Option<u8>,
    /// 指南准确, 1 to 5.
    pub guide_accuracy: Option<u8>,
    /// 办事便利, 1 to 5.
    pub convenience: Option<u8>,
    /// 平台易用, 1 to 5.
    pub usability: Option<u8>,
}

/// A stored rating.
#[derive(Debug, Clone)]
pub struct RatingRow {
    /// The case rated.
    pub case_id: CaseId,
    /// The overall level.
    pub level: RatingLevel,
    /// The comment.
    pub comment: String,
    /// 办事效率.
    pub efficiency: Option<u8>,
    /// 指南准确.
    pub guide_accuracy: Option<u8>,
    /// 办事便利.
    pub convenience: Option<u8>,
    /// 平台易用.
    pub usability: Option<u8>,
    /// When.
    pub created_at: Timestamp,
}

/// An open (or closed) rectification task, with what the department needs to call back.
#[derive(Debug, Clone)]
pub struct RectificationRow {
    /// Its id.
    pub id: RectificationId,
    /// The case rated badly.
    pub case_id: CaseId,
    /// The case's receipt number.
    pub receipt: String,
    /// The item's name.
    pub item_name: String,
    /// The responsible department.
    pub department_id: DepartmentId,
    /// Its name.
    pub department_name: String,
    /// The last day to rectify and call back.
    pub due_on: Date,
    /// The rating's level.
    pub level: Option<RatingLevel>,
    /// The rating's comment.
    pub comment: String,
    /// The call-back note, once closed.
    pub callback_note: Option<String>,
    /// When it was opened.
    pub created_at: Timestamp,
}

fn score(v: Option<u8>) -> Option<i64> {
    v.map(i64::from)
}

fn small(r: &sqlx::any::AnyRow, col: &str) -> Result<Option<u8>> {
    Ok(r.opt_int(col)?.and_then(|v| u8::try_from(v).ok()))
}

fn level_of(n: i64) -> Option<RatingLevel> {
    RatingLevel::parse(&n.to_string())
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Stores a case's rating; a case already rated is `conflict` (nothing changes).
    pub async fn add_rating(&self, tx: &mut Tx, r: &NewRating<'_>) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO ratings (case_id, item_id, department_id, level, comment, efficiency, guide_accuracy, convenience, usability, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
        )
        .bind(r.case_id.to_string())
        .bind(r.item_id.to_string())
        .bind(r.department_id.to_string())
        .bind(i64::from(r.level.score()))
        .bind(r.comment)
        .bind(score(r.efficiency))
        .bind(score(r.guide_accuracy))
        .bind(score(r.convenience))
        .bind(score(r.usability))
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(Error::code(yiwang_domain::ErrorCode::Conflict));
        }
        Ok(())
    }

    /// A case's rating, if it was rated.
    pub async fn rating_of_case(&self, case: CaseId) -> Result<Option<RatingRow>> {
        sqlx::query(
            "SELECT case_id, level, comment, efficiency, guide_accuracy, convenience, usability, created_at FROM ratings WHERE case_id = $1",
        )
        .bind(case.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .map(|r| {
            Ok(RatingRow {
                case_id: r.parsed("case_id")?,
                level: named("level", &r.int("level")?.to_string(), RatingLevel::parse)?,
                comment: r.text("comment")?,
                efficiency: small(&r, "efficiency")?,
                guide_accuracy: small(&r, "guide_accuracy")?,
                convenience: small(&r, "convenience")?,
                usability: small(&r, "usability")?,
                created_at: r.ts("created_at")?,
            })
        })
        .transpose()
    }

    async fn rating_summary(&self, column: &'static str, id: String) -> Result<RatingSummary> {
        let sql =
            format!("SELECT level, COUNT(*) AS n FROM ratings WHERE {column} = $1 GROUP BY level");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_all(self.db.reader())
            .await?;
        let mut s = RatingSummary::default();
        for r in rows {
            let Some(level) = level_of(r.int("level")?) else {
                continue;
            };
            let n = u64::try_from(r.int("n")?).unwrap_or(0);
            let i = usize::from(level.score() - 1);
            s.by_level[i] = s.by_level[i].saturating_add(n);
            s.count = s.count.saturating_add(n);
        }
        Ok(s)
    }

    /// Ratings of one item counted by level.
    pub async fn rating_summary_for_item(&self, item: ItemId) -> Result<RatingSummary> {
        self.rating_summary("item_id", item.to_string()).await
    }

    /// Ratings of one department's cases counted by level.
    pub async fn rating_summary_for_department(
        &self,
        department: DepartmentId,
    ) -> Result<RatingSummary> {
        self.rating_summary("department_id", department.to_string())
            .await
    }

    /// Opens a rectification task for a bad rating, due on `due_on`.
    pub async fn add_rectification(
        &self,
        tx: &mut Tx,
        case: CaseId,
        department: DepartmentId,
        due_on: Date,
    ) -> Result<RectificationId> {
        let id = RectificationId::generate();
        sqlx::query(
            "INSERT INTO rectifications (id, case_id, department_id, due_on, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id.to_string())
        .bind(case.to_string())
        .bind(department.to_string())
        .bind(due_on.to_string())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// The open rectification tasks of these departments (the caller's scope; empty = none),
    /// the earliest due first.
    pub async fn open_rectifications(
        &self,
        departments: &[DepartmentId],
    ) -> Result<Vec<RectificationRow>> {
        if departments.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT x.id, x.case_id, c.receipt, i.name AS item_name, x.department_id, d.name AS department_name, x.due_on, r.level, r.comment, x.callback_note, x.created_at
             FROM rectifications x JOIN cases c ON c.id = x.case_id JOIN items i ON i.id = c.item_id
             JOIN departments d ON d.id = x.department_id LEFT JOIN ratings r ON r.case_id = x.case_id
             WHERE x.closed_at IS NULL AND x.department_id IN ({}) ORDER BY x.due_on, x.created_at",
            placeholders(1, departments.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for d in departments {
            q = q.bind(d.to_string());
        }
        q.fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| {
                let due = r.text("due_on")?;
                Ok(RectificationRow {
                    id: r.parsed("id")?,
                    case_id: r.parsed("case_id")?,
                    receipt: r.text("receipt")?,
                    item_name: r.text("item_name")?,
                    department_id: r.parsed("department_id")?,
                    department_name: r.text("department_name")?,
                    due_on: parse_date(&due)
                        .ok_or_else(|| Error::Corrupt(format!("due_on {due:?}")))?,
                    level: r.opt_int("level")?.and_then(level_of),
                    comment: r.opt_text("comment")?.unwrap_or_default(),
                    callback_note: r.opt_text("callback_note")?,
                    created_at: r.ts("created_at")?,
                })
            })
            .collect()
    }

    /// Closes a rectification task with the note of the call-back to the applicant. A task
    /// already closed (or unknown) is `not_found`.
    pub async fn record_callback(
        &self,
        tx: &mut Tx,
        id: RectificationId,
        note: &str,
        by: AccountId,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE rectifications SET callback_note = $2, closed_by = $3, closed_at = $4 WHERE id = $1 AND closed_at IS NULL",
        )
        .bind(id.to_string())
        .bind(note)
        .bind(by.to_string())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if done == 0 {
            return Err(Error::not_found());
        }
        Ok(())
    }
}
