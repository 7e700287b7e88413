//! The league table's counters (INQ-4): bumped by day, department and street in the
//! transaction of the event they count, summed over a period per department or per region.
//! A table reads a few rows per day and department, never the inquiries; "overdue now" is one
//! indexed count.

use time::Date;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::inquiry::league::Counts;

use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// Each counter summed, as BIGINT on both databases (PostgreSQL sums BIGINTs to NUMERIC).
const SUMS: &str = "CAST(SUM(received) AS BIGINT) AS received, CAST(SUM(acknowledged) AS BIGINT) AS acknowledged, CAST(SUM(acknowledged_on_time) AS BIGINT) AS acknowledged_on_time, CAST(SUM(replied) AS BIGINT) AS replied, CAST(SUM(replied_on_time) AS BIGINT) AS replied_on_time, CAST(SUM(reply_days) AS BIGINT) AS reply_days, CAST(SUM(rated) AS BIGINT) AS rated, CAST(SUM(satisfied) AS BIGINT) AS satisfied, CAST(SUM(basically) AS BIGINT) AS basically, CAST(SUM(unsatisfied) AS BIGINT) AS unsatisfied, CAST(SUM(reopened) AS BIGINT) AS reopened";

fn counts(r: &sqlx::any::AnyRow) -> Result<Counts> {
    let n = |c: &str| r.opt_int(c).map(Option::unwrap_or_default);
    Ok(Counts {
        received: n("received")?,
        acknowledged: n("acknowledged")?,
        acknowledged_on_time: n("acknowledged_on_time")?,
        replied: n("replied")?,
        replied_on_time: n("replied_on_time")?,
        reply_days: n("reply_days")?,
        rated: n("rated")?,
        satisfied: n("satisfied")?,
        basically: n("basically")?,
        unsatisfied: n("unsatisfied")?,
        reopened: n("reopened")?,
    })
}

/// The street (or the region itself, above streets) a counter is kept under.
pub fn stats_region(region_code: &str) -> String {
    region_code.chars().take(9).collect()
}

impl Store {
    /// Adds to the counters of a day, department and region.
    pub async fn bump_inquiry_stats(
        &self,
        tx: &mut Tx,
        day: Date,
        department: DepartmentId,
        region_code: &str,
        c: &Counts,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO inquiry_stats (day, department_id, region_code, received, acknowledged, acknowledged_on_time, replied, replied_on_time, reply_days, rated, satisfied, basically, unsatisfied, reopened)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (day, department_id, region_code) DO UPDATE SET
               received = inquiry_stats.received + excluded.received,
               acknowledged = inquiry_stats.acknowledged + excluded.acknowledged,
               acknowledged_on_time = inquiry_stats.acknowledged_on_time + excluded.acknowledged_on_time,
               replied = inquiry_stats.replied + excluded.replied,
               replied_on_time = inquiry_stats.replied_on_time + excluded.replied_on_time,
               reply_days = inquiry_stats.reply_days + excluded.reply_days,
               rated = inquiry_stats.rated + excluded.rated,
               satisfied = inquiry_stats.satisfied + excluded.satisfied,
               basically = inquiry_stats.basically + excluded.basically,
               unsatisfied = inquiry_stats.unsatisfied + excluded.unsatisfied,
               reopened = inquiry_stats.reopened + excluded.reopened",
        )
        .bind(day.to_string())
        .bind(department.to_string())
        .bind(stats_region(region_code))
        .bind(c.received)
        .bind(c.acknowledged)
        .bind(c.acknowledged_on_time)
        .bind(c.replied)
        .bind(c.replied_on_time)
        .bind(c.reply_days)
        .bind(c.rated)
        .bind(c.satisfied)
        .bind(c.basically)
        .bind(c.unsatisfied)
        .bind(c.reopened)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Each department's counters from `from` to `to` (both included), with its name.
    pub async fn inquiry_league_by_department(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<(DepartmentId, String, Counts)>> {
        let sql = format!(
            "SELECT s.department_id, d.name, {SUMS} FROM inquiry_stats s JOIN departments d ON d.id = s.department_id
             WHERE s.day >= $1 AND s.day <= $2 GROUP BY s.department_id, d.name ORDER BY d.name"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| Ok((r.parsed("department_id")?, r.text("name")?, counts(r)?)))
            .collect()
    }

    /// Counters from `from` to `to` per region, the region codes cut to `digits` (6: counties,
    /// 9: streets), under `within` (a region code prefix, `""` for all).
    pub async fn inquiry_league_by_region(
        &self,
        from: Date,
        to: Date,
        digits: usize,
        within: &str,
    ) -> Result<Vec<(String, Counts)>> {
        let sql = format!(
            "SELECT SUBSTR(region_code, 1, {digits}) AS region, {SUMS} FROM inquiry_stats
             WHERE day >= $1 AND day <= $2 AND region_code LIKE $3 GROUP BY SUBSTR(region_code, 1, {digits}) ORDER BY region"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(from.to_string())
            .bind(to.to_string())
            .bind(format!("{within}%"))
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| Ok((r.text("region")?, counts(r)?)))
            .collect()
    }

    /// Open inquiries past their due day now, per department (one indexed count).
    pub async fn inquiries_overdue_now(&self, today: Date) -> Result<Vec<(DepartmentId, i64)>> {
        sqlx::query(
            "SELECT department_id, COUNT(*) AS n FROM inquiries
             WHERE state IN ('assigned', 'handling', 'reply_review', 'review') AND due_on < $1 AND department_id IS NOT NULL
             GROUP BY department_id",
        )
        .bind(today.to_string())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| Ok((r.parsed("department_id")?, r.int("n")?)))
        .collect()
    }
}
