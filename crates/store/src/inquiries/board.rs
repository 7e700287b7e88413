//! The public board (问政广场, INQ-4): answered public inquiries in the masked words a handler
//! confirmed, newest first.

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::parse_date;
use yiwang_domain::ids::{DepartmentId, InquiryId};
use yiwang_domain::paging::Page;

use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// One inquiry on the board.
#[derive(Debug, Clone)]
pub struct BoardRow {
    /// The inquiry.
    pub id: InquiryId,
    /// Its receipt number.
    pub receipt: String,
    /// Its category's code.
    pub category: String,
    /// The masked title, question and answer.
    pub title: String,
    /// The masked question.
    pub body: String,
    /// The masked answer.
    pub reply: String,
    /// The department that answered.
    pub department: String,
    /// Its id.
    pub department_id: Option<DepartmentId>,
    /// Where it was asked.
    pub region_code: String,
    /// When it was asked and answered.
    pub submitted_on: Option<Date>,
    /// When it was answered.
    pub replied_on: Option<Date>,
    /// When it was published.
    pub published_at: Timestamp,
}

/// What the board shows.
#[derive(Debug, Clone, Default)]
pub struct BoardQuery {
    /// One category (`""`: all).
    pub category: String,
    /// One department.
    pub department: Option<DepartmentId>,
    /// Under a region (`""`: all).
    pub region: String,
}

fn read(r: &sqlx::any::AnyRow) -> Result<BoardRow> {
    let date =
        |c: &str| -> Result<Option<Date>> { Ok(r.opt_text(c)?.as_deref().and_then(parse_date)) };
    Ok(BoardRow {
        id: r.parsed("id")?,
        receipt: r.text("receipt")?,
        category: r.text("category")?,
        title: r.text("board_title")?,
        body: r.text("board_body")?,
        reply: r.opt_text("board_reply")?.unwrap_or_default(),
        department: r.opt_text("department_name")?.unwrap_or_default(),
        department_id: r.opt_text("department_id")?.and_then(|d| d.parse().ok()),
        region_code: r.text("region_code")?,
        submitted_on: date("submitted_on")?,
        replied_on: date("replied_on")?,
        published_at: Timestamp(r.int("published_at")?),
    })
}

const COLUMNS: &str = "i.id, i.receipt, i.category, i.board_title, i.board_body, i.board_reply, d.name AS department_name, i.department_id, i.region_code, i.submitted_on, i.replied_on, i.published_at";

impl Store {
    /// Publishes an answered inquiry with the masked texts its handler confirmed (again: the
    /// new texts replace the old).
    pub async fn publish_inquiry(
        &self,
        tx: &mut Tx,
        id: InquiryId,
        title: &str,
        body: &str,
        reply: &str,
    ) -> Result<()> {
        let now = Timestamp::now().millis();
        sqlx::query(
            "UPDATE inquiries SET board_title = $1, board_body = $2, board_reply = $3, published_at = $4, updated_at = $4, revision = revision + 1 WHERE id = $5",
        )
        .bind(title.to_owned())
        .bind(body.to_owned())
        .bind(reply.to_owned())
        .bind(now)
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
        self.record_change(
            tx,
            crate::catalog::changes::ChangeKind::Inquiry,
            &id.to_string(),
        )
        .await
    }

    /// Takes an inquiry off the board.
    pub async fn unpublish_inquiry(&self, tx: &mut Tx, id: InquiryId) -> Result<()> {
        sqlx::query("UPDATE inquiries SET published_at = NULL, updated_at = $1, revision = revision + 1 WHERE id = $2")
            .bind(Timestamp::now().millis())
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        self.record_change(
            tx,
            crate::catalog::changes::ChangeKind::Inquiry,
            &id.to_string(),
        )
        .await
    }

    /// The board, newest first, and how many there are. Only the filters asked for are in
    /// the query, so that the (published_at, id) index serves the page and the count.
    pub async fn inquiry_board(&self, q: &BoardQuery, page: Page) -> Result<(Vec<BoardRow>, i64)> {
        // Only public inquiries are ever published (`services::board` checks), so the board
        // needs no more than the index holds.
        let mut filter = String::from("i.published_at IS NOT NULL");
        let mut values: Vec<String> = Vec::new();
        let mut add = |sql: &str, v: String| {
            values.push(v);
            filter.push_str(&format!(" AND {sql} ${}", values.len()));
        };
        if !q.category.is_empty() {
            add("i.category =", q.category.clone());
        }
        if let Some(d) = q.department {
            add("i.department_id =", d.to_string());
        }
        if !q.region.is_empty() {
            add("i.region_code LIKE", format!("{}%", q.region));
        }
        let n = values.len();
        let sql = format!(
            "SELECT {COLUMNS} FROM inquiries i LEFT JOIN departments d ON d.id = i.department_id WHERE {filter} ORDER BY i.published_at DESC, i.id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for v in &values {
            query = query.bind(v.clone());
        }
        let rows = query
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect::<Result<Vec<_>>>()?;
        let count = format!("SELECT COUNT(*) AS n FROM inquiries i WHERE {filter}");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(count));
        for v in &values {
            query = query.bind(v.clone());
        }
        let total = query.fetch_one(self.db.reader()).await?.int("n")?;
        Ok((rows, total))
    }

    /// The board after `after` (by id), `limit` at a time, for rebuilding the search index.
    pub async fn board_page(&self, after: Option<InquiryId>, limit: i64) -> Result<Vec<BoardRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM inquiries i LEFT JOIN departments d ON d.id = i.department_id WHERE i.published_at IS NOT NULL AND i.wants_public = 1 AND i.id > $1 ORDER BY i.id LIMIT $2"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(after.map(|a| a.to_string()).unwrap_or_default())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }

    /// One inquiry of the board.
    pub async fn board_inquiry(&self, id: InquiryId) -> Result<Option<BoardRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM inquiries i LEFT JOIN departments d ON d.id = i.department_id WHERE i.id = $1 AND i.published_at IS NOT NULL AND i.wants_public = 1"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .as_ref()
            .map(read)
            .transpose()
    }
}
