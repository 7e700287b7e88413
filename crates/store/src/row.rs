//! Small helpers for reading columns from rows of either backend.

use sqlx::Row;
use sqlx::any::AnyRow;
use yiwang_domain::Timestamp;

use crate::{Error, Result};

/// Typed column access with errors that name the column.
pub(crate) trait RowExt {
    fn text(&self, col: &str) -> Result<String>;
    fn opt_text(&self, col: &str) -> Result<Option<String>>;
    fn int(&self, col: &str) -> Result<i64>;
    fn opt_int(&self, col: &str) -> Result<Option<i64>>;
    fn ts(&self, col: &str) -> Result<Timestamp> {
        self.int(col).map(Timestamp)
    }
    fn opt_ts(&self, col: &str) -> Result<Option<Timestamp>> {
        self.opt_int(col).map(|v| v.map(Timestamp))
    }
    fn opt_blob(&self, col: &str) -> Result<Option<Vec<u8>>>;
    fn parsed<T: std::str::FromStr>(&self, col: &str) -> Result<T> {
        let s = self.text(col)?;
        s.parse()
            .map_err(|_| Error::Corrupt(format!("column {col} has an unparseable value")))
    }
    fn opt_parsed<T: std::str::FromStr>(&self, col: &str) -> Result<Option<T>> {
        match self.opt_text(col)? {
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|_| Error::Corrupt(format!("column {col} has an unparseable value"))),
            None => Ok(None),
        }
    }
}

impl RowExt for AnyRow {
    fn text(&self, col: &str) -> Result<String> {
        Ok(self.try_get::<String, _>(col)?)
    }
    fn opt_text(&self, col: &str) -> Result<Option<String>> {
        Ok(self.try_get::<Option<String>, _>(col)?)
    }
    fn int(&self, col: &str) -> Result<i64> {
        Ok(self.try_get::<i64, _>(col)?)
    }
    fn opt_int(&self, col: &str) -> Result<Option<i64>> {
        Ok(self.try_get::<Option<i64>, _>(col)?)
    }
    fn opt_blob(&self, col: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.try_get::<Option<Vec<u8>>, _>(col)?)
    }
}

/// Parses a stored stable name, or reports corrupt data naming the column.
pub(crate) fn named<T>(col: &str, v: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    parse(v).ok_or_else(|| Error::Corrupt(format!("column {col} has unknown value {v:?}")))
}

/// Whether a one-parameter `SELECT 1 AS x …` query finds a row, inside the transaction
/// (existence checks of references before a write).
pub(crate) async fn exists(tx: &mut crate::Tx, sql: &'static str, value: String) -> Result<bool> {
    Ok(sqlx::query(sql)
        .bind(value)
        .fetch_optional(&mut **tx)
        .await?
        .is_some())
}

/// The error for an edit made from a stale version, which changed no row: `conflict` when the
/// row still exists (someone saved in between), otherwise not found. `exists_sql` selects the
/// row by its id.
pub(crate) async fn conflict_or_missing(
    tx: &mut crate::Tx,
    exists_sql: &'static str,
    id: String,
) -> Result<Error> {
    Ok(if exists(tx, exists_sql, id).await? {
        Error::code(yiwang_domain::ErrorCode::Conflict)
    } else {
        Error::not_found()
    })
}
