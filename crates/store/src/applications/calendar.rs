//! The official calendar of public holidays and make-up working days (APP-4), loaded from the
//! shipped file at start and extendable by admins. Deadlines are counted on what is here.

use yiwang_domain::Timestamp;
use yiwang_domain::deadline::{Calendar, CalendarDay, DayKind};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// What loading a calendar file changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarLoad {
    /// Days written (new or changed).
    pub days: u64,
    /// Years newly covered.
    pub years_added: Vec<i32>,
}

impl Store {
    /// The whole calendar (a few hundred rows).
    pub async fn calendar(&self) -> Result<Calendar> {
        let rows = sqlx::query("SELECT day, kind FROM calendar_days")
            .fetch_all(self.db.reader())
            .await?;
        let mut days = Vec::with_capacity(rows.len());
        for r in &rows {
            let day = r.text("day")?;
            let date = yiwang_domain::deadline::parse_date(&day)
                .ok_or_else(|| Error::Corrupt(format!("calendar day {day:?}")))?;
            days.push((date, named("kind", &r.text("kind")?, DayKind::parse)?));
        }
        let years = sqlx::query("SELECT year FROM calendar_years")
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| r.int("year").map(|y| y as i32))
            .collect::<Result<Vec<_>>>()?;
        Ok(Calendar::with_years(days, years))
    }

    /// The covered years with how many days each lists, newest first (for the console).
    pub async fn calendar_years(&self) -> Result<Vec<(i32, i64)>> {
        let rows = sqlx::query(
            "SELECT y.year, (SELECT COUNT(*) FROM calendar_days d WHERE d.day LIKE y.year || '-%') AS n
             FROM calendar_years y ORDER BY y.year DESC",
        )
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| Ok((r.int("year")? as i32, r.int("n")?)))
            .collect()
    }

    /// Writes the days of a parsed calendar file and marks their years covered. A day already
    /// present is overwritten; days of a covered year that the file does not list stay (an
    /// admin may have added them), so loading the shipped file again changes nothing.
    pub async fn load_calendar(
        &self,
        tx: &mut Tx,
        days: &[CalendarDay],
        by: &str,
    ) -> Result<CalendarLoad> {
        let mut load = CalendarLoad::default();
        let now = Timestamp::now().millis();
        let mut years: Vec<i32> = days.iter().map(|d| d.date.year()).collect();
        years.sort_unstable();
        years.dedup();
        for d in days {
            let day = d.date.to_string();
            let changed = sqlx::query(
                "INSERT INTO calendar_days (day, kind, name) VALUES ($1, $2, $3)
                 ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name
                 WHERE calendar_days.kind <> excluded.kind OR calendar_days.name <> excluded.name",
            )
            .bind(&day)
            .bind(d.kind.as_str())
            .bind(&d.name)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            load.days += changed;
        }
        for y in years {
            let added = sqlx::query(
                "INSERT INTO calendar_years (year, loaded_by, loaded_at) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING",
            )
            .bind(i64::from(y))
            .bind(by)
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if added > 0 {
                load.years_added.push(y);
            }
        }
        Ok(load)
    }
}
