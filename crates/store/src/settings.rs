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

impl Store {
    /// Checks that the configured keys are the ones this database was written with, so a
    /// wrong or missing key stops the start instead of corrupting data. The first start
    /// records a check value encrypted with the current key and a blind index of a constant.
    pub async fn check_keys(&self) -> Result<()> {
        const CONTEXT: &str = "settings.key_check";
        let index = self.vault().blind_index("key_check", "yiwang");
        match (
            self.setting("key_check").await?,
            self.setting("blind_index_check").await?,
        ) {
            (Some(stored), Some(stored_index)) => {
                let blob = yiwang_crypto::hex_decode(&stored)
                    .ok_or_else(|| crate::Error::Corrupt("key_check".into()))?;
                if self.vault().decrypt(CONTEXT, &blob).is_err() {
                    return Err(crate::Error::Migration(
                        "the encryption key does not match the one this database was written with (configure the old key in encryption_old_keys)".into(),
                    ));
                }
                if stored_index != index {
                    return Err(crate::Error::Migration(
                        "the blind-index key does not match the one this database was written with"
                            .into(),
                    ));
                }
                Ok(())
            }
            _ => {
                let blob = self.vault().encrypt(CONTEXT, "yiwang")?;
                let mut tx = self.begin().await?;
                self.set_setting(&mut tx, "key_check", &yiwang_crypto::hex(&blob))
                    .await?;
                self.set_setting(&mut tx, "blind_index_check", &index)
                    .await?;
                crate::commit(tx).await
            }
        }
    }
}
