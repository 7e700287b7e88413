//! Deployment-wide settings that every instance must agree on (kept in the database, not in
//! each instance's configuration file).

use yiwang_domain::Timestamp;

use crate::row::RowExt;
use crate::{Result, Store, Tx};

impl Store {
    /// A setting's value.
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
            .bind(key.to_owned())
            .fetch_optional(self.db.reader())
            .await?;
        row.map(|r| r.text("value")).transpose()
    }

    /// Sets a setting in the caller's transaction.
    pub async fn set_setting(&self, tx: &mut Tx, key: &str, value: &str) -> Result<()> {
        sqlx::query("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at")
            .bind(key.to_owned())
            .bind(value.to_owned())
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
