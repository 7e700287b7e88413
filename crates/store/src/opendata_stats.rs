//! What the platform's own open statistics (DATA-3) read: one line per case and per inquiry
//! with only the facts a statistic needs (no applicant, no answers, no contact), the pauses of
//! decided cases, and the no-result search counter (`search_misses`). The disclosure rule is
//! `domain::open_stats`; the tables are built by the opendata capability.

use std::collections::HashMap;

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::Pause;
use yiwang_domain::ids::DataResourceId;

use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// One case as the statistics see it.
#[derive(Debug, Clone)]
pub struct CaseFact {
    /// The case id (to find its pauses; never published).
    pub id: String,
    /// The item's national code, or its id when it has none.
    pub item_key: String,
    /// The item's name.
    pub item: String,
    /// The department's id.
    pub department_id: String,
    /// The department's name.
    pub department: String,
    /// The case's region code.
    pub region_code: String,
    /// The region's name.
    pub region: String,
    /// When it was submitted.
    pub submitted_at: Timestamp,
    /// Its state (`completed`, `denied`, …).
    pub state: String,
    /// The day it was accepted (the clock starts the next day).
    pub accepted_on: Option<Date>,
    /// When it was decided.
    pub decided_at: Option<Timestamp>,
    /// Its limit in working days.
    pub limit_days: Option<i64>,
    /// Its rating, 1…5.
    pub rating: Option<i64>,
}

/// One inquiry as the statistics see it.
#[derive(Debug, Clone)]
pub struct InquiryFact {
    /// Its category's code.
    pub category: String,
    /// The category's definition (JSON; its `name.zh` is shown).
    pub category_definition: String,
    /// The day it was submitted.
    pub submitted_on: Option<Date>,
    /// The day it was replied to.
    pub replied_on: Option<Date>,
    /// The reply's due day.
    pub reply_due: Option<Date>,
    /// The verdicts given on its replies.
    pub verdicts: Vec<String>,
}

fn day(r: &sqlx::any::AnyRow, col: &str) -> Result<Option<Date>> {
    Ok(r.opt_text(col)?
        .and_then(|s| yiwang_domain::deadline::parse_date(&s)))
}

impl Store {
    /// Every case, with its item, department, region and rating (no personal data).
    pub async fn case_facts(&self) -> Result<Vec<CaseFact>> {
        let rows = sqlx::query(
            "SELECT c.id, COALESCE(i.code, i.id) AS item_key, i.name AS item, c.department_id, d.name AS department,
                    c.region_code, g.name AS region, c.submitted_at, c.state, c.accepted_on, c.decided_at, c.limit_days,
                    r.level AS rating
             FROM cases c
             JOIN items i ON i.id = c.item_id
             JOIN departments d ON d.id = c.department_id
             JOIN regions g ON g.code = c.region_code
             LEFT JOIN ratings r ON r.case_id = c.id
             ORDER BY c.submitted_at, c.id",
        )
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CaseFact {
                    id: r.text("id")?,
                    item_key: r.text("item_key")?,
                    item: r.text("item")?,
                    department_id: r.text("department_id")?,
                    department: r.text("department")?,
                    region_code: r.text("region_code")?,
                    region: r.text("region")?,
                    submitted_at: r.ts("submitted_at")?,
                    state: r.text("state")?,
                    accepted_on: day(r, "accepted_on")?,
                    decided_at: r.opt_int("decided_at")?.map(Timestamp),
                    limit_days: r.opt_int("limit_days")?,
                    rating: r.opt_int("rating")?,
                })
            })
            .collect()
    }

    /// The pauses of every decided case, by case id.
    pub async fn decided_case_pauses(&self) -> Result<HashMap<String, Vec<Pause>>> {
        let rows = sqlx::query(
            "SELECT p.case_id, p.from_day, p.to_day FROM case_pauses p JOIN cases c ON c.id = p.case_id
             WHERE c.decided_at IS NOT NULL ORDER BY p.case_id, p.seq",
        )
        .fetch_all(self.db.reader())
        .await?;
        let mut out: HashMap<String, Vec<Pause>> = HashMap::new();
        for r in &rows {
            let Some(from) = day(r, "from_day")? else {
                continue;
            };
            out.entry(r.text("case_id")?).or_default().push(Pause {
                from,
                to: day(r, "to_day")?,
            });
        }
        Ok(out)
    }

    /// Every inquiry with its category and verdicts (no text, no contact).
    pub async fn inquiry_facts(&self) -> Result<Vec<InquiryFact>> {
        let rows = sqlx::query(
            "SELECT i.id, i.category, c.definition, i.submitted_on, i.replied_on, i.reply_due
             FROM inquiries i JOIN inquiry_categories c ON c.code = i.category ORDER BY i.created_at, i.id",
        )
        .fetch_all(self.db.reader())
        .await?;
        let verdicts = sqlx::query("SELECT inquiry_id, verdict FROM inquiry_ratings")
            .fetch_all(self.db.reader())
            .await?;
        let mut by_inquiry: HashMap<String, Vec<String>> = HashMap::new();
        for v in &verdicts {
            by_inquiry
                .entry(v.text("inquiry_id")?)
                .or_default()
                .push(v.text("verdict")?);
        }
        rows.iter()
            .map(|r| {
                Ok(InquiryFact {
                    category: r.text("category")?,
                    category_definition: r.text("definition")?,
                    submitted_on: day(r, "submitted_on")?,
                    replied_on: day(r, "replied_on")?,
                    reply_due: day(r, "reply_due")?,
                    verdicts: by_inquiry.remove(&r.text("id")?).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Adds counted no-result searches `(term, day, count)` to the table, in one transaction.
    pub async fn add_search_misses(&self, counts: &[(String, Date, i64)]) -> Result<()> {
        if counts.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        for (term, day, n) in counts {
            sqlx::query(
                "INSERT INTO search_misses (term, day, searches) VALUES ($1, $2, $3)
                 ON CONFLICT (term, day) DO UPDATE SET searches = search_misses.searches + excluded.searches",
            )
            .bind(term)
            .bind(day.to_string())
            .bind(*n)
            .execute(&mut *tx)
            .await?;
        }
        crate::commit(tx).await
    }

    /// No-result terms searched at least `min` times in all: `(term, searches, days)`, the
    /// most searched first (at most `limit`).
    pub async fn search_miss_totals(
        &self,
        min: i64,
        limit: i64,
    ) -> Result<Vec<(String, i64, i64)>> {
        let rows = sqlx::query(
            "SELECT term, CAST(SUM(searches) AS BIGINT) AS searches, CAST(COUNT(*) AS BIGINT) AS days FROM search_misses
             GROUP BY term HAVING SUM(searches) >= $1 ORDER BY 2 DESC, term LIMIT $2",
        )
        .bind(min)
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| Ok((r.text("term")?, r.int("searches")?, r.int("days")?)))
            .collect()
    }

    /// Records a resource's file as rewritten: its new size and time.
    pub async fn refresh_data_resource(
        &self,
        tx: &mut Tx,
        id: DataResourceId,
        size: i64,
        at: Timestamp,
    ) -> Result<()> {
        sqlx::query("UPDATE dataset_resources SET size_bytes = $1, modified_at = $2 WHERE id = $3")
            .bind(size)
            .bind(at.millis())
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
