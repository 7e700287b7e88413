//! Rate-limit and lockout counters in the database, so every instance enforces the same
//! limits. The arithmetic is in `yiwang_domain::throttle`.

use std::time::Duration;

use yiwang_domain::Timestamp;
use yiwang_domain::throttle::{Counter, RateRule};

use crate::db::Dialect;
use crate::row::RowExt;
use crate::{Result, Store};

impl Store {
    /// A key for a rate counter. `value` (a phone number, an address) is replaced by its blind
    /// index so the table holds no personal data.
    pub fn rate_key(&self, scope: &str, value: &str) -> String {
        format!("{scope}:{}", self.vault().blind_index("rate", value))
    }

    /// If the key is blocked at `now`, for how much longer.
    pub async fn rate_blocked(&self, key: &str, now: Timestamp) -> Result<Option<Duration>> {
        let row = sqlx::query("SELECT blocked_until FROM rate_counters WHERE key = $1")
            .bind(key.to_owned())
            .fetch_optional(self.db.reader())
            .await?;
        Ok(match row {
            Some(r) => r
                .opt_ts("blocked_until")?
                .filter(|u| *u > now)
                .map(|u| u.since(now)),
            None => None,
        })
    }

    /// Counts one event for the key under `rule`. Returns how long the key is now blocked, if
    /// this event reached the limit.
    pub async fn rate_hit(
        &self,
        key: &str,
        rule: RateRule,
        now: Timestamp,
    ) -> Result<Option<Duration>> {
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO rate_counters (key, events, window_start, updated_at) VALUES ($1, 0, $2, $2) ON CONFLICT DO NOTHING")
            .bind(key.to_owned())
            .bind(now.millis())
            .execute(&mut *tx)
            .await?;
        let sql = match self.db.dialect() {
            Dialect::Sqlite => {
                "SELECT events, window_start, blocked_until FROM rate_counters WHERE key = $1"
            }
            Dialect::Postgres => {
                "SELECT events, window_start, blocked_until FROM rate_counters WHERE key = $1 FOR UPDATE"
            }
        };
        let row = sqlx::query(sql)
            .bind(key.to_owned())
            .fetch_one(&mut *tx)
            .await?;
        let counter = Counter {
            events: u32::try_from(row.int("events")?).unwrap_or(u32::MAX),
            window_start: row.ts("window_start")?,
            blocked_until: row.opt_ts("blocked_until")?,
        };
        let next = counter.record(rule, now);
        sqlx::query("UPDATE rate_counters SET events = $1, window_start = $2, blocked_until = $3, updated_at = $4 WHERE key = $5")
            .bind(i64::from(next.events))
            .bind(next.window_start.millis())
            .bind(next.blocked_until.map(|t| t.millis()))
            .bind(now.millis())
            .bind(key.to_owned())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(next.blocked(now))
    }

    /// Clears a key (after a successful login).
    pub async fn rate_reset(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM rate_counters WHERE key = $1")
            .bind(key.to_owned())
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Deletes counters untouched for a day and not blocked.
    pub async fn purge_rate_counters(&self, now: Timestamp) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM rate_counters WHERE updated_at < $1 AND (blocked_until IS NULL OR blocked_until < $2)")
            .bind(now.minus(Duration::from_secs(86_400 * 2)).millis())
            .bind(now.millis())
            .execute(self.db.writer())
            .await?
            .rows_affected())
    }
}
